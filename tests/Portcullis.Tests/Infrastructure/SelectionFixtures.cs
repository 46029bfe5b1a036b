using Portcullis.Integrity;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

/// <summary>Hand-made selections with known times, for need-to-know and workflow tests.</summary>
public static class SelectionFixtures
{
    public const string Why = "Fixture: consignee new, reefer from Guayaquil via Manzanillo.";

    /// <summary>
    /// A targeted control of the seeded container that was planned at <paramref name="controlledAt"/>, selected
    /// <paramref name="selectedHoursBefore"/> hours before and closed <paramref name="closedHoursAfter"/> hours after it
    /// with a hit of <paramref name="seizedKg"/> kg (not saved: the caller adds it, with its findings).
    /// </summary>
    public static SelectionCase ClosedHit(CargoFixtures.Seeded seeded, DateTime controlledAt, double seizedKg, string why = Why, double selectedHoursBefore = 6, double closedHoursAfter = 2, string? chainOfCustody = null) => new()
    {
        Id = Guid.CreateVersion7(),
        HubCode = seeded.HubCode,
        Unit = seeded.ContainerNumber,
        UnitKind = UnitKind.Container,
        ConsignmentIds = [seeded.ConsignmentId],
        PlanDate = Shifts.LocalDate(controlledAt),
        Shift = Shifts.Early,
        PlannedControlAt = controlledAt,
        Reason = SelectionReason.Targeted,
        Why = why,
        CreatedBy = "analyst",
        CreatedAt = controlledAt.AddHours(-selectedHoursBefore),
        State = SelectionState.Closed,
        ClosedAt = controlledAt.AddHours(closedHoursAfter),
        Hit = true,
        SeizedKg = seizedKg,
        ChainOfCustody = chainOfCustody,
        UpdatedAt = controlledAt.AddHours(closedHoursAfter),
        UpdatedBy = "inspector",
    };

    /// <summary>A targeted selection of the seeded container, made at <paramref name="createdAt"/> for a control at <paramref name="controlAt"/>, with its secure-lane order.</summary>
    public static async Task<Guid> AddSelectionAsync(Database database, CargoFixtures.Seeded seeded, DateTime createdAt, DateTime controlAt, SelectionReason reason = SelectionReason.Targeted, double orderLeadHours = 2)
    {
        var selection = new SelectionCase
        {
            Id = Guid.CreateVersion7(),
            HubCode = seeded.HubCode,
            Unit = seeded.ContainerNumber,
            UnitKind = UnitKind.Container,
            ConsignmentIds = [seeded.ConsignmentId],
            PlanDate = Shifts.LocalDate(controlAt),
            Shift = Shifts.Early,
            PlannedControlAt = controlAt,
            Reason = reason,
            Why = Why,
            Risk = 0.31,
            ExpectedKg = 250,
            ExpectedValue = 77.5,
            Uncertainty = 0.2,
            WouldBeTargeted = true,
            CreatedBy = "analyst",
            CreatedAt = createdAt,
            State = SelectionState.Scheduled,
            UpdatedAt = createdAt,
            UpdatedBy = "analyst",
        };
        await using var db = database.CreateContext();
        db.Selections.Add(selection);
        db.SelectionTransitions.Add(new SelectionTransition { SelectionId = selection.Id, From = SelectionState.Selected, To = SelectionState.Scheduled, At = createdAt, By = "analyst" });
        var order = SecureLane.NewOrder(selection, new SelectionOptions { OrderLeadHours = orderLeadHours }, createdAt);
        db.SecureLaneOrders.Add(order);
        await db.SaveChangesAsync();
        return selection.Id;
    }
}
