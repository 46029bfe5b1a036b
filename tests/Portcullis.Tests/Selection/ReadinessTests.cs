using Portcullis.Selection;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Selection;

/// <summary>A unit is ready when it can physically be controlled: a container once it is off the vessel and transferred.</summary>
public sealed class ReadinessTests
{
    private static readonly DateTime Arrival = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    // One hour's transfer, six hours' default discharge delay, three hours' air handling.
    private static readonly ReadinessRules Rules = new(TransferHours: 1, DefaultDischargeDelayHours: 6, AirHandlingHours: 3);

    private static readonly SelectionOptions Options = new() { TransferHours = 1, DischargeDelayHours = 6, AirHandlingHours = 3 };

    [Fact]
    public void A_discharged_container_is_ready_a_transfer_after_its_discharge_whatever_the_usual_delay()
    {
        var discharged = Arrival.AddHours(11);
        Assert.Equal(Arrival.AddHours(12), Readiness.ReadyAt(new ReadinessFacts(ReadinessKind.Container, Arrival, discharged), TimeSpan.FromHours(4), Rules));
    }

    [Fact]
    public void A_container_not_yet_discharged_is_planned_on_the_hubs_usual_delay_after_its_vessels_arrival()
    {
        Assert.Equal(Arrival.AddHours(5), Readiness.ReadyAt(new ReadinessFacts(ReadinessKind.Container, Arrival, null), TimeSpan.FromHours(4), Rules));
    }

    [Fact]
    public void Air_cargo_is_ready_after_handling_post_at_acceptance_and_trucks_at_arrival()
    {
        Assert.Equal(Arrival.AddHours(3), Readiness.ReadyAt(new ReadinessFacts(ReadinessKind.Air, Arrival, null), TimeSpan.FromHours(4), Rules));
        Assert.Equal(Arrival, Readiness.ReadyAt(new ReadinessFacts(ReadinessKind.Post, Arrival, null), TimeSpan.FromHours(4), Rules));
        Assert.Equal(Arrival, Readiness.ReadyAt(new ReadinessFacts(ReadinessKind.Other, Arrival, null), TimeSpan.FromHours(4), Rules));
    }

    [Fact]
    public void The_usual_delay_is_the_median_with_early_discharges_as_zero_and_the_default_without_observations()
    {
        Assert.Equal(TimeSpan.FromHours(5), Readiness.MedianDelay([TimeSpan.FromHours(2), TimeSpan.FromHours(48), TimeSpan.FromHours(5)], Rules));
        Assert.Equal(TimeSpan.FromHours(1.5), Readiness.MedianDelay([TimeSpan.FromHours(-3), TimeSpan.FromHours(3)], Rules));
        Assert.Equal(TimeSpan.FromHours(6), Readiness.MedianDelay([], Rules));
    }

    [Fact]
    public void A_control_is_planned_neither_before_the_unit_is_ready_nor_before_the_selection_is_made()
    {
        var shiftStart = Arrival.AddHours(-2);
        Assert.Equal(Arrival.AddHours(3), Readiness.PlannedControlAt(Arrival.AddHours(3), shiftStart, createdAt: Arrival));
        Assert.Equal(Arrival.AddHours(7), Readiness.PlannedControlAt(Arrival.AddHours(3), shiftStart, createdAt: Arrival.AddHours(7)));
        Assert.Equal(shiftStart, Readiness.PlannedControlAt(Arrival.AddHours(-5), shiftStart, createdAt: Arrival.AddHours(-9)));
    }

    [Fact]
    public void A_control_moves_to_a_later_discharge_and_stays_for_an_earlier_one()
    {
        var planned = Arrival.AddHours(7);
        var late = new Replan.State(Arrival.AddHours(13), Arrival.AddHours(12), Arrival.AddHours(12));
        var early = new Replan.State(Arrival.AddHours(4), Arrival.AddHours(3), Arrival.AddHours(3));
        Assert.Equal(Arrival.AddHours(13), Replan.Target(planned, late, now: Arrival.AddHours(14), Options));
        Assert.Null(Replan.Target(planned, early, now: Arrival.AddHours(14), Options));
    }

    [Fact]
    public void A_late_vessel_moves_the_control_only_once_its_time_has_come_and_never_into_the_past()
    {
        var planned = Arrival.AddHours(7);
        var onBoard = new Replan.State(Arrival.AddHours(7), null, Arrival.AddHours(6));
        Assert.Null(Replan.Target(planned, onBoard, now: Arrival.AddHours(6), Options));
        // The time has come and the box is still on board: a transfer from now, to be moved again if the vessel is later still.
        Assert.Equal(Arrival.AddHours(9), Replan.Target(planned, onBoard, now: Arrival.AddHours(8), Options));
    }

    [Fact]
    public async Task Candidates_see_only_the_discharges_that_had_happened_at_the_planning_moment()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        // The fixture's container is discharged at its vessel's arrival.
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", Arrival, 880_001);
        await using var read = database.CreateContext();
        var day = Shifts.LocalDate(Arrival);
        var before = await Candidates.LoadAsync(read, Options, "RTM", day, Arrival.AddHours(-2), TestContext.Current.CancellationToken);
        var after = await Candidates.LoadAsync(read, Options, "RTM", day, Arrival.AddHours(3), TestContext.Current.CancellationToken);

        // Before the discharge: arrival, the default delay (no discharges to learn from yet) and the transfer.
        Assert.Equal(Arrival.AddHours(7), Assert.Single(before, u => u.Candidate.Unit == seeded.ContainerNumber).Candidate.ReadyAt);
        Assert.Equal(Arrival.AddHours(1), Assert.Single(after, u => u.Candidate.Unit == seeded.ContainerNumber).Candidate.ReadyAt);
    }
}
