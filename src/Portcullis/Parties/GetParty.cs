using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// A party's dossier: the record as it came, the entity it was resolved into with the other parties
/// and the evidence of each link, and its consignments' count with first and last arrival. For
/// targeting analysts, supervisors and auditors, and only for a party on a consignment of their hubs;
/// parties of the entity outside those hubs are left out. The API and the party page call the same function.
/// </summary>
public static class GetParty
{
    public sealed record PartyRecordView(Guid Id, string Name, string Country, string? Eori, string Aeo, DateTime FirstSeen, string? Street, string? City, string? Postcode, string? Phone, string? Email);

    public sealed record MemberView(Guid PartyId, string Name, string Country, string? Eori, string Source, double? Score, Guid? LinkedTo, IReadOnlyList<ResolveParties.EvidenceLine> Evidence);

    public sealed record EntityView(Guid Id, string DisplayName, string Kind, string Country, bool Resolved, DateTime? UpdatedAt, long? RunId, IReadOnlyList<MemberView> Parties);

    public sealed record ConsignmentsView(int Count, DateTime? FirstArrived, DateTime? LastArrived);

    public sealed record PartyDossier(PartyRecordView Party, EntityView Entity, ConsignmentsView Consignments, bool MayMergeOrSplit);

    public static bool MayRead(CurrentUser? user) => user is not null && user.Role is Roles.TargetingAnalyst or Roles.Supervisor or Roles.Auditor;

    public static async Task<Results<Ok<PartyDossier>, ProblemHttpResult>> HandleAsync(Guid id, HttpContext context, PortcullisDb db, CancellationToken cancellationToken)
    {
        var dossier = await FindAsync(db, CurrentUser.From(context.User)!, id, cancellationToken);
        return dossier is null
            ? TypedResults.Problem($"There is no party {id} on a consignment of your hubs; check the id (a party's id, not an entity's).", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(dossier);
    }

    /// <summary>Null when the party does not exist or is on no consignment of the user's hubs (the same answer for both).</summary>
    public static async Task<PartyDossier?> FindAsync(PortcullisDb db, CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (party is null || (await VisibleAsync(db, user, [id], cancellationToken)).Count != 1)
        {
            return null;
        }

        var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
        var arrivals = db.Set<ConsignmentParty>().AsNoTracking().Where(cp => cp.PartyId == id)
            .Join(db.Consignments.AsNoTracking(), cp => cp.ConsignmentId, c => c.Id, (cp, c) => new { c.Id, c.HubCode, c.ArrivedAt });
        if (!user.AllHubs)
        {
            arrivals = arrivals.Where(a => hubs.Contains(a.HubCode));
        }

        var seen = await arrivals.Select(a => new { a.Id, a.ArrivedAt }).Distinct().ToListAsync(cancellationToken);
        var consignments = new ConsignmentsView(seen.Count, seen.Count == 0 ? null : seen.Min(a => a.ArrivedAt), seen.Count == 0 ? null : seen.Max(a => a.ArrivedAt));

        var link = await db.PartyEntityLinks.AsNoTracking().SingleOrDefaultAsync(l => l.PartyId == id, cancellationToken);
        var record = new PartyRecordView(party.Id, party.Name, party.CountryCode, party.Eori, party.Aeo.ToString(), party.FirstSeen, party.Street, party.City, party.Postcode, party.Phone, party.Email);
        var mayDecide = EntityDecisions.MayDecide(user);
        if (link is null)
        {
            return new PartyDossier(record, new EntityView(id, party.Name, PartyEntityKind.Unknown.ToString().ToLowerInvariant(), party.CountryCode, false, null, null,
                [new MemberView(id, party.Name, party.CountryCode, party.Eori, "self", null, null, [])]), consignments, mayDecide);
        }

        var entity = await db.PartyEntities.AsNoTracking().SingleOrDefaultAsync(e => e.Id == link.EntityId, cancellationToken);
        var links = await db.PartyEntityLinks.AsNoTracking().Where(l => l.EntityId == link.EntityId).ToListAsync(cancellationToken);
        var visible = await VisibleAsync(db, user, [.. links.Select(l => l.PartyId)], cancellationToken);
        var ids = links.Select(l => l.PartyId).Where(visible.Contains).ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var members = links.Where(l => parties.ContainsKey(l.PartyId))
            .OrderBy(l => l.PartyId == id ? 0 : 1).ThenByDescending(l => l.Score ?? double.MaxValue).ThenBy(l => l.PartyId)
            .Select(l => new MemberView(l.PartyId, parties[l.PartyId].Name, parties[l.PartyId].CountryCode, parties[l.PartyId].Eori, l.Source.ToString().ToLowerInvariant(), l.Score,
                l.LinkedTo is { } to && visible.Contains(to) ? to : null, ResolveParties.ReadEvidence(l.Evidence)))
            .ToList();
        return new PartyDossier(record, new EntityView(link.EntityId, entity?.DisplayName ?? party.Name, (entity?.Kind ?? PartyEntityKind.Unknown).ToString().ToLowerInvariant(),
            entity?.CountryCode ?? party.CountryCode, true, entity?.UpdatedAt, entity?.RunId, members), consignments, mayDecide);
    }

    /// <summary>Of the given parties, those on a consignment of the user's hubs (all of them for a user of all hubs).</summary>
    public static async Task<HashSet<Guid>> VisibleAsync(PortcullisDb db, CurrentUser user, IReadOnlyCollection<Guid> partyIds, CancellationToken cancellationToken)
    {
        if (user.AllHubs)
        {
            var existing = new HashSet<Guid>();
            foreach (var chunk in partyIds.Chunk(1000))
            {
                var ids = chunk.ToList();
                existing.UnionWith(await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken));
            }

            return existing;
        }

        var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
        var visible = new HashSet<Guid>();
        foreach (var chunk in partyIds.Chunk(1000))
        {
            var ids = chunk.ToList();
            visible.UnionWith(await db.Set<ConsignmentParty>().AsNoTracking()
                .Where(cp => ids.Contains(cp.PartyId) && db.Consignments.Any(c => c.Id == cp.ConsignmentId && hubs.Contains(c.HubCode)))
                .Select(cp => cp.PartyId).Distinct().ToListAsync(cancellationToken));
        }

        return visible;
    }
}
