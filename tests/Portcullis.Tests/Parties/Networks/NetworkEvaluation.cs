using Portcullis.Parties.Networks;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;
using Portcullis.Simulator;
using Portcullis.Tests.Risk.Model;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// The risk model with and without the network features on simulated days: a random fifth inspected
/// (<see cref="SimulatorCases"/>), trained on the earlier days, precision at 5 % on the later ones.
/// Kept with the tests for a gain test and linked into the bench command (`network-eval`); there is no
/// gain test because there is no gain at 5 % (docs/BENCHMARKS.md, "Issue 18: network features"). Every party is its own entity (no resolution): the contact links have to bridge
/// a front's new name on their own.
/// </summary>
internal static class NetworkEvaluation
{
    /// <summary>One run's labelled test cases: whether each was a hit, and each model's score.</summary>
    public sealed record Scores(IReadOnlyList<bool> Hits, IReadOnlyDictionary<string, double[]> ByModel);

    /// <summary>How one network column spreads over the labelled test cases, hits against the rest.</summary>
    public sealed record Diagnostic(string Definition, string Column, double HitMean, double OtherMean, double HitShare, double OtherShare, double Auc, string Spread);

    /// <summary>
    /// The split reports without and with each definition's features, the test cases' scores per model
    /// ("without", and "with" plus the definition's name), each column's spread, and the time spent.
    /// </summary>
    public sealed record Result(
        SplitReport Without, IReadOnlyDictionary<string, SplitReport> With, Scores Scores, IReadOnlyList<Diagnostic> Diagnostics,
        int TrainingHits, TimeSpan NetworkTime, TimeSpan ModelTime)
    {
        /// <summary>The labelled test cases in the order of <see cref="Scores"/>, with the network columns of each definition.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<RiskCase>> Tested { get; init; } = new Dictionary<string, IReadOnlyList<RiskCase>>();
    }

    /// <summary>The features as first built: every kind of link, containers and forwarders included.</summary>
    public static NetworkOptions AllLinks { get; } = new() { FeatureKinds = NetworkOptions.AllKinds };

    /// <summary>
    /// Runs the evaluation with the network features of each named definition (by default only the
    /// contact-link one the app uses).
    /// </summary>
    public static Result Run(IReadOnlyList<SimulatedDay> days, int labelSeed, double testShare, CancellationToken ct, IReadOnlyDictionary<string, NetworkOptions>? definitions = null, bool learnTestOutcomes = false)
    {
        definitions ??= new Dictionary<string, NetworkOptions> { ["contacts"] = new NetworkOptions() };
        var cases = SimulatorCases.From(days, labelSeed);
        var dates = cases.Select(c => c.Date.Date).Distinct().ToList();
        var split = dates[Math.Clamp((int)Math.Round(dates.Count * (1 - testShare)), 1, dates.Count - 1)];
        var consignments = days.SelectMany(d => d.Consignments).ToList();
        var substance = days.SelectMany(d => d.GroundTruth).ToDictionary(g => g.ConsignmentId, g => g.Substance.ToString().ToLowerInvariant());
        var byId = consignments.ToDictionary(c => c.Id);
        var entityOf = new Dictionary<Guid, Guid>();
        // Like the model's history in the backtest, the network learns no outcome of the test days.
        var outcomes = cases
            .Where(c => c.Label is { Hit: true } && (learnTestOutcomes || c.Date < split))
            .SelectMany(c => EntityNetwork.ReceivingEntities(byId[Guid.Parse(c.Id)], entityOf)
                .Select(e => new NetworkOutcome(e, DateOnly.FromDateTime(c.Label!.KnownAt), substance.GetValueOrDefault(Guid.Parse(c.Id), ""))))
            .ToList();
        var test = Enumerable.Range(0, cases.Count).Where(i => cases[i].Date >= split && cases[i].Label is not null).ToList();
        var hits = test.Select(i => cases[i].Label!.Hit).ToList();
        var networkTime = TimeSpan.Zero;
        var modelTime = TimeSpan.Zero;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (without, withoutScores) = Evaluate(cases, test, split, learnTestOutcomes, ct);
        modelTime += clock.Elapsed;
        var with = new Dictionary<string, SplitReport>(StringComparer.Ordinal);
        var scores = new Dictionary<string, double[]>(StringComparer.Ordinal) { ["without"] = withoutScores };
        var diagnostics = new List<Diagnostic>();
        var tested = new Dictionary<string, IReadOnlyList<RiskCase>>(StringComparer.Ordinal);
        foreach (var (name, options) in definitions)
        {
            clock.Restart();
            var features = NetworkTimeline.Compute(days.SelectMany(d => d.NewParties), consignments, entityOf, outcomes, [], options, ct);
            networkTime += clock.Elapsed;
            clock.Restart();
            var withNetwork = cases.Select(c => WithNetwork(c, features[Guid.Parse(c.Id)], options)).ToList();

            foreach (var column in new[] { NetworkFeatures.HopsColumn, NetworkFeatures.YoungColumn, NetworkFeatures.WatchColumn })
            {
                diagnostics.Add(Diagnose(name, column, [.. test.Select(i => withNetwork[i].Numeric[column])], hits, options));
            }

            tested[name] = [.. test.Select(i => withNetwork[i])];
            var (report, p) = Evaluate(withNetwork, test, split, learnTestOutcomes, ct);
            with[name] = report;
            scores["with " + name] = p;
            modelTime += clock.Elapsed;
        }

        var trainingHits = cases.Count(c => c.Date < split && c.Label is { Hit: true });
        return new Result(without, with, new Scores(hits, scores), diagnostics, trainingHits, networkTime, modelTime) { Tested = tested };
    }

    /// <summary>
    /// What Backtest.Run's split evaluation does (train before the split, score the labelled test cases
    /// with test outcomes hidden from the history), keeping the scores for a paired comparison.
    /// </summary>
    private static (SplitReport Report, double[] Scores) Evaluate(List<RiskCase> cases, List<int> test, DateTime split, bool learnTestOutcomes, CancellationToken ct)
    {
        // One candidate of the grid (15 leaves, rate 0.1) for both runs: the comparison is about the features, and it keeps the test short.
        var training = new TrainingOptions { Grid = [TrainingOptions.DefaultGrid[0]] };
        var model = RiskTrainer.Train(cases, training with { To = split.AddDays(-1) }, ct);
        var isTest = test.ToHashSet();
        var p = model.Probabilities(cases, isTest.Contains, learnTestOutcomes ? null : i => cases[i].Date < split, ct);
        double[] scores = [.. test.Select(i => p[i])];
        var hits = test.Select(i => cases[i].Label!.Hit).ToList();
        var metrics = Ranking.Metrics(scores, hits, [.. test.Select(i => cases[i].Label!.SeizedKg)], [.. test.Select(i => cases[i].Label!.Revenue)]);
        var testHits = hits.Count(h => h);
        var report = new SplitReport(split, test.Count == 0 ? split : cases[test[^1]].Date.Date, model.Info.TrainingCases, model.Info.TrainingHits,
            test.Count, testHits, test.Count == 0 ? 0 : (double)testHits / test.Count, metrics, null, model.Hyperparameters, model.Validation);
        return (report, scores);
    }

    /// <summary>
    /// A column's spread: means, the share of cases where it says something (hops: a hit within reach;
    /// counts: above zero), and its AUC alone (fewer hops ranks higher).
    /// </summary>
    public static Diagnostic Diagnose(string definition, string column, IReadOnlyList<double> values, IReadOnlyList<bool> hits, NetworkOptions options)
    {
        var isHops = column == NetworkFeatures.HopsColumn;
        bool Says(double v) => isHops ? v <= options.MaxHops : v > 0;
        var hit = Enumerable.Range(0, values.Count).Where(i => hits[i]).Select(i => values[i]).ToList();
        var other = Enumerable.Range(0, values.Count).Where(i => !hits[i]).Select(i => values[i]).ToList();
        var auc = Ranking.Auc([.. values.Select(v => isHops ? -v : v)], hits);
        // The values' counts (hits/others), so a feature that says something for everybody shows where.
        var spread = string.Join(", ", values.Distinct().Order().Take(6).Select(v =>
            $"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {hit.Count(h => h == v)}/{other.Count(o => o == v)}"));
        return new Diagnostic(definition, column, Mean(hit), Mean(other), Share(hit, Says), Share(other, Says), auc, spread);
    }

    private static double Mean(List<double> v) => v.Count == 0 ? 0 : v.Average();

    private static double Share(List<double> v, Func<double, bool> says) => v.Count == 0 ? 0 : (double)v.Count(says) / v.Count;

    public static RiskCase WithNetwork(RiskCase c, NetworkFeatures features, NetworkOptions options)
    {
        var numeric = new Dictionary<string, double>(c.Numeric, StringComparer.Ordinal);
        foreach (var (name, value) in features.Columns(options))
        {
            numeric[name] = value;
        }

        return c with { Numeric = numeric, NumericNotes = features.Notes(), NumericNotePhrases = features.NotePhrases() };
    }

    public static double At5(SplitReport report) => report.Model.At.Single(a => a.Percent == 5).Precision;

    /// <summary>
    /// Precision at <paramref name="percent"/> pooled over runs: each run selects its own top share, the
    /// hits found are summed over the runs and divided by the cases selected.
    /// </summary>
    public static double PooledPrecision(IReadOnlyList<Scores> runs, string model, double percent, IReadOnlyList<int[]>? sample = null)
    {
        double found = 0, selected = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            var idx = sample?[r] ?? [.. Enumerable.Range(0, runs[r].Hits.Count)];
            var scores = runs[r].ByModel[model];
            var k = Math.Clamp((int)(idx.Length * percent / 100.0), 1, Math.Max(1, idx.Length));
            // Ties by position in the sample, as Ranking.PrecisionAt orders them.
            var top = Enumerable.Range(0, idx.Length).OrderByDescending(j => scores[idx[j]]).ThenBy(j => j).Take(k);
            found += top.Count(j => runs[r].Hits[idx[j]]);
            selected += k;
        }

        return selected == 0 ? 0 : found / selected;
    }

    /// <summary>
    /// A paired bootstrap over the test cases (resampled within each run, the same resample for both
    /// models): the 2.5 % and 97.5 % quantiles of each model's pooled precision and of their difference.
    /// </summary>
    public static (double Lo, double Hi, double DiffLo, double DiffHi, double ShareAbove) Bootstrap(
        IReadOnlyList<Scores> runs, string model, string baseline, double percent, int rounds, int seed)
    {
        var random = new Random(seed);
        var own = new double[rounds];
        var diff = new double[rounds];
        for (var b = 0; b < rounds; b++)
        {
            var sample = runs.Select(r => Enumerable.Range(0, r.Hits.Count).Select(_ => random.Next(r.Hits.Count)).ToArray()).ToList();
            own[b] = PooledPrecision(runs, model, percent, sample);
            diff[b] = own[b] - PooledPrecision(runs, baseline, percent, sample);
        }

        Array.Sort(own);
        var above = diff.Count(d => d > 0) / (double)rounds;
        Array.Sort(diff);
        return (own[(int)(rounds * 0.025)], own[(int)(rounds * 0.975)], diff[(int)(rounds * 0.025)], diff[(int)(rounds * 0.975)], above);
    }
}
