using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Integrity;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// REST: an analyst or supervisor selects a unit by hand: intelligence-led (manual) or because of
/// an alarm, always with a reason. It takes a free slot of its day; when the day is full it
/// displaces the lowest-value targeted or exploration pick the inspection team cannot see yet.
/// Control picks are never displaced: that would bias the hit-rate estimate.
/// </summary>
public static class ManualSelection
{
    public sealed record ManualRequest(string Hub, string Unit, string Reason, string? Kind, DateOnly? Date);

    public static async Task<Results<Created<GetSelections.SelectionView>, ProblemHttpResult>> CreateAsync(ManualRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var result = await SelectAsync(db, clock, options, user.Name, user.OrganisationId, user.CanSeeHub, request, cancellationToken);
        return result.Value is { } created
            ? TypedResults.Created($"/api/v1/selections/{created.Id}", GetSelections.View(created, user))
            : result.Refusal!.ToProblem("The unit cannot be selected.");
    }

    public static async Task<Outcome<SelectionCase>> SelectAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, string actor, Guid? organisationId, Func<string, bool> mayUseHub, ManualRequest request, CancellationToken cancellationToken)
    {
        var reason = request.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "manual" => SelectionReason.Manual,
            "alarm" => SelectionReason.Alarm,
            _ => (SelectionReason?)null,
        };
        if (reason is null)
        {
            return Refusal.Invalid($"Kind '{Echo.Of(request.Kind)}' is not known; use manual (intelligence-led) or alarm.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 5)
        {
            return Refusal.Invalid("A reason is required for a manual selection; say in a sentence why this unit must be controlled.");
        }

        var hub = request.Hub?.Trim().ToUpperInvariant() ?? "";
        if (Domain.Hubs.HubCatalogue.Find(hub) is null)
        {
            return Refusal.Invalid($"There is no hub '{Echo.Of(request.Hub)}'; use one of {string.Join(", ", Domain.Hubs.HubCatalogue.Codes)}.");
        }

        if (!mayUseHub(hub))
        {
            return Refusal.Forbidden($"Hub {hub} is not one of yours.");
        }

        var unitName = request.Unit?.Trim().ToUpperInvariant() ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        var date = request.Date ?? await ArrivalDateAsync(db, hub, unitName, cancellationToken) ?? Shifts.LocalDate(now);
        async Task<Candidates.Unit?> FindAsync(DateOnly day) =>
            (await Candidates.LoadAsync(db, options, hub, day, now, cancellationToken))
                .FirstOrDefault(u => string.Equals(u.Candidate.Unit, unitName, StringComparison.OrdinalIgnoreCase));

        var unit = await FindAsync(date);
        // Without a date: a unit discharged after its arrival day's last shift is on a later day's plan.
        for (var later = 1; unit is null && request.Date is null && later <= Candidates.LookbackDays; later++)
        {
            if (await FindAsync(date.AddDays(later)) is { } found)
            {
                (unit, date) = (found, date.AddDays(later));
            }
        }

        if (unit is null)
        {
            return Refusal.NotFound($"No container or consignment '{Echo.Of(request.Unit)}' is to be controlled at {hub} on {date:yyyy-MM-dd} (it arrives on another day, or is ready only on a later day's shifts); check the number, or give the day it is ready.");
        }

        if (await db.Selections.AnyAsync(s => s.HubCode == hub && s.PlanDate == date && s.Unit == unit.Candidate.Unit && s.State != SelectionState.Released, cancellationToken))
        {
            return Refusal.Conflict($"{unit.Candidate.Unit} is already selected for {date:yyyy-MM-dd}.");
        }

        var shifts = await CapacityPlans.ShiftsAsync(db, options, hub, date, cancellationToken);
        var existing = await db.Selections.Where(s => s.HubCode == hub && s.PlanDate == date && s.State != SelectionState.Released).ToListAsync(cancellationToken);
        var plannerShifts = shifts.Select(s => new Shift(s.Name, s.Start, s.End, s.End <= now && request.Date is null ? 0 : s.ScannerSlots)).ToList();
        var taken = existing.Select(e => new Taken(e.Unit, IndexOf(shifts, e.Shift))).ToList();
        var shift = SelectionPlanner.ShiftFor(plannerShifts, taken, unit.Candidate.ReadyAt);
        if (shift < 0)
        {
            // Full: make room by releasing the least valuable pick that nobody outside the targeting team
            // has seen yet, in a shift that ends after the unit is ready (a control cannot precede it).
            var window = Visibility.InspectionWindow(options);
            var displaced = existing
                .Where(s => s.Reason is SelectionReason.Targeted or SelectionReason.Exploration
                    && s.State is SelectionState.Selected or SelectionState.Scheduled
                    && s.PlannedControlAt - window > now
                    && IndexOf(shifts, s.Shift) is var i && i >= 0 && shifts[i].End > unit.Candidate.ReadyAt)
                .OrderBy(s => s.ExpectedValue).ThenBy(s => s.Unit, StringComparer.Ordinal)
                .FirstOrDefault();
            if (displaced is null)
            {
                return Refusal.Conflict($"Every slot of {hub} on {date:yyyy-MM-dd} after {unit.Candidate.Unit} is ready is taken by controls already under way or by random controls; raise the capacity or release a selection first.");
            }

            displaced.State = SelectionState.Released;
            var displacedNote = SelectionPhrases.Displaced(reason.Value, unit.Candidate.Unit);
            displaced.ReleaseReason = SelectionPhrases.Say(displacedNote);
            displaced.UpdatedAt = now;
            displaced.UpdatedBy = actor;
            displaced.Version++;
            db.SelectionTransitions.Add(new SelectionTransition { SelectionId = displaced.Id, From = SelectionState.Scheduled, To = SelectionState.Released, At = now, By = actor, Note = displaced.ReleaseReason, NotePhrase = displacedNote });
            AuditLog.Record(db, clock, actor, organisationId, "selection.release", AuditSubject.Of(displaced), displaced.ReleaseReason);
            shift = IndexOf(shifts, displaced.Shift);
        }

        var selection = FillPlan.NewCase(unit, shifts[shift], reason.Value, request.Reason.Trim(), wouldBeTargeted: false, actor, now);
        db.Selections.Add(selection);
        var note = SelectionPhrases.ByHand(reason.Value, selection.Shift);
        db.SelectionTransitions.Add(new SelectionTransition { SelectionId = selection.Id, From = SelectionState.Selected, To = SelectionState.Scheduled, At = now, By = actor, Note = SelectionPhrases.Say(note), NotePhrase = note });
        AuditLog.Record(db, clock, actor, organisationId, "selection.create", AuditSubject.Of(selection), $"{reason.Value}: {selection.Why}");
        Outbox.Add(db, clock, new SelectionCreated(selection.Id, selection.Unit, selection.HubCode, selection.Reason.ToString(), selection.PlannedControlAt));
        if (selection.UnitKind == UnitKind.Container)
        {
            db.SecureLaneOrders.Add(SecureLane.NewOrder(selection, options, now, unit.Candidate.ReadyAt.AddHours(-options.TransferHours)));
        }

        return selection;
    }

    private static async Task<DateOnly?> ArrivalDateAsync(PortcullisDb db, string hub, string unit, CancellationToken cancellationToken)
    {
        var byContainer = await db.ConsignmentEquipment.Where(e => e.ContainerNumber == unit)
            .Join(db.Consignments.Where(c => c.HubCode == hub), e => e.ConsignmentId, c => c.Id, (e, c) => (DateTime?)c.ArrivedAt)
            .OrderByDescending(a => a).FirstOrDefaultAsync(cancellationToken);
        var arrival = byContainer ?? await db.Consignments.Where(c => c.HubCode == hub && c.Reference == unit)
            .OrderByDescending(c => c.ArrivedAt).Select(c => (DateTime?)c.ArrivedAt).FirstOrDefaultAsync(cancellationToken);
        return arrival is { } at ? Shifts.LocalDate(at) : null;
    }

    private static int IndexOf(IReadOnlyList<CapacityPlans.ShiftSlot> shifts, string name)
    {
        for (var i = 0; i < shifts.Count; i++)
        {
            if (shifts[i].Name == name)
            {
                return i;
            }
        }

        return 0;
    }
}
