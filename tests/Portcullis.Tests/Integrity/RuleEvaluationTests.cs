using Portcullis.Integrity;
using Portcullis.Simulator;

namespace Portcullis.Tests.Integrity;

/// <summary>The rules against the simulator's ground truth on a small simulated period.</summary>
public sealed class RuleEvaluationTests
{
    [Fact]
    public void On_two_simulated_days_every_scripted_incident_kind_is_recalled_above_its_floor_and_no_decoy_alarms()
    {
        var zones = EvaluateRules.ReadZones(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Integrity", "demo-zones.geojson")));
        var report = EvaluateRules.Run(new SimulationOptions(Seed: 7, Scale: 0.1, FirstDay: new DateOnly(2026, 11, 2), Days: 2), zones, TestContext.Current.CancellationToken);

        // Every scripted incident is played well inside its rule's thresholds (a door opened 2 km from
        // any fence, a 3 h stop against a 2 h norm, 12 h of silence against 6 h), so each rule must
        // find at least 90 % of its incidents; the floor leaves room for an incident cut short by
        // the end of the period (an alarm due after the last simulated hour).
        string[] scripted = ["DoorOpenedOutsideZone", "SealTampered", "UnplannedStop", "ReeferTampering", "GoneQuiet", "YardRevisit"];
        foreach (var kind in scripted)
        {
            var score = Assert.Single(report.Kinds, k => k.Kind == kind);
            Assert.True(score.Incidents >= 3, $"{kind}: only {score.Incidents} incidents were played; the period is too small to judge.");
            Assert.True(score.Recall >= 0.9, $"{kind}: recall {score.Recall:0.000} ({score.Recalled} of {score.Incidents}).");
        }

        Assert.True(report.Decoys >= 3, $"only {report.Decoys} GPS-jitter decoys were played.");
        Assert.Equal(0, report.DecoysAlarmed);
    }
}
