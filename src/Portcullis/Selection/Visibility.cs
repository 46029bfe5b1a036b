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

    /// <summary>
    /// Whether a role may know why a unit was chosen and by whom: the targeting team and, once the
    /// control is over, audit. The inspection team is blind to it, so that a random control is
    /// inspected as thoroughly as a targeted one; every view (API, pages) redacts by this one rule.
    /// </summary>
    public static bool IsInformed(string role) => CircleOf(role) is Circle.TargetingTeam or Circle.Audit;

    /// <summary>
    /// Whether a transition is the targeting team's own act (selecting, scheduling, releasing): its
    /// author and note tell why and by whom the unit was chosen (a manual selection's note names its
    /// kind, a release note its reason), so the uninformed see only its states and time. Scans,
    /// verdicts, physical inspections and closing are the inspection team's own work.
    /// </summary>
    public static bool IsTargetingAct(SelectionState to) => to is SelectionState.Selected or SelectionState.Scheduled or SelectionState.Released;

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
