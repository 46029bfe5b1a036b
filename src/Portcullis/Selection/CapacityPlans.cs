using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>REST: a hub's capacity per shift for a day. Supervisors set it; where nothing was set, the configured default applies.</summary>
public static class CapacityPlans
{
    public sealed record ShiftSlot(DateOnly Date, string Name, DateTime Start, DateTime End, int ScannerSlots, int PhysicalInspections, bool Stored);

    public sealed record ShiftCapacityRequest(string Shift, int ScannerSlots, int PhysicalInspections);

    public sealed record SetRequest(IReadOnlyList<ShiftCapacityRequest> Shifts);

    public sealed record PlanView(string Hub, DateOnly Date, IReadOnlyList<ShiftSlot> Shifts, int Selected);

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> GetAsync(string hub, DateOnly date, PortcullisDb db, HttpContext context, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (Check(hub, CurrentUser.From(context.User)!) is { } problem)
        {
            return problem;
        }

        hub = hub.ToUpperInvariant();
        var selected = await db.Selections.CountAsync(s => s.HubCode == hub && s.PlanDate == date && s.State != SelectionState.Released, cancellationToken);
        return TypedResults.Ok(new PlanView(hub, date, await ShiftsAsync(db, options, hub, date, cancellationToken), selected));
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> SetAsync(string hub, DateOnly date, SetRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (Check(hub, user) is { } problem)
        {
            return problem;
        }

        hub = hub.ToUpperInvariant();
        if (await SetShiftsAsync(db, clock, user.Name, user.OrganisationId, hub, date, request.Shifts, cancellationToken) is { } invalid)
        {
            return invalid.ToProblem("Invalid capacity.");
        }

        var selected = await db.Selections.CountAsync(s => s.HubCode == hub && s.PlanDate == date && s.State != SelectionState.Released, cancellationToken);
        // The new values are not committed yet (the request's unit of work does that): show them as they will be.
        var shifts = (await ShiftsAsync(db, options, hub, date, cancellationToken))
            .Select(s => request.Shifts!.LastOrDefault(r => r.Shift == s.Name) is { } set ? s with { ScannerSlots = set.ScannerSlots, PhysicalInspections = set.PhysicalInspections, Stored = true } : s)
            .ToList();
        return TypedResults.Ok(new PlanView(hub, date, shifts, selected));
    }

    /// <summary>
    /// Stages a hub's capacity for the given shifts of a day and audits each, for the caller's unit of
    /// work to commit; the one writer of capacity, for the API and the command line alike. Returns
    /// why the request is invalid, or null.
    /// </summary>
    public static async Task<Refusal?> SetShiftsAsync(PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId, string hub, DateOnly date, IReadOnlyList<ShiftCapacityRequest>? shifts, CancellationToken cancellationToken)
    {
        if (shifts is not { Count: > 0 } || shifts.Any(s => !Shifts.IsKnown(s.Shift) || s.ScannerSlots < 0 || s.PhysicalInspections < 0 || s.ScannerSlots > MaxPerShift || s.PhysicalInspections > MaxPerShift))
        {
            return Refusal.Invalid("Each shift needs a name (early, late or night) and scanner slots and physical inspections between 0 and 10,000; send at least one shift.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var shift in shifts)
        {
            var stored = await db.CapacityPlans.SingleOrDefaultAsync(p => p.HubCode == hub && p.Date == date && p.Shift == shift.Shift, cancellationToken);
            if (stored is null)
            {
                db.CapacityPlans.Add(new CapacityPlan { HubCode = hub, Date = date, Shift = shift.Shift, ScannerSlots = shift.ScannerSlots, PhysicalInspections = shift.PhysicalInspections, UpdatedBy = actor, UpdatedAt = now });
            }
            else
            {
                stored.ScannerSlots = shift.ScannerSlots;
                stored.PhysicalInspections = shift.PhysicalInspections;
                stored.UpdatedBy = actor;
                stored.UpdatedAt = now;
            }

            AuditLog.Record(db, clock, actor, organisationId, "capacity.set", $"capacity {hub} {date:yyyy-MM-dd} {shift.Shift}", $"scanner {shift.ScannerSlots}, physical {shift.PhysicalInspections}");
        }

        return null;
    }

    /// <summary>More than any hub's scanners or teams could do in eight hours; a typo guard, not a plan.</summary>
    public const int MaxPerShift = 10_000;

    /// <summary>The day's three shifts with their capacity: stored where a supervisor set it, else the default.</summary>
    public static async Task<IReadOnlyList<ShiftSlot>> ShiftsAsync(PortcullisDb db, SelectionOptions options, string hub, DateOnly date, CancellationToken cancellationToken)
    {
        var stored = await db.CapacityPlans.AsNoTracking().Where(p => p.HubCode == hub && p.Date == date).ToListAsync(cancellationToken);
        var fallback = options.CapacityFor(hub);
        return [.. Shifts.Names.Select(name =>
        {
            var (start, end) = Shifts.Span(date, name);
            var plan = stored.FirstOrDefault(p => p.Shift == name);
            return new ShiftSlot(date, name, start, end, plan?.ScannerSlots ?? fallback.ScannerSlots, plan?.PhysicalInspections ?? fallback.PhysicalInspections, plan is not null);
        })];
    }

    private static ProblemHttpResult? Check(string hub, CurrentUser user) =>
        HubCatalogue.Find(hub) is null
            ? TypedResults.Problem($"There is no hub '{Echo.Of(hub)}'; use one of {string.Join(", ", HubCatalogue.Codes)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown hub.")
            : !user.CanSeeHub(hub)
                ? TypedResults.Problem($"Hub {Echo.Of(hub)} is not one of yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.")
                : null;
}
