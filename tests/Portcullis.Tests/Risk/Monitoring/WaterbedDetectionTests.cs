using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Risk.Monitoring;
using Portcullis.Simulator;

namespace Portcullis.Tests.Risk.Monitoring;

/// <summary>
/// The waterbed monitor on a simulated month: the rip-on lane's seizures move from Rotterdam to
/// Vlissingen from day 8 (share 15 % → 80 % over days 8–16). Issue 17 asks for a flag within five
/// days; at 9 cases a day and this false-alarm level that is not reachable (docs/MONITORING.md has
/// the power calculation), so this test guards what the monitor does today: the flag 9 days after
/// the onset, on the right hubs, and silence on every other lane.
/// </summary>
public sealed class WaterbedDetectionTests
{
    public const int Seed = 5;

    /// <summary>The ramp in SmugglingPatterns starts on day 8.</summary>
    public const int OnsetDay = 8;

    /// <summary>The delay measured on this seed (docs/BENCHMARKS.md); the issue's target is 5.</summary>
    public const int MaximumDelayDays = 9;

    [Fact]
    public void The_simulated_waterbed_is_flagged_from_Rotterdam_to_Vlissingen_and_stable_lanes_stay_quiet()
    {
        var first = new DateOnly(2026, 3, 2);
        var lanes = Waterbed.Run(Seed, first, days: 28, TestContext.Current.CancellationToken);

        var alarms = lanes.Where(l => l.Alarm).ToList();
        var report = string.Join("; ", lanes.Take(8).Select(l => $"{l.Lane} G={l.Best?.Score:F1} flagged {l.FlaggedOn}"));
        Assert.NotEmpty(alarms);
        foreach (var alarm in alarms)
        {
            Assert.True(Waterbed.IsRipOnLane(alarm.Lane), $"alarm on a stable lane: {alarm.Lane}; {report}");
            Assert.Equal([HubCatalogue.Rotterdam], alarm.From);
            Assert.Equal([HubCatalogue.ZeelandWestBrabant], alarm.To);
        }

        var firstFlag = alarms.Min(a => a.FlaggedOn!.Value);
        Assert.True(firstFlag.DayNumber - first.AddDays(OnsetDay).DayNumber <= MaximumDelayDays, $"flagged on {firstFlag}, onset {first.AddDays(OnsetDay)}; {report}");
    }
}

/// <summary>
/// What the monitor sees of a simulated month: seizures, from the inspection outcomes, never from
/// the ground truth as such. Targeting is stood in for by finding each smuggling case with the same
/// chance at every hub, so the hubs' shares of seizures carry no information the app would not have.
/// </summary>
public static class Waterbed
{
    /// <summary>The chance that targeting and inspection find a case.</summary>
    public const double Recall = 0.8;

    /// <summary>A fifth of the honest traffic keeps the month fast; smuggling at full scale keeps its 9 rip-on cases a day.</summary>
    public static IReadOnlyList<LaneShift> Run(int seed, DateOnly first, int days, CancellationToken cancellationToken, ShareShiftOptions? options = null)
    {
        var events = new List<LaneEvent>();
        var found = new Random(seed);
        foreach (var day in new TrafficSimulator(new SimulationOptions(seed, 0.2, first, days) { SmugglingScale = 1.0 }).Run(cancellationToken))
        {
            var byId = day.Consignments.ToDictionary(c => c.Id);
            foreach (var seized in day.GroundTruth.OrderBy(c => c.ConsignmentId))
            {
                if (found.NextDouble() < Recall && byId.TryGetValue(seized.ConsignmentId, out var consignment))
                {
                    events.Add(new LaneEvent(LaneOf(consignment), consignment.HubCode, DateOnly.FromDateTime(consignment.ArrivedAt)));
                }
            }
        }

        return ShareShift.Scan(events, first, first.AddDays(days - 1), options ?? new ShareShiftOptions());
    }

    /// <summary>Origin country × HS chapter × mode, as the app keys a lane.</summary>
    public static string LaneOf(Consignment consignment) =>
        $"{consignment.OriginCountry} {(consignment.Goods.Count > 0 ? consignment.Goods[0].HsCode[..2] : "??")} {consignment.Kind}";

    /// <summary>The rip-on pattern's fruit from Ecuador, Costa Rica and Colombia by sea.</summary>
    public static bool IsRipOnLane(string lane) => lane is "EC 08 SeaContainer" or "CR 08 SeaContainer" or "CO 08 SeaContainer";
}
