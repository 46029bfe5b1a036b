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
/// network-endpoint-load [days] [scale]: stores simulated days in a fresh SQLite database (a random fifth
/// of the consignments with a recorded outcome, hits from the ground truth) and times one request of
/// the entity network (two hops, an analyst of all hubs) for the last consignment's consignee, a front
/// and the busiest consignee: the neighbourhood read through the stored contact keys
/// (<see cref="GetEntityNetwork.FindAsync"/>) and the whole network of the hubs it replaced
/// (<see cref="GetEntityNetwork.FindInWholeNetworkAsync"/>), median of 3 after a warm-up; it says
/// whether both answered the same.
/// </summary>
public static class NetworkEndpointBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var days = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.2;
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
            var (read, readView) = await TimeAsync(database, db => GetEntityNetwork.FindAsync(db, new StoredPartyEntities(db), party, 2, user, clock, ct));
            var (whole, wholeView) = await TimeAsync(database, db => GetEntityNetwork.FindInWholeNetworkAsync(db, new StoredPartyEntities(db), party, 2, user, clock, ct));
            var same = readView is not null && wholeView is not null && readView.Nodes.SequenceEqual(wholeView.Nodes) && readView.Edges.SequenceEqual(wholeView.Edges);
            Line($"  {name}: {readView?.Nodes.Count} entities, {readView?.Edges.Count} links; neighbourhood read {read:0} ms, whole network {whole:0} ms; {(same ? "same answer" : "DIFFERENT ANSWERS")}");
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
