using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Hubs;
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

        if (request.Shifts is not { Count: > 0 } || request.Shifts.Any(s => !Shifts.IsKnown(s.Shift) || s.ScannerSlots < 0 || s.PhysicalInspections < 0 || s.ScannerSlots > 10_000 || s.PhysicalInspections > 10_000))
        {
            return TypedResults.Problem("Each shift needs a name (early, late or night) and scanner slots and physical inspections between 0 and 10,000; send at least one shift.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid capacity.");
        }

        hub = hub.ToUpperInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var shift in request.Shifts)
        {
            var stored = await db.CapacityPlans.SingleOrDefaultAsync(p => p.HubCode == hub && p.Date == date && p.Shift == shift.Shift, cancellationToken);
            if (stored is null)
            {
                db.CapacityPlans.Add(new CapacityPlan { HubCode = hub, Date = date, Shift = shift.Shift, ScannerSlots = shift.ScannerSlots, PhysicalInspections = shift.PhysicalInspections, UpdatedBy = user.Name, UpdatedAt = now });
            }
            else
            {
                stored.ScannerSlots = shift.ScannerSlots;
                stored.PhysicalInspections = shift.PhysicalInspections;
                stored.UpdatedBy = user.Name;
                stored.UpdatedAt = now;
            }

            AuditLog.Record(db, clock, user, "capacity.set", $"capacity {hub} {date:yyyy-MM-dd} {shift.Shift}", $"scanner {shift.ScannerSlots}, physical {shift.PhysicalInspections}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var selected = await db.Selections.CountAsync(s => s.HubCode == hub && s.PlanDate == date && s.State != SelectionState.Released, cancellationToken);
        return TypedResults.Ok(new PlanView(hub, date, await ShiftsAsync(db, options, hub, date, cancellationToken), selected));
    }

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
            ? TypedResults.Problem($"There is no hub '{hub}'; use one of {string.Join(", ", HubCatalogue.Codes)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown hub.")
            : !user.CanSeeHub(hub)
                ? TypedResults.Problem($"Hub {hub} is not one of yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.")
                : null;
}
