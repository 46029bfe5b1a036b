using Microsoft.EntityFrameworkCore;

namespace Portcullis.Parties;

/// <summary>
/// Which resolved entity each stored party belongs to. The network, the risk features and the dossiers
/// ask this instead of reading the resolution tables, so that they work before the first resolution run:
/// a party not yet resolved is its own entity (its entity id is its party id).
/// </summary>
public interface IPartyEntities
{
    /// <summary>The entity of each given party (every id in the input is a key of the answer).</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> EntitiesOfAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken cancellationToken);

    /// <summary>The parties that belong to an entity (the party itself while it is unresolved; empty when unknown).</summary>
    Task<IReadOnlyList<Guid>> PartiesOfAsync(Guid entityId, CancellationToken cancellationToken);

    /// <summary>The parties of each of the entities, as <see cref="PartiesOfAsync(Guid, CancellationToken)"/> answers (an entity unknown has none).</summary>
    async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> PartiesOfAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var id in entityIds.Distinct())
        {
            result[id] = await PartiesOfAsync(id, cancellationToken);
        }

        return result;
    }
}

/// <summary>Until entity resolution is stored: every party is its own entity.</summary>
public sealed class UnresolvedPartyEntities(Storage.PortcullisDb db) : IPartyEntities
{
    public Task<IReadOnlyDictionary<Guid, Guid>> EntitiesOfAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyDictionary<Guid, Guid>>(partyIds.Distinct().ToDictionary(id => id, id => id));

    public async Task<IReadOnlyList<Guid>> PartiesOfAsync(Guid entityId, CancellationToken cancellationToken)
        => await db.Parties.AnyAsync(p => p.Id == entityId, cancellationToken) ? [entityId] : [];
}

/// <summary>The stored resolution: a party with a link belongs to its entity; one without is its own entity.</summary>
public sealed class StoredPartyEntities(Storage.PortcullisDb db) : IPartyEntities
{
    public async Task<IReadOnlyDictionary<Guid, Guid>> EntitiesOfAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken cancellationToken)
    {
        var result = partyIds.Distinct().ToDictionary(id => id, id => id);
        foreach (var chunk in result.Keys.Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var link in await db.PartyEntityLinks.AsNoTracking().Where(l => ids.Contains(l.PartyId)).Select(l => new { l.PartyId, l.EntityId }).ToListAsync(cancellationToken))
            {
                result[link.PartyId] = link.EntityId;
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<Guid>> PartiesOfAsync(Guid entityId, CancellationToken cancellationToken)
    {
        var members = await db.PartyEntityLinks.AsNoTracking().Where(l => l.EntityId == entityId).OrderBy(l => l.PartyId).Select(l => l.PartyId).ToListAsync(cancellationToken);
        if (members.Count > 0)
        {
            return members;
        }

        // An unlinked party is its own entity; a party linked elsewhere is not an entity id.
        return await db.Parties.AnyAsync(p => p.Id == entityId, cancellationToken) && !await db.PartyEntityLinks.AnyAsync(l => l.PartyId == entityId, cancellationToken)
            ? [entityId]
            : [];
    }

    // The same answer as one entity at a time, in a few queries: a neighbourhood asks for hundreds.
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> PartiesOfAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var chunk in entityIds.Distinct().Chunk(1000))
        {
            var ids = chunk.ToList();
            var links = await db.PartyEntityLinks.AsNoTracking().Where(l => ids.Contains(l.EntityId)).Select(l => new { l.EntityId, l.PartyId }).ToListAsync(cancellationToken);
            foreach (var members in links.GroupBy(l => l.EntityId))
            {
                result[members.Key] = [.. members.Select(l => l.PartyId).Order()];
            }

            var rest = ids.Where(id => !result.ContainsKey(id)).ToList();
            var unlinked = await db.Parties.AsNoTracking()
                .Where(p => rest.Contains(p.Id) && !db.PartyEntityLinks.Any(l => l.PartyId == p.Id))
                .Select(p => p.Id).ToListAsync(cancellationToken);
            var own = unlinked.ToHashSet();
            foreach (var id in rest)
            {
                result[id] = own.Contains(id) ? [id] : [];
            }
        }

        return result;
    }
}
