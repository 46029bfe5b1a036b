using System.Diagnostics;
using System.Globalization;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Features;
using Portcullis.Risk.Model;

namespace Portcullis.Bench;

/// <summary>
/// Times the risk model on DATE-shaped synthetic declarations: training (history features and the
/// hyperparameter search included) and batch feature computation plus scoring.
/// </summary>
public static class RiskBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>risk-train [--rows N]: wall time of RiskTrainer.Train on N rows (default 40,000).</summary>
    public static int Train(string[] args)
    {
        var rows = Option(args, "--rows", 40_000);
        var cases = SyntheticDeclarations.Generate(rows, seed: 1, rowsPerDay: Math.Max(1000, rows / 120));
        var watch = Stopwatch.StartNew();
        var model = RiskTrainer.Train(cases, new TrainingOptions(), CancellationToken.None);
        watch.Stop();
        var at5 = model.Validation.At.Single(a => a.Percent == 5);
        Console.WriteLine(string.Create(Inv, $"risk-train rows={rows}: {watch.Elapsed.TotalSeconds:F2} s wall (process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s)"));
        Console.WriteLine(string.Create(Inv, $"  chosen {model.Hyperparameters}; search trials {model.Info.SearchTrials.Count} on {model.Info.SearchRows} rows; {model.Info.Times}"));
        Console.WriteLine(string.Create(Inv, $"  validation: {model.Info.ValidationCases} cases, precision@5% {at5.Precision:F3}, AUC {model.Validation.Auc:F3}, base rate {(double)model.Validation.Hits / model.Validation.Cases:F3}"));
        return 0;
    }

    /// <summary>risk-score [--rows N] [--train N]: features-only and features+scoring rates over N generated cases.</summary>
    public static int Score(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var trainRows = Option(args, "--train", 40_000);
        var cases = SyntheticDeclarations.Generate(rows, seed: 2, rowsPerDay: 5000);
        var model = RiskTrainer.Train(cases.Take(trainRows).ToList(), new TrainingOptions(), CancellationToken.None);
        Console.WriteLine(string.Create(Inv, $"risk-score rows={rows}, model trained on {trainRows} rows: {model.Hyperparameters}"));

        var watch = Stopwatch.StartNew();
        var pass = HistoryFeatures.Run(cases, model.Layout, new HistoryPassOptions { Sink = (_, _) => { } }, CancellationToken.None);
        var features = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"  features only: {features:F2} s, {rows / features:N0} cases/s ({model.Layout.Width} slots); GC pauses so far {GC.GetTotalPauseDuration().TotalSeconds:F2} s, gen2 {GC.CollectionCount(2)}"));

        watch.Restart();
        var p = model.Probabilities(cases, null, null, CancellationToken.None);
        var both = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"  features + scoring: {both:F2} s, {rows / both:N0} cases/s (mean p {p.Average():F4})"));

        watch.Restart();
        var explained = model.ScoreAll(cases.Take(100_000).ToList(), null, explain: true, CancellationToken.None);
        var explain = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"  features + scoring + top-5 explanations: {100_000 / explain:N0} cases/s over 100,000"));

        var scorer = model.Snapshot(cases, cases[^1].Date.AddDays(1), CancellationToken.None);
        var latencies = new List<double>();
        foreach (var c in cases.Take(20_000))
        {
            var t = Stopwatch.GetTimestamp();
            _ = scorer.Score(c, explain: true);
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine(string.Create(Inv, $"  single case with explanations: p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms ({explained.Length} batch scores)"));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], Inv) : fallback;
    }
}
