using Portcullis.Domain.Cargo;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Rules;
using Portcullis.Selection;

namespace Portcullis.Integrity;

/// <summary>
/// What contradicts "straight from the vessel to the secured area": pure, so that every rule can be
/// tested with a list of events and a clock. The monitor feeds it stored events and stores its alarms.
/// </summary>
public static class SecureLaneRules
{
    public sealed record EventFact(Guid Id, ContainerEventType Type, DateTime OccurredAt, string? Facility, string? SealNumber);

    /// <summary>One contradiction; its detail is the English of <paramref name="Phrase"/> (<see cref="AlarmPhrases"/>).</summary>
    public sealed record Contradiction(AlarmKind Kind, Guid? EventId, DateTime? EventAt, Phrase Phrase)
    {
        public string Detail => AlarmPhrases.Catalogue.Say(Phrase);
    }

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
            // Each sentence has a form with the facility and one without: Dutch puts the place elsewhere than English.
            var at = e.Facility is { Length: > 0 } f ? f : null;
            var when = RuleInput.When(e.OccurredAt);
            switch (e.Type)
            {
                case ContainerEventType.GateOut:
                    alarms.Add(new(AlarmKind.GateOut, e.Id, e.OccurredAt, at is null ? Phrase.Of("AlarmWhy.LaneGateOut", order.ContainerNumber, when, order.SecuredArea) : Phrase.Of("AlarmWhy.LaneGateOutAt", order.ContainerNumber, at, when, order.SecuredArea)));
                    break;
                case ContainerEventType.Load:
                    alarms.Add(new(AlarmKind.Loaded, e.Id, e.OccurredAt, at is null ? Phrase.Of("AlarmWhy.LaneLoaded", order.ContainerNumber, when, order.SecuredArea) : Phrase.Of("AlarmWhy.LaneLoadedAt", order.ContainerNumber, at, when, order.SecuredArea)));
                    break;
                // A terminal reports the box in the guarded area as a yard move there or, in gate and DCSA reports, as a gate-in at it.
                case ContainerEventType.YardMove or ContainerEventType.GateIn when string.Equals(e.Facility, order.SecuredArea, StringComparison.OrdinalIgnoreCase):
                    reached = true;
                    break;
                case ContainerEventType.YardMove:
                    alarms.Add(new(AlarmKind.YardMove, e.Id, e.OccurredAt, Phrase.Of("AlarmWhy.LaneYardMove", order.ContainerNumber, e.Facility is { } block ? block : Phrase.Of("AlarmWhy.UnnamedBlock"), when, order.SecuredArea)));
                    break;
                case ContainerEventType.DoorOpened when !customsAtWork:
                    alarms.Add(new(AlarmKind.DoorOpened, e.Id, e.OccurredAt, at is null ? Phrase.Of("AlarmWhy.LaneDoors", order.ContainerNumber, when) : Phrase.Of("AlarmWhy.LaneDoorsAt", order.ContainerNumber, at, when)));
                    break;
                case ContainerEventType.SealChanged when !customsAtWork:
                    alarms.Add(new(AlarmKind.SealChanged, e.Id, e.OccurredAt, SealChanged(order.ContainerNumber, e.SealNumber is { Length: > 0 } s ? s : null, at, when)));
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
                Phrase.Of("AlarmWhy.LaneSilence", order.ContainerNumber, RuleInput.When(quietSince), (now - quietSince).TotalHours, order.SecuredArea)));
        }

        return new Result(alarms, reached, last);
    }

    private static Phrase SealChanged(string container, string? seal, string? at, string when) => (seal, at) switch
    {
        (null, null) => Phrase.Of("AlarmWhy.LaneSeal", container, when),
        (null, { } place) => Phrase.Of("AlarmWhy.LaneSealAt", container, place, when),
        ({ } to, null) => Phrase.Of("AlarmWhy.LaneSealTo", container, to, when),
        ({ } to, { } place) => Phrase.Of("AlarmWhy.LaneSealToAt", container, to, place, when),
    };

    private static DateTime Max(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;
}
