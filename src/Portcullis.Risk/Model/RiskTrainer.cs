using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Features;

namespace Portcullis.Risk.Model;

/// <summary>Trains the risk model: history features, a time-ordered hyperparameter search, calibration, refit.</summary>
public static class RiskTrainer
{
    /// <summary>
    /// Trains on the labelled cases dated in [From, To]. <paramref name="cases"/> is everything in time
    /// order, labelled or not: unlabelled cases still feed activity and novelty. Hyperparameters are chosen
    /// on the last <see cref="TrainingOptions.ValidationShare"/> of the window's days by precision at
    /// <see cref="TrainingOptions.SearchPercent"/> (tie: AUC), the Platt calibration is fitted on that
    /// window's out-of-sample scores, then the chosen settings are refitted on the whole window.
    /// </summary>
    public static TrainedRiskModel Train(IReadOnlyList<RiskCase> cases, TrainingOptions options, CancellationToken ct)
    {
        var from = options.From.Date;
        var to = options.To == DateTime.MaxValue ? DateTime.MaxValue : options.To.Date.AddDays(1);
        var end = 0;
        while (end < cases.Count && cases[end].Date < to)
        {
            end++;
        }

        var history = end == cases.Count ? cases : cases.Take(end).ToList();
        var rows = Enumerable.Range(0, end).Where(i => history[i].Label is not null && history[i].Date >= from).ToList();
        var hits = rows.Count(i => history[i].Label!.Hit);
        if (rows.Count == 0)
        {
            throw new RiskTrainingException($"There are no labelled cases between {from:yyyy-MM-dd} and {options.To:yyyy-MM-dd} among {cases.Count} cases; the model needs inspected cases to learn from.");
        }

        if (hits == 0 || hits == rows.Count)
        {
            throw new RiskTrainingException($"Every inspected case was {(hits == 0 ? "a no-hit" : "a hit")} ({hits} hits in {rows.Count} inspections); the model needs both.");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var layout = new FeatureLayout(LayoutBuilder.Build(history, options.History));
        var wanted = new HashSet<int>(rows);
        var pass = HistoryFeatures.Run(history, layout, new HistoryPassOptions { Want = wanted.Contains }, ct);
        var x = rows.Select(i => pass.Vectors[i]!).ToList();
        var y = rows.Select(i => history[i].Label!.Hit).ToList();
        var days = rows.Select(i => history[i].Date.Date).Distinct().Order().ToList();
        var validationDays = Math.Clamp((int)Math.Round(days.Count * options.ValidationShare), 1, Math.Max(1, days.Count - 1));
        var split = days.Count > 1 ? days[^validationDays] : DateTime.MaxValue;
        var fitRows = Enumerable.Range(0, rows.Count).Where(k => history[rows[k]].Date < split).ToList();
        var valRows = Enumerable.Range(0, rows.Count).Where(k => history[rows[k]].Date >= split).ToList();

        var featureSeconds = watch.Elapsed.TotalSeconds;
        var search = Search(x, y, fitRows, valRows, layout.Width, options, ct);
        ct.ThrowIfCancellationRequested();
        var searchSeconds = watch.Elapsed.TotalSeconds - featureSeconds;
        var (model, schema, trees) = LightGbmFit.Fit(x, y, layout.Width, search.Best, options.Seed, options.Threads);
        trees.Count(Sample(x, 20_000, options.Seed));
        var calibration = search.Calibration ?? Calibration.Fit([.. x.Select(r => trees.Raw(r))], y, "training window (in-sample: the validation days lacked one class)");
        var validation = search.Validation ?? Ranking.Metrics([.. x.Select(r => calibration.Probability(trees.Raw(r)))], y);
        return new TrainedRiskModel(new TrainedRiskModel.Metadata(
            layout.Spec, search.Best, from, options.To, rows.Count, hits, search.Rows, valRows.Count, validation, calibration,
            search.Tried, trees.LeafCounts,
            new TrainingTimes(featureSeconds, searchSeconds, watch.Elapsed.TotalSeconds - featureSeconds - searchSeconds)), LightGbmFit.Save(model, schema), trees);
    }

    private sealed record SearchResult(Hyperparameters Best, Calibration? Calibration, RankingMetrics? Validation, IReadOnlyList<SearchTrial> Tried, int Rows);

    private static SearchResult Search(List<float[]> x, List<bool> y, List<int> fitRows, List<int> valRows, int width, TrainingOptions options, CancellationToken ct)
    {
        var fitY = fitRows.Select(k => y[k]).ToList();
        var valY = valRows.Select(k => y[k]).ToList();
        var usable = fitY.Contains(true) && fitY.Contains(false) && valY.Contains(true) && valY.Contains(false);
        if (!usable || options.Grid.Count == 0)
        {
            return new SearchResult(options.Grid.Count > 0 ? options.Grid[0] : TrainingOptions.DefaultGrid[0], null, null, [], 0);
        }

        // Search on a random subsample when the window is large: the ranking of candidates is stable
        // long before the full data, and the final fit uses every row anyway.
        var sample = Subsample(fitRows, options.SearchRowLimit, options.Seed);
        var sx = sample.Select(k => x[k]).ToList();
        var sy = sample.Select(k => y[k]).ToList();
        if (!sy.Contains(true) || !sy.Contains(false))
        {
            sample = fitRows;
            sx = [.. fitRows.Select(k => x[k])];
            sy = fitY;
        }

        var vx = valRows.Select(k => x[k]).ToList();
        var tried = new List<SearchTrial>();
        SearchTrial? best = null;
        TreeModel? bestTrees = null;
        // Candidates are independent single-threaded fits: run them side by side on the cores, then
        // judge them in grid order so that the choice does not depend on which finished first.
        var fits = new TreeModel[options.Grid.Count];
        Parallel.For(0, fits.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.SearchParallelism },
            g => fits[g] = LightGbmFit.Fit(sx, sy, width, options.Grid[g], options.Seed, options.Threads).Trees);
        for (var g = 0; g < fits.Length; g++)
        {
            var (hp, trees) = (options.Grid[g], fits[g]);
            // One fit answers every iteration count up to the maximum: score with the first k trees.
            foreach (var k in Checkpoints(trees.TreeCount))
            {
                var raw = vx.Select(r => trees.Raw(r, k)).ToList();
                var trial = new SearchTrial(hp with { Iterations = k }, Ranking.PrecisionAt(raw, valY, options.SearchPercent), Ranking.Auc(raw, valY));
                tried.Add(trial);
                if (best is null || trial.Precision > best.Precision || (trial.Precision == best.Precision && trial.Auc > best.Auc))
                {
                    best = trial;
                    bestTrees = trees;
                }
            }
        }

        var bestRaw = vx.Select(r => bestTrees!.Raw(r, best!.Hyperparameters.Iterations)).ToList();
        var calibration = Calibration.Fit(bestRaw, valY, "validation window (out of sample)");
        var validation = Ranking.Metrics([.. bestRaw.Select(calibration.Probability)], valY);
        return new SearchResult(best!.Hyperparameters, calibration, validation, tried, sample.Count);
    }

    private static IEnumerable<int> Checkpoints(int trees) =>
        new[] { trees / 3, 2 * trees / 3, trees }.Where(k => k > 0).Distinct();

    private static List<int> Subsample(List<int> rows, int limit, int seed)
    {
        if (rows.Count <= limit)
        {
            return rows;
        }

        var random = new Random(seed);
        var copy = rows.ToArray();
        random.Shuffle(copy);
        return [.. copy.Take(limit).Order()];
    }

    private static IEnumerable<float[]> Sample(List<float[]> x, int limit, int seed)
    {
        if (x.Count <= limit)
        {
            return x;
        }

        var random = new Random(seed);
        return Enumerable.Range(0, limit).Select(_ => x[random.Next(x.Count)]);
    }
}

/// <summary>Wall time of the training stages, in seconds.</summary>
public sealed record TrainingTimes(double Features, double Search, double FinalFit);

/// <summary>One candidate of the search and how it did on the validation days.</summary>
public sealed record SearchTrial(Hyperparameters Hyperparameters, double Precision, double Auc);
