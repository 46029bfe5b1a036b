using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Monitoring;

/// <summary>
/// REST, CSV and the page /monitoring: seizures by hub and month, substance, concealment and lane
/// (from the findings of closed controls); inspections and hit rates per hub and week; targeted
/// precision against the random control sample per week with 95 % Wilson intervals; capacity use per
/// hub; drift of the scores (PSI per week); and the public yearly figures as a reference series.
/// </summary>
public static class HubDashboard
{
    public const int DefaultDays = 91;

    /// <summary>PSI above this is a shifted score distribution (the usual reading of the index).</summary>
    public const double DriftWarning = 0.25;

    public sealed record MonthSeizures(string Hub, string Month, int Seizures, double Kilograms);

    public sealed record GroupSeizures(string Group, int Findings, double Kilograms);

    public sealed record LaneSeizures(string Lane, int Seizures, double Kilograms);

    public sealed record WeekInspections(string Hub, string Week, DateOnly WeekStart, int Closed, int Hits, double? HitRate);

    /// <summary>Targeted picks against the random control sample of the same week: the control rate is the unbiased base rate.</summary>
    public sealed record WeekPrecision(string Week, DateOnly WeekStart, Proportion Targeted, Proportion Control);

    public sealed record HubCapacity(string Hub, int ScannerSlots, int PhysicalCapacity, int Selected, int PhysicalInspections, double? ScannerUse, double? PhysicalUse);

    public sealed record DriftWeek(string Week, DateOnly From, int Scored, double Psi, string Stability, bool Warning);

    public sealed record Dashboard(
        DateOnly From,
        DateOnly To,
        IReadOnlyList<MonthSeizures> SeizuresByMonth,
        IReadOnlyList<GroupSeizures> SeizuresBySubstance,
        IReadOnlyList<GroupSeizures> SeizuresByConcealment,
        IReadOnlyList<LaneSeizures> SeizuresByLane,
        IReadOnlyList<WeekInspections> Inspections,
        IReadOnlyList<WeekPrecision> Precision,
        IReadOnlyList<HubCapacity> Capacity,
        IReadOnlyList<DriftWeek> Drift,
        IReadOnlyList<PublicFigure> PublicFigures);

    public static IReadOnlyList<string> TableNames { get; } =
        ["seizures-by-month", "seizures-by-substance", "seizures-by-concealment", "seizures-by-lane", "inspections", "precision", "capacity", "drift", "public-figures"];

    public static async Task<Results<Ok<Dashboard>, FileContentHttpResult, ProblemHttpResult>> GetAsync(DateOnly? from, DateOnly? to, string? format, string? table, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (MonitoringModule.Period(from, to, clock, DefaultDays, out var periodProblem) is not { } period)
        {
            return TypedResults.Problem(periodProblem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid period.");
        }

        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var name = table?.ToLowerInvariant();
        if (csv && (name is null || !TableNames.Contains(name)))
        {
            return TypedResults.Problem($"CSV needs one table: table={string.Join(", table=", TableNames)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown table.");
        }

        var dashboard = await BuildAsync(db, CurrentUser.From(context.User)!, period.From, period.To, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(dashboard);
        }

        var file = Table(dashboard, name!);
        return TypedResults.File(Encoding.UTF8.GetBytes(file.ToCsv()), "text/csv", $"hubs-{file.Name}-{CsvTable.Day(dashboard.From)}-{CsvTable.Day(dashboard.To)}.csv");
    }

    /// <summary>The dashboard over a period, for the hubs <paramref name="user"/> may see (the function the page calls too).</summary>
    public static async Task<Dashboard> BuildAsync(PortcullisDb db, CurrentUser user, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var closed = await MonitoringData.ClosedControlsAsync(db, user, from, to, cancellationToken);
        var hits = closed.Where(c => c.Hit).ToList();
        var findings = await MonitoringData.FindingsAsync(db, [.. hits.Select(h => h.Id)], cancellationToken);
        var kgBySelection = findings.GroupBy(f => f.SelectionId).ToDictionary(g => g.Key, g => g.Sum(f => f.Kilograms));
        double Kg(ClosedControl c) => kgBySelection.TryGetValue(c.Id, out var kg) ? kg : c.SeizedKg;

        var byMonth = hits.GroupBy(h => (h.Hub, Month: h.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture)))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Hub, StringComparer.Ordinal)
            .Select(g => new MonthSeizures(g.Key.Hub, g.Key.Month, g.Count(), g.Sum(Kg))).ToList();
        var bySubstance = findings.GroupBy(f => f.Substance.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupSeizures(g.Key, g.Count(), g.Sum(f => f.Kilograms))).ToList();
        var byConcealment = findings.GroupBy(f => f.Concealment.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupSeizures(g.Key, g.Count(), g.Sum(f => f.Kilograms))).ToList();
        var byLane = hits.GroupBy(h => h.Lane, StringComparer.Ordinal).OrderByDescending(g => g.Sum(Kg)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LaneSeizures(g.Key, g.Count(), g.Sum(Kg))).ToList();

        var inspections = closed.GroupBy(c => (c.Hub, Start: WeekStart(c.Day)))
            .OrderBy(g => g.Key.Start).ThenBy(g => g.Key.Hub, StringComparer.Ordinal)
            .Select(g => new WeekInspections(g.Key.Hub, Week(g.Key.Start), g.Key.Start, g.Count(), g.Count(c => c.Hit), (double)g.Count(c => c.Hit) / g.Count())).ToList();
        var precision = closed.Where(c => c.Reason is SelectionReason.Targeted or SelectionReason.Control).GroupBy(c => WeekStart(c.Day)).OrderBy(g => g.Key)
            .Select(g => new WeekPrecision(Week(g.Key), g.Key,
                SelectionEstimates.Wilson(g.Count(c => c.Reason == SelectionReason.Targeted && c.Hit), g.Count(c => c.Reason == SelectionReason.Targeted)),
                SelectionEstimates.Wilson(g.Count(c => c.Reason == SelectionReason.Control && c.Hit), g.Count(c => c.Reason == SelectionReason.Control)))).ToList();

        var plans = await db.CapacityPlans.AsNoTracking().Where(p => p.Date >= from && p.Date <= to)
            .GroupBy(p => p.HubCode).Select(g => new { Hub = g.Key, Scanner = g.Sum(p => p.ScannerSlots), Physical = g.Sum(p => p.PhysicalInspections) })
            .ToListAsync(cancellationToken);
        var used = await MonitoringData.Visible(db, user, from, to).Where(s => s.State != SelectionState.Released)
            .GroupBy(s => s.HubCode).Select(g => new { Hub = g.Key, Selected = g.Count(), Physical = g.Count(s => s.PhysicalStartedAt != null) })
            .ToListAsync(cancellationToken);
        var capacity = plans.Select(p => p.Hub).Union(used.Select(u => u.Hub)).Where(user.CanSeeHub).Order(StringComparer.Ordinal).Select(hub =>
        {
            var plan = plans.FirstOrDefault(p => p.Hub == hub);
            var use = used.FirstOrDefault(u => u.Hub == hub);
            int scanner = plan?.Scanner ?? 0, physical = plan?.Physical ?? 0, selected = use?.Selected ?? 0, started = use?.Physical ?? 0;
            return new HubCapacity(hub, scanner, physical, selected, started, scanner == 0 ? null : (double)selected / scanner, physical == 0 ? null : (double)started / physical);
        }).ToList();

        var weeks = Math.Clamp((to.DayNumber - from.DayNumber + 7) / 7, 2, 104);
        var drift = (await Drift.ReportAsync(db, to, weeks, cancellationToken)).Weeks
            .Select(w => new DriftWeek(w.Week, w.From, w.Scored, w.Psi, w.Stability, w.Scored > 0 && w.Psi > DriftWarning)).ToList();

        return new Dashboard(from, to, byMonth, bySubstance, byConcealment, byLane, inspections, precision, capacity, drift, PublicFigures.All);
    }

    public static CsvTable Table(Dashboard d, string name)
    {
        static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
        return name switch
        {
            "seizures-by-month" => new(name, ["hub", "month", "seizures", "kilograms"], [.. d.SeizuresByMonth.Select(r => (IReadOnlyList<string>)[r.Hub, r.Month, I(r.Seizures), CsvTable.Number(r.Kilograms)])]),
            "seizures-by-substance" => new(name, ["substance", "findings", "kilograms"], [.. d.SeizuresBySubstance.Select(r => (IReadOnlyList<string>)[r.Group, I(r.Findings), CsvTable.Number(r.Kilograms)])]),
            "seizures-by-concealment" => new(name, ["concealment", "findings", "kilograms"], [.. d.SeizuresByConcealment.Select(r => (IReadOnlyList<string>)[r.Group, I(r.Findings), CsvTable.Number(r.Kilograms)])]),
            "seizures-by-lane" => new(name, ["lane", "seizures", "kilograms"], [.. d.SeizuresByLane.Select(r => (IReadOnlyList<string>)[r.Lane, I(r.Seizures), CsvTable.Number(r.Kilograms)])]),
            "inspections" => new(name, ["hub", "week", "week_start", "closed", "hits", "hit_rate"], [.. d.Inspections.Select(r => (IReadOnlyList<string>)[r.Hub, r.Week, CsvTable.Day(r.WeekStart), I(r.Closed), I(r.Hits), CsvTable.Number(r.HitRate, 4)])]),
            "precision" => new(name, ["week", "week_start", "targeted_closed", "targeted_hits", "targeted_precision", "targeted_low95", "targeted_high95", "control_closed", "control_hits", "control_hit_rate", "control_low95", "control_high95"],
                [.. d.Precision.Select(r => (IReadOnlyList<string>)[r.Week, CsvTable.Day(r.WeekStart), I(r.Targeted.Trials), I(r.Targeted.Hits), CsvTable.Number(r.Targeted.Estimate, 4), CsvTable.Number(r.Targeted.Low95, 4), CsvTable.Number(r.Targeted.High95, 4),
                    I(r.Control.Trials), I(r.Control.Hits), CsvTable.Number(r.Control.Estimate, 4), CsvTable.Number(r.Control.Low95, 4), CsvTable.Number(r.Control.High95, 4)])]),
            "capacity" => new(name, ["hub", "scanner_slots", "physical_capacity", "selected", "physical_inspections", "scanner_use", "physical_use"],
                [.. d.Capacity.Select(r => (IReadOnlyList<string>)[r.Hub, I(r.ScannerSlots), I(r.PhysicalCapacity), I(r.Selected), I(r.PhysicalInspections), CsvTable.Number(r.ScannerUse, 4), CsvTable.Number(r.PhysicalUse, 4)])]),
            "drift" => new(name, ["week", "from", "scored", "psi", "stability", "warning"], [.. d.Drift.Select(r => (IReadOnlyList<string>)[r.Week, CsvTable.Day(r.From), I(r.Scored), CsvTable.Number(r.Psi, 4), r.Stability, r.Warning ? "yes" : "no"])]),
            _ => PublicFigures.Table(),
        };
    }

    /// <summary>The Monday of a day's ISO week.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string Week(DateOnly monday)
    {
        var at = monday.ToDateTime(TimeOnly.MinValue);
        return ISOWeek.GetYear(at).ToString(CultureInfo.InvariantCulture) + "-W" + ISOWeek.GetWeekOfYear(at).ToString("00", CultureInfo.InvariantCulture);
    }
}
