using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// Analysts' merges and splits of resolved entities: applied to the links at once, audited, and kept
/// as decisions that every later resolution run obeys (a merge joins all the parties it named; a
/// split keeps the parties taken out apart from those left). Targeting analysts and supervisors, in
/// person. The API and the party page call the same functions; the caller's unit of work commits.
/// </summary>
public static class EntityDecisions
{
    public const int MaxIds = 50;

    public sealed record MergeRequest(IReadOnlyList<Guid>? Ids, string? Reason);

    public sealed record SplitRequest(IReadOnlyList<Guid>? PartyIds, string? Reason);

    /// <summary>The entity after the decision (<see cref="NewEntityId"/>: the entity of the parties a split took out, null when they are one party, which is its own entity).</summary>
    public sealed record DecisionView(string Kind, Guid EntityId, IReadOnlyList<Guid> Parties, Guid? NewEntityId, IReadOnlyList<Guid> TakenOut);

    public static bool MayDecide(CurrentUser? user) => user is { IsSystem: false } && user.Role is Roles.TargetingAnalyst or Roles.Supervisor;

    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> MergeAsync(MergeRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await ApplyMergeAsync(db, clock, CurrentUser.From(context.User)!, request, cancellationToken);
        return outcome.Value is { } view ? TypedResults.Ok(view) : outcome.Refusal!.ToProblem("The entities cannot be merged.");
    }

    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> SplitAsync(Guid id, SplitRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await ApplySplitAsync(db, clock, CurrentUser.From(context.User)!, id, request, cancellationToken);
        return outcome.Value is { } view ? TypedResults.Ok(view) : outcome.Refusal!.ToProblem("The entity cannot be split.");
    }

    public static async Task<Outcome<DecisionView>> ApplyMergeAsync(PortcullisDb db, TimeProvider clock, CurrentUser user, MergeRequest request, CancellationToken cancellationToken)
    {
        if (ReasonRefusal(request.Reason) is { } bad)
        {
            return bad;
        }

        var ids = (request.Ids ?? []).Distinct().ToList();
        if (ids.Count is < 2 or > MaxIds)
        {
            return Refusal.Invalid($"Name 2 to {MaxIds} party or entity ids in 'ids' to merge; {ids.Count} given.");
        }

        // Each id is an entity (all its parties) or a party (its whole entity).
        var groups = new List<(Guid? Entity, List<Guid> Parties)>();
        foreach (var id in ids)
        {
            var group = await GroupOfAsync(db, id, cancellationToken);
            if (group is null || (await GetParty.VisibleAsync(db, user, group.Value.Parties, cancellationToken)).Count == 0)
            {
                return Refusal.NotFound($"There is no party or entity {id} on a consignment of your hubs; check the id.");
            }

            if (!groups.Exists(g => g.Parties.Contains(group.Value.Parties[0])))
            {
                groups.Add(group.Value);
            }
        }

        if (groups.Count < 2)
        {
            return Refusal.Conflict("These ids are already one entity; nothing to merge.");
        }

        var parties = groups.SelectMany(g => g.Parties).Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = groups.Where(g => g.Entity is not null).OrderByDescending(g => g.Parties.Count).ThenBy(g => g.Entity).Select(g => g.Entity!.Value).ToList();
        var entities = await db.PartyEntities.Where(e => stored.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        PartyEntity survivor;
        if (stored.Count > 0 && entities.TryGetValue(stored[0], out var first))
        {
            survivor = first;
        }
        else
        {
            var oldest = await db.Parties.AsNoTracking().Where(p => parties.Contains(p.Id)).OrderBy(p => p.FirstSeen).ThenBy(p => p.Id).FirstAsync(cancellationToken);
            survivor = new PartyEntity { Id = Guid.CreateVersion7(clock.GetUtcNow()), DisplayName = oldest.Name, CountryCode = oldest.CountryCode, CreatedAt = now, UpdatedAt = now };
            db.PartyEntities.Add(survivor);
        }

        var decision = new PartyEntityDecision { Kind = PartyDecisionKind.Merge, PartyIds = parties, DecidedBy = user.Name, DecidedAt = now, Reason = request.Reason!.Trim() };
        db.PartyEntityDecisions.Add(decision);
        var links = await db.PartyEntityLinks.Where(l => parties.Contains(l.PartyId)).ToDictionaryAsync(l => l.PartyId, cancellationToken);
        foreach (var party in parties)
        {
            if (!links.TryGetValue(party, out var link))
            {
                db.PartyEntityLinks.Add(new PartyEntityLink { PartyId = party, EntityId = survivor.Id, Evidence = ResolveParties.AnalystEvidence(decision), Source = PartyLinkSource.Analyst });
            }
            else if (link.EntityId != survivor.Id)
            {
                link.EntityId = survivor.Id;
                link.Score = null;
                link.LinkedTo = null;
                link.Evidence = ResolveParties.AnalystEvidence(decision);
                link.Source = PartyLinkSource.Analyst;
            }
        }

        db.PartyEntities.RemoveRange(entities.Values.Where(e => e.Id != survivor.Id));
        survivor.PartyCount = parties.Count;
        survivor.UpdatedAt = now;
        AuditLog.Record(db, clock, user, "parties.entity.merge", $"entity {survivor.Id}",
            $"{groups.Count} entities ({parties.Count} parties: {string.Join(", ", parties.Take(20))}) merged: {decision.Reason}");
        return new DecisionView("merge", survivor.Id, [.. parties.Order()], null, []);
    }

    public static async Task<Outcome<DecisionView>> ApplySplitAsync(PortcullisDb db, TimeProvider clock, CurrentUser user, Guid entityId, SplitRequest request, CancellationToken cancellationToken)
    {
        var entity = await db.PartyEntities.SingleOrDefaultAsync(e => e.Id == entityId, cancellationToken);
        var links = entity is null ? [] : await db.PartyEntityLinks.Where(l => l.EntityId == entityId).ToListAsync(cancellationToken);
        if (entity is null || (await GetParty.VisibleAsync(db, user, [.. links.Select(l => l.PartyId)], cancellationToken)).Count == 0)
        {
            return Refusal.NotFound($"There is no entity {entityId} of two or more parties on consignments of your hubs; a party on its own has nothing to split.");
        }

        if (ReasonRefusal(request.Reason) is { } bad)
        {
            return bad;
        }

        var taken = (request.PartyIds ?? []).Distinct().ToList();
        var members = links.Select(l => l.PartyId).ToHashSet();
        if (taken.Count == 0 || taken.Count >= members.Count)
        {
            return Refusal.Invalid($"Name in 'partyIds' the parties to take out of the entity: at least one, and fewer than its {members.Count}.");
        }

        if (taken.Where(p => !members.Contains(p)).Select(p => (Guid?)p).FirstOrDefault() is { } stranger)
        {
            return Refusal.Invalid($"Party {stranger} is not in entity {entityId}; take out only parties of the entity.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var remaining = members.Where(p => !taken.Contains(p)).Order().ToList();
        var decision = new PartyEntityDecision { Kind = PartyDecisionKind.Split, PartyIds = taken, OtherPartyIds = remaining, DecidedBy = user.Name, DecidedAt = now, Reason = request.Reason!.Trim() };
        db.PartyEntityDecisions.Add(decision);

        // Two or more taken out stay together as a new entity; one alone is its own entity (no link).
        Guid? newEntity = null;
        if (taken.Count > 1)
        {
            var oldest = await db.Parties.AsNoTracking().Where(p => taken.Contains(p.Id)).OrderBy(p => p.FirstSeen).ThenBy(p => p.Id).FirstAsync(cancellationToken);
            var created = new PartyEntity { Id = Guid.CreateVersion7(clock.GetUtcNow()), DisplayName = oldest.Name, CountryCode = oldest.CountryCode, CreatedAt = now, UpdatedAt = now, PartyCount = taken.Count, Kind = entity.Kind };
            db.PartyEntities.Add(created);
            newEntity = created.Id;
            foreach (var link in links.Where(l => taken.Contains(l.PartyId)))
            {
                link.EntityId = created.Id;
            }
        }
        else
        {
            db.PartyEntityLinks.RemoveRange(links.Where(l => taken.Contains(l.PartyId)));
        }

        if (remaining.Count == 1)
        {
            db.PartyEntityLinks.RemoveRange(links.Where(l => l.PartyId == remaining[0]));
            db.PartyEntities.Remove(entity);
        }
        else
        {
            entity.PartyCount = remaining.Count;
            entity.UpdatedAt = now;
        }

        AuditLog.Record(db, clock, user, "parties.entity.split", $"entity {entityId}",
            $"{taken.Count} of {members.Count} parties taken out ({string.Join(", ", taken.Take(20))}): {decision.Reason}");
        return new DecisionView("split", remaining.Count == 1 ? remaining[0] : entityId, remaining, newEntity, [.. taken.Order()]);
    }

    private static Refusal? ReasonRefusal(string? reason) =>
        reason?.Trim() is { Length: >= 5 and <= 1000 } ? null
            : Refusal.Invalid("Give the reason for the decision in a sentence (5 to 1000 characters): what tells these parties to be (or not to be) one entity.");

    /// <summary>The entity an id names (an entity id, or a party's id standing for its entity) and its parties; null when neither.</summary>
    private static async Task<(Guid? Entity, List<Guid> Parties)?> GroupOfAsync(PortcullisDb db, Guid id, CancellationToken cancellationToken)
    {
        var entity = await db.PartyEntityLinks.AsNoTracking().Where(l => l.PartyId == id).Select(l => (Guid?)l.EntityId).SingleOrDefaultAsync(cancellationToken)
            ?? (await db.PartyEntities.AnyAsync(e => e.Id == id, cancellationToken) ? id : null);
        if (entity is { } e)
        {
            return (e, await db.PartyEntityLinks.AsNoTracking().Where(l => l.EntityId == e).OrderBy(l => l.PartyId).Select(l => l.PartyId).ToListAsync(cancellationToken));
        }

        return await db.Parties.AnyAsync(p => p.Id == id, cancellationToken) ? (null, [id]) : null;
    }
}
