using Microsoft.Extensions.Time.Testing;
using Portcullis.Selection;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Selection;

/// <summary>
/// A control moved because its container came off the vessel later takes a scanner slot of the shift it
/// moves to: when that shift is full it waits (in the secured area) for the first later shift with a free
/// slot, and starts when that shift starts.
/// </summary>
public sealed class ReplanCapacityTests
{
    // NZK has two scanner slots a shift by default.
    private const string Hub = "NZK";
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly SelectionOptions Options = new();

    [Theory]
    [InlineData(1, "late")]
    [InlineData(2, "night")]
    public async Task A_moved_control_goes_to_the_first_shift_with_a_free_slot(int alreadyLate, string expectedShift)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var (earlyStart, _) = Shifts.Span(Day, Shifts.Early);
        var (lateStart, _) = Shifts.Span(Day, Shifts.Late);
        await using (var db = database.CreateContext())
        {
            db.Selections.AddRange(Enumerable.Range(0, alreadyLate).Select(i => Case($"NZKU000000{i}", Shifts.Late, lateStart.AddHours(1))));
            db.Selections.Add(Case("MOVE0000001", Shifts.Early, earlyStart.AddHours(2)));
            await db.SaveChangesAsync(ct);
        }

        // Discharged two hours into the late shift, ready an hour later.
        var discharged = lateStart.AddHours(2);
        await using (var db = database.CreateContext())
        {
            var moving = db.Selections.Single(s => s.Unit == "MOVE0000001");
            var state = new Replan.State(discharged.AddHours(1), discharged, discharged);
            await Replan.MoveAsync(db, new FakeTimeProvider(discharged), Options, moving, state, state.ReadyAt, "test", discharged, ct);
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreateContext();
        var moved = read.Selections.Single(s => s.Unit == "MOVE0000001");
        var expectedAt = expectedShift == Shifts.Late ? discharged.AddHours(1) : Shifts.Span(Day, Shifts.Night).Start;
        Assert.Equal((Day, expectedShift, expectedAt), (moved.PlanDate, moved.Shift, moved.PlannedControlAt));
        // No shift holds more controls than it has scanner slots.
        Assert.All(read.Selections.AsEnumerable().GroupBy(s => (s.PlanDate, s.Shift)), g => Assert.True(g.Count() <= 2, $"{g.Key}: {g.Count()} controls"));
        var audit = read.Audit.Single(a => a.Action == Replan.Action);
        Assert.Equal(expectedShift == Shifts.Night, audit.Detail.Contains("late 2026-11-20 full", StringComparison.Ordinal));
    }

    private static SelectionCase Case(string unit, string shift, DateTime planned) => new()
    {
        Id = Guid.CreateVersion7(),
        HubCode = Hub,
        Unit = unit,
        UnitKind = UnitKind.Container,
        ConsignmentIds = [Guid.NewGuid()],
        PlanDate = Day,
        Shift = shift,
        PlannedControlAt = planned,
        Reason = SelectionReason.Targeted,
        Why = "test",
        Risk = 0.5,
        ExpectedKg = 1,
        ExpectedValue = 1,
        Uncertainty = 0.1,
        WouldBeTargeted = true,
        CreatedBy = "test",
        CreatedAt = planned.AddDays(-1),
        State = SelectionState.Scheduled,
        UpdatedAt = planned.AddDays(-1),
        UpdatedBy = "test",
    };
}
