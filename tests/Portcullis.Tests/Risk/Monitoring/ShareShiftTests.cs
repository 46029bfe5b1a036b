using Portcullis.Risk.Monitoring;

namespace Portcullis.Tests.Risk.Monitoring;

public sealed class ShareShiftTests
{
    private static readonly string[] Hubs = ["RTM", "ZWB"];
    private static readonly ShareShiftOptions Options = new(Threshold: 15, MinimumDaysBefore: 5, MinimumEventsBefore: 8, MinimumEventsAfter: 5);

    [Fact]
    public void A_step_change_is_found_at_its_onset_with_the_score_computed_by_hand()
    {
        // Days 0–9: 8 at Rotterdam, 2 at Vlissingen; days 10–19: 2 and 8.
        var daily = Enumerable.Range(0, 20).Select(d => d < 10 ? new[] { 8, 2 } : new[] { 2, 8 }).ToList();

        var best = ShareShift.BestChangePoint(daily, Hubs, Options);

        Assert.NotNull(best);
        Assert.Equal(10, best.OnsetIndex);
        // Before: 80 and 20 of 100; after: 20 and 80 of 100; pooled: 100 and 100 of 200.
        // G = 2·[(80 ln 0.8 + 20 ln 0.2) + (20 ln 0.2 + 80 ln 0.8) − 200 ln 0.5] = 2·[−100.078 + 138.629] = 77.10.
        Assert.Equal(77.10, best.Score, 2);
        Assert.Equal(0.2, best.Shares[1].ShareBefore, 10);
        Assert.Equal(0.8, best.Shares[1].ShareAfter, 10);
    }

    [Fact]
    public void A_small_step_scores_as_computed_by_hand()
    {
        // Days 0–4: 3 and 1 a day (15 and 5); days 5–9: 1 and 3 a day (5 and 15): onset 5.
        var daily = Enumerable.Range(0, 10).Select(d => d < 5 ? new[] { 3, 1 } : new[] { 1, 3 }).ToList();

        var best = ShareShift.BestChangePoint(daily, Hubs, Options);

        // G = 2·[2·(15 ln 0.75 + 5 ln 0.25) − 40 ln 0.5] = 2·[2·(−4.315 − 6.931) + 27.726] = 10.46.
        Assert.NotNull(best);
        Assert.Equal(5, best.OnsetIndex);
        Assert.Equal(10.46, best.Score, 2);
    }

    [Fact]
    public void A_stable_series_is_not_flagged()
    {
        // The same shares every day: every split fits as well as none, so G is 0.
        var events = new List<LaneEvent>();
        var first = new DateOnly(2026, 11, 1);
        for (var d = 0; d < 28; d++)
        {
            events.AddRange(Enumerable.Repeat(new LaneEvent("CO 08 SeaContainer", "RTM", first.AddDays(d)), 4));
            events.Add(new LaneEvent("CO 08 SeaContainer", "ZWB", first.AddDays(d)));
        }

        var lane = Assert.Single(ShareShift.Scan(events, first, first.AddDays(27), Options));

        Assert.False(lane.Alarm);
        Assert.Equal(0, lane.Best!.Score, 10);
        Assert.Empty(lane.From);
        Assert.Empty(lane.To);
    }

    [Fact]
    public void The_scan_flags_a_step_on_the_day_the_evidence_is_enough_and_names_the_hubs()
    {
        var first = new DateOnly(2026, 11, 1);
        var events = new List<LaneEvent>();
        for (var d = 0; d < 20; d++)
        {
            var (rtm, zwb) = d < 10 ? (8, 2) : (2, 8);
            events.AddRange(Enumerable.Repeat(new LaneEvent("EC 08 SeaContainer", "RTM", first.AddDays(d)), rtm));
            events.AddRange(Enumerable.Repeat(new LaneEvent("EC 08 SeaContainer", "ZWB", first.AddDays(d)), zwb));
        }

        var lane = Assert.Single(ShareShift.Scan(events, first, first.AddDays(19), Options));

        // Up to day 10 (onset 10, one day after): before 80/20 of 100, after 2/8 of 10, pooled 82/28 of 110:
        // G = 2·[(80 ln .8 + 20 ln .2) + (2 ln .2 + 8 ln .8) − (82 ln(82/110) + 28 ln(28/110))] = 2·[−50.04 − 5.00 + 62.40] = 14.71 < 15.
        // Up to day 11: after 4/16 of 20, pooled 84/36 of 120: 2·[−50.04 − 10.01 + 73.30] = 26.5 ≥ 15.
        Assert.Equal(first.AddDays(11), lane.FlaggedOn);
        Assert.Equal(first.AddDays(10), lane.Onset);
        Assert.Equal(["RTM"], lane.From);
        Assert.Equal(["ZWB"], lane.To);
    }

    [Fact]
    public void A_lane_seen_at_one_hub_is_not_tested()
    {
        var first = new DateOnly(2026, 11, 1);
        var events = Enumerable.Range(0, 20).Select(d => new LaneEvent("GH 18 SeaContainer", "RTM", first.AddDays(d))).ToList();

        Assert.Empty(ShareShift.Scan(events, first, first.AddDays(19), Options));
    }

    [Fact]
    public void A_key_seen_at_three_hubs_needs_the_threshold_for_three_hubs()
    {
        // Days 0–9: 6, 2 and 2 a day at RTM, ZWB, NZK; from day 10: 2, 5 and 3 a day.
        var first = new DateOnly(2026, 11, 1);
        var events = new List<LaneEvent>();
        for (var d = 0; d < 14; d++)
        {
            var counts = d < 10 ? new[] { 6, 2, 2 } : [2, 5, 3];
            events.Add(new LaneEvent("EC 08 SeaContainer", "NZK", first.AddDays(d), counts[2]));
            events.Add(new LaneEvent("EC 08 SeaContainer", "RTM", first.AddDays(d), counts[0]));
            events.Add(new LaneEvent("EC 08 SeaContainer", "ZWB", first.AddDays(d), counts[1]));
        }

        // Up to day 12 (onset 10): before 60/20/20 of 100, after 6/15/9 of 30, pooled 66/35/29 of 130:
        // G = 2·[(60 ln .6 + 20 ln .2 + 20 ln .2) + (6 ln .2 + 15 ln .5 + 9 ln .3) − (66 ln(66/130) + 35 ln(35/130) + 29 ln(29/130))]
        //   = 2·[−95.03 − 30.89 + 134.17] = 16.51: past the two-hub threshold 16, short of 16 + 3 = 19.
        // Up to day 13: after 8/20/12 of 40, pooled 68/40/32 of 140: 2·[−95.03 − 41.19 + 146.44] = 20.46 ≥ 19.
        var lane = Assert.Single(ShareShift.Scan(events, first, first.AddDays(13), new ShareShiftOptions()));
        var flat = Assert.Single(ShareShift.Scan(events, first, first.AddDays(13), new ShareShiftOptions(ThresholdPerExtraHub: 0)));

        Assert.Equal(19, lane.Threshold);
        Assert.Equal(first.AddDays(13), lane.FlaggedOn);
        Assert.Equal(16, flat.Threshold);
        Assert.Equal(first.AddDays(12), flat.FlaggedOn);
        Assert.Equal(["RTM"], lane.From);
        Assert.Equal(["ZWB", "NZK"], lane.To);
    }

    [Fact]
    public void A_lane_and_a_pattern_are_tested_apart_even_with_the_same_text()
    {
        var first = new DateOnly(2026, 11, 1);
        var events = Enumerable.Range(0, 20).SelectMany(d => new[]
        {
            new LaneEvent("X", "RTM", first.AddDays(d), d < 10 ? 8 : 2),
            new LaneEvent("X", "ZWB", first.AddDays(d), d < 10 ? 2 : 8),
            new LaneEvent("X", "RTM", first.AddDays(d), 4, KeyKind.Pattern),
            new LaneEvent("X", "ZWB", first.AddDays(d), 1, KeyKind.Pattern),
        }).ToList();

        var keys = ShareShift.Scan(events, first, first.AddDays(19), Options);

        Assert.Equal([(KeyKind.Lane, true, 200), (KeyKind.Pattern, false, 100)], keys.Select(k => (k.Kind, k.Alarm, k.Events)));
    }

    [Fact]
    public void A_pattern_pools_origins_and_names_the_concealment()
    {
        Assert.Equal("08 SeaContainer AmongCargoNearDoors", Pattern.Of("080390", "SeaContainer", "AmongCargoNearDoors"));
        Assert.Equal("?? SeaContainer Bulk", Pattern.Of("1", "SeaContainer", "Bulk"));
        Assert.Equal("?? AirCargo Other", Pattern.Of(null, "AirCargo", "Other"));
    }
}
