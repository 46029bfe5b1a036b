using Portcullis.Access;
using Portcullis.Selection;

namespace Portcullis.Inspection;

public enum InspectionStep
{
    Schedule,
    RecordScan,
    GiveVerdict,
    StartPhysical,
    Close,
    Release,
}

/// <summary>
/// The control's state machine: selected → scheduled → scanned → scan assessed (clear, suspicious,
/// needs physical) → physical inspection → closed. Pure: the handlers ask it, then store.
/// </summary>
public static class InspectionWorkflow
{
    public sealed record Decision(bool Allowed, SelectionState To, string Reason);

    /// <summary>Who may take each step (hub scope is checked separately).</summary>
    public static IReadOnlyList<string> RolesFor(InspectionStep step) => step switch
    {
        InspectionStep.Schedule => [Roles.TargetingAnalyst, Roles.Supervisor],
        InspectionStep.RecordScan => [Roles.ScanAnalyst, Roles.HubInspector],
        InspectionStep.GiveVerdict => [Roles.ScanAnalyst],
        InspectionStep.StartPhysical => [Roles.HubInspector],
        InspectionStep.Close => [Roles.HubInspector, Roles.ScanAnalyst],
        // Analysts deselect their own kind of picks; a random control pick only a supervisor (InspectionSteps.ReleaseAsync).
        InspectionStep.Release => [Roles.Supervisor, Roles.TargetingAnalyst],
        _ => [],
    };

    public static Decision Decide(SelectionState state, ScanVerdict? verdict, InspectionStep step, bool hasFindings = false)
    {
        Decision Refuse(string why) => new(false, state, why);
        Decision Allow(SelectionState to) => new(true, to, "");

        if (state is SelectionState.Closed or SelectionState.Released)
        {
            return Refuse($"The control is already {Describe(state)}; nothing can change it any more.");
        }

        return step switch
        {
            InspectionStep.Schedule => state is SelectionState.Selected or SelectionState.Scheduled
                ? Allow(SelectionState.Scheduled)
                : Refuse($"Only a selected or scheduled control can be (re)scheduled; this one is {Describe(state)}."),
            InspectionStep.RecordScan => state == SelectionState.Scheduled
                ? Allow(SelectionState.Scanned)
                : Refuse($"A scan can only be recorded for a scheduled control; this one is {Describe(state)}."),
            InspectionStep.GiveVerdict => state == SelectionState.Scanned
                ? Allow(SelectionState.ScanAssessed)
                : Refuse($"A scan verdict needs a recorded scan first; this control is {Describe(state)}."),
            InspectionStep.StartPhysical => state == SelectionState.ScanAssessed && verdict is ScanVerdict.Suspicious or ScanVerdict.NeedsPhysical
                ? Allow(SelectionState.PhysicalInspection)
                : Refuse(state == SelectionState.ScanAssessed
                    ? "The scan was assessed clear; close the control instead of opening the container."
                    : $"A physical inspection follows a suspicious or needs-physical scan verdict; this control is {Describe(state)}."),
            InspectionStep.Close => state switch
            {
                SelectionState.PhysicalInspection => Allow(SelectionState.Closed),
                SelectionState.ScanAssessed when verdict == ScanVerdict.Clear && !hasFindings => Allow(SelectionState.Closed),
                SelectionState.ScanAssessed when verdict == ScanVerdict.Clear => Refuse("Findings need a physical inspection; start one before recording them."),
                SelectionState.ScanAssessed => Refuse("The scan verdict asks for a physical inspection; it must be done before the control can be closed."),
                _ => Refuse($"A control is closed after its scan verdict or physical inspection; this one is {Describe(state)}."),
            },
            InspectionStep.Release => state is SelectionState.Selected or SelectionState.Scheduled
                ? Allow(SelectionState.Released)
                : Refuse($"Only a control that has not started can be released; this one is {Describe(state)}."),
            _ => Refuse("Unknown step."),
        };
    }

    public static string Describe(SelectionState state) => state switch
    {
        SelectionState.ScanAssessed => "scan assessed",
        SelectionState.PhysicalInspection => "under physical inspection",
        _ => state.ToString().ToLowerInvariant(),
    };
}
