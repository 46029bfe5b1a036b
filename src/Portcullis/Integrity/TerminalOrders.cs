using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// REST for terminals: the operational orders released to them, and acknowledging one. An order
/// says only which container goes to which secured area; nothing about risk, reasons or why it
/// was chosen, and it appears only from its release time. Every order shown is logged, so the
/// who-knew report can name the terminal and the moment it learned.
/// </summary>
public static class TerminalOrders
{
    public sealed record TerminalOrderView(Guid Id, string ContainerNumber, string Hub, string Instruction, string SecuredArea, DateTime ReleasedAt, string Status, DateTime? AcknowledgedAt);

    public sealed record AcknowledgeRequest(string? Note);

    // The orders:read scope of a terminal's system is checked by the endpoint's declaration.
    public static bool MayReadOrders(CurrentUser? user) => user is not null && user.Role == Roles.TerminalPartner;

    public static async Task<Ok<IReadOnlyList<TerminalOrderView>>> ListAsync(PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var orders = await VisibleAsync(db, user, clock.GetUtcNow().UtcDateTime, cancellationToken);
        foreach (var order in orders)
        {
            AuditLog.Record(db, clock, user, "view.order", $"container {order.ContainerNumber}", $"order {order.Id} to {order.SecuredArea}");
        }

        return TypedResults.Ok<IReadOnlyList<TerminalOrderView>>([.. orders.Select(View)]);
    }

    public static async Task<Results<Ok<TerminalOrderView>, ProblemHttpResult>> AcknowledgeAsync(Guid id, AcknowledgeRequest? request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await db.SecureLaneOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null || !IsVisible(order, user, now))
        {
            return TypedResults.Problem($"There is no order {id} for you.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        order.AcknowledgedAt ??= now;
        order.AcknowledgedBy ??= user.Name;
        AuditLog.Record(db, clock, user, "order.acknowledge", $"container {order.ContainerNumber}", $"order {order.Id}{(string.IsNullOrWhiteSpace(request?.Note) ? "" : ": " + request.Note.Trim())}");
        return TypedResults.Ok(View(order));
    }

    public static async Task<IReadOnlyList<SecureLaneOrder>> VisibleAsync(PortcullisDb db, CurrentUser user, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.SecureLaneOrders.AsNoTracking()
            .Where(o => (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Released || o.Status == OrderStatus.InSecuredArea) && o.ReleaseAt <= now)
            .OrderBy(o => o.ReleaseAt).ThenBy(o => o.ContainerNumber)
            .ToListAsync(cancellationToken);
        return [.. open.Where(o => IsVisible(o, user, now))];
    }

    /// <summary>An order is the terminal's from its release time, for the terminal's own hubs, while it is open.</summary>
    public static bool IsVisible(SecureLaneOrder order, CurrentUser user, DateTime now) =>
        MayReadOrders(user) && user.CanSeeHub(order.HubCode) && order.ReleaseAt <= now
        && order.Status is OrderStatus.Pending or OrderStatus.Released or OrderStatus.InSecuredArea;

    private static TerminalOrderView View(SecureLaneOrder o) => new(o.Id, o.ContainerNumber, o.HubCode,
        $"Container {o.ContainerNumber}: on discharge, move it directly to the secured area {o.SecuredArea}. Do not move it elsewhere, open it or release it.",
        o.SecuredArea, o.ReleaseAt, o.Status == OrderStatus.InSecuredArea ? "InSecuredArea" : "Open", o.AcknowledgedAt);
}
