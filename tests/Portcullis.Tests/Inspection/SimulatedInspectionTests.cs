using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Domain.Cargo;
using Portcullis.Inspection;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Inspection;

/// <summary>The demo's simulated inspections keep to the clock: no control closes after now.</summary>
public sealed class SimulatedInspectionTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    private static SelectionCase Planned(string unit, DateTime controlAt, Guid consignment) => new()
    {
        Id = Guid.CreateVersion7(),
        HubCode = "RTM",
        Unit = unit,
        UnitKind = UnitKind.Container,
        ConsignmentIds = [consignment],
        PlanDate = DateOnly.FromDateTime(Now),
        Shift = Shifts.Early,
        PlannedControlAt = controlAt,
        Reason = SelectionReason.Targeted,
        Why = "test",
        CreatedBy = "analyst",
        CreatedAt = controlAt.AddHours(-20),
        State = SelectionState.Selected,
        UpdatedAt = controlAt.AddHours(-20),
        UpdatedBy = "analyst",
    };

    private static Consignment Stored(Guid id, string reference) => new()
    {
        Id = id,
        Reference = reference,
        Kind = ConsignmentKind.SeaContainer,
        Direction = Direction.Import,
        HubCode = "RTM",
        BookedAt = Now.AddDays(-20),
        ArrivedAt = Now.AddDays(-1),
        OriginCountry = "EC",
        Route = new Route { PortOfLoading = "ECGYE", PortOfDischarge = "NLRTM" },
    };

    private static SmugglingCase Truth(Guid consignment, string container) => new()
    {
        ConsignmentId = consignment,
        ContainerNumber = container,
        Substance = Substance.Cocaine,
        Concealment = ConcealmentMethod.AmongCargoNearDoors,
        Kilograms = 120,
        Pattern = "test",
    };

    private static ContainerEvent Discharged(string container, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        ContainerNumber = container,
        Type = ContainerEventType.Discharge,
        OccurredAt = at,
        UnLocode = "NLRTM",
        Facility = "ECT",
        Source = "test",
    };

    [Fact]
    public async Task A_physical_inspection_that_would_end_after_now_is_left_open()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7();
        // Both hold drugs, so both go to a physical inspection that closes four hours after the planned start:
        // the first at 11:00, before now; the second would close at 14:00, after now.
        var done = Planned("MSCU1234565", Now.AddHours(-5), a);
        var running = Planned("TGHU9876545", Now.AddHours(-2), b);
        await using (var db = database.CreateContext())
        {
            // The control's result becomes the consignments' label, so they must exist.
            db.Consignments.AddRange(Stored(a, "BL-A"), Stored(b, "BL-B"));
            db.Selections.AddRange(done, running);
            db.Set<SmugglingCase>().AddRange(Truth(a, done.Unit), Truth(b, running.Unit));
            // Both are off the vessel well before their controls; a control cannot start before discharge.
            db.ContainerEvents.AddRange(Discharged(done.Unit, Now.AddHours(-10)), Discharged(running.Unit, Now.AddHours(-10)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var summary = await SimulatedInspections.RunAsync(database, new GroundTruthVault(database), new FakeTimeProvider(new DateTimeOffset(Now)), new SelectionOptions(), "RTM", DateOnly.FromDateTime(Now), TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (summary.Closed, summary.Hits));
        await using var check = database.CreateContext();
        var stored = await check.Selections.AsNoTracking().ToDictionaryAsync(s => s.Unit, TestContext.Current.CancellationToken);
        Assert.Equal((SelectionState.Closed, Now.AddHours(-1)), (stored[done.Unit].State, stored[done.Unit].ClosedAt));
        Assert.Equal((SelectionState.Selected, null, null), (stored[running.Unit].State, stored[running.Unit].ScannedAt, stored[running.Unit].ClosedAt));
    }
}
