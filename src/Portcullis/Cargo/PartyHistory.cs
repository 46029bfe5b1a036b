using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Parties;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Cargo;

/// <summary>
/// The parties of a consignment with their history as the reader may know it: the consignments they
/// were on before this one (only in the reader's hubs), the controls and hits among those (only for
/// those the party dossier is for, <see cref="GetParty.MayRead"/>, and only controls
/// <see cref="Visibility"/> shows them), the resolved entity (party dossier readers) and the sanctions
/// status (those who review sanctions hits, <see cref="ReviewHits.MayReview"/>). A part the reader
/// may not see is null, not zero.
/// </summary>
public static class PartyHistory
{
    /// <param name="Earlier">The party's consignments that arrived before this one, in the reader's hubs.</param>
    /// <param name="FirstArrived">The first arrival among those; null when there is none.</param>
    /// <param name="Hubs">The hubs those arrived at.</param>
    /// <param name="Controls">Controls of those consignments (or their containers) and what they found; null unless a party dossier reader.</param>
    /// <param name="Entity">The resolved entity; null when not resolved or not a party dossier reader.</param>
    /// <param name="Sanctions">none, open, confirmed or dismissed (the strongest of its screening hits); null unless a sanctions reviewer.</param>
    /// <param name="More">True when the party has more earlier consignments than <see cref="ReadCap"/>: then <paramref name="Earlier"/>
    /// is the cap, the hubs and controls are those of the consignments read, and <paramref name="FirstArrived"/> is null.</param>
    public sealed record History(int Earlier, DateTime? FirstArrived, IReadOnlyList<string> Hubs, Outcomes? Controls, EntityPart? Entity, string? Sanctions, bool More = false);

    /// <param name="Controls">Controls the reader may see.</param>
    /// <param name="Closed">Of those, closed with a result.</param>
    /// <param name="Hits">Of those, closed with a hit.</param>
    /// <param name="SeizedKg">Kilograms seized in those hits.</param>
    public sealed record Outcomes(int Controls, int Closed, int Hits, double SeizedKg);

    public sealed record EntityPart(Guid Id, string DisplayName, string Link);

    public sealed record PartyPart(string Role, Guid Id, string Name, string Country, string? Eori, string Aeo, DateTime FirstSeen, string Link, History History);

    // Enough earlier consignments for a count of controls; a party with more has a long record either way.
    private const int ControlLookback = 2000;

    /// <summary>
    /// At most this many earlier consignments are read per party. A forwarder or carrier is on most of
    /// a month's consignments (960,000 at full scale): counting them all took seconds per dossier, and
    /// "more than 5,000" tells the analyst as much.
    /// </summary>
    public const int ReadCap = 5000;

    public static async Task<IReadOnlyList<PartyPart>> OfAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, Guid consignmentId, DateTime arrivedAt,
        IReadOnlyList<GetConsignment.PartyView> parties, CancellationToken cancellationToken)
    {
        var result = new List<PartyPart>();
        var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var window = Visibility.InspectionWindow(options);
        var ids = parties.Select(p => p.Id).Distinct().ToList();
        var links = GetParty.MayRead(user)
            ? await db.PartyEntityLinks.AsNoTracking().Where(l => ids.Contains(l.PartyId)).ToDictionaryAsync(l => l.PartyId, cancellationToken)
            : [];
        var entityIds = links.Values.Select(l => l.EntityId).Distinct().ToList();
        var entities = await db.PartyEntities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var hits = ReviewHits.MayReview(user)
            ? (await db.SanctionsHits.AsNoTracking().Where(h => ids.Contains(h.PartyId)).Select(h => new { h.PartyId, h.Status }).ToListAsync(cancellationToken)).ToLookup(h => h.PartyId, h => h.Status)
            : null;

        foreach (var party in parties)
        {
            var query = db.Set<ConsignmentParty>().AsNoTracking().Where(cp => cp.PartyId == party.Id && cp.ConsignmentId != consignmentId)
                .Join(db.Consignments.AsNoTracking(), cp => cp.ConsignmentId, c => c.Id, (cp, c) => new { cp.PartyId, c.Id, c.Reference, c.HubCode, c.ArrivedAt })
                .Where(c => c.ArrivedAt < arrivedAt);
            if (!user.AllHubs)
            {
                query = query.Where(c => hubs.Contains(c.HubCode));
            }

            // Ordered by the party (one value here), so the database walks its party index in order and stops at the cap, with no sort.
            var read = await query.OrderBy(c => c.PartyId).Take(ReadCap + 1).ToListAsync(cancellationToken);
            var more = read.Count > ReadCap;
            var earlier = read.Take(ReadCap).DistinctBy(c => c.Id).OrderByDescending(c => c.ArrivedAt).ToList();
            Outcomes? outcomes = null;
            if (GetParty.MayRead(user))
            {
                var recent = earlier.Take(ControlLookback).ToList();
                var recentIds = recent.Select(c => c.Id).ToList();
                var containers = await db.ConsignmentEquipment.AsNoTracking().Where(e => recentIds.Contains(e.ConsignmentId)).Select(e => e.ContainerNumber).Distinct().ToListAsync(cancellationToken);
                var units = recent.Select(c => c.Reference).Concat(containers).ToList();
                var selections = (await db.Selections.AsNoTracking().Where(s => units.Contains(s.Unit)).ToListAsync(cancellationToken))
                    .Where(s => Visibility.CanSee(s, user, now, window)).ToList();
                outcomes = new Outcomes(selections.Count, selections.Count(s => s.Hit is not null), selections.Count(s => s.Hit == true), selections.Where(s => s.Hit == true).Sum(s => s.SeizedKg ?? 0));
                if (selections.Count > 0)
                {
                    AuditLog.Record(db, clock, user, "view.selection", $"party {party.Id}",
                        $"{outcomes.Controls} earlier control(s), {outcomes.Hits} hit(s) of party {party.Id} in the dossier of consignment {consignmentId}");
                }
            }

            EntityPart? entity = links.TryGetValue(party.Id, out var link)
                ? new EntityPart(link.EntityId, entities.TryGetValue(link.EntityId, out var e) ? e.DisplayName : party.Name, $"/parties/{party.Id}")
                : null;
            result.Add(new PartyPart(party.Role, party.Id, party.Name, party.Country, party.Eori, party.Aeo, party.FirstSeen, $"/parties/{party.Id}",
                new History(earlier.Count, earlier.Count == 0 || more ? null : earlier.Min(c => c.ArrivedAt), [.. earlier.Select(c => c.HubCode).Distinct().Order(StringComparer.Ordinal)],
                    outcomes, entity, hits is null ? null : Sanctions(hits[party.Id]), more)));
        }

        return result;
    }

    private static string Sanctions(IEnumerable<SanctionsHitStatus> statuses)
    {
        var all = statuses.ToList();
        return all.Contains(SanctionsHitStatus.Confirmed) ? "confirmed"
            : all.Contains(SanctionsHitStatus.Open) ? "open"
            : all.Count > 0 ? "dismissed"
            : "none";
    }
}
