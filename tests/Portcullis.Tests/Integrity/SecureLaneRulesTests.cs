using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Selection;
using Portcullis.Tests.Components;

namespace Portcullis.Tests.Integrity;

public sealed class SecureLaneRulesTests
{
    private static readonly DateTime Made = new(2026, 11, 20, 6, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Silence = TimeSpan.FromHours(6);

    private static SecureLaneOrder Order(OrderStatus status = OrderStatus.Released) => new()
    {
        Id = Guid.NewGuid(),
        SelectionId = Guid.NewGuid(),
        HubCode = "RTM",
        ContainerNumber = "MSCU1234565",
        SecuredArea = "RTM-SECURE",
        CreatedAt = Made,
        ExpectedArrivalAt = Made.AddHours(2),
        ReleaseAt = Made,
        Status = status,
    };

    private static SecureLaneRules.EventFact Event(ContainerEventType type, double hours, string? facility = "ECT Delta", string? seal = null) =>
        new(Guid.NewGuid(), type, Made.AddHours(hours), facility, seal);

    [Theory]
    [InlineData(ContainerEventType.GateOut, AlarmKind.GateOut)]
    [InlineData(ContainerEventType.Load, AlarmKind.Loaded)]
    [InlineData(ContainerEventType.YardMove, AlarmKind.YardMove)]
    [InlineData(ContainerEventType.DoorOpened, AlarmKind.DoorOpened)]
    [InlineData(ContainerEventType.SealChanged, AlarmKind.SealChanged)]
    public void A_contradicting_event_raises_one_alarm_naming_the_container(ContainerEventType type, AlarmKind kind)
    {
        var e = Event(type, 3, seal: "ML-0000001");
        var result = SecureLaneRules.Check(Order(), SelectionState.Scheduled, [Event(ContainerEventType.Discharge, 2), e], Made.AddHours(4), Silence, openSilenceAlarm: false);
        var alarm = Assert.Single(result.Alarms);
        Assert.Equal(kind, alarm.Kind);
        Assert.Equal(e.Id, alarm.EventId);
        Assert.Contains("MSCU1234565", alarm.Detail, StringComparison.Ordinal);
        Assert.Equal(e.OccurredAt, result.LastEventAt);
    }

    [Theory]
    [InlineData("ECT Delta", "ML-0000001")]
    [InlineData(null, null)]
    public void Every_contradiction_reads_in_Dutch_with_or_without_a_facility_and_a_seal(string? facility, string? seal)
    {
        ContainerEventType[] contradicting = [ContainerEventType.GateOut, ContainerEventType.Load, ContainerEventType.YardMove, ContainerEventType.DoorOpened, ContainerEventType.SealChanged];
        var result = SecureLaneRules.Check(Order(), SelectionState.Scheduled, [.. contradicting.Select((type, i) => Event(type, 3 + i, facility, seal))], Made.AddHours(40), Silence, openSilenceAlarm: false);

        Assert.Equal(6, result.Alarms.Count);
        Assert.Contains(result.Alarms, a => a.Kind == AlarmKind.Silence);
        Assert.All(result.Alarms, a => PhraseAssert.SaidInDutch(a.Phrase, a.Detail));
    }

    [Fact]
    public void Discharge_and_a_move_into_the_secured_area_are_what_is_ordered()
    {
        var result = SecureLaneRules.Check(Order(), SelectionState.Scheduled,
            [Event(ContainerEventType.Discharge, 2), Event(ContainerEventType.YardMove, 2.5, "rtm-secure"), Event(ContainerEventType.GateIn, 2.6)], Made.AddHours(30), Silence, false);
        Assert.Empty(result.Alarms);
        Assert.True(result.ReachedSecuredArea);
    }

    [Fact]
    public void Events_from_before_the_order_do_not_count()
    {
        var result = SecureLaneRules.Check(Order(), SelectionState.Scheduled, [Event(ContainerEventType.YardMove, -3), Event(ContainerEventType.Discharge, 1)], Made.AddHours(2), Silence, false);
        Assert.Empty(result.Alarms);
    }

    [Fact]
    public void An_event_stamped_in_the_future_counts_only_once_its_time_has_come()
    {
        var gateOut = Event(ContainerEventType.GateOut, 5);
        Assert.Empty(SecureLaneRules.Check(Order(), SelectionState.Scheduled, [Event(ContainerEventType.Discharge, 2), gateOut], Made.AddHours(4), Silence, false).Alarms);
        Assert.Equal(AlarmKind.GateOut, Assert.Single(SecureLaneRules.Check(Order(), SelectionState.Scheduled, [Event(ContainerEventType.Discharge, 2), gateOut], Made.AddHours(5), Silence, false).Alarms).Kind);
    }

    [Fact]
    public void Doors_and_seals_are_customs_own_work_during_the_physical_inspection()
    {
        var events = new[] { Event(ContainerEventType.DoorOpened, 3), Event(ContainerEventType.SealChanged, 4, seal: "NL-CUSTOMS-1") };
        Assert.Empty(SecureLaneRules.Check(Order(OrderStatus.InSecuredArea), SelectionState.PhysicalInspection, events, Made.AddHours(5), Silence, false).Alarms);
        Assert.Equal(2, SecureLaneRules.Check(Order(OrderStatus.InSecuredArea), SelectionState.Scanned, events, Made.AddHours(5), Silence, false).Alarms.Count);
    }

    [Fact]
    public void Silence_counts_from_arrival_or_the_last_event_and_is_raised_once()
    {
        var order = Order();
        // Before arrival quiet is normal; 5 h after arrival still under the limit; 6 h after it: silence.
        Assert.Empty(SecureLaneRules.Check(order, SelectionState.Scheduled, [], Made.AddHours(1), Silence, false).Alarms);
        Assert.Empty(SecureLaneRules.Check(order, SelectionState.Scheduled, [], Made.AddHours(7), Silence, false).Alarms);
        var silent = Assert.Single(SecureLaneRules.Check(order, SelectionState.Scheduled, [], Made.AddHours(8), Silence, false).Alarms);
        Assert.Equal(AlarmKind.Silence, silent.Kind);
        Assert.Null(silent.EventId);
        Assert.Empty(SecureLaneRules.Check(order, SelectionState.Scheduled, [], Made.AddHours(9), Silence, openSilenceAlarm: true).Alarms);
        // A later event restarts the clock.
        Assert.Empty(SecureLaneRules.Check(order, SelectionState.Scheduled, [Event(ContainerEventType.Discharge, 5)], Made.AddHours(10), Silence, false).Alarms);
        // Once in the secured area, quiet is what we want.
        Assert.Empty(SecureLaneRules.Check(Order(OrderStatus.InSecuredArea), SelectionState.Scheduled, [], Made.AddHours(40), Silence, false).Alarms);
    }
}
