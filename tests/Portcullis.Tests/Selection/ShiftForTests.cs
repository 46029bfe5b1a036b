using Portcullis.Selection;

namespace Portcullis.Tests.Selection;

/// <summary>Which shift a ready unit goes in: one rule for the planner's controls and the app's watch-list and manual picks.</summary>
public sealed class ShiftForTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    // Given out of time order on purpose: index 0 is the late shift, 1 the early one, 2 the night one.
    private static readonly Shift[] Shifts =
    [
        new("late", Day.AddHours(14), Day.AddHours(22), 1),
        new("early", Day.AddHours(6), Day.AddHours(14), 1),
        new("night", Day.AddHours(22), Day.AddHours(30), 1),
    ];

    [Fact]
    public void The_earliest_shift_by_start_that_ends_after_the_unit_is_ready()
    {
        Assert.Equal(1, SelectionPlanner.ShiftFor(Shifts, [1, 1, 1], Day.AddHours(3)));
        // Ready at 14:00 exactly: the early shift ends then, so it is too late for it.
        Assert.Equal(0, SelectionPlanner.ShiftFor(Shifts, [1, 1, 1], Day.AddHours(14)));
        Assert.Equal(2, SelectionPlanner.ShiftFor(Shifts, [1, 1, 1], Day.AddHours(23)));
    }

    [Fact]
    public void A_full_shift_is_skipped()
    {
        Assert.Equal(0, SelectionPlanner.ShiftFor(Shifts, [1, 0, 1], Day.AddHours(3)));
        Assert.Equal(2, SelectionPlanner.ShiftFor(Shifts, [0, 0, 1], Day.AddHours(3)));
        // Over-taken (negative free) counts as full.
        Assert.Equal(2, SelectionPlanner.ShiftFor(Shifts, [-1, 0, 1], Day.AddHours(3)));
    }

    [Fact]
    public void A_unit_ready_after_every_shift_with_room_gets_none()
    {
        // Ready 23:00, the night shift (the only one still running) is full: the late shift has room
        // but ended at 22:00, before the box is off the ship.
        Assert.Equal(-1, SelectionPlanner.ShiftFor(Shifts, [1, 1, 0], Day.AddHours(23)));
        // Ready 07:00 the next morning: after every shift of the day.
        Assert.Equal(-1, SelectionPlanner.ShiftFor(Shifts, [1, 1, 1], Day.AddHours(31)));
    }

    [Fact]
    public void Every_shift_full_gives_minus_one()
    {
        Assert.Equal(-1, SelectionPlanner.ShiftFor(Shifts, [0, 0, 0], Day.AddHours(3)));
        Assert.Equal(-1, SelectionPlanner.ShiftFor([], Array.Empty<int>(), Day));
    }

    [Fact]
    public void Free_slots_are_counted_from_what_is_taken()
    {
        Taken[] taken = [new("A", 1), new("B", 1), new("C", 0)];
        Shift[] shifts = [Shifts[0] with { Capacity = 2 }, Shifts[1] with { Capacity = 1 }, Shifts[2] with { Capacity = 0 }];
        // Late 2 − 1 = 1, early 1 − 2 → 0, night 0.
        Assert.Equal([1, 0, 0], SelectionPlanner.FreeSlots(shifts, taken));
        // Early is full (two taken, one slot), so a unit ready at 03:00 goes in the late shift.
        Assert.Equal(0, SelectionPlanner.ShiftFor(shifts, taken, Day.AddHours(3)));
        Assert.Equal(-1, SelectionPlanner.ShiftFor(shifts, [.. taken, new Taken("D", 0)], Day.AddHours(3)));
    }
}
