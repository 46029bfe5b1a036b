using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// A confirmed hit makes each recent consignment of its party that is not released yet a sanctions
/// case: a selection of kind "sanctions" of its container (or of the consignment, without one),
/// which stops its release until a supervisor withdraws the selection (e.g. on an authorisation);
/// and a reason (source "sanctions") in the consignment's risk score. Runs in the caller's unit of work.
/// </summary>
public static class SanctionsCases
{
    public const string Source = "sanctions";

    public static async Task<IReadOnlyList<SelectionCase>> OpenAsync(PortcullisDb db, TimeProvider clock, SanctionsOptions options, SelectionOptions selection,
        string actor, Guid? organisationId, SanctionsHit hit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-options.CaseWindowDays);
        var consignments = await db.Set<ConsignmentParty>().AsNoTracking().Where(p => p.PartyId == hit.PartyId)
            .Join(db.Consignments.AsNoTracking().Where(c => c.RetractedAt == null && c.ArrivedAt >= since), p => p.ConsignmentId, c => c.Id, (p, c) => c)
            .ToListAsync(cancellationToken);
        consignments = [.. consignments.DistinctBy(c => c.Id)];
        var ids = consignments.Select(c => c.Id).ToList();
        var equipment = await db.ConsignmentEquipment.AsNoTracking().Where(e => ids.Contains(e.ConsignmentId)).Select(e => new { e.ConsignmentId, e.ContainerNumber }).ToListAsync(cancellationToken);
        var containers = equipment.Select(e => e.ContainerNumber).Distinct().ToList();
        var released = (await db.ReleaseTokens.AsNoTracking().Where(r => containers.Contains(r.ContainerNumber) && r.ConsumedAt != null).Select(r => r.ContainerNumber).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var units = new List<(string Hub, string Unit, UnitKind Kind, List<Guid> Consignments, DateTime ArrivedAt)>();
        foreach (var consignment in consignments)
        {
            var own = equipment.Where(e => e.ConsignmentId == consignment.Id).Select(e => e.ContainerNumber).ToList();
            if (own.Count == 0)
            {
                units.Add((consignment.HubCode, consignment.Reference, UnitKind.Consignment, [consignment.Id], consignment.ArrivedAt));
                continue;
            }

            foreach (var container in own.Where(c => !released.Contains(c)))
            {
                var same = units.FindIndex(u => u.Unit == container && u.Hub == consignment.HubCode);
                if (same >= 0)
                {
                    units[same].Consignments.Add(consignment.Id);
                }
                else
                {
                    units.Add((consignment.HubCode, container, UnitKind.Container, [consignment.Id], consignment.ArrivedAt));
                }
            }
        }

        var why = Reason(hit);
        var created = new List<SelectionCase>();
        foreach (var unit in units)
        {
            var open = await db.Selections.Where(s => s.Unit == unit.Unit && s.HubCode == unit.Hub && s.State != SelectionState.Released).ToListAsync(cancellationToken);
            if (open.Any(s => s.Reason == SelectionReason.Sanctions))
            {
                continue;
            }

            var date = Shifts.LocalDate(unit.ArrivedAt > now ? unit.ArrivedAt : now);
            var clash = open.FirstOrDefault(s => s.PlanDate == date);
            string? shift = null;
            if (clash is not null && clash.State is SelectionState.Selected or SelectionState.Scheduled)
            {
                // The sanctions case takes the planned control's slot: the same unit, controlled once, now with its release held.
                clash.State = SelectionState.Released;
                var replaced = SelectionPhrases.SanctionsReplaced(hit.Source.ToString().ToUpperInvariant(), hit.EntryId);
                clash.ReleaseReason = SelectionPhrases.Say(replaced);
                clash.UpdatedAt = now;
                clash.UpdatedBy = actor;
                clash.Version++;
                db.SelectionTransitions.Add(new SelectionTransition { SelectionId = clash.Id, From = SelectionState.Scheduled, To = SelectionState.Released, At = now, By = actor, Note = clash.ReleaseReason, NotePhrase = replaced });
                AuditLog.Record(db, clock, actor, organisationId, "selection.release", AuditSubject.Of(clash), clash.ReleaseReason);
                shift = clash.Shift;
            }
            else if (clash is not null)
            {
                // A control is under way today: it goes on, and the case (which holds the release) is planned for the next day.
                date = date.AddDays(1);
            }

            shift ??= Shifts.Names.FirstOrDefault(s => Shifts.Span(date, s).End > now) ?? Shifts.Night;
            var (start, _) = Shifts.Span(date, shift);
            var controlAt = start > now ? start : now;
            var selectionCase = new SelectionCase
            {
                Id = Guid.CreateVersion7(),
                HubCode = unit.Hub,
                Unit = unit.Unit,
                UnitKind = unit.Kind,
                ConsignmentIds = unit.Consignments,
                PlanDate = date,
                Shift = shift,
                PlannedControlAt = controlAt,
                Reason = SelectionReason.Sanctions,
                Why = why.Length > 1000 ? why[..1000] : why,
                WhyPhrase = why.Length > 1000 ? null : ReasonPhrase(hit),
                Risk = 1,
                CreatedBy = actor,
                CreatedAt = now,
                State = SelectionState.Scheduled,
                UpdatedAt = now,
                UpdatedBy = actor,
            };
            db.Selections.Add(selectionCase);
            var held = SelectionPhrases.SanctionsHeld(hit.Id.ToString());
            db.SelectionTransitions.Add(new SelectionTransition { SelectionId = selectionCase.Id, From = SelectionState.Selected, To = SelectionState.Scheduled, At = now, By = actor, Note = SelectionPhrases.Say(held), NotePhrase = held });
            AuditLog.Record(db, clock, actor, organisationId, "selection.create", AuditSubject.Of(selectionCase), $"Sanctions: {selectionCase.Why}");
            Outbox.Add(db, clock, new SelectionCreated(selectionCase.Id, selectionCase.Unit, selectionCase.HubCode, selectionCase.Reason.ToString(), selectionCase.PlannedControlAt));
            if (selectionCase.UnitKind == UnitKind.Container)
            {
                db.SecureLaneOrders.Add(SecureLane.NewOrder(selectionCase, selection, now, unit.ArrivedAt > now ? unit.ArrivedAt : now));
            }

            created.Add(selectionCase);
        }

        await ApplyRiskAsync(db, options, ids, [hit], cancellationToken);
        return created;
    }

    /// <summary>The sentence of the case and of the risk reason: "sanctions: confirmed hit on EU entry EU.1234.56 'ООО Ромашка'".</summary>
    public static string Reason(SanctionsHit hit) => EvidencePhrases.Catalogue.Say(ReasonPhrase(hit));

    /// <summary>The risk reason as a phrase, for a page in the reader's language (list, entry and name are codes and names).</summary>
    public static Phrase ReasonPhrase(SanctionsHit hit) =>
        Phrase.Of("EvidenceWhy.Sanctions", hit.Source.ToString().ToUpperInvariant(), hit.EntryId, hit.EntryName);

    /// <summary>Whether a sanctions case holds the release of this container (a sanctions selection not withdrawn, even after its control closed).</summary>
    public static Task<bool> HoldsReleaseAsync(PortcullisDb db, string container, CancellationToken cancellationToken) =>
        db.Selections.AnyAsync(s => s.Unit == container && s.Reason == SelectionReason.Sanctions && s.State != SelectionState.Released, cancellationToken);

    /// <summary>
    /// Puts the reasons of confirmed hits on the stored scores of these consignments, as the alarm
    /// reasons are kept (source "sanctions", weight <see cref="SanctionsOptions.ConfirmedHitWeight"/>).
    /// <paramref name="pending"/> are hits this unit of work confirms (not saved yet).
    /// </summary>
    public static async Task ApplyRiskAsync(PortcullisDb db, SanctionsOptions options, IReadOnlyCollection<Guid> consignments, IReadOnlyCollection<SanctionsHit> pending, CancellationToken cancellationToken)
    {
        if (consignments.Count == 0)
        {
            return;
        }

        var ids = consignments.ToList();
        var scores = await db.RiskScores.Where(s => ids.Contains(s.ConsignmentId)).ToListAsync(cancellationToken);
        if (scores.Count == 0)
        {
            return;
        }

        var links = await db.Set<ConsignmentParty>().AsNoTracking().Where(p => ids.Contains(p.ConsignmentId)).Select(p => new { p.ConsignmentId, p.PartyId }).ToListAsync(cancellationToken);
        var parties = links.Select(l => l.PartyId).Distinct().ToList();
        var confirmed = (await db.SanctionsHits.AsNoTracking().Where(h => parties.Contains(h.PartyId) && h.Status == SanctionsHitStatus.Confirmed).ToListAsync(cancellationToken))
            .Concat(pending).DistinctBy(h => h.Id).ToList();
        foreach (var score in scores)
        {
            var onIt = links.Where(l => l.ConsignmentId == score.ConsignmentId).Select(l => l.PartyId).ToHashSet();
            var reasons = confirmed.Where(h => onIt.Contains(h.PartyId)).OrderBy(h => h.Source).ThenBy(h => h.EntryId, StringComparer.Ordinal)
                .Select(h => new RiskReason(Source, $"{ImportSanctionsList.Name(h.Source)}:{h.EntryId}", Reason(h), options.ConfirmedHitWeight, ReasonPhrase(h))).ToList();
            score.ReplaceEvidence(Source, reasons);
        }
    }

    /// <summary>After the engine wrote scores anew, puts the reasons of every confirmed hit back on its party's consignments. One query when nothing is confirmed.</summary>
    public static async Task ReapplyAsync(PortcullisDb db, SanctionsOptions options, CancellationToken cancellationToken)
    {
        var parties = await db.SanctionsHits.AsNoTracking().Where(h => h.Status == SanctionsHitStatus.Confirmed).Select(h => h.PartyId).Distinct().ToListAsync(cancellationToken);
        if (parties.Count == 0)
        {
            return;
        }

        var consignments = await db.Set<ConsignmentParty>().AsNoTracking().Where(p => parties.Contains(p.PartyId)).Select(p => p.ConsignmentId).Distinct().ToListAsync(cancellationToken);
        foreach (var chunk in consignments.Chunk(500))
        {
            await ApplyRiskAsync(db, options, chunk, [], cancellationToken);
        }
    }
}
