using Portcullis.Inspection;
using Portcullis.Selection;

namespace Portcullis.Tests.Inspection;

public sealed class InspectionWorkflowTests
{
    // The allowed moves, written out by hand from the issue: selected → scheduled → scanned → scan
    // verdict → physical inspection → closed; clear verdicts close at once; release only before the scan.
    public static TheoryData<SelectionState, ScanVerdict?, InspectionStep, bool, SelectionState?> Moves() => new()
    {
        { SelectionState.Selected, null, InspectionStep.Schedule, false, SelectionState.Scheduled },
        { SelectionState.Scheduled, null, InspectionStep.Schedule, false, SelectionState.Scheduled },
        { SelectionState.Scheduled, null, InspectionStep.RecordScan, false, SelectionState.Scanned },
        { SelectionState.Selected, null, InspectionStep.RecordScan, false, null },
        { SelectionState.Scanned, null, InspectionStep.GiveVerdict, false, SelectionState.ScanAssessed },
        { SelectionState.Scheduled, null, InspectionStep.GiveVerdict, false, null },
        { SelectionState.ScanAssessed, ScanVerdict.Suspicious, InspectionStep.StartPhysical, false, SelectionState.PhysicalInspection },
        { SelectionState.ScanAssessed, ScanVerdict.NeedsPhysical, InspectionStep.StartPhysical, false, SelectionState.PhysicalInspection },
        { SelectionState.ScanAssessed, ScanVerdict.Clear, InspectionStep.StartPhysical, false, null },
        { SelectionState.ScanAssessed, ScanVerdict.Clear, InspectionStep.Close, false, SelectionState.Closed },
        { SelectionState.ScanAssessed, ScanVerdict.Clear, InspectionStep.Close, true, null },
        { SelectionState.ScanAssessed, ScanVerdict.Suspicious, InspectionStep.Close, false, null },
        { SelectionState.PhysicalInspection, ScanVerdict.Suspicious, InspectionStep.Close, true, SelectionState.Closed },
        { SelectionState.PhysicalInspection, ScanVerdict.Suspicious, InspectionStep.Close, false, SelectionState.Closed },
        { SelectionState.Scanned, null, InspectionStep.Close, false, null },
        { SelectionState.Selected, null, InspectionStep.Release, false, SelectionState.Released },
        { SelectionState.Scheduled, null, InspectionStep.Release, false, SelectionState.Released },
        { SelectionState.Scanned, null, InspectionStep.Release, false, null },
        { SelectionState.Closed, ScanVerdict.Clear, InspectionStep.Schedule, false, null },
        { SelectionState.Released, null, InspectionStep.RecordScan, false, null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Only_the_documented_moves_are_allowed(SelectionState from, ScanVerdict? verdict, InspectionStep step, bool findings, SelectionState? to)
    {
        var decision = InspectionWorkflow.Decide(from, verdict, step, findings);
        Assert.Equal(to is not null, decision.Allowed);
        if (to is { } expected)
        {
            Assert.Equal(expected, decision.To);
            Assert.Equal("", decision.Reason);
        }
        else
        {
            Assert.Equal(from, decision.To);
            // One sentence naming the state, so a 409 tells the user what to do next.
            Assert.EndsWith(".", decision.Reason, StringComparison.Ordinal);
            Assert.True(decision.Reason.Length > 20, decision.Reason);
        }
    }

    [Fact]
    public void Every_state_and_step_has_an_answer()
    {
        foreach (var state in Enum.GetValues<SelectionState>())
        {
            foreach (var step in Enum.GetValues<InspectionStep>())
            {
                foreach (ScanVerdict? verdict in new ScanVerdict?[] { null, ScanVerdict.Clear, ScanVerdict.Suspicious, ScanVerdict.NeedsPhysical })
                {
                    var decision = InspectionWorkflow.Decide(state, verdict, step);
                    Assert.True(decision.Allowed || decision.Reason.Length > 0, $"{state} {step} {verdict}");
                }
            }

            Assert.NotEmpty(InspectionWorkflow.Describe(state));
        }

        foreach (var step in Enum.GetValues<InspectionStep>())
        {
            Assert.NotEmpty(InspectionWorkflow.RolesFor(step));
            Assert.DoesNotContain(Portcullis.Access.Roles.TerminalPartner, InspectionWorkflow.RolesFor(step));
        }
    }
}
