using System.Diagnostics;
using System.Globalization;
using Portcullis.Parties.Networks;
using Portcullis.Simulator;
using Portcullis.Tests.Parties.Networks;

namespace Portcullis.Bench;

/// <summary>
/// network-eval [seeds, comma-separated] [days] [scale] [--all-links]: precision at 5 % of the risk model
/// with and without the network features on the simulator's later days (the evaluation the test asserts,
/// linked from tests/), pooled over the seeds with a paired bootstrap over the test cases, and each network
/// column's spread in hits and non-hits. --all-links also evaluates the first definition (every kind of
/// link, containers and forwarders included). Exits 1 when the contact features show no gain beyond noise
/// (the bootstrap's 2.5 % quantile of the difference not above zero).
/// </summary>
public static class NetworkBench
{
    public static int Evaluate(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var seeds = positional.Length > 0 ? positional[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [11];
        var days = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 28;
        var scale = positional.Length > 2 ? double.Parse(positional[2], CultureInfo.InvariantCulture) : 0.2;
        var definitions = new Dictionary<string, NetworkOptions>(StringComparer.Ordinal) { ["contacts"] = new NetworkOptions() };
        if (args.Contains("--all-links"))
        {
            definitions["all links"] = NetworkEvaluation.AllLinks;
        }

        var clock = Stopwatch.StartNew();
        var runs = new List<NetworkEvaluation.Scores>();
        foreach (var seed in seeds)
        {
            var run = new TrafficSimulator(new SimulationOptions(seed, scale, new DateOnly(2025, 3, 3), days)).Run().ToList();
            var r = NetworkEvaluation.Run(run, labelSeed: 3, testShare: 0.3, CancellationToken.None, definitions);
            runs.Add(r.Scores);
            Line($"seed {seed}, {days} days at scale {scale}: test from {r.Without.TestFrom:yyyy-MM-dd}, {r.Without.TestCases} labelled test cases, {r.Without.TestHits} hits (random precision {r.Without.RandomPrecision:0.0000}); {r.TrainingHits} training hits");
            Line($"  without network features: precision@5% {NetworkEvaluation.At5(r.Without):0.0000}, AUC {r.Without.Model.Auc:0.000}");
            foreach (var (name, report) in r.With)
            {
                Line($"  with network features ({name}): precision@5% {NetworkEvaluation.At5(report):0.0000}, AUC {report.Model.Auc:0.000}");
            }

            foreach (var d in r.Diagnostics)
            {
                Line($"  [{d.Definition}] {d.Column}: mean hits {d.HitMean:0.000} / others {d.OtherMean:0.000}; says something for {d.HitShare:P1} of hits / {d.OtherShare:P1} of others; AUC alone {d.Auc:0.000}; value: hits/others {d.Spread}");
            }

            Line($"  network {r.NetworkTime.TotalSeconds:0.0} s, models {r.ModelTime.TotalSeconds:0.0} s");
        }

        var totalHits = runs.Sum(r => r.Hits.Count(h => h));
        Line($"pooled over {seeds.Length} seed(s): {runs.Sum(r => r.Hits.Count)} labelled test cases, {totalHits} hits; paired bootstrap, 2000 resamples of the test cases");
        Line($"  without: precision@5% {NetworkEvaluation.PooledPrecision(runs, "without", 5):0.0000}");
        var gain = true;
        foreach (var name in definitions.Keys)
        {
            var b = NetworkEvaluation.Bootstrap(runs, "with " + name, "without", 5, 2000, seed: 1);
            Line($"  with ({name}): precision@5% {NetworkEvaluation.PooledPrecision(runs, "with " + name, 5):0.0000} (95% {b.Lo:0.0000}–{b.Hi:0.0000}); difference 95% {b.DiffLo:+0.0000;-0.0000}–{b.DiffHi:+0.0000;-0.0000}, above zero in {b.ShareAbove:P1} of resamples");
            if (name == "contacts")
            {
                gain = b.DiffLo > 0;
            }
        }

        Line($"{clock.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; gain beyond noise: {(gain ? "yes" : "no")}");
        return gain ? 0 : 1;
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
