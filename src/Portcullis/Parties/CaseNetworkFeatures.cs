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
        // receiving parties and each hit's, so scoring one consignment reads the parties, that
        // consignment and the hits, not every consignment with its containers. Links over agents,
        // forwarders or containers need the consignments themselves.
        var contactsOnly = options.FeatureKinds.IsSubsetOf(NetworkOptions.ContactKinds);
        var partyIds = (await visible.SelectMany(c => c.Parties).Select(p => p.PartyId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var parties = new List<Domain.Cargo.Party>(partyIds.Count);
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            parties.AddRange(await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken));
        }

        var cases = only is not null && contactsOnly ? visible.Where(c => only.Contains(c.Id)) : visible;
        var consignments = contactsOnly
            ? await cases.Include(c => c.Parties).AsSplitQuery().ToListAsync(cancellationToken)
            : await cases.Include(c => c.Parties).Include(c => c.Equipment).AsSplitQuery().ToListAsync(cancellationToken);
        var entityOf = await new StoredPartyEntities(db).EntitiesOfAsync(partyIds, cancellationToken);
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
}
