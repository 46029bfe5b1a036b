using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Monitoring;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Worklists;

/// <summary>
/// REST and the work page: a hub inspector's controls of today, by shift. Only controls whose
/// disclosure window (<see cref="Visibility"/>) is open are shown; the others are only counted, so
/// that the inspector knows more work is coming without learning which unit it is before the window.
/// </summary>
public static class InspectorWorklist
{
    /// <summary>One shift of the day: its span in UTC, the controls that may be seen now, and how many more open later.</summary>
    public sealed record ShiftControls(string Shift, DateTime Start, DateTime End, IReadOnlyList<GetSelections.SelectionView> Controls, int Later);

    public sealed record Worklist(DateOnly Day, IReadOnlyList<string> Hubs, IReadOnlyList<ShiftControls> Shifts, int Later);

    public static async Task<Results<Ok<Worklist>, FileContentHttpResult, ProblemHttpResult>> GetAsync(string? hub, string? format, PortcullisDb db, HttpContext context,
        TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var result = await BuildAsync(db, clock, options, CurrentUser.From(context.User)!, hub, cancellationToken);
        if (result.Value is not { } list)
        {
            return result.Refusal!.ToProblem("The worklist cannot be shown.");
        }

        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(list).ToCsv()), "text/csv", $"inspector-worklist-{CsvTable.Day(list.Day)}.csv")
            : TypedResults.Ok(list);
    }

    /// <summary>
    /// The worklist of <paramref name="user"/> for today at their hubs (or one of them); each control
    /// shown is logged as a view. Released controls are not work and are left out. The API and the page call this.
    /// </summary>
    public static async Task<Outcome<Worklist>> BuildAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, string? hub, CancellationToken cancellationToken)
    {
        var hubs = WorklistsModule.HubsOf(user);
        if (!string.IsNullOrWhiteSpace(hub))
        {
            var code = hub.Trim().ToUpperInvariant();
            if (Domain.Hubs.HubCatalogue.Find(code) is null)
            {
                return Refusal.Invalid($"There is no hub '{Echo.Of(hub)}'; use one of {string.Join(", ", Domain.Hubs.HubCatalogue.Codes)}.");
            }

            if (!user.CanSeeHub(code))
            {
                return Refusal.Forbidden($"Hub {code} is not one of yours.");
            }

            hubs = [code];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var day = WorklistsModule.Today(clock);
        var window = Visibility.InspectionWindow(options);
        var all = await db.Selections.AsNoTracking()
            .Where(s => hubs.Contains(s.HubCode) && s.PlanDate == day && s.State != SelectionState.Released)
            .OrderBy(s => s.PlannedControlAt).ThenBy(s => s.HubCode).ThenBy(s => s.Unit)
            .ToListAsync(cancellationToken);
        var shifts = new List<ShiftControls>();
        foreach (var name in Shifts.Names)
        {
            var (start, end) = Shifts.Span(day, name);
            var inShift = all.Where(s => s.Shift == name).ToList();
            var visible = inShift.Where(s => Visibility.CanSee(s, user, now, window)).ToList();
            foreach (var s in visible)
            {
                AuditLog.Record(db, clock, user, "view.selection", AuditSubject.Of(s), $"selection {s.Id} in the inspector worklist of {day:yyyy-MM-dd}");
            }

            shifts.Add(new ShiftControls(name, start, end, [.. visible.Select(s => GetSelections.View(s, user))], inShift.Count - visible.Count));
        }

        return new Worklist(day, hubs, shifts, shifts.Sum(s => s.Later));
    }

    public static CsvTable Table(Worklist list) =>
        new("controls", ["shift", "shift_start_utc", "hub", "unit", "unit_kind", "planned_control_utc", "state", "selection_id"],
            [.. list.Shifts.SelectMany(shift => shift.Controls.Select(c => (IReadOnlyList<string>)
                [shift.Shift, Utc(shift.Start), c.Hub, c.Unit, c.UnitKind, Utc(c.PlannedControlAt), c.State, c.Id.ToString()]))]);

    internal static string Utc(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
