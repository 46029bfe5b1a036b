using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Integrity;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// Fills a hub's plan for a day: watch-list hits first (intelligence-led), then the planner's
/// control sample, targeted and exploration picks in the free scanner slots of each shift. Every
/// container selected gets a secure-lane order. Run again, it only fills what is still free.
/// </summary>
public static class FillPlan
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public sealed record FillRequest(string Hub, DateOnly Date);

    public sealed record FillSummary(string Hub, DateOnly Date, int Capacity, int Candidates, int AlreadySelected, int WatchList, int Targeted, int Exploration, int Control, int Orders);

    public static async Task<Results<Ok<FillSummary>, ProblemHttpResult>> FillAsync(FillRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (HubCatalogue.Find(request.Hub) is null)
        {
            return TypedResults.Problem($"There is no hub '{Echo.Of(request.Hub)}'; use one of {string.Join(", ", HubCatalogue.Codes)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown hub.");
        }

        if (!user.CanSeeHub(request.Hub))
        {
            return TypedResults.Problem($"Hub {request.Hub} is not one of yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        return TypedResults.Ok(await RunAsync(db, clock, options, user.Name, user.OrganisationId, request.Hub.ToUpperInvariant(), request.Date, notBefore: null, cancellationToken));
    }

    /// <summary>
    /// Fills the plan. <paramref name="notBefore"/> leaves shifts that end before it empty: the
    /// background job passes "now" so it never books slots in the past; a backfill passes null.
    /// <paramref name="asOf"/> plans as at an earlier moment (the demo's past days, planned the
    /// evening before): the selections are made then and see only the discharges known then; the
    /// audit entries still carry the real time, since the audit chain only moves forward.
    /// </summary>
    public static async Task<FillSummary> RunAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, string actor, Guid? organisationId, string hub, DateOnly date, DateTime? notBefore, CancellationToken cancellationToken, DateTime? asOf = null)
    {
        // One fill at a time in this process; the unique index on hub, day and unit stops a second process.
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await FillLockedAsync(db, clock, options, actor, organisationId, hub, date, notBefore, asOf, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FillSummary> FillLockedAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, string actor, Guid? organisationId, string hub, DateOnly date, DateTime? notBefore, DateTime? asOf, CancellationToken cancellationToken)
    {
        var now = asOf ?? clock.GetUtcNow().UtcDateTime;
        var shifts = await CapacityPlans.ShiftsAsync(db, options, hub, date, cancellationToken);
        var plannerShifts = shifts.Select(s => new Shift(s.Name, s.Start, s.End, notBefore is { } nb && s.End <= nb ? 0 : s.ScannerSlots)).ToList();
        var existing = await db.Selections.AsNoTracking()
            .Where(s => s.HubCode == hub && s.PlanDate == date && s.State != SelectionState.Released)
            .Select(s => new { s.Unit, s.Shift, s.Reason })
            .ToListAsync(cancellationToken);
        var taken = existing.Select(e => new Taken(e.Unit, ShiftIndex(shifts, e.Shift))).ToList();
        var candidates = await Candidates.LoadAsync(db, options, hub, date, now, cancellationToken);
        var alreadySelected = taken.Select(t => t.Unit).ToHashSet(StringComparer.Ordinal);
        var free = candidates.Where(c => !alreadySelected.Contains(c.Candidate.Unit)).ToList();

        var created = new List<SelectionCase>();

        // Intelligence first: a watch-listed party's unit is selected before the planner fills by value.
        foreach (var hit in free.Where(c => c.WatchListReason is not null).OrderBy(c => c.Candidate.ReadyAt).ThenBy(c => c.Candidate.Unit, StringComparer.Ordinal))
        {
            var shift = SelectionPlanner.ShiftFor(plannerShifts, taken, hit.Candidate.ReadyAt);
            if (shift < 0)
            {
                break;
            }

            taken.Add(new Taken(hit.Candidate.Unit, shift));
            var why = SelectionPhrases.WatchList(hit.WatchListReason!);
            created.Add(NewCase(hit, shifts[shift], SelectionReason.Manual, SelectionPhrases.Catalogue.Say(why), wouldBeTargeted: false, actor, now, whyPhrase: why));
        }

        var total = plannerShifts.Sum(s => s.Capacity);
        var counts = existing.GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count());
        // On a refill the shares apply to what the day should have in all, so earlier picks count.
        var policy = new SelectionPolicy(
            ExplorationShare: Remaining(options.ExplorationShare, total, counts.GetValueOrDefault(SelectionReason.Exploration)),
            UncertaintyShareOfExploration: options.UncertaintyShareOfExploration,
            ControlShare: Remaining(options.ControlShare, total, counts.GetValueOrDefault(SelectionReason.Control)));
        var pool = free.Where(c => !taken.Any(t => t.Unit == c.Candidate.Unit)).ToList();
        var plan = SelectionPlanner.PlanDay([.. pool.Select(c => c.Candidate)], plannerShifts, policy, taken, Seed(hub, date, existing.Count));
        var byUnit = pool.ToDictionary(c => c.Candidate.Unit, StringComparer.Ordinal);
        var readyAt = free.ToDictionary(c => c.Candidate.Unit, c => c.Candidate.ReadyAt, StringComparer.Ordinal);
        foreach (var pick in plan.Picks)
        {
            created.Add(NewCase(byUnit[pick.Unit], shifts[pick.ShiftIndex], pick.Reason, pick.Why, pick.WouldBeTargeted, actor, now, pick));
        }

        var orders = 0;
        foreach (var selection in created)
        {
            db.Selections.Add(selection);
            var note = PlanPhrases.Planned(selection.Shift);
            db.SelectionTransitions.Add(new SelectionTransition { SelectionId = selection.Id, From = SelectionState.Selected, To = SelectionState.Scheduled, At = now, By = actor, Note = PlanPhrases.Catalogue.Say(note), NotePhrase = note });
            AuditLog.Record(db, clock, actor, organisationId, "selection.create", AuditSubject.Of(selection), $"{selection.Reason}; {selection.Shift} shift {selection.PlanDate:yyyy-MM-dd}");
            Outbox.Add(db, clock, new SelectionCreated(selection.Id, selection.Unit, selection.HubCode, selection.Reason.ToString(), selection.PlannedControlAt));
            if (selection.UnitKind == UnitKind.Container)
            {
                // The candidate is ready a transfer after its (expected) discharge; the order is due before the discharge.
                db.SecureLaneOrders.Add(SecureLane.NewOrder(selection, options, now, readyAt[selection.Unit].AddHours(-options.TransferHours)));
                orders++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new FillSummary(hub, date, shifts.Sum(s => s.ScannerSlots), candidates.Count, existing.Count,
            created.Count(c => c.Reason == SelectionReason.Manual), created.Count(c => c.Reason == SelectionReason.Targeted),
            created.Count(c => c.Reason == SelectionReason.Exploration), created.Count(c => c.Reason == SelectionReason.Control), orders);
    }

    internal static SelectionCase NewCase(Candidates.Unit unit, CapacityPlans.ShiftSlot shift, SelectionReason reason, string why, bool wouldBeTargeted, string actor, DateTime now, Pick? pick = null,
        Domain.Phrasing.Phrase? whyPhrase = null) => new()
        {
            Id = Guid.CreateVersion7(),
            HubCode = unit.Hub,
            Unit = unit.Candidate.Unit,
            UnitKind = unit.Kind,
            ConsignmentIds = [.. unit.ConsignmentIds],
            PlanDate = shift.Date,
            Shift = shift.Name,
            // Never before the unit is ready nor before the selection is made; a unit ready only after its shift waits for it.
            PlannedControlAt = Readiness.PlannedControlAt(unit.Candidate.ReadyAt, shift.Start, now),
            Reason = reason,
            Why = why,
            WhyPhrase = pick?.WhyPhrase ?? whyPhrase,
            Risk = unit.Candidate.Risk,
            ExpectedKg = unit.Candidate.ExpectedKg,
            ExpectedValue = SelectionPlanner.ExpectedValue(unit.Candidate),
            Uncertainty = unit.Candidate.Uncertainty,
            WouldBeTargeted = pick?.WouldBeTargeted ?? wouldBeTargeted,
            CreatedBy = actor,
            CreatedAt = now,
            State = SelectionState.Scheduled,
            UpdatedAt = now,
            UpdatedBy = actor,
        };

    private static int ShiftIndex(IReadOnlyList<CapacityPlans.ShiftSlot> shifts, string name)
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

    private static double Remaining(double share, int capacity, int already) =>
        capacity <= 0 ? 0 : Math.Clamp(share - ((double)already / capacity), 0, 1);

    // Stable across runs and machines (string.GetHashCode is randomised per process).
    private static int Seed(string hub, DateOnly date, int existing) =>
        unchecked((date.DayNumber * 397) ^ hub.Aggregate(17, (h, c) => (h * 31) + c) ^ (existing * 7919));
}
