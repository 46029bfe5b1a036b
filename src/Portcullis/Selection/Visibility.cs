using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Access;

namespace Portcullis.Selection;

/// <summary>
/// Need-to-know for selections, as pure functions: who may see a selection, and from when. The
/// same rules answer "may this person see it now" (every read) and "who could have known before the
/// control" (the who-knew report), so the two can never disagree.
/// </summary>
public static class Visibility
{
    /// <summary>Which circle a role belongs to for a selection.</summary>
    public enum Circle
    {
        None,

        /// <summary>Targeting analysts and supervisors of the hub: from the moment of selection.</summary>
        TargetingTeam,

        /// <summary>Hub inspectors and scan analysts of the hub: from a window before the planned control.</summary>
        InspectionTeam,

        /// <summary>Auditors: only after the control is over, to investigate.</summary>
        Audit,
    }

    public static Circle CircleOf(string role) => role switch
    {
        Roles.TargetingAnalyst or Roles.Supervisor => Circle.TargetingTeam,
        Roles.HubInspector or Roles.ScanAnalyst => Circle.InspectionTeam,
        Roles.Auditor => Circle.Audit,
        _ => Circle.None,
    };

    /// <summary>
    /// From when someone in <paramref name="role"/> with <paramref name="hubs"/> may see the selection;
    /// null for never. Systems (tokens) never see selections: a terminal gets an operational order instead.
    /// </summary>
    public static DateTime? VisibleFrom(SelectionCase selection, string role, IReadOnlyList<string> hubs, bool isSystem, TimeSpan inspectionWindow)
    {
        if (isSystem || !(hubs.Contains("*") || hubs.Contains(selection.HubCode, StringComparer.OrdinalIgnoreCase)))
        {
            return null;
        }

        return CircleOf(role) switch
        {
            Circle.TargetingTeam => selection.CreatedAt,
            Circle.InspectionTeam => Max(selection.CreatedAt, selection.PlannedControlAt - inspectionWindow),
            Circle.Audit => ControlOver(selection),
            _ => null,
        };
    }

    public static bool CanSee(SelectionCase selection, CurrentUser user, DateTime now, TimeSpan inspectionWindow) =>
        VisibleFrom(selection, user.Role, user.Hubs, user.IsSystem, inspectionWindow) is { } from && from <= now;

    /// <summary>When the control was over (closed or released); null while it is still to come.</summary>
    public static DateTime? ControlOver(SelectionCase selection) => selection.State switch
    {
        SelectionState.Closed => selection.ClosedAt,
        SelectionState.Released => selection.UpdatedAt,
        _ => null,
    };

    /// <summary>How long before the planned control the inspection team may see a selection.</summary>
    public static TimeSpan InspectionWindow(SelectionOptions options) => TimeSpan.FromHours(options.InspectionWindowHours);

    /// <summary>The one answer to a selection the caller may not see (yet): as if it did not exist.</summary>
    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no selection {id} that you may see now.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
