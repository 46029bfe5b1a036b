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

    // Enough of an agent's or forwarder's receipts to find MaxSharing + 1 receivers when it has them.
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

    /// <summary>
    /// The neighbourhood of <paramref name="entityId"/> as of <paramref name="asOf"/>; null when none of its
    /// parties is on a consignment the user may see. With <paramref name="limit"/>, the first ring that does
    /// not fit is cut as <see cref="GetEntityNetwork.Neighbourhood"/> cuts it and explored no further, and
    /// only the values of the entities kept are read (a busy importer's rings are hundreds and thousands of
    /// entities, each with its consignments).
    /// </summary>
    public static async Task<GetEntityNetwork.NetworkView?> FindAsync(PortcullisDb db, IPartyEntities entities, Guid entityId, int hops, CurrentUser user, DateOnly asOf, int? limit, CancellationToken cancellationToken)
    {
        var load = new EntityNeighbourhood(db, entities, user, asOf);
        await load.ReadPartiesAsync([entityId], cancellationToken);
        if (load.partiesOf[entityId].Count == 0)
        {
            return null;
        }

        await load.ReadValuesAsync([entityId], cancellationToken);
        await load.ReadGroupsAsync(load.valuesOf[entityId], cancellationToken);
        Flags? flags = null;
        for (var hop = 1; hop <= hops; hop++)
        {
            var ring = load.Network().Explore([entityId], asOf, hop).Keys.Where(e => !load.valuesOf.ContainsKey(e)).ToList();
            if (ring.Count == 0)
            {
                break;
            }

            await load.ReadPartiesAsync(ring, cancellationToken);
            var cut = limit is { } most && load.valuesOf.Count + ring.Count > most;
            if (hop < hops && !cut)
            {
                await load.ReadValuesAsync(ring, cancellationToken);
                await load.ReadGroupsAsync(ring.SelectMany(e => load.valuesOf[e]), cancellationToken);
                continue;
            }

            // The last ring shown: the hits and watch listings of every entity shown decide which are kept
            // when it is cut, and it is explored no further.
            flags = await load.FlagsAsync(load.partiesOf.Keys, cancellationToken);
            var kept = ring;
            if (cut)
            {
                var view = GetEntityNetwork.Neighbourhood(new NetworkHistory(load.Network(), flags.Outcomes, flags.Watched), entityId, hop, asOf, limit);
                kept = [.. view.Nodes.Where(n => n.Hops == hop).Select(n => n.Id)];
            }

            // A value links two entities shown only if both hold it.
            await load.ReadValuesAsync(kept, cancellationToken);
            var shown = load.valuesOf.Keys.SelectMany(e => load.valuesOf[e]).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key);
            await load.ReadGroupsAsync(shown, cancellationToken);
            break;
        }

        flags ??= await load.FlagsAsync(load.partiesOf.Keys, cancellationToken);
        return GetEntityNetwork.Neighbourhood(new NetworkHistory(load.Network(), flags.Outcomes, flags.Watched), entityId, hops, asOf, limit);
    }

    /// <summary>Reads the entities' parties on consignments the user may see (their names and first days).</summary>
    private async Task ReadPartiesAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
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
        }

        foreach (var row in await VisiblePartiesAsync(members.Values.SelectMany(p => p).Distinct(), cancellationToken))
        {
            partiesOf[entityOf[row.Id]].Add(row);
        }
    }

    /// <summary>Reads every value the entities hold (contacts, and the agents, forwarders and containers of what they receive); their parties are read.</summary>
    private async Task ReadValuesAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
    {
        foreach (var e in entityIds)
        {
            valuesOf[e] = [];
        }

        var partyIds = entityIds.SelectMany(e => partiesOf[e]).Select(p => p.Id).ToList();
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
        // Joined in the database, each distinct (receiver, value) once: a busy importer receives thousands.
        var carriedBy = new List<(Guid Receiver, PartyRole Role, Guid Party)>();
        var boxes = new List<(Guid Receiver, string Number)>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            var received = from r in db.Set<ConsignmentParty>().AsNoTracking()
                           where (r.Role == PartyRole.Consignee || r.Role == PartyRole.Notify) && ids.Contains(r.PartyId)
                           join c in visible on r.ConsignmentId equals c.Id
                           select r;
            carriedBy.AddRange((await (from r in received
                                       join o in db.Set<ConsignmentParty>() on r.ConsignmentId equals o.ConsignmentId
                                       where o.Role == PartyRole.Declarant || o.Role == PartyRole.Forwarder
                                       select new { Receiver = r.PartyId, o.Role, o.PartyId }).Distinct().ToListAsync(cancellationToken))
                .Select(x => (x.Receiver, x.Role, x.PartyId)));
            boxes.AddRange((await (from r in received
                                   join e in db.ConsignmentEquipment on r.ConsignmentId equals e.ConsignmentId
                                   select new { Receiver = r.PartyId, e.ContainerNumber }).Distinct().ToListAsync(cancellationToken))
                .Select(x => (x.Receiver, x.ContainerNumber)));
        }

        await ResolveAsync(carriedBy.Select(c => c.Party), cancellationToken);
        foreach (var (party, role, other) in carriedBy)
        {
            var receiver = entityOf[party];
            if (entityOf[other] != receiver)
            {
                valuesOf[receiver].Add((role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder, entityOf[other].ToString("N")));
            }
        }

        foreach (var (party, number) in boxes)
        {
            valuesOf[entityOf[party]].Add((LinkKind.Container, number));
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
    // on the first of them (the order the whole network adds consignments in: arrival, then id).
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

        // A few hundred consignments of each first: if they already have more than MaxSharing receivers
        // before the day asked, the value links nobody (more consignments can only add receivers), and
        // a large forwarder's tens of thousands of consignments are never read (half a second a request).
        var wanted = keys.ToHashSet();
        foreach (var key in keys)
        {
            var other = Guid.ParseExact(key.Value, "N");
            if (await ServesManyAsync(members.GetValueOrDefault(other) ?? [], key.Kind, other, cancellationToken))
            {
                dead.Add(key);
                wanted.Remove(key);
            }
        }

        // Each receiver of each remaining agent's or forwarder's party once, with its first arrival,
        // grouped in the database.
        var partyIds = wanted.SelectMany(k => members.GetValueOrDefault(Guid.ParseExact(k.Value, "N")) ?? []).Distinct().ToList();
        var served = new List<(PartyRole Role, Guid Party, Guid Receiver, DateTime First)>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            served.AddRange((await (from s in db.Set<ConsignmentParty>().AsNoTracking()
                                    where (s.Role == PartyRole.Declarant || s.Role == PartyRole.Forwarder) && ids.Contains(s.PartyId)
                                    join c in visible on s.ConsignmentId equals c.Id
                                    join r in db.Set<ConsignmentParty>() on c.Id equals r.ConsignmentId
                                    where r.Role == PartyRole.Consignee || r.Role == PartyRole.Notify
                                    group c.ArrivedAt by new { s.Role, s.PartyId, Receiver = r.PartyId } into g
                                    select new { g.Key.Role, g.Key.PartyId, g.Key.Receiver, First = g.Min() }).ToListAsync(cancellationToken))
                .Select(x => (x.Role, x.PartyId, x.Receiver, x.First)));
        }

        await ResolveAsync(served.Select(s => s.Receiver), cancellationToken);
        var names = await NamesAsync(partyIds, cancellationToken);
        foreach (var byKey in served.GroupBy(s => (Kind: s.Role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder, Value: entityOf[s.Party].ToString("N"))).Where(g => wanted.Contains(g.Key)))
        {
            var other = entityOf[byKey.First().Party];
            var holders = byKey.Select(s => (s.Party, Receiver: entityOf[s.Receiver], s.First)).Where(s => s.Receiver != other).ToList();
            if (holders.Count == 0)
            {
                continue;
            }

            // More than MaxSharing receivers before the day asked: the value links nobody.
            if (holders.Where(h => DateOnly.FromDateTime(h.First) < asOf).Select(h => h.Receiver).Distinct().Count() > maxSharing)
            {
                dead.Add(byKey.Key);
                wanted.Remove(byKey.Key);
                continue;
            }

            var first = holders.Min(h => h.First);
            var naming = holders.Where(h => h.First == first).Select(h => h.Party).Distinct().ToList();
            var party = naming.Count == 1 ? naming[0] : await FirstServingAsync(naming, byKey.Key.Kind, other, first, cancellationToken);
            var group = groups[byKey.Key] = new Group(names.GetValueOrDefault(party, other.ToString("N")[..8]));
            foreach (var h in holders)
            {
                group.Sighted(h.Receiver, DateOnly.FromDateTime(h.First));
            }
        }

        foreach (var key in wanted)
        {
            groups.TryAdd(key, new Group(key.Value));
        }
    }

    // Whether the first few hundred receipts of an agent's or forwarder's parties before the day asked
    // already show more than MaxSharing receivers other than itself.
    private async Task<bool> ServesManyAsync(IReadOnlyList<Guid> parties, LinkKind kind, Guid other, CancellationToken cancellationToken)
    {
        if (parties.Count == 0)
        {
            return false;
        }

        var role = kind == LinkKind.Agent ? PartyRole.Declarant : PartyRole.Forwarder;
        var ids = parties.ToList();
        var before = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var receivers = await (from s in db.Set<ConsignmentParty>().AsNoTracking()
                               where s.Role == role && ids.Contains(s.PartyId)
                               join c in visible on s.ConsignmentId equals c.Id
                               where c.ArrivedAt < before
                               join r in db.Set<ConsignmentParty>() on c.Id equals r.ConsignmentId
                               where r.Role == PartyRole.Consignee || r.Role == PartyRole.Notify
                               select r.PartyId).Take(Probe).ToListAsync(cancellationToken);
        if (receivers.Distinct().Count() <= maxSharing)
        {
            return false;
        }

        await ResolveAsync(receivers, cancellationToken);
        return receivers.Select(r => entityOf[r]).Where(e => e != other).Distinct().Count() > maxSharing;
    }

    // Several parties of one agent served their first receiver at the same moment (one vessel's
    // consignments arrive together): the first consignment by id names it, as in the whole network.
    private async Task<Guid> FirstServingAsync(List<Guid> parties, LinkKind kind, Guid other, DateTime at, CancellationToken cancellationToken)
    {
        var role = kind == LinkKind.Agent ? PartyRole.Declarant : PartyRole.Forwarder;
        var rows = await (from s in db.Set<ConsignmentParty>().AsNoTracking()
                          where s.Role == role && parties.Contains(s.PartyId)
                          join c in visible on s.ConsignmentId equals c.Id
                          where c.ArrivedAt == at
                          join r in db.Set<ConsignmentParty>() on c.Id equals r.ConsignmentId
                          where r.Role == PartyRole.Consignee || r.Role == PartyRole.Notify
                          select new { s.ConsignmentId, s.PartyId, Receiver = r.PartyId }).ToListAsync(cancellationToken);
        await ResolveAsync(rows.Select(r => r.Receiver), cancellationToken);
        return rows.Where(r => entityOf[r.Receiver] != other).OrderBy(r => r.ConsignmentId).First().PartyId;
    }

    // A container links the receivers of every consignment it came on, each from its first arrival.
    private async Task ReadContainerGroupsAsync(List<string> numbers, CancellationToken cancellationToken)
    {
        var carried = new List<(string Number, Guid Receiver, DateTime First)>();
        foreach (var chunk in numbers.Chunk(1000))
        {
            var wanted = chunk.ToList();
            carried.AddRange((await (from e in db.ConsignmentEquipment.AsNoTracking()
                                     where wanted.Contains(e.ContainerNumber)
                                     join c in visible on e.ConsignmentId equals c.Id
                                     join r in db.Set<ConsignmentParty>() on c.Id equals r.ConsignmentId
                                     where r.Role == PartyRole.Consignee || r.Role == PartyRole.Notify
                                     group c.ArrivedAt by new { e.ContainerNumber, r.PartyId } into g
                                     select new { g.Key.ContainerNumber, g.Key.PartyId, First = g.Min() }).ToListAsync(cancellationToken))
                .Select(x => (x.ContainerNumber, x.PartyId, x.First)));
        }

        await ResolveAsync(carried.Select(c => c.Receiver), cancellationToken);
        foreach (var number in numbers)
        {
            groups[(LinkKind.Container, number)] = new Group(number);
        }

        foreach (var (number, receiver, first) in carried)
        {
            groups[(LinkKind.Container, number)].Sighted(entityOf[receiver], DateOnly.FromDateTime(first));
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

    private sealed record Flags(List<NetworkOutcome> Outcomes, List<WatchListing> Watched);

    /// <summary>The network of what has been read.</summary>
    private EntityNetwork Network()
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

        return network;
    }

    /// <summary>The hits and watch listings of <paramref name="shown"/> (the entities whose flags the answer shows).</summary>
    private async Task<Flags> FlagsAsync(IEnumerable<Guid> shown, CancellationToken cancellationToken)
    {
        var partyIds = shown.SelectMany(e => partiesOf.GetValueOrDefault(e) ?? []).Select(p => p.Id).ToList();
        var flags = new Flags([], []);
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            // A hit counts for every receiving party of the consignment (EntityNetwork.ReceivingEntities).
            var hits = await (from r in db.Set<ConsignmentParty>().AsNoTracking()
                              where (r.Role == PartyRole.Consignee || r.Role == PartyRole.Notify) && ids.Contains(r.PartyId)
                              join o in db.DeclarationOutcomes on r.ConsignmentId equals o.ConsignmentId
                              where o.Inspected && o.Hit == true
                              join c in visible on r.ConsignmentId equals c.Id
                              select new { r.PartyId, o.KnownAt }).ToListAsync(cancellationToken);
            flags.Outcomes.AddRange(hits.Select(h => new NetworkOutcome(entityOf[h.PartyId], DateOnly.FromDateTime(h.KnownAt))));
            var listed = await db.WatchList.AsNoTracking().Where(w => w.RemovedAt == null && ids.Contains(w.PartyId)).Select(w => new { w.PartyId, w.AddedAt }).ToListAsync(cancellationToken);
            flags.Watched.AddRange(listed.Select(w => new WatchListing(entityOf[w.PartyId], DateOnly.FromDateTime(w.AddedAt))));
        }

        return flags;
    }
}
