using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Integrity;
using Portcullis.Monitoring;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Worklists;

/// <summary>
/// REST and the work page: what waits for a supervisor today. Open alarms of their hubs (how many,
/// and the oldest first: those waited longest), capacity use per hub and shift (scanner slots
/// planned against units selected; physical inspections planned against started), and the rule
/// profile drafts and candidate models nobody has activated yet (activation is
/// <see cref="Profiles.ActivateVersionAsync"/> and <see cref="Models.ActivateVersionAsync"/>).
/// </summary>
public static class SupervisorWorklist
{
    /// <summary>An open alarm; <c>DetailPhrase</c> is for the page only (the API's detail is English).</summary>
    public sealed record Alarm(Guid Id, string Hub, string ContainerNumber, string Kind, string Severity, DateTime RaisedAt, string Detail,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? DetailPhrase = null);

    public sealed record Capacity(string Hub, string Shift, DateTime Start, DateTime End, int ScannerSlots, int Selected, int PhysicalInspections, int PhysicalStarted);

    public sealed record Worklist(DateOnly Day, int OpenAlarms, IReadOnlyList<Alarm> OldestAlarms, IReadOnlyList<Capacity> Capacity,
        IReadOnlyList<Profiles.ProfileView> WaitingProfiles, IReadOnlyList<Models.ModelView> WaitingModels);

    /// <summary>How many of the oldest open alarms are listed (all are counted).</summary>
    public const int OldestShown = 10;

    public static readonly IReadOnlyList<string> Tables = ["alarms", "capacity", "profiles", "models"];

    public static async Task<Results<Ok<Worklist>, FileContentHttpResult, ProblemHttpResult>> GetAsync(string? format, string? table, PortcullisDb db, HttpContext context,
        TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var name = string.IsNullOrWhiteSpace(table) ? "capacity" : table.Trim().ToLowerInvariant();
        if (csv && !Tables.Contains(name))
        {
            return TypedResults.Problem($"table '{Hosting.Echo.Of(table)}' is unknown; use one of {string.Join(", ", Tables)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown table.");
        }

        var list = await BuildAsync(db, clock, options, CurrentUser.From(context.User)!, cancellationToken);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(list, name).ToCsv()), "text/csv", $"supervisor-{name}-{CsvTable.Day(list.Day)}.csv")
            : TypedResults.Ok(list);
    }

    /// <summary>The supervisor's worklist of today at their hubs. The API and the page call this.</summary>
    public static async Task<Worklist> BuildAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, CancellationToken cancellationToken)
    {
        var hubs = WorklistsModule.HubsOf(user);
        var day = WorklistsModule.Today(clock);
        var open = db.IntegrityAlarms.AsNoTracking().Where(a => a.Status == AlarmStatus.Open && hubs.Contains(a.HubCode));
        var count = await open.CountAsync(cancellationToken);
        var oldest = (await open.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id).Take(OldestShown).ToListAsync(cancellationToken))
            .Select(a => new Alarm(a.Id, a.HubCode, a.ContainerNumber, a.Kind.ToString(), a.Severity.ToString().ToLowerInvariant(), a.RaisedAt, a.Detail, a.DetailPhrase)).ToList();

        var (dayFrom, _) = Shifts.Day(day);
        var (_, dayTo) = Shifts.Span(day, Shifts.Night);
        var selected = await db.Selections.AsNoTracking()
            .Where(s => hubs.Contains(s.HubCode) && s.PlanDate == day && s.State != SelectionState.Released)
            .GroupBy(s => new { s.HubCode, s.Shift }).Select(g => new { g.Key.HubCode, g.Key.Shift, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // Physical inspections count against the shift in which they start (InspectionSteps.StartPhysicalAsync), whatever day the unit was planned.
        var started = await db.Selections.AsNoTracking()
            .Where(s => hubs.Contains(s.HubCode) && s.PhysicalStartedAt >= dayFrom && s.PhysicalStartedAt < dayTo)
            .Select(s => new { s.HubCode, At = s.PhysicalStartedAt!.Value })
            .ToListAsync(cancellationToken);
        var capacity = new List<Capacity>();
        foreach (var hub in hubs)
        {
            foreach (var shift in await CapacityPlans.ShiftsAsync(db, options, hub, day, cancellationToken))
            {
                capacity.Add(new Capacity(hub, shift.Name, shift.Start, shift.End, shift.ScannerSlots,
                    selected.Where(x => x.HubCode == hub && x.Shift == shift.Name).Sum(x => x.Count), shift.PhysicalInspections,
                    started.Count(x => x.HubCode == hub && x.At >= shift.Start && x.At < shift.End)));
            }
        }

        var profiles = await db.RuleProfiles.AsNoTracking().ToListAsync(cancellationToken);
        var waitingProfiles = profiles
            .Where(p => p.Status == ProfileStatus.Draft && !profiles.Any(a => a.Name == p.Name && a.Status == ProfileStatus.Active && a.Version > p.Version))
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Name, StringComparer.Ordinal).Select(Profiles.View).ToList();
        var models = await db.RiskModels.AsNoTracking().ToListAsync(cancellationToken);
        var active = models.Where(m => m.Status == ModelStatus.Active).Select(m => (int?)m.Version).Max() ?? 0;
        var waitingModels = models.Where(m => m.Status == ModelStatus.Candidate && m.Version > active).OrderByDescending(m => m.Version).Select(Models.View).ToList();
        return new Worklist(day, count, oldest, capacity, waitingProfiles, waitingModels);
    }

    public static CsvTable Table(Worklist list, string name) => name switch
    {
        "alarms" => new(name, ["raised_utc", "hub", "container", "kind", "severity", "detail", "alarm_id"],
            [.. list.OldestAlarms.Select(a => (IReadOnlyList<string>)[InspectorWorklist.Utc(a.RaisedAt), a.Hub, a.ContainerNumber, a.Kind, a.Severity, a.Detail, a.Id.ToString()])]),
        "profiles" => new(name, ["name", "version", "author", "created_utc", "rules", "reason", "profile_id"],
            [.. list.WaitingProfiles.Select(p => (IReadOnlyList<string>)[p.Name, I(p.Version), p.Author, InspectorWorklist.Utc(p.CreatedAt), I(p.Rules), p.ChangeReason, p.Id.ToString()])]),
        "models" => new(name, ["version", "trained_by", "trained_utc", "cases", "hits", "model_id"],
            [.. list.WaitingModels.Select(m => (IReadOnlyList<string>)[I(m.Version), m.TrainedBy, InspectorWorklist.Utc(m.TrainedAt), I(m.Cases), I(m.Hits), m.Id.ToString()])]),
        _ => new("capacity", ["hub", "shift", "shift_start_utc", "scanner_slots", "selected", "physical_inspections", "physical_started"],
            [.. list.Capacity.Select(c => (IReadOnlyList<string>)[c.Hub, c.Shift, InspectorWorklist.Utc(c.Start), I(c.ScannerSlots), I(c.Selected), I(c.PhysicalInspections), I(c.PhysicalStarted)])]),
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
