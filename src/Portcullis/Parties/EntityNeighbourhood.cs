using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Parties.Networks;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// One entity's neighbourhood read from storage ring by ring, equal to what the network of every party
/// and consignment of the caller's hubs answers (<see cref="GetEntityNetwork.LoadAsync"/>, kept as the
/// reference the tests compare with). For each ring it reads the entities' visible parties, their
/// stored contact keys (<see cref="PartyContactKey"/>) and the consignments they receive (agent,
/// forwarder, containers), then every holder of those values in the caller's hubs: the whole group of a
/// value, because a value held by more than <see cref="NetworkOptions.MaxSharing"/> entities links
/// nobody and a link's first day is the later of both sightings. The outermost ring is explored no
/// further, so only the values two or more of the entities shown hold (the links among them) are read
/// whole there. A small <see cref="EntityNetwork"/> of those sightings then answers as the whole one
/// does: every entity it explores has all its values, and every value it links by all its holders.
/// </summary>
internal sealed class EntityNeighbourhood
{
    private readonly PortcullisDb db;
    private readonly IPartyEntities entities;
    private readonly IQueryable<Consignment> visible;
    private readonly DateOnly asOf;
    private readonly int maxSharing = new NetworkOptions().MaxSharing;

    // Party → entity for every party met; the visible parties and the values of each entity read.
    private readonly Dictionary<Guid, Guid> entityOf = [];
    private readonly Dictionary<Guid, List<PartyRow>> partiesOf = [];
    private readonly Dictionary<Guid, HashSet<(LinkKind Kind, string Value)>> valuesOf = [];

    // Every holder of each value read whole, with its first day, and how the value reads (an agent's name).
    private readonly Dictionary<(LinkKind Kind, string Value), Group> groups = [];

    // Values held by more than MaxSharing entities before the day asked: they link nobody, so their
    // holders are never read whole (a large forwarder serves thousands of consignments).
    private readonly HashSet<(LinkKind Kind, string Value)> dead = [];

    // Enough of an agent's or forwarder's consignments to find MaxSharing + 1 receivers when it has them.
    private const int Probe = 300;

    private EntityNeighbourhood(PortcullisDb db, IPartyEntities entities, CurrentUser user, DateOnly asOf)
    {
        this.db = db;
        this.entities = entities;
        this.asOf = asOf;
        visible = db.Consignments.AsNoTracking().Where(c => c.RetractedAt == null);
        if (!user.AllHubs)
        {
            var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
            visible = visible.Where(c => hubs.Contains(c.HubCode));
        }
    }

    private sealed record PartyRow(Guid Id, string Name, DateTime FirstSeen);

    private sealed record Receipt(Guid Consignment, PartyRole Role, Guid Party);

    private sealed class Group(string display)
    {
        public string Display { get; } = display;

        public Dictionary<Guid, DateOnly> Holders { get; } = [];

        public void Sighted(Guid entity, DateOnly day)
        {
            if (!Holders.TryGetValue(entity, out var known) || day < known)
            {
                Holders[entity] = day;
            }
        }
    }

    /// <summary>The neighbourhood of <paramref name="entityId"/> as of <paramref name="asOf"/>; null when none of its parties is on a consignment the user may see.</summary>
    public static async Task<GetEntityNetwork.NetworkView?> FindAsync(PortcullisDb db, IPartyEntities entities, Guid entityId, int hops, CurrentUser user, DateOnly asOf, CancellationToken cancellationToken)
    {
        var load = new EntityNeighbourhood(db, entities, user, asOf);
        await load.ReadValuesAsync([entityId], cancellationToken);
        if (load.partiesOf[entityId].Count == 0)
        {
            return null;
        }

        await load.ReadGroupsAsync(load.valuesOf[entityId], cancellationToken);
        for (var hop = 1; hop <= hops; hop++)
        {
            var ring = (await load.HistoryAsync([], cancellationToken)).Network.Explore([entityId], asOf, hop).Keys.Where(e => !load.valuesOf.ContainsKey(e)).ToList();
            if (ring.Count == 0)
            {
                break;
            }

            await load.ReadValuesAsync(ring, cancellationToken);
            if (hop < hops)
            {
                await load.ReadGroupsAsync(ring.SelectMany(e => load.valuesOf[e]), cancellationToken);
            }
            else
            {
                // Explored no further: a value links two entities shown only if both hold it.
                var shown = load.valuesOf.Keys.SelectMany(e => load.valuesOf[e]).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key);
                await load.ReadGroupsAsync(shown, cancellationToken);
            }
        }

        var history = await load.HistoryAsync([], cancellationToken);
        // The hits and watch listings of the entities shown only: nothing else of them is drawn.
        history = await load.HistoryAsync(history.Network.Explore([entityId], asOf, hops).Keys, cancellationToken);
        return GetEntityNetwork.Neighbourhood(history, entityId, hops, asOf);
    }

    /// <summary>Reads the entities' visible parties and every value they hold (contacts, and the agents, forwarders and containers of what they receive).</summary>
    private async Task ReadValuesAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
    {
        var members = await entities.PartiesOfAsync(entityIds, cancellationToken);
        foreach (var (entity, parties) in members)
        {
            foreach (var p in parties)
            {
                entityOf[p] = entity;
            }
        }

        foreach (var e in entityIds)
        {
            partiesOf[e] = [];
            valuesOf[e] = [];
        }

        var rows = await VisiblePartiesAsync(members.Values.SelectMany(p => p).Distinct(), cancellationToken);
        foreach (var row in rows)
        {
            partiesOf[entityOf[row.Id]].Add(row);
        }

        var partyIds = rows.Select(r => r.Id).ToList();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var key in await db.PartyContactKeys.AsNoTracking().Where(k => ids.Contains(k.PartyId) && k.Kind != ContactKeyKind.None)
                .Select(k => new { k.PartyId, k.Kind, k.Value }).ToListAsync(cancellationToken))
            {
                valuesOf[entityOf[key.PartyId]].Add((PartyContactKeys.Link(key.Kind), key.Value));
            }
        }

        // The consignments these entities receive: their agents, forwarders and containers are values too.
        var received = new List<Guid>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            received.AddRange(await db.Set<ConsignmentParty>().AsNoTracking()
                .Where(cp => (cp.Role == PartyRole.Consignee || cp.Role == PartyRole.Notify) && ids.Contains(cp.PartyId))
                .Select(cp => cp.ConsignmentId).ToListAsync(cancellationToken));
        }

        var arrivals = await ArrivalsAsync(received, cancellationToken);
        var onThem = await PartiesOnAsync(arrivals.Keys, cancellationToken);
        await ResolveAsync(onThem.SelectMany(r => r).Select(r => r.Party), cancellationToken);
        var containers = await ContainersOnAsync(arrivals.Keys, cancellationToken);
        var loading = entityIds.ToHashSet();
        foreach (var consignment in arrivals.Keys)
        {
            foreach (var receiver in Receivers(onThem[consignment]).Where(loading.Contains))
            {
                foreach (var p in onThem[consignment].Where(p => p.Role is PartyRole.Declarant or PartyRole.Forwarder))
                {
                    if (entityOf[p.Party] != receiver)
                    {
                        valuesOf[receiver].Add((p.Role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder, entityOf[p.Party].ToString("N")));
                    }
                }

                foreach (var number in containers[consignment])
                {
                    valuesOf[receiver].Add((LinkKind.Container, number));
                }
            }
        }
    }

    /// <summary>Reads every holder of each value not read before.</summary>
    private async Task ReadGroupsAsync(IEnumerable<(LinkKind Kind, string Value)> values, CancellationToken cancellationToken)
    {
        var wanted = values.Where(v => !groups.ContainsKey(v) && !dead.Contains(v)).ToHashSet();
        await ReadContactGroupsAsync([.. wanted.Where(k => NetworkOptions.ContactKinds.Contains(k.Kind))], cancellationToken);
        await ReadIntermediaryGroupsAsync([.. wanted.Where(k => k.Kind is LinkKind.Agent or LinkKind.Forwarder)], cancellationToken);
        await ReadContainerGroupsAsync([.. wanted.Where(k => k.Kind == LinkKind.Container).Select(k => k.Value)], cancellationToken);
    }

    // Every visible party holding one of the values; an entity's first day with it is its earliest such party's.
    private async Task ReadContactGroupsAsync(List<(LinkKind Kind, string Value)> keys, CancellationToken cancellationToken)
    {
        foreach (var byKind in keys.GroupBy(k => k.Kind))
        {
            var kind = PartyContactKeys.Stored(byKind.Key);
            foreach (var chunk in byKind.Select(k => k.Value).Chunk(1000))
            {
                var values = chunk.ToList();
                var holders = await db.PartyContactKeys.AsNoTracking().Where(k => k.Kind == kind && values.Contains(k.Value)).Select(k => new { k.PartyId, k.Value }).ToListAsync(cancellationToken);
                var parties = (await VisiblePartiesAsync(holders.Select(h => h.PartyId).Distinct(), cancellationToken)).ToDictionary(p => p.Id);
                await ResolveAsync(parties.Keys, cancellationToken);
                foreach (var value in values)
                {
                    groups[(byKind.Key, value)] = new Group(value);
                }

                foreach (var h in holders.Where(h => parties.ContainsKey(h.PartyId)))
                {
                    groups[(byKind.Key, h.Value)].Sighted(entityOf[h.PartyId], DateOnly.FromDateTime(parties[h.PartyId].FirstSeen));
                }
            }
        }
    }

    // An agent or forwarder links the receivers of its consignments; it reads as the name its party had
    // on the first of them (the order the whole network adds consignments in).
    private async Task ReadIntermediaryGroupsAsync(List<(LinkKind Kind, string Value)> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var members = await entities.PartiesOfAsync([.. keys.Select(k => Guid.ParseExact(k.Value, "N")).Distinct()], cancellationToken);
        foreach (var (entity, parties) in members)
        {
            foreach (var p in parties)
            {
                entityOf[p] = entity;
            }
        }

        var partyIds = members.Values.SelectMany(p => p).Distinct().ToList();
        var served = new List<Receipt>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            served.AddRange(await db.Set<ConsignmentParty>().AsNoTracking()
                .Where(cp => (cp.Role == PartyRole.Declarant || cp.Role == PartyRole.Forwarder) && ids.Contains(cp.PartyId))
                .Select(cp => new Receipt(cp.ConsignmentId, cp.Role, cp.PartyId)).ToListAsync(cancellationToken));
        }

        // A few hundred consignments of each first: if they already have more than MaxSharing receivers
        // before the day asked, the value links nobody (more consignments can only add receivers).
        var wanted = keys.ToHashSet();
        var byKey = served.GroupBy(s => (s.Role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder, entityOf[s.Party].ToString("N")))
            .Where(g => wanted.Contains(g.Key)).ToDictionary(g => g.Key, g => g.ToList());
        var sample = byKey.Values.Where(l => l.Count > Probe).SelectMany(l => l.Take(Probe)).ToList();
        var sampled = await ReceiversOnAsync(sample.Select(s => s.Consignment), cancellationToken);
        foreach (var (key, list) in byKey.Where(k => k.Value.Count > Probe))
        {
            var other = entityOf[list[0].Party];
            var before = list.Take(Probe).Where(s => sampled.Arrivals.TryGetValue(s.Consignment, out var at) && DateOnly.FromDateTime(at) < asOf)
                .SelectMany(s => Receivers(sampled.Parties[s.Consignment])).Where(r => r != other).Distinct().Count();
            if (before > maxSharing)
            {
                dead.Add(key);
                wanted.Remove(key);
            }
        }

        served = [.. served.Where(s => wanted.Contains((s.Role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder, entityOf[s.Party].ToString("N"))))];
        var (arrivals, onThem) = await ReceiversOnAsync(served.Select(s => s.Consignment), cancellationToken);
        var names = await NamesAsync(partyIds, cancellationToken);
        foreach (var s in served.Where(s => arrivals.ContainsKey(s.Consignment)).OrderBy(s => arrivals[s.Consignment]).ThenBy(s => s.Consignment))
        {
            var other = entityOf[s.Party];
            var key = (s.Role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder, other.ToString("N"));
            if (!wanted.Contains(key))
            {
                continue;
            }

            foreach (var receiver in Receivers(onThem[s.Consignment]).Where(r => r != other))
            {
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new Group(names.GetValueOrDefault(s.Party, other.ToString("N")[..8]));
                }

                group.Sighted(receiver, DateOnly.FromDateTime(arrivals[s.Consignment]));
            }
        }

        foreach (var key in wanted)
        {
            groups.TryAdd(key, new Group(key.Value));
        }
    }

    // A container links the receivers of every consignment it came on.
    private async Task ReadContainerGroupsAsync(List<string> numbers, CancellationToken cancellationToken)
    {
        var carried = new List<(Guid Consignment, string Number)>();
        foreach (var chunk in numbers.Chunk(1000))
        {
            var wanted = chunk.ToList();
            carried.AddRange((await db.ConsignmentEquipment.AsNoTracking().Where(e => wanted.Contains(e.ContainerNumber))
                .Select(e => new { e.ConsignmentId, e.ContainerNumber }).ToListAsync(cancellationToken)).Select(e => (e.ConsignmentId, e.ContainerNumber)));
        }

        var (arrivals, onThem) = await ReceiversOnAsync(carried.Select(c => c.Consignment), cancellationToken);
        foreach (var number in numbers)
        {
            groups[(LinkKind.Container, number)] = new Group(number);
        }

        foreach (var (consignment, number) in carried.Where(c => arrivals.ContainsKey(c.Consignment)))
        {
            foreach (var receiver in Receivers(onThem[consignment]))
            {
                groups[(LinkKind.Container, number)].Sighted(receiver, DateOnly.FromDateTime(arrivals[consignment]));
            }
        }
    }

    // The parties on a consignment of the user's hubs, with their names and first days.
    private async Task<List<PartyRow>> VisiblePartiesAsync(IEnumerable<Guid> partyIds, CancellationToken cancellationToken)
    {
        var rows = new List<PartyRow>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            rows.AddRange(await db.Parties.AsNoTracking()
                .Where(p => ids.Contains(p.Id) && db.Set<ConsignmentParty>().Any(cp => cp.PartyId == p.Id && visible.Any(c => c.Id == cp.ConsignmentId)))
                .Select(p => new PartyRow(p.Id, p.Name, p.FirstSeen)).ToListAsync(cancellationToken));
        }

        return rows;
    }

    // The arrival of each of the consignments the user may see (the others are left out).
    private async Task<Dictionary<Guid, DateTime>> ArrivalsAsync(IEnumerable<Guid> consignmentIds, CancellationToken cancellationToken)
    {
        var arrivals = new Dictionary<Guid, DateTime>();
        foreach (var chunk in consignmentIds.Distinct().Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var c in await visible.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.ArrivedAt }).ToListAsync(cancellationToken))
            {
                arrivals[c.Id] = c.ArrivedAt;
            }
        }

        return arrivals;
    }

    private async Task<ILookup<Guid, Receipt>> PartiesOnAsync(IEnumerable<Guid> consignmentIds, CancellationToken cancellationToken)
    {
        var rows = new List<Receipt>();
        foreach (var chunk in consignmentIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            rows.AddRange(await db.Set<ConsignmentParty>().AsNoTracking().Where(cp => ids.Contains(cp.ConsignmentId))
                .Select(cp => new Receipt(cp.ConsignmentId, cp.Role, cp.PartyId)).ToListAsync(cancellationToken));
        }

        return rows.ToLookup(r => r.Consignment);
    }

    // The consignments of the user's hubs among these, with their arrival and receiving parties (resolved).
    private async Task<(Dictionary<Guid, DateTime> Arrivals, ILookup<Guid, Receipt> Parties)> ReceiversOnAsync(IEnumerable<Guid> consignmentIds, CancellationToken cancellationToken)
    {
        var arrivals = await ArrivalsAsync(consignmentIds, cancellationToken);
        var rows = new List<Receipt>();
        foreach (var chunk in arrivals.Keys.Chunk(1000))
        {
            var ids = chunk.ToList();
            rows.AddRange(await db.Set<ConsignmentParty>().AsNoTracking().Where(cp => ids.Contains(cp.ConsignmentId) && (cp.Role == PartyRole.Consignee || cp.Role == PartyRole.Notify))
                .Select(cp => new Receipt(cp.ConsignmentId, cp.Role, cp.PartyId)).ToListAsync(cancellationToken));
        }

        await ResolveAsync(rows.Select(r => r.Party), cancellationToken);
        return (arrivals, rows.ToLookup(r => r.Consignment));
    }

    private async Task<ILookup<Guid, string>> ContainersOnAsync(IEnumerable<Guid> consignmentIds, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid, string)>();
        foreach (var chunk in consignmentIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            rows.AddRange((await db.ConsignmentEquipment.AsNoTracking().Where(e => ids.Contains(e.ConsignmentId))
                .Select(e => new { e.ConsignmentId, e.ContainerNumber }).ToListAsync(cancellationToken)).Select(e => (e.ConsignmentId, e.ContainerNumber)));
        }

        return rows.ToLookup(r => r.Item1, r => r.Item2);
    }

    // The receiving side of a consignment (EntityNetwork.ReceivingEntities).
    private IEnumerable<Guid> Receivers(IEnumerable<Receipt> parties) =>
        parties.Where(p => p.Role is PartyRole.Consignee or PartyRole.Notify).Select(p => entityOf[p.Party]).Distinct();

    private async Task<Dictionary<Guid, string>> NamesAsync(List<Guid> partyIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var p in await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            {
                names[p.Id] = p.Name;
            }
        }

        return names;
    }

    private async Task ResolveAsync(IEnumerable<Guid> partyIds, CancellationToken cancellationToken)
    {
        var unknown = partyIds.Where(p => !entityOf.ContainsKey(p)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            foreach (var (party, entity) in await entities.EntitiesOfAsync(unknown, cancellationToken))
            {
                entityOf[party] = entity;
            }
        }
    }

    /// <summary>
    /// The network of what has been read, with the hits and watch listings of <paramref name="shown"/>
    /// (the entities whose flags the answer shows; none while still exploring).
    /// </summary>
    private async Task<NetworkHistory> HistoryAsync(IEnumerable<Guid> shown, CancellationToken cancellationToken)
    {
        var network = new EntityNetwork();
        // Parties in a fixed order: an entity's name is its earliest party's, as in the whole network.
        foreach (var p in partiesOf.Values.SelectMany(p => p).OrderBy(p => p.FirstSeen).ThenBy(p => p.Id))
        {
            network.AddNode(entityOf[p.Id], p.Name, DateOnly.FromDateTime(p.FirstSeen));
        }

        foreach (var ((kind, value), group) in groups)
        {
            foreach (var (entity, day) in group.Holders)
            {
                network.Add(entity, kind, value, group.Display, day);
            }
        }

        var partyIds = shown.SelectMany(e => partiesOf.GetValueOrDefault(e) ?? []).Select(p => p.Id).ToList();
        var outcomes = new List<NetworkOutcome>();
        var watched = new List<WatchListing>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            // A hit counts for every receiving party of the consignment (EntityNetwork.ReceivingEntities).
            var received = await db.Set<ConsignmentParty>().AsNoTracking().Where(cp => (cp.Role == PartyRole.Consignee || cp.Role == PartyRole.Notify) && ids.Contains(cp.PartyId))
                .Select(cp => new { cp.ConsignmentId, cp.PartyId }).ToListAsync(cancellationToken);
            var hit = new Dictionary<Guid, DateTime>();
            foreach (var few in received.Select(r => r.ConsignmentId).Distinct().Chunk(1000))
            {
                var some = few.ToList();
                foreach (var o in await db.DeclarationOutcomes.AsNoTracking().Where(o => some.Contains(o.ConsignmentId) && o.Inspected && o.Hit == true)
                    .Select(o => new { o.ConsignmentId, o.KnownAt }).ToListAsync(cancellationToken))
                {
                    hit[o.ConsignmentId] = o.KnownAt;
                }
            }

            var seen = await ArrivalsAsync(hit.Keys, cancellationToken);
            outcomes.AddRange(received.Where(r => seen.ContainsKey(r.ConsignmentId)).Select(r => new NetworkOutcome(entityOf[r.PartyId], DateOnly.FromDateTime(hit[r.ConsignmentId]))));
            var listed = await db.WatchList.AsNoTracking().Where(w => w.RemovedAt == null && ids.Contains(w.PartyId)).Select(w => new { w.PartyId, w.AddedAt }).ToListAsync(cancellationToken);
            watched.AddRange(listed.Select(w => new WatchListing(entityOf[w.PartyId], DateOnly.FromDateTime(w.AddedAt))));
        }

        return new NetworkHistory(network, outcomes, watched);
    }
}
