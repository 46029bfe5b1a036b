using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// Keeps open container controls physically possible: a control planned on the expected discharge
/// moves when the box comes off the vessel later than planned, or when its planned time comes and
/// it is still on board (the vessel is late). The secure-lane order and the inspection team's
/// window (<see cref="Visibility"/>, which reads the planned time) move with it. Run by the
/// planner's leased job before the secure-lane pass, and by the simulated inspections.
/// </summary>
public static class Replan
{
    /// <summary>A container's readiness as known at a moment: discharged (when, where) or still expected.</summary>
    public sealed record State(DateTime ReadyAt, DateTime? DischargedAt, DateTime ExpectedDischargeAt, string? Locode = null, string? Facility = null);

    public const string Action = "selection.replan";

    /// <summary>Moves what must move; returns how many controls moved. The caller saves.</summary>
    public static async Task<int> RunAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Selections
            .Where(s => s.UnitKind == UnitKind.Container && (s.State == SelectionState.Selected || s.State == SelectionState.Scheduled))
            .ToListAsync(cancellationToken);
        var states = await StatesAsync(db, options, open, now, cancellationToken);
        var moved = 0;
        foreach (var selection in open)
        {
            if (states.GetValueOrDefault(selection.Id) is { } state && Target(selection.PlannedControlAt, state, now, options) is { } to)
            {
                await MoveAsync(db, clock, options, selection, state, to, actor, now, cancellationToken);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>
    /// Where a control planned at <paramref name="planned"/> must go, or null when it can stay:
    /// to the readiness once the container is discharged later than planned; when it is not
    /// discharged and the planned time has come, to the expected readiness or, when that has
    /// passed too, a transfer time from now (it will move again if the vessel is later still).
    /// </summary>
    public static DateTime? Target(DateTime planned, State state, DateTime now, SelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        if (state.DischargedAt is not null)
        {
            return state.ReadyAt > planned ? state.ReadyAt : null;
        }

        if (planned > now)
        {
            return null;
        }

        var soonest = now.AddHours(options.TransferHours);
        return state.ReadyAt > soonest ? state.ReadyAt : soonest;
    }

    /// <summary>Moves one control, its secure-lane order and audits it. The caller saves.</summary>
    public static async Task MoveAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, SelectionCase selection, State state, DateTime to, string actor, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(state);
        var from = selection.PlannedControlAt;
        // A control moved past its shift's end is done by the shift it now falls in: the inspectors'
        // worklist, the capacity count and the shift reports read the label, not the time.
        var (day, shift) = Shifts.At(to);
        var moves = day != selection.PlanDate || shift != selection.Shift;
        var full = new List<string>();
        if (moves)
        {
            // A scanner slot is physical: when that shift is full, the box waits in the secured area for
            // the first later shift with a free slot and is controlled when that shift starts.
            (day, shift, to, full) = await FirstFreeAsync(db, options, selection, day, shift, to, cancellationToken);
        }

        selection.PlannedControlAt = to;
        if (day != selection.PlanDate && await db.Selections.AnyAsync(s => s.Id != selection.Id && s.HubCode == selection.HubCode && s.PlanDate == day && s.Unit == selection.Unit && s.State != SelectionState.Released, cancellationToken))
        {
            // The unit already has a control that day (one per hub, day and unit): keep the day, and so the one control.
            (day, shift) = (selection.PlanDate, selection.Shift);
            moves = false;
        }

        var fullNote = full.Count > 0 ? $", the first with a free scanner slot ({string.Join(", ", full)} full)" : "";
        var shiftNote = moves ? $"; now in the {shift} shift of {day:yyyy-MM-dd}{fullNote} (was {selection.Shift} {selection.PlanDate:yyyy-MM-dd})" : "";
        selection.PlanDate = day;
        selection.Shift = shift;
        selection.UpdatedAt = now;
        selection.UpdatedBy = actor;
        selection.Version++;
        var why = state.DischargedAt is { } d ? $"discharged at {d:yyyy-MM-dd HH:mm} UTC" : $"not discharged yet, expected {state.ExpectedDischargeAt:yyyy-MM-dd HH:mm} UTC";
        AuditLog.Record(db, clock, actor, null, Action, AuditSubject.Of(selection), $"control moved from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} UTC: {why}{shiftNote}");
        await SecureLane.RescheduleAsync(db, selection, options, now, cancellationToken, state.DischargedAt ?? state.ExpectedDischargeAt);
    }

    /// <summary>
    /// The shift a moved control falls in, or the first later one (within <see cref="ShiftsAhead"/>)
    /// whose scanner slots are not all taken, starting when that shift starts, with the full shifts
    /// passed over. When every one is full the control stays where its readiness puts it (over
    /// capacity, which the capacity use shows the supervisor): it cannot happen earlier.
    /// </summary>
    private static async Task<(DateOnly Day, string Shift, DateTime At, List<string> Full)> FirstFreeAsync(
        PortcullisDb db, SelectionOptions options, SelectionCase selection, DateOnly day, string shift, DateTime at, CancellationToken cancellationToken)
    {
        var full = new List<string>();
        var (d, s, t) = (day, shift, at);
        for (var i = 0; i < ShiftsAhead; i++)
        {
            var slots = (await CapacityPlans.ShiftsAsync(db, options, selection.HubCode, d, cancellationToken)).Single(x => x.Name == s).ScannerSlots;
            if (await TakenAsync(db, selection, d, s, cancellationToken) < slots)
            {
                return (d, s, t, full);
            }

            full.Add($"{s} {d:yyyy-MM-dd}");
            // The shifts cover the day end to end: the next one starts where this one ends.
            t = Shifts.Span(d, s).End;
            (d, s) = Shifts.At(t);
        }

        return (day, shift, at, []);
    }

    // Two days of shifts: a hub whose every shift is full for longer needs a supervisor, not a re-plan.
    private const int ShiftsAhead = 6;

    // Controls holding a slot of the shift: as stored, with this unit of work's own moves (not saved yet) applied.
    private static async Task<int> TakenAsync(PortcullisDb db, SelectionCase selection, DateOnly day, string shift, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<SelectionCase>()
            .Where(e => e.State is Microsoft.EntityFrameworkCore.EntityState.Modified or Microsoft.EntityFrameworkCore.EntityState.Added)
            .Select(e => e.Entity).ToList();
        var pendingIds = pending.Select(p => p.Id).Append(selection.Id).ToList();
        var stored = await db.Selections.AsNoTracking().CountAsync(
            x => x.HubCode == selection.HubCode && x.PlanDate == day && x.Shift == shift && x.State != SelectionState.Released && !pendingIds.Contains(x.Id),
            cancellationToken);
        return stored + pending.Count(x => x.Id != selection.Id && x.HubCode == selection.HubCode && x.PlanDate == day && x.Shift == shift && x.State != SelectionState.Released);
    }

    /// <summary>
    /// Each container selection's readiness as known at <paramref name="asOf"/>: its discharge at
    /// the hub (or arrival in the secured area) stamped no later than then, else the expected one.
    /// </summary>
    public static async Task<Dictionary<Guid, State>> StatesAsync(PortcullisDb db, SelectionOptions options, IReadOnlyList<SelectionCase> selections, DateTime asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selections);
        var result = new Dictionary<Guid, State>();
        var containers = selections.Where(s => s.UnitKind == UnitKind.Container).ToList();
        if (containers.Count == 0)
        {
            return result;
        }

        var ids = containers.SelectMany(s => s.ConsignmentIds).Distinct().ToList();
        var arrivals = await db.Consignments.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.ArrivedAt }).ToDictionaryAsync(c => c.Id, c => c.ArrivedAt, cancellationToken);
        var numbers = containers.Select(s => s.Unit).Distinct().ToList();
        var earliest = arrivals.Count == 0 ? asOf : arrivals.Values.Min() - Candidates.EarlyDischarge;
        var events = (await db.ContainerEvents.AsNoTracking()
                .Where(e => numbers.Contains(e.ContainerNumber) && e.OccurredAt <= asOf && e.OccurredAt >= earliest
                    && (e.Type == ContainerEventType.Discharge || e.Type == ContainerEventType.YardMove || e.Type == ContainerEventType.GateIn))
                .Select(e => new { e.ContainerNumber, e.Type, e.UnLocode, e.Facility, e.OccurredAt })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ContainerNumber, StringComparer.Ordinal);
        var delays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var selection in containers)
        {
            var arrived = selection.ConsignmentIds.Where(arrivals.ContainsKey).Select(id => arrivals[id]).DefaultIfEmpty(selection.PlannedControlAt).Min();
            var locodes = Candidates.HubLocodes(selection.HubCode);
            var secured = options.SecuredAreaFor(selection.HubCode);
            var first = events[selection.Unit]
                .Where(e => e.OccurredAt >= arrived - Candidates.EarlyDischarge
                    && ((e.Type == ContainerEventType.Discharge && locodes.Contains(e.UnLocode)) || string.Equals(e.Facility, secured, StringComparison.OrdinalIgnoreCase)))
                .MinBy(e => e.OccurredAt);
            var discharged = first?.OccurredAt;
            if (!delays.TryGetValue(selection.HubCode, out var delay))
            {
                delay = await Candidates.DischargeDelayAsync(db, options, selection.HubCode, asOf, cancellationToken);
                delays[selection.HubCode] = delay;
            }

            var ready = Readiness.ReadyAt(new ReadinessFacts(ReadinessKind.Container, arrived, discharged), delay, options.Readiness);
            result[selection.Id] = new State(ready, discharged, discharged ?? arrived + delay, first?.UnLocode, first?.Facility);
        }

        return result;
    }
}
