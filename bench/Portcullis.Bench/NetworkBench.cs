using System.Diagnostics;
using System.Globalization;
using Portcullis.Simulator;
using Portcullis.Tests.Parties.Networks;

namespace Portcullis.Bench;

/// <summary>
/// network-eval [seed] [days] [scale]: precision at 5 % of the risk model with and without the
/// network features on the simulator's later days (the evaluation the test asserts, linked from tests/).
/// </summary>
public static class NetworkBench
{
    public static int Evaluate(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 11;
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 28;
        var scale = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.2;
        var clock = Stopwatch.StartNew();
        var run = new TrafficSimulator(new SimulationOptions(seed, scale, new DateOnly(2025, 3, 3), days)).Run().ToList();
        var r = NetworkEvaluation.Run(run, labelSeed: 3, testShare: 0.3, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}, {days} days at scale {scale}: test from {r.Without.TestFrom:yyyy-MM-dd}, {r.Without.TestCases} labelled test cases, {r.Without.TestHits} hits (random precision {r.Without.RandomPrecision:0.0000})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  without network features: precision@5% {NetworkEvaluation.At5(r.Without):0.0000}, AUC {r.Without.Model.Auc:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  with network features:    precision@5% {NetworkEvaluation.At5(r.With):0.0000}, AUC {r.With.Model.Auc:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  test cases within 2 hops of an earlier positive control: {r.CasesWithPath} ({r.HitsWithPath} hits); {clock.Elapsed.TotalSeconds:0.0} s (network {r.NetworkTime.TotalSeconds:0.0} s, models {r.ModelTime.TotalSeconds:0.0} s) on {Environment.ProcessorCount} cores"));
        return 0;
    }
}
