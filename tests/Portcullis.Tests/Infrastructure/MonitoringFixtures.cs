using Portcullis.Domain.Cargo;
using Portcullis.Inspection;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

/// <summary>
/// Closed controls with findings on one lane (EC 08 SeaContainer) at Rotterdam and Vlissingen over
/// four weeks from a Monday: in the first two weeks 3 hits a day at RTM and 1 at ZWB, in the last two
/// 1 at RTM and 3 at ZWB (a waterbed with its onset on day 14); every hit a targeted pick with one
/// finding of 100 kg of cocaine among the cargo near the doors; and one random control a day at RTM
/// that found nothing.
/// </summary>
public static class MonitoringFixtures
{
    /// <summary>A Monday, so the four weeks are four ISO weeks.</summary>
    public static readonly DateOnly First = new(2026, 3, 2);

    public const int Days = 28;

    public const int OnsetDay = 14;

    public const double KilogramsPerHit = 100;

    public static DateOnly Last => First.AddDays(Days - 1);

    public static async Task AddWaterbedAsync(Database database)
    {
        // Browser test classes share one server: the month is stored once.
        await using (var check = database.CreateContext())
        {
            if (check.Selections.Any(s => s.Unit == "MONC00"))
            {
                return;
            }
        }

        var arrived = First.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc);
        var rotterdam = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", arrived, serial: 700001);
        var vlissingen = await CargoFixtures.AddReeferConsignmentAsync(database, "ZWB", arrived, serial: 700002);
        await using var db = database.CreateContext();
        for (var d = 0; d < Days; d++)
        {
            var day = First.AddDays(d);
            var (rtm, zwb) = d < OnsetDay ? (3, 1) : (1, 3);
            for (var n = 0; n < rtm; n++)
            {
                db.Selections.Add(Closed(rotterdam, day, $"MONR{d:00}{n}", SelectionReason.Targeted, hit: true));
            }

            for (var n = 0; n < zwb; n++)
            {
                db.Selections.Add(Closed(vlissingen, day, $"MONZ{d:00}{n}", SelectionReason.Targeted, hit: true));
            }

            db.Selections.Add(Closed(rotterdam, day, $"MONC{d:00}", SelectionReason.Control, hit: false));
        }

        await db.SaveChangesAsync();
    }

    private static SelectionCase Closed(CargoFixtures.Seeded consignment, DateOnly day, string unit, SelectionReason reason, bool hit)
    {
        var at = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var id = Guid.CreateVersion7();
        return new SelectionCase
        {
            Id = id,
            HubCode = consignment.HubCode,
            Unit = unit,
            UnitKind = UnitKind.Consignment,
            ConsignmentIds = [consignment.ConsignmentId],
            PlanDate = day,
            Shift = Shifts.Early,
            PlannedControlAt = at,
            Reason = reason,
            Why = "Monitoring fixture.",
            WouldBeTargeted = reason == SelectionReason.Targeted,
            CreatedBy = "analyst",
            CreatedAt = at.AddHours(-2),
            State = SelectionState.Closed,
            PhysicalStartedAt = at,
            ClosedAt = at.AddHours(1),
            Hit = hit,
            SeizedKg = hit ? KilogramsPerHit : null,
            UpdatedAt = at.AddHours(1),
            UpdatedBy = "inspector",
            Findings = hit ? [new Finding { Id = Guid.NewGuid(), SelectionId = id, Substance = Substance.Cocaine, Kilograms = KilogramsPerHit, Packages = 4, Concealment = ConcealmentMethod.AmongCargoNearDoors }] : [],
        };
    }
}
