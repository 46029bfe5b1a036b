using Portcullis.Risk.Features;
using Portcullis.Risk.Model;

namespace Portcullis.Risk.Evaluation;

/// <summary>Time-ordered evaluation of the model: a train/test split and a weekly simulated operation. Seeded and deterministic.</summary>
public static class Backtest
{
    /// <summary>Runs the backtest on cases sorted by date. Only labelled test cases are evaluated (and can be inspected).</summary>
    public static BacktestReport Run(IReadOnlyList<RiskCase> cases, BacktestOptions options, CancellationToken ct)
    {
        var days = cases.Select(c => c.Date.Date).Distinct().ToList();
        if (days.Count < 2)
        {
            throw new RiskTrainingException($"A backtest needs at least two days of cases; there are {days.Count}.");
        }

        var split = options.SplitDay?.Date ?? days[Math.Clamp((int)Math.Round(days.Count * (1 - options.TestShare)), 1, days.Count - 1)];
        var model = RiskTrainer.Train(cases, options.Training with { To = split.AddDays(-1) }, ct);
        var test = Enumerable.Range(0, cases.Count).Where(i => cases[i].Date >= split && cases[i].Label is not null).ToList();
        var splitReport = EvaluateSplit(cases, test, split, model, options, ct);
        var operation = options.SimulateOperation ? Operate(cases, split, model, options, ct) : null;
        var leaks = LabelLeaks.Find(cases.Where(c => c.Date < split), options.OutcomeColumns);
        return new BacktestReport(splitReport, operation, leaks);
    }

    private static SplitReport EvaluateSplit(IReadOnlyList<RiskCase> cases, List<int> test, DateTime split, TrainedRiskModel model, BacktestOptions options, CancellationToken ct)
    {
        var isTest = new HashSet<int>(test);
        // Test outcomes stay unknown to the history: the split measures a model that learned nothing after it.
        bool Visible(int i) => cases[i].Date < split;
        var p = model.Probabilities(cases, isTest.Contains, Visible, ct);
        var hits = test.Select(i => cases[i].Label!.Hit).ToList();
        var kg = test.Select(i => cases[i].Label!.SeizedKg).ToList();
        var revenue = test.Select(i => cases[i].Label!.Revenue).ToList();
        var metrics = Ranking.Metrics([.. test.Select(i => p[i])], hits, kg, revenue);
        RankingMetrics? rules = null;
        if (options.RuleScore is { } rule)
        {
            var pass = HistoryFeatures.Run(cases, model.Layout, new HistoryPassOptions { Want = isTest.Contains, LabelVisible = Visible, WithFacts = true, Sink = (_, _) => { } }, ct);
            rules = Ranking.Metrics([.. test.Select(i => rule(cases[i], pass.Facts[i]!))], hits, kg, revenue);
        }

        var testHits = hits.Count(h => h);
        return new SplitReport(split, test.Count == 0 ? split : cases[test[^1]].Date.Date, model.Info.TrainingCases, model.Info.TrainingHits,
            test.Count, testHits, test.Count == 0 ? 0 : (double)testHits / test.Count, metrics, rules, model.Hyperparameters, model.Validation);
    }

    private static OperationReport Operate(IReadOnlyList<RiskCase> cases, DateTime split, TrainedRiskModel model, BacktestOptions options, CancellationToken ct)
    {
        // The operation's view of the world: test outcomes hidden until the operation inspects them.
        var view = cases.Select(c => c.Date >= split ? c with { Label = null } : c).ToList();
        var random = new Random(options.Seed);
        var randomOnly = new Random(options.Seed + 1);
        var training = options.SearchEachWeek ? options.Training : options.Training with { Grid = [model.Hyperparameters with { Iterations = Math.Max(model.Hyperparameters.Iterations, 1) }] };
        var weeks = new List<WeekReport>();
        var last = cases[^1].Date.Date;
        for (var start = split; start <= last; start = start.AddDays(7))
        {
            ct.ThrowIfCancellationRequested();
            var end = start.AddDays(7);
            var week = Enumerable.Range(0, cases.Count).Where(i => cases[i].Date >= start && cases[i].Date < end && cases[i].Label is not null).ToList();
            if (week.Count == 0)
            {
                continue;
            }

            var inWeek = new HashSet<int>(week);
            var p = model.Probabilities(view, inWeek.Contains, null, ct);
            var capacity = Math.Clamp((int)(week.Count * options.CapacityPercent / 100), 1, week.Count);
            var explore = (int)Math.Round(capacity * options.ExplorationShare);
            var ranked = week.OrderByDescending(i => p[i]).ThenBy(i => i).ToList();
            var chosen = ranked.Take(capacity - explore).ToList();
            var rest = ranked.Skip(capacity - explore).ToArray();
            random.Shuffle(rest);
            chosen.AddRange(rest.Take(explore));
            var found = chosen.Count(i => cases[i].Label!.Hit);
            var pool = week.ToArray();
            randomOnly.Shuffle(pool);
            var randomFound = pool.Take(capacity).Count(i => cases[i].Label!.Hit);
            weeks.Add(new WeekReport(start, week.Count, week.Count(i => cases[i].Label!.Hit), chosen.Count, explore, found,
                (double)found / chosen.Count, randomFound, (double)randomFound / capacity));

            // Only what was inspected is revealed, and only at the end of the week.
            foreach (var i in chosen)
            {
                view[i] = cases[i] with { Label = cases[i].Label! with { KnownAt = end } };
            }

            if (end <= last)
            {
                model = RiskTrainer.Train(view, training with { To = end.AddDays(-1) }, ct);
            }
        }

        int inspected = weeks.Sum(w => w.Inspected), total = weeks.Sum(w => w.Found), randomTotal = weeks.Sum(w => w.RandomFound);
        var randomInspected = weeks.Sum(w => w.Inspected);
        return new OperationReport(options.CapacityPercent, options.ExplorationShare, weeks, inspected, total,
            inspected == 0 ? 0 : (double)total / inspected, randomTotal, randomInspected == 0 ? 0 : (double)randomTotal / randomInspected);
    }
}
