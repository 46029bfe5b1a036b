using Portcullis.Domain.Cargo;
using Portcullis.Integrity.Alarms;
using Portcullis.Selection;

namespace Portcullis.Integrity;

/// <summary>
/// What contradicts "straight from the vessel to the secured area": pure, so that every rule can be
/// tested with a list of events and a clock. The monitor feeds it stored events and stores its alarms.
/// </summary>
public static class SecureLaneRules
{
    public sealed record EventFact(Guid Id, ContainerEventType Type, DateTime OccurredAt, string? Facility, string? SealNumber);

    public sealed record Contradiction(AlarmKind Kind, Guid? EventId, DateTime? EventAt, string Detail);

    public sealed record Result(IReadOnlyList<Contradiction> Alarms, bool ReachedSecuredArea, DateTime? LastEventAt);

    /// <summary>
    /// Checks the events of an order's container that happened since the order was made.
    /// <paramref name="openSilenceAlarm"/> says whether a silence alarm is already open, so silence
    /// is raised once per quiet spell, not every minute.
    /// </summary>
    public static Result Check(SecureLaneOrder order, SelectionState selectionState, IReadOnlyList<EventFact> events, DateTime now, TimeSpan silence, bool openSilenceAlarm)
    {
        var alarms = new List<Contradiction>();
        var reached = order.Status == OrderStatus.InSecuredArea;
        var last = order.LastEventAt;
        // Customs itself opens doors and replaces seals during its physical inspection: not a contradiction then.
        var customsAtWork = selectionState is SelectionState.PhysicalInspection or SelectionState.Closed;
        // An event stamped in the future has not happened; it counts once its time has come.
        foreach (var e in events.Where(e => e.OccurredAt >= order.CreatedAt && e.OccurredAt <= now).OrderBy(e => e.OccurredAt))
        {
            last = last is { } l && l > e.OccurredAt ? l : e.OccurredAt;
            var where = e.Facility is { Length: > 0 } f ? $" at {f}" : "";
            switch (e.Type)
            {
                case ContainerEventType.GateOut:
                    alarms.Add(new(AlarmKind.GateOut, e.Id, e.OccurredAt, $"Container {order.ContainerNumber} gated out{where} at {e.OccurredAt:yyyy-MM-dd HH:mm} UTC while it is ordered to the secured area {order.SecuredArea}."));
                    break;
                case ContainerEventType.Load:
                    alarms.Add(new(AlarmKind.Loaded, e.Id, e.OccurredAt, $"Container {order.ContainerNumber} was loaded for departure{where} at {e.OccurredAt:yyyy-MM-dd HH:mm} UTC while it is ordered to the secured area {order.SecuredArea}."));
                    break;
                // A terminal reports the box in the guarded area as a yard move there or, in gate and DCSA reports, as a gate-in at it.
                case ContainerEventType.YardMove or ContainerEventType.GateIn when string.Equals(e.Facility, order.SecuredArea, StringComparison.OrdinalIgnoreCase):
                    reached = true;
                    break;
                case ContainerEventType.YardMove:
                    alarms.Add(new(AlarmKind.YardMove, e.Id, e.OccurredAt, $"Container {order.ContainerNumber} moved to {e.Facility ?? "an unnamed block"} at {e.OccurredAt:yyyy-MM-dd HH:mm} UTC instead of the secured area {order.SecuredArea}."));
                    break;
                case ContainerEventType.DoorOpened when !customsAtWork:
                    alarms.Add(new(AlarmKind.DoorOpened, e.Id, e.OccurredAt, $"The doors of container {order.ContainerNumber} were opened{where} at {e.OccurredAt:yyyy-MM-dd HH:mm} UTC before the customs inspection."));
                    break;
                case ContainerEventType.SealChanged when !customsAtWork:
                    alarms.Add(new(AlarmKind.SealChanged, e.Id, e.OccurredAt, $"The seal of container {order.ContainerNumber} changed{(e.SealNumber is { Length: > 0 } s ? $" to {s}" : "")}{where} at {e.OccurredAt:yyyy-MM-dd HH:mm} UTC before the customs inspection."));
                    break;
            }
        }

        // Silence counts only once the container should be here and the terminal has its order
        // (it cannot move a box it does not know about); before that, quiet is normal.
        var due = Max(order.ReleaseAt, order.ExpectedArrivalAt);
        var quietSince = Max(last, due);
        if (!reached && !openSilenceAlarm && now >= due && now - quietSince >= silence)
        {
            alarms.Add(new(AlarmKind.Silence, null, null,
                $"No event for container {order.ContainerNumber} since {quietSince:yyyy-MM-dd HH:mm} UTC ({(now - quietSince).TotalHours:0.#} h) while it should be on its way to the secured area {order.SecuredArea}."));
        }

        return new Result(alarms, reached, last);
    }

    private static DateTime Max(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;
}
