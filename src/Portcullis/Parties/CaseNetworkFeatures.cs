using Microsoft.EntityFrameworkCore;
using Portcullis.Parties.Networks;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// The network's risk features of stored consignments, for the risk engine's cases (CaseSources): each
/// consignment's consignee and notify party as resolved entities (<see cref="StoredPartyEntities"/>), on
/// its arrival day, from the links and outcomes known before that day only (<see cref="NetworkTimeline"/>),
/// so training on past days learns nothing a case's own day did not know. Hits are the recorded
/// positive controls, known on their recorded day; the watch list counts from the day after an entry.
/// </summary>
public static class CaseNetworkFeatures
{
    /// <summary>
    /// The features of the consignments arriving before <paramref name="end"/> (or of <paramref name="only"/>
    /// among them, still from the whole network before their days), as extra numeric columns and their
    /// explanations, keyed by consignment. <paramref name="options"/> defaults to the app's (contact links).
    /// </summary>
    public static async Task<Dictionary<Guid, NetworkFeatures>> LoadAsync(PortcullisDb db, DateTime end, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken, NetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        options ??= new NetworkOptions();
        if (only is not null)
        {
            // Later days cannot change these cases' features: read the network up to the last of their days.
            var last = await db.Consignments.AsNoTracking().Where(c => only.Contains(c.Id)).Select(c => (DateTime?)c.ArrivedAt).MaxAsync(cancellationToken);
            if (last is null)
            {
                return [];
            }

            var dayAfter = last.Value.Date.AddDays(1);
            end = dayAfter < end ? dayAfter : end;
        }

        var visible = db.Consignments.AsNoTracking().Where(c => c.RetractedAt == null && c.ArrivedAt < end);
        // Contact links come from the party records alone: consignments then only name each case's
        // receiving parties and each hit's, so scoring one consignment reads the parties near it, that
        // consignment and the hits, not every consignment with its containers. Links over agents,
        // forwarders or containers need the consignments themselves.
        var contactsOnly = options.FeatureKinds.IsSubsetOf(NetworkOptions.ContactKinds);
        var cases = only is not null && contactsOnly ? visible.Where(c => only.Contains(c.Id)) : visible;
        var consignments = contactsOnly
            ? await cases.Include(c => c.Parties).AsSplitQuery().ToListAsync(cancellationToken)
            : await cases.Include(c => c.Parties).Include(c => c.Equipment).AsSplitQuery().ToListAsync(cancellationToken);
        var hits = await db.DeclarationOutcomes.AsNoTracking().Where(o => o.Inspected && o.Hit == true).Select(o => new { o.ConsignmentId, o.KnownAt }).ToListAsync(cancellationToken);
        var byId = consignments.ToDictionary(c => c.Id);
        foreach (var chunk in hits.Select(h => h.ConsignmentId).Where(id => !byId.ContainsKey(id)).Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var c in await visible.Where(c => ids.Contains(c.Id)).Include(c => c.Parties).ToListAsync(cancellationToken))
            {
                byId[c.Id] = c;
            }
        }

        List<Domain.Cargo.Party> parties;
        IReadOnlyDictionary<Guid, Guid> entityOf;
        if (only is not null && contactsOnly)
        {
            // A few cases: only their entities' neighbourhood within the hops the features look at.
            (parties, var near) = await NeighbourhoodAsync(db, visible, consignments, cancellationToken);
            // The hits' receiving parties far from the cases still need their entities: a hit counts for its entity.
            var hitParties = byId.Values.SelectMany(c => c.Parties).Select(p => p.PartyId).Where(id => !near.ContainsKey(id)).Distinct();
            var known = await new StoredPartyEntities(db).EntitiesOfAsync([.. hitParties], cancellationToken);
            entityOf = near.Concat(known).ToDictionary();
        }
        else
        {
            var partyIds = (await visible.SelectMany(c => c.Parties).Select(p => p.PartyId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            parties = await ReadPartiesAsync(db, partyIds, cancellationToken);
            entityOf = await new StoredPartyEntities(db).EntitiesOfAsync(partyIds, cancellationToken);
        }

        var outcomes = hits.Where(h => byId.ContainsKey(h.ConsignmentId))
            .SelectMany(h => EntityNetwork.ReceivingEntities(byId[h.ConsignmentId], entityOf).Select(e => new NetworkOutcome(e, DateOnly.FromDateTime(h.KnownAt))))
            .ToList();
        var watched = (await db.WatchList.AsNoTracking().Select(w => new { w.PartyId, w.AddedAt, w.RemovedAt }).ToListAsync(cancellationToken))
            // An entry removed since is left out: the history of removals is not kept per day.
            .Where(w => w.RemovedAt == null && entityOf.ContainsKey(w.PartyId))
            .Select(w => new WatchListing(entityOf[w.PartyId], DateOnly.FromDateTime(w.AddedAt)))
            .ToList();
        var features = NetworkTimeline.Compute(parties, consignments, entityOf, outcomes, watched, options, cancellationToken);
        if (only is not null)
        {
            var wanted = only.ToHashSet();
            return features.Where(f => wanted.Contains(f.Key)).ToDictionary();
        }

        return features;
    }

    private static async Task<List<Domain.Cargo.Party>> ReadPartiesAsync(PortcullisDb db, IEnumerable<Guid> partyIds, CancellationToken cancellationToken)
    {
        var parties = new List<Domain.Cargo.Party>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            parties.AddRange(await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken));
        }

        return parties;
    }

    /// <summary>
    /// The visible parties of every entity within <see cref="Rings"/> contact links of the cases'
    /// receiving entities, with each party's entity. Each ring's entities are read with all their
    /// visible parties (an entity's first day is its earliest party's), and every value those parties
    /// hold is read whole, every holder (a value held by more than MaxSharing entities links nobody, so
    /// its holders must be counted, not sampled). The outermost ring's own values are not followed: two
    /// outer entities may then look linked through a value whose other holders were not read, but no
    /// feature walks from the outer ring, so the cases' features equal those of the whole network
    /// (CaseNetworkFeaturesTests holds the two together).
    /// </summary>
    private static async Task<(List<Domain.Cargo.Party> Parties, Dictionary<Guid, Guid> EntityOf)> NeighbourhoodAsync(
        PortcullisDb db, IQueryable<Domain.Cargo.Consignment> visible, IReadOnlyList<Domain.Cargo.Consignment> cases, CancellationToken cancellationToken)
    {
        var entities = new StoredPartyEntities(db);
        var caseEntities = await entities.EntitiesOfAsync([.. cases.SelectMany(c => c.Parties).Select(p => p.PartyId).Distinct()], cancellationToken);
        var frontier = cases.SelectMany(c => EntityNetwork.ReceivingEntities(c, caseEntities)).ToHashSet();
        var seen = new HashSet<Guid>(frontier);
        var entityOf = new Dictionary<Guid, Guid>();
        var parties = new List<Domain.Cargo.Party>();
        for (var ring = 0; frontier.Count > 0; ring++)
        {
            var members = await entities.PartiesOfAsync(frontier, cancellationToken);
            var ringParties = await VisibleAsync(visible, members.SelectMany(m => m.Value), cancellationToken);
            foreach (var (entity, list) in members)
            {
                foreach (var party in list.Where(ringParties.Contains))
                {
                    entityOf[party] = entity;
                }
            }

            parties.AddRange(await ReadPartiesAsync(db, ringParties, cancellationToken));
            if (ring == Rings)
            {
                break;
            }

            var values = new HashSet<(ContactKeyKind Kind, string Value)>();
            foreach (var chunk in ringParties.Chunk(1000))
            {
                var ids = chunk.ToList();
                values.UnionWith((await db.PartyContactKeys.AsNoTracking().Where(k => ids.Contains(k.PartyId) && k.Kind != ContactKeyKind.None)
                    .Select(k => new { k.Kind, k.Value }).ToListAsync(cancellationToken)).Select(k => (k.Kind, k.Value)));
            }

            var holders = new HashSet<Guid>();
            foreach (var chunk in values.Select(v => v.Value).Distinct().Chunk(500))
            {
                var texts = chunk.ToList();
                // By value first (the index's second column), then the kind in memory: an e-mail domain
                // and a street may read alike.
                holders.UnionWith((await db.PartyContactKeys.AsNoTracking().Where(k => texts.Contains(k.Value))
                    .Select(k => new { k.PartyId, k.Kind, k.Value }).ToListAsync(cancellationToken))
                    .Where(k => values.Contains((k.Kind, k.Value))).Select(k => k.PartyId));
            }

            holders.ExceptWith(entityOf.Keys);
            var visibleHolders = await VisibleAsync(visible, holders, cancellationToken);
            var next = await entities.EntitiesOfAsync(visibleHolders, cancellationToken);
            frontier = next.Values.Where(seen.Add).ToHashSet();
        }

        return (parties, entityOf);
    }

    // The network of the full load holds the parties named on a visible consignment before its end.
    private static async Task<HashSet<Guid>> VisibleAsync(IQueryable<Domain.Cargo.Consignment> visible, IEnumerable<Guid> partyIds, CancellationToken cancellationToken)
    {
        var result = new HashSet<Guid>();
        foreach (var chunk in partyIds.Distinct().Chunk(1000))
        {
            var ids = chunk.ToList();
            result.UnionWith(await visible.SelectMany(c => c.Parties).Where(p => ids.Contains(p.PartyId)).Select(p => p.PartyId).Distinct().ToListAsync(cancellationToken));
        }

        return result;
    }

    // The features look two links out: hop 1 from the case's entities, hop 2 through the day's indexes.
    private const int Rings = 2;
}
