using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Integrity.Alarms;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Secure lane: every selected container gets an order to go from the vessel straight to the
/// guarded area. A pass releases due orders to the terminal, closes orders whose control is over,
/// and raises a critical alarm for every event (or silence) that contradicts an open order.
/// </summary>
public static class SecureLane
{
    public sealed record PassSummary(int Released, int Completed, int Checked, IReadOnlyList<IntegrityAlarm> Alarms);

    public const string SystemActor = "system:secure-lane";

    /// <summary>
    /// The order for a selected container. <paramref name="expectedDischargeAt"/> is when the box
    /// is expected off the vessel (stored or expected discharge); without it, the planned control.
    /// </summary>
    public static SecureLaneOrder NewOrder(SelectionCase selection, SelectionOptions options, DateTime now, DateTime? expectedDischargeAt = null)
    {
        var discharge = expectedDischargeAt ?? selection.PlannedControlAt;
        return new SecureLaneOrder
        {
            Id = Guid.CreateVersion7(),
            SelectionId = selection.Id,
            HubCode = selection.HubCode,
            ContainerNumber = selection.Unit,
            SecuredArea = options.SecuredAreaFor(selection.HubCode),
            CreatedAt = now,
            ExpectedArrivalAt = discharge,
            ReleaseAt = ReleaseAtFor(discharge, selection.PlannedControlAt, options, now),
            Status = OrderStatus.Pending,
        };
    }

    /// <summary>
    /// The terminal needs the order just before the container comes off the vessel, no sooner: the
    /// lead time before the expected discharge (or before the control, should that be earlier), or
    /// now when that has passed.
    /// </summary>
    public static DateTime ReleaseAtFor(DateTime expectedDischargeAt, DateTime plannedControlAt, SelectionOptions options, DateTime now) =>
        Later(now, (expectedDischargeAt < plannedControlAt ? expectedDischargeAt : plannedControlAt).AddHours(-options.OrderLeadHours));

    /// <summary>
    /// The control moved, or the expected discharge did (<paramref name="expectedDischargeAt"/>):
    /// a pending order moves with them by the rule it was made with, so it is neither released
    /// after the discharge or control (moved earlier) nor sooner than needed (moved later). An
    /// order already released stays released: the terminal knows, and telling it again later
    /// would not make it forget.
    /// </summary>
    public static async Task RescheduleAsync(PortcullisDb db, SelectionCase selection, SelectionOptions options, DateTime now, CancellationToken cancellationToken, DateTime? expectedDischargeAt = null)
    {
        var order = await db.SecureLaneOrders.SingleOrDefaultAsync(o => o.SelectionId == selection.Id, cancellationToken);
        if (order is null)
        {
            return;
        }

        if (expectedDischargeAt is { } discharge)
        {
            order.ExpectedArrivalAt = discharge;
        }

        if (order.Status == OrderStatus.Pending)
        {
            order.ReleaseAt = ReleaseAtFor(order.ExpectedArrivalAt, selection.PlannedControlAt, options, now);
        }
    }

    public static async Task<PassSummary> RunPassAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await db.SecureLaneOrders
            .Where(o => o.Status == OrderStatus.Pending || o.Status == OrderStatus.Released || o.Status == OrderStatus.InSecuredArea)
            .ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return new PassSummary(0, 0, 0, []);
        }

        var selectionIds = active.Select(o => o.SelectionId).ToList();
        var selections = await db.Selections.AsNoTracking().Where(s => selectionIds.Contains(s.Id)).Select(s => new { s.Id, s.State, s.ClosedAt }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var numbers = active.Select(o => o.ContainerNumber).Distinct().ToList();
        var earliest = active.Min(o => o.CreatedAt);
        var events = (await db.ContainerEvents.AsNoTracking()
                .Where(e => numbers.Contains(e.ContainerNumber) && e.OccurredAt >= earliest)
                .Select(e => new { e.ContainerNumber, Fact = new SecureLaneRules.EventFact(e.Id, e.Type, e.OccurredAt, e.Facility, e.SealNumber) })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ContainerNumber, e => e.Fact);
        var orderIds = active.Select(o => o.Id).ToList();
        var raised = await db.IntegrityAlarms.AsNoTracking().Where(a => a.OrderId != null && orderIds.Contains(a.OrderId.Value))
            .Select(a => new { OrderId = a.OrderId!.Value, a.EventId, a.Kind, a.Status }).ToListAsync(cancellationToken);
        var seen = raised.Where(a => a.EventId != null).Select(a => (a.OrderId, a.EventId!.Value)).ToHashSet();
        var silenceOpen = raised.Where(a => a.Kind == AlarmKind.Silence && a.Status == AlarmStatus.Open).Select(a => a.OrderId).ToHashSet();

        int released = 0, completed = 0;
        var candidates = new List<(AlarmCandidate, AlarmStore.Link?)>();
        foreach (var order in active)
        {
            var selection = selections.GetValueOrDefault(order.SelectionId);
            var state = selection?.State ?? SelectionState.Released;
            if (state == SelectionState.Closed && selection?.ClosedAt is { } closedAt)
            {
                // A move between the last pass and the close still contradicts the order (an insider
                // moving the box just before the control ends); what follows the close does not. Only
                // moves: doors and seals may be customs' own work in the physical inspection, and no
                // silence, since the control found the box.
                var last = SecureLaneRules.Check(order, SelectionState.Scheduled, [.. events[order.ContainerNumber].Where(e => e.OccurredAt <= closedAt)], closedAt, TimeSpan.FromHours(options.SilenceHours), openSilenceAlarm: true);
                Raise(candidates, order, last.Alarms.Where(a => a.EventId is { } id && !seen.Contains((order.Id, id)) && a.Kind is AlarmKind.GateOut or AlarmKind.Loaded or AlarmKind.YardMove), now);
            }

            if (state is SelectionState.Closed or SelectionState.Released)
            {
                order.Status = state == SelectionState.Closed ? OrderStatus.Completed : OrderStatus.Cancelled;
                order.CompletedAt = now;
                AuditLog.Record(db, clock, SystemActor, null, "order.complete", $"container {order.ContainerNumber}", order.Status.ToString());
                completed++;
                continue;
            }

            if (order.Status == OrderStatus.Pending && order.ReleaseAt <= now)
            {
                order.Status = OrderStatus.Released;
                AuditLog.Record(db, clock, SystemActor, null, "order.release", $"container {order.ContainerNumber}", $"released to the terminals of {order.HubCode}: to {order.SecuredArea}");
                released++;
            }

            var result = SecureLaneRules.Check(order, state, [.. events[order.ContainerNumber]], now, TimeSpan.FromHours(options.SilenceHours), silenceOpen.Contains(order.Id));
            order.LastEventAt = result.LastEventAt;
            if (result.ReachedSecuredArea && order.Status is OrderStatus.Released or OrderStatus.Pending)
            {
                order.Status = OrderStatus.InSecuredArea;
                AuditLog.Record(db, clock, SystemActor, null, "order.secured", $"container {order.ContainerNumber}", order.SecuredArea);
            }

            Raise(candidates, order, result.Alarms.Where(a => a.EventId is not { } id || !seen.Contains((order.Id, id))), now);
        }

        var alarms = await AlarmStore.RaiseAsync(db, clock, SystemActor, candidates, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new PassSummary(released, completed, active.Count, alarms);
    }

    private static void Raise(List<(AlarmCandidate, AlarmStore.Link?)> candidates, SecureLaneOrder order, IEnumerable<SecureLaneRules.Contradiction> contradictions, DateTime now)
    {
        foreach (var contradiction in contradictions)
        {
            // One alarm per contradicting event; a silence alarm per quiet spell (at most one open, see silenceOpen).
            var key = contradiction.EventId is { } eventId ? $"secure-lane:{order.Id:N}:{eventId:N}" : $"secure-lane:{order.Id:N}:silence:{now:yyyyMMddHHmmss}";
            var evidence = contradiction.EventId is { } e ? new[] { $"event:{e}" } : [];
            candidates.Add((new AlarmCandidate(contradiction.Kind, AlarmSeverity.Critical, order.ContainerNumber, contradiction.EventAt ?? default, contradiction.Phrase, evidence, key, order.HubCode),
                new AlarmStore.Link(order.Id, order.SelectionId, contradiction.EventId)));
        }
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
