using System.Diagnostics;
using System.Globalization;
using Portcullis.Parties;
using Portcullis.Parties.Networks;
using Portcullis.Risk;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// network-case-load [days] [scale] [--all-links]: stores simulated days in a fresh SQLite database (a random fifth
/// of the consignments with a recorded outcome, hits from the ground truth) and times the network
/// features the risk engine loads: for one consignment (scoring on demand) and for all, with the
/// contact links (the parties are the network: only the wanted consignments and the hits are read)
/// and, with --all-links, with every kind of link (every consignment with its containers is read, as
/// before; slow: the whole timeline over containers).
/// </summary>
public static class NetworkLoadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var days = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 14;
        var scale = positional.Length > 1 ? double.Parse(positional[1], CultureInfo.InvariantCulture) : 0.2;
        var ct = CancellationToken.None;
        var run = new TrafficSimulator(new SimulationOptions(11, scale, new DateOnly(2025, 3, 3), days)).Run().ToList();
        var path = Path.Combine(Directory.CreateTempSubdirectory("portcullis-bench-").FullName, "network.db");
        var database = new Database(DatabaseTarget.Resolve(path).GetValueOrThrow());
        await database.MigrateAsync(ct);
        var store = new StoreSimulatedTraffic(database);
        foreach (var day in run)
        {
            await store.StoreDayAsync(day, ct);
        }

        var random = new Random(3);
        var smuggled = run.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        await using (var db = database.CreateContext())
        {
            foreach (var c in run.SelectMany(d => d.Consignments).Where(_ => random.NextDouble() < 0.2))
            {
                db.DeclarationOutcomes.Add(new DeclarationOutcome { ConsignmentId = c.Id, Inspected = true, Hit = smuggled.Contains(c.Id), KnownAt = c.ArrivedAt.AddDays(2), ReceiptId = Guid.Empty });
            }

            await db.SaveChangesAsync(ct);
        }

        var consignments = run.Sum(d => d.Consignments.Count);
        var last = run[^1].Consignments[^1].Id;
        var end = run[^1].Consignments.Max(c => c.ArrivedAt).AddDays(1);
        Line($"network-case-load: {days} days at scale {scale}, {consignments} consignments, {run.Sum(d => d.NewParties.Count)} parties in SQLite; median of 3 (after one warm-up)");
        var definitions = args.Contains("--all-links")
            ? new[] { ("contact links", new NetworkOptions()), ("all links", new NetworkOptions { FeatureKinds = NetworkOptions.AllKinds }) }
            : new[] { ("contact links", new NetworkOptions()) };
        foreach (var (name, options) in definitions)
        {
            var one = await TimeAsync(database, end, [last], options, ct);
            var all = await TimeAsync(database, end, null, options, ct);
            Line($"  {name}: one consignment {one:0} ms; all consignments {all:0} ms");
        }

        return 0;
    }

    private static async Task<double> TimeAsync(Database database, DateTime end, IReadOnlyCollection<Guid>? only, NetworkOptions options, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            await using var db = database.CreateContext();
            var clock = Stopwatch.StartNew();
            await CaseNetworkFeatures.LoadAsync(db, end, only, ct, options);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Skip(1).Order().ElementAt(1);
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
