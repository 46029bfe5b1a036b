using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Parties;
using Portcullis.Parties.Networks;
using Portcullis.Risk;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// The neighbourhood a request reads through the stored contact keys (<see cref="GetEntityNetwork.FindAsync"/>)
/// is the one the whole network of the caller's hubs shows (<see cref="GetEntityNetwork.LoadAsync"/>):
/// on a small simulated run with resolved entities, hits and a watch listing, for a company near a hit, a
/// front, the busiest importer and a company at the most shared address, seen from all hubs and from one;
/// and cut to a limit as <see cref="GetEntityNetwork.Neighbourhood"/> cuts it.
/// </summary>
public sealed class EntityNeighbourhoodTests
{
    // Both providers: the read groups and limits in SQL (MIN over arrivals, LIMIT on a join).
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_neighbourhood_read_through_the_contact_keys_equals_the_whole_network_s(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var days = new TrafficSimulator(new SimulationOptions(11, 0.012, new DateOnly(2026, 11, 1), 5) { SmugglingScale = 0.2 }).Run().ToList();
        var store = new StoreSimulatedTraffic(database);
        foreach (var day in days)
        {
            await store.StoreDayAsync(day, ct);
        }

        var consignments = days.SelectMany(d => d.Consignments).ToList();
        var smuggled = days.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        var truth = days.SelectMany(d => d.PartyTruth).ToList();
        await using (var db = database.CreateContext())
        {
            // Hits known two days after arrival; the simulator's own entities as the stored resolution
            // (fronts of one organisation, second registrations), so entities have several parties.
            db.DeclarationOutcomes.AddRange(consignments.Where(c => smuggled.Contains(c.Id)).Select(c => new DeclarationOutcome
            {
                ConsignmentId = c.Id,
                Inspected = true,
                Hit = true,
                KnownAt = c.ArrivedAt.AddDays(2),
                ReceiptId = Guid.Empty,
            }));
            foreach (var entity in truth.GroupBy(t => t.EntityKey))
            {
                var members = entity.Select(t => t.PartyId).ToList();
                if (entity.Key.StartsWith("party:", StringComparison.Ordinal) && Guid.TryParse(entity.Key["party:".Length..], out var original))
                {
                    members.Add(original);
                }

                var id = members.Min();
                db.PartyEntityLinks.AddRange(members.Distinct().Select(p => new PartyEntityLink { PartyId = p, EntityId = id, Evidence = "[]" }));
            }

            await db.SaveChangesAsync(ct);
        }

        var end = consignments.Max(c => c.ArrivedAt);
        var clock = new FakeTimeProvider(new DateTimeOffset(end, TimeSpan.Zero));
        var hub = consignments.GroupBy(c => c.HubCode).MaxBy(g => g.Count())!.Key;
        var everyHub = Analyst(["*"]);
        var oneHub = Analyst([hub]);

        await using var read = database.CreateContext();
        var entities = new StoredPartyEntities(read);
        var whole = await GetEntityNetwork.LoadAsync(read, entities, everyHub, clock, ct);
        Guid EntityOf(Guid party) => whole.EntityOf[party];

        var receivers = consignments.SelectMany(c => c.Parties).Where(p => p.Role == PartyRole.Consignee).Select(p => p.PartyId).ToList();
        var busiest = EntityOf(receivers.GroupBy(p => p).MaxBy(g => g.Count())!.Key);
        var front = EntityOf(truth.First(t => t.Organisation is not null && receivers.Contains(t.PartyId)).PartyId);
        var nearHit = receivers.Select(EntityOf).Distinct()
            .First(e => GetEntityNetwork.Neighbourhood(whole.History, e, 2, whole.AsOf).Nodes.Any(n => n.Hops > 0 && n.HitKnown));
        var address = await read.PartyContactKeys.Where(k => k.Kind == ContactKeyKind.Address)
            .GroupBy(k => k.Value).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        var centreParty = await read.PartyContactKeys.Where(k => k.Kind == ContactKeyKind.Address && k.Value == address).Select(k => k.PartyId).ToListAsync(ct);
        var centre = EntityOf(centreParty.First(whole.EntityOf.ContainsKey));

        // One listed entity near the busiest importer: the flag must come through the neighbourhood read too.
        var listed = GetEntityNetwork.Neighbourhood(whole.History, busiest, 1, whole.AsOf).Nodes.Last().Id;
        read.WatchList.Add(new WatchListEntry { Id = Guid.NewGuid(), PartyId = (await entities.PartiesOfAsync(listed, ct))[0], Reason = "test", AddedBy = "test", AddedAt = end.AddDays(-3) });
        await read.SaveChangesAsync(ct);

        // The cases are what they claim: a hit within two hops, a front, an address of many.
        Assert.Contains(truth, t => t.Organisation is not null && EntityOf(t.PartyId) == front);
        Assert.True(centreParty.Select(EntityOf).Distinct().Count() > new NetworkOptions().MaxSharing);
        // Two hops for every case and one hop (its own outermost ring) for one; one hub for two cases; the
        // busiest cut to 30 entities (its second ring read only for the ones kept), to 10 (its first ring
        // does not fit: cut, and the second not read) and to 1 (the focus alone).
        int? all = null;
        var asked = new[]
        {
            (everyHub, nearHit, 2, all), (everyHub, front, 2, all), (everyHub, busiest, 2, all), (everyHub, centre, 2, all), (everyHub, front, 1, all),
            (oneHub, busiest, 2, all), (oneHub, centre, 2, all), (everyHub, busiest, 2, 30), (everyHub, busiest, 2, 10), (everyHub, busiest, 2, 1), (everyHub, centre, 1, 3),
        };
        var answers = new Dictionary<(CurrentUser, Guid, int, int?), GetEntityNetwork.NetworkView?>();
        foreach (var user in new[] { everyHub, oneHub })
        {
            // What GetEntityNetwork.FindInWholeNetworkAsync answers, with the whole network read once per user.
            var known = await GetEntityNetwork.LoadAsync(read, entities, user, clock, ct);
            foreach (var (_, entity, hops, limit) in asked.Where(a => a.Item1 == user))
            {
                var own = await entities.PartiesOfAsync(entity, ct);
                var expected = own.Any(known.EntityOf.ContainsKey) ? GetEntityNetwork.Neighbourhood(known.History, entity, hops, known.AsOf, limit) : null;
                var actual = await GetEntityNetwork.FindAsync(read, entities, entity, hops, user, clock, limit, ct);
                Assert.Equal(expected is null, actual is null);
                if (expected is not null)
                {
                    Assert.Equal((expected.EntityId, expected.AsOf), (actual!.EntityId, actual.AsOf));
                    Assert.Equal(expected.Nodes, actual.Nodes);
                    Assert.Equal(expected.Edges, actual.Edges);
                    Assert.Equal((expected.Rings, expected.Reached), (actual.Rings, actual.Reached));
                }

                answers[(user, entity, hops, limit)] = actual;
            }
        }

        Assert.Contains(answers[(everyHub, nearHit, 2, all)]!.Nodes, n => n.Hops > 0 && n.HitKnown);
        Assert.Contains(answers[(everyHub, busiest, 2, all)]!.Nodes, n => n.Id == listed && n.WatchListed);
        Assert.True(answers.Values.Sum(v => v?.Nodes.Count ?? 0) > 20);

        // The cut, against the uncut answer: the first ring whole, the second cut to the limit with the
        // flagged entities kept first, every link among the kept ones and none to an entity left out.
        var uncut = answers[(everyHub, busiest, 2, all)]!;
        var cut = answers[(everyHub, busiest, 2, 30)]!;
        var firstRing = uncut.Nodes.Where(n => n.Hops < 2).ToList();
        Assert.True(uncut.Nodes.Count > 30 && firstRing.Count is > 10 and < 30, $"the busiest importer has {uncut.Nodes.Count} entities within two hops, {firstRing.Count} within one");
        Assert.Equal((30, 2, uncut.Nodes.Count), (cut.Nodes.Count, cut.Rings, cut.Reached));
        Assert.Equal(firstRing, cut.Nodes.Where(n => n.Hops < 2));
        var flagged = uncut.Nodes.Where(n => n.Hops == 2 && (n.HitKnown || n.WatchListed)).ToList();
        Assert.All(flagged.Take(30 - firstRing.Count), n => Assert.Contains(n, cut.Nodes));
        var kept = cut.Nodes.Select(n => n.Id).ToHashSet();
        Assert.Equal(uncut.Edges.Where(e => kept.Contains(e.From) && kept.Contains(e.To)), cut.Edges);

        // A first ring that does not fit is the last one shown, cut the same way.
        var ten = answers[(everyHub, busiest, 2, 10)]!;
        Assert.Equal((10, 1, firstRing.Count), (ten.Nodes.Count, ten.Rings, ten.Reached));
        Assert.All(ten.Nodes, n => Assert.Contains(n, firstRing));
        Assert.All(firstRing.Where(n => n.Hops == 1 && (n.HitKnown || n.WatchListed)).Take(9), n => Assert.Contains(n, ten.Nodes));
        var one = answers[(everyHub, busiest, 2, 1)]!;
        Assert.Equal([busiest], one.Nodes.Select(n => n.Id));
        Assert.Equal((1, firstRing.Count), (one.Rings, one.Reached));
    }

    private static CurrentUser Analyst(IReadOnlyList<string> hubs) =>
        new(Guid.NewGuid(), "analyst", Roles.TargetingAnalyst, Guid.Empty, "Customs", hubs, [TokenScopes.RiskRead], false);
}
