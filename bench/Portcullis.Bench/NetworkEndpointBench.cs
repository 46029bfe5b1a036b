using System.Diagnostics;
using System.Globalization;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Parties;
using Portcullis.Risk;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// network-endpoint-load [days] [scale] [--keep DIR] [--read-only]: stores simulated days in a fresh SQLite database (a random fifth
/// of the consignments with a recorded outcome, hits from the ground truth) and times one request of
/// the entity network (two hops, an analyst of all hubs) for the last consignment's consignee, a front
/// and the busiest consignee: the neighbourhood read through the stored contact keys
/// (<see cref="GetEntityNetwork.FindAsync"/>) and the whole network of the hubs it replaced
/// (<see cref="GetEntityNetwork.FindInWholeNetworkAsync"/>), median of 3 after a warm-up; it says
/// whether both answered the same. --keep DIR keeps the database in DIR and reuses it on the next run
/// with the same days and scale; --read-only times the neighbourhood read alone; --limit N[,M…] cuts
/// the answer to N entities ("none": uncut), as the dossier panel (40) and the API (500) do.
/// </summary>
public static class NetworkEndpointBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--keep" or "--limit"))).ToArray();
        var days = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 7;
        var scale = positional.Length > 1 ? double.Parse(positional[1], CultureInfo.InvariantCulture) : 0.2;
        // --keep DIR: the database stays in DIR and a later run with the same arguments reuses it.
        var keep = Array.IndexOf(args, "--keep") is >= 0 and var k && k + 1 < args.Length ? args[k + 1] : null;
        var ct = CancellationToken.None;
        // --limit N: the answer cut to N entities (the dossier panel draws 40, the API answers 500 at most); none by default.
        int?[] limits = Array.IndexOf(args, "--limit") is >= 0 and var l && l + 1 < args.Length
            ? [.. args[l + 1].Split(',').Select(v => v == "none" ? (int?)null : int.Parse(v, CultureInfo.InvariantCulture))]
            : [null];
        var run = new TrafficSimulator(new SimulationOptions(11, scale, new DateOnly(2025, 3, 3), days)).Run().ToList();
        var path = Path.Combine(keep ?? Directory.CreateTempSubdirectory("portcullis-bench-").FullName, $"network-{days}-{scale.ToString(CultureInfo.InvariantCulture)}.db");
        var stored = File.Exists(path);
        var database = new Database(DatabaseTarget.Resolve(path).GetValueOrThrow());
        await database.MigrateAsync(ct);
        var store = new StoreSimulatedTraffic(database);
        foreach (var day in stored ? [] : run)
        {
            await store.StoreDayAsync(day, ct);
        }

        var random = new Random(3);
        var smuggled = run.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        if (!stored)
        {
            await using var db = database.CreateContext();
            foreach (var c in run.SelectMany(d => d.Consignments).Where(_ => random.NextDouble() < 0.2))
            {
                db.DeclarationOutcomes.Add(new DeclarationOutcome { ConsignmentId = c.Id, Inspected = true, Hit = smuggled.Contains(c.Id), KnownAt = c.ArrivedAt.AddDays(2), ReceiptId = Guid.Empty });
            }

            await db.SaveChangesAsync(ct);
        }

        var consignments = run.SelectMany(d => d.Consignments).ToList();
        var consignees = consignments.SelectMany(c => c.Parties).Where(p => p.Role == PartyRole.Consignee).Select(p => p.PartyId).ToList();
        var fronts = run.SelectMany(d => d.PartyTruth).Where(t => t.Organisation is not null).Select(t => t.PartyId).ToHashSet();
        var asked = new (string Name, Guid Party)[]
        {
            ("the last consignment's consignee", consignments[^1].Parties.First(p => p.Role == PartyRole.Consignee).PartyId),
            ("a front", consignees.First(fronts.Contains)),
            ("the busiest consignee", consignees.GroupBy(p => p).MaxBy(g => g.Count())!.Key),
        };
        var clock = new FixedClock(new DateTimeOffset(consignments.Max(c => c.ArrivedAt), TimeSpan.Zero));
        var user = new CurrentUser(Guid.NewGuid(), "bench", Roles.TargetingAnalyst, Guid.Empty, "Customs", ["*"], [TokenScopes.RiskRead], false);
        Line($"network-endpoint-load: {days} days at scale {scale}, {consignments.Count} consignments, {run.Sum(d => d.NewParties.Count)} parties in SQLite; two hops, median of 3 (after one warm-up)");
        foreach (var (name, party) in asked)
        {
            foreach (var limit in limits)
            {
                var (read, readView) = await TimeAsync(database, db => GetEntityNetwork.FindAsync(db, new StoredPartyEntities(db), party, 2, user, clock, limit, ct));
                // --read-only: the neighbourhood read alone (the whole network takes seconds a request).
                var (whole, wholeView) = args.Contains("--read-only") ? (double.NaN, readView)
                    : await TimeAsync(database, db => GetEntityNetwork.FindInWholeNetworkAsync(db, new StoredPartyEntities(db), party, 2, user, clock, limit, ct));
                var same = readView is not null && wholeView is not null && readView.Nodes.SequenceEqual(wholeView.Nodes) && readView.Edges.SequenceEqual(wholeView.Edges);
                Line($"  {name}, limit {limit?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {readView?.Nodes.Count} of {readView?.Reached} entities, {readView?.Edges.Count} links; neighbourhood read {read:0} ms, whole network {whole:0} ms; {(same ? "same answer" : "DIFFERENT ANSWERS")}");
            }
        }

        return 0;
    }

    private static async Task<(double Ms, GetEntityNetwork.NetworkView? View)> TimeAsync(Database database, Func<PortcullisDb, Task<GetEntityNetwork.NetworkView?>> request)
    {
        var times = new List<double>();
        GetEntityNetwork.NetworkView? view = null;
        for (var i = 0; i < 4; i++)
        {
            await using var db = database.CreateContext();
            var clock = Stopwatch.StartNew();
            view = await request(db);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (times.Skip(1).Order().ElementAt(1), view);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
