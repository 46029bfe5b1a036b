using Portcullis.Access;
using Portcullis.Selection;

namespace Portcullis.Tests.Selection;

public sealed class VisibilityTests
{
    private static readonly DateTime Created = new(2026, 11, 20, 6, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Control = Created.AddHours(30);
    private static readonly TimeSpan Window = TimeSpan.FromHours(4);

    private static SelectionCase Selection(SelectionState state = SelectionState.Scheduled, DateTime? closed = null) => new()
    {
        Id = Guid.NewGuid(),
        HubCode = "RTM",
        Unit = "MSCU1234565",
        UnitKind = UnitKind.Container,
        PlanDate = new DateOnly(2026, 11, 21),
        Shift = Shifts.Early,
        PlannedControlAt = Control,
        Reason = SelectionReason.Targeted,
        Why = "test",
        CreatedBy = "analyst",
        CreatedAt = Created,
        State = state,
        ClosedAt = closed,
        UpdatedAt = closed ?? Created,
        UpdatedBy = "x",
    };

    [Theory]
    [InlineData(Roles.TargetingAnalyst, 0)]
    [InlineData(Roles.Supervisor, 0)]
    [InlineData(Roles.HubInspector, 26)]
    [InlineData(Roles.ScanAnalyst, 26)]
    public void Each_circle_sees_from_its_own_moment(string role, int hoursAfterCreation)
    {
        Assert.Equal(Created.AddHours(hoursAfterCreation), Visibility.VisibleFrom(Selection(), role, ["RTM"], false, Window));
        Assert.Null(Visibility.VisibleFrom(Selection(), role, ["ZWB"], false, Window));
        Assert.Equal(Created.AddHours(hoursAfterCreation), Visibility.VisibleFrom(Selection(), role, ["*"], false, Window));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.TerminalPartner)]
    [InlineData(Roles.PartnerAgency)]
    public void Outside_customs_nobody_sees_a_selection(string role) =>
        Assert.Null(Visibility.VisibleFrom(Selection(SelectionState.Closed, Control), role, ["*"], false, Window));

    [Fact]
    public void Systems_never_see_selections_whatever_their_role() =>
        Assert.Null(Visibility.VisibleFrom(Selection(), Roles.TargetingAnalyst, ["*"], isSystem: true, Window));

    [Fact]
    public void Auditors_see_a_selection_only_once_its_control_is_over()
    {
        Assert.Null(Visibility.VisibleFrom(Selection(), Roles.Auditor, ["*"], false, Window));
        Assert.Equal(Control.AddHours(1), Visibility.VisibleFrom(Selection(SelectionState.Closed, Control.AddHours(1)), Roles.Auditor, ["*"], false, Window));
    }

    [Fact]
    public void A_control_planned_sooner_than_the_window_is_visible_to_inspectors_from_its_selection()
    {
        var soon = Selection();
        soon.PlannedControlAt = Created.AddHours(1);
        Assert.Equal(Created, Visibility.VisibleFrom(soon, Roles.HubInspector, ["RTM"], false, Window));
    }
}
