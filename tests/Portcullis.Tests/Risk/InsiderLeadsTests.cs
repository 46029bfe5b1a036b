using Portcullis.Risk.Insider;

namespace Portcullis.Tests.Risk;

/// <summary>
/// Insider-risk leads on hand-built trails. Every expected figure is worked out by hand in the comments
/// (robust z = 0.6745·(x − median)/MAD; binomial tails as sums of C(n,i)·p^i·(1−p)^(n−i)).
/// </summary>
public sealed class InsiderLeadsTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
    private long _id;

    private static InsiderAccount Analyst(string name, params string[] hubs) => new(name, "targeting-analyst", hubs.Length == 0 ? ["RTM"] : hubs);

    private IEnumerable<ViewEvent> Views(string account, int count, string containerPrefix, string? hub = "RTM", ViewKind kind = ViewKind.Score, DateTime? start = null) =>
        Enumerable.Range(0, count).Select(i => new ViewEvent(++_id, account, (start ?? T0).AddMinutes(i), kind, $"{containerPrefix}{i}", hub)).ToList();

    [Fact]
    public void The_leaking_account_stands_out_from_its_peers_and_the_curious_colleague_does_not()
    {
        InsiderAccount[] accounts = [Analyst("alice"), Analyst("bob"), Analyst("carol"), Analyst("dave"), Analyst("mallory")];
        var views = Views("alice", 10, "A").Concat(Views("bob", 12, "B")).Concat(Views("carol", 11, "C"))
            .Concat(Views("dave", 16, "D")).Concat(Views("mallory", 30, "M")).ToList();

        var leads = InsiderLeads.Find(accounts, views, [], []);

        // mallory's peers: 10, 11, 12, 16 → median 11.5; |deviations| 1.5, 0.5, 0.5, 4.5 → MAD 1;
        // z = 0.6745 × 18.5 = 12.48 → 12.5; points capped at 3.
        // dave (the curious one): peers 10, 11, 12, 30 → median 11.5, MAD 1; z = 0.6745 × 4.5 = 3.04 < 3.5: no lead.
        var lead = Assert.Single(leads);
        Assert.Equal(("mallory", 1, 3.0), (lead.Account, lead.Rank, lead.Score));
        var signal = Assert.Single(lead.Signals);
        Assert.Equal(SignalKind.Volume, signal.Kind);
        Assert.Equal(12.5, signal.Numbers["z"]);
        Assert.Equal(11.5, signal.Numbers["median"]);
        Assert.Equal(4, signal.Numbers["peers"]);
        Assert.Equal(30, signal.Evidence.Count);
        Assert.All(signal.Evidence, id => Assert.Equal("mallory", views.Single(v => v.EntryId == id).Account));
        Assert.Contains("30 views of selections and scores", signal.Sentence, StringComparison.Ordinal);
        Assert.Contains("Working hours unknown: views outside shifts were not judged.", lead.Notes);
    }

    [Fact]
    public void Without_three_peers_volume_is_not_judged_and_the_note_says_so()
    {
        InsiderAccount[] accounts = [Analyst("alice"), Analyst("bob"), Analyst("mallory")];
        var views = Views("alice", 10, "A").Concat(Views("bob", 10, "B")).Concat(Views("mallory", 40, "M")).ToList();

        Assert.Empty(InsiderLeads.Find(accounts, views, [], []));

        // With a signal of another kind the lead carries the note about its missing peer group.
        var outside = views.Append(new ViewEvent(++_id, "mallory", T0, ViewKind.Score, "Z1", "ZWB")).ToList();
        var lead = Assert.Single(InsiderLeads.Find(accounts, outside, [], []));
        Assert.Equal(2, lead.Peers);
        Assert.Contains(lead.Notes, n => n.StartsWith("No peer group: 2 other account(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(lead.Signals, s => s.Kind == SignalKind.Volume);
    }

    [Fact]
    public void A_quiet_day_gives_no_lead()
    {
        InsiderAccount[] accounts = [Analyst("alice"), Analyst("bob"), Analyst("carol"), Analyst("dave")];

        Assert.Empty(InsiderLeads.Find(accounts, [], [], []));
        // 1, 1, 1 and 6 views: dave's z = 0.6745 × 5 / 1 = 3.4 would be near the cut anyway, and 6 is below the 10 views that can be "many".
        var few = Views("alice", 1, "A").Concat(Views("bob", 1, "B")).Concat(Views("carol", 1, "C")).Concat(Views("dave", 6, "D")).ToList();
        Assert.Empty(InsiderLeads.Find(accounts, few, [], []));
    }

    [Fact]
    public void Views_of_containers_that_later_had_an_alarm_are_weighed_against_the_base_rate()
    {
        InsiderAccount[] accounts = [Analyst("alice"), Analyst("bob"), Analyst("carol"), Analyst("mallory")];
        var views = Views("alice", 5, "A").Concat(Views("bob", 5, "B")).Concat(Views("carol", 5, "C")).Concat(Views("mallory", 5, "M")).ToList();
        ContainerAlarm[] alarms =
        [
            new("M0", T0.AddDays(1), "SealMismatch"), new("M1", T0.AddDays(1), "GateOut"), new("M2", T0.AddDays(2), "SealChanged"), new("M3", T0.AddDays(3), "DoorOpened"),
            // Beyond the 14-day horizon: not "later" in the sense of the signal.
            new("M4", T0.AddDays(20), "GateOut"),
            // One of the 15 containers the others viewed had an alarm after the view.
            new("A0", T0.AddDays(1), "GateOut"),
            // An alarm before the view: looking at an alarmed container is the work.
            new("B0", T0.AddDays(-1), "GateOut"),
        ];

        var lead = Assert.Single(InsiderLeads.Find(accounts, views, [], alarms));

        // Base rate p = (1 + 1) / (15 + 2) = 2/17. k = 4 of n = 5:
        // P(X ≥ 4) = 5·(2/17)^4·(15/17) + (2/17)^5 = (5·16·15 + 32) / 17^5 = 1232 / 1419857.
        var tail = 1232.0 / 1419857;
        var signal = Assert.Single(lead.Signals);
        Assert.Equal(("mallory", SignalKind.LaterAlarms), (lead.Account, signal.Kind));
        Assert.Equal(tail, signal.Numbers["tail"], 1e-12);
        Assert.Equal((4, 5, 1, 15), ((int)signal.Numbers["alarmed"], (int)signal.Numbers["viewed"], (int)signal.Numbers["baseAlarmed"], (int)signal.Numbers["baseViewed"]));
        // Points: −log10(tail) / 2 (the threshold 0.01 gives 1).
        Assert.Equal(Math.Round(-Math.Log10(tail) / 2, 3), signal.Points);
        Assert.Equal(views.Where(v => v.Account == "mallory" && v.Container is "M0" or "M1" or "M2" or "M3").Select(v => v.EntryId), signal.Evidence);
    }

    [Fact]
    public void Repeated_views_before_a_control_are_a_lead_only_where_peers_do_not_do_the_same()
    {
        static InsiderAccount Inspector(string name) => new(name, "hub-inspector", ["RTM"]);
        InsiderAccount[] accounts = [Inspector("ina"), Inspector("ines"), Inspector("iris"), Inspector("ivo"), Inspector("ivan")];
        ControlledSelection[] selections = [new("RTMU1", "RTM", T0, T0.AddHours(10)), new("RTMU2", "RTM", T0, T0.AddHours(12))];
        ViewEvent View(string who, string container, double hoursBeforeControl, DateTime control) =>
            new(++_id, who, control.AddHours(-hoursBeforeControl), ViewKind.Selection, container, "RTM");

        var views = new List<ViewEvent>();
        foreach (var honest in new[] { "ina", "ines", "iris", "ivo" })
        {
            views.Add(View(honest, "RTMU1", 1, T0.AddHours(10)));
        }

        // ivan: 3 views of RTMU1 and 4 of RTMU2 within six hours of their controls, and one of RTMU2 eight hours before (outside the window).
        views.AddRange([View("ivan", "RTMU1", 5, T0.AddHours(10)), View("ivan", "RTMU1", 3, T0.AddHours(10)), View("ivan", "RTMU1", 0.5, T0.AddHours(10))]);
        views.AddRange([View("ivan", "RTMU2", 5.5, T0.AddHours(12)), View("ivan", "RTMU2", 4, T0.AddHours(12)), View("ivan", "RTMU2", 2, T0.AddHours(12)), View("ivan", "RTMU2", 1, T0.AddHours(12))]);
        var early = View("ivan", "RTMU2", 8, T0.AddHours(12));
        views.Add(early);

        var lead = Assert.Single(InsiderLeads.Find(accounts, views, selections, []));

        // Two bursts; peers' median 0; excess 2 − (0 + 1) = 1 point; 3 + 4 views.
        var signal = Assert.Single(lead.Signals);
        Assert.Equal(("ivan", SignalKind.BurstBeforeControl, 1.0), (lead.Account, signal.Kind, signal.Points));
        Assert.Equal((2, 7), ((int)signal.Numbers["bursts"], (int)signal.Numbers["views"]));
        Assert.DoesNotContain(early.EntryId, signal.Evidence);

        // A whole team that opens its control three times before it starts: each has one burst, the peers' median is 1, no lead.
        var team = accounts.SelectMany(a => new[] { View(a.Name, "RTMU1", 3, T0.AddHours(10)), View(a.Name, "RTMU1", 2, T0.AddHours(10)), View(a.Name, "RTMU1", 1, T0.AddHours(10)) }).ToList();
        Assert.Empty(InsiderLeads.Find(accounts, team, selections, []));
    }

    [Fact]
    public void Views_outside_the_accounts_hubs_and_shifts_are_counted_and_every_hub_accounts_are_never_outside()
    {
        var shift = new WorkSpan(T0.AddHours(-2), T0.AddHours(6)); // 06:00–14:00 UTC
        InsiderAccount[] accounts =
        [
            Analyst("zoe", "ZWB"),
            new("sam", "supervisor", ["*"]),
            new("sid", "targeting-analyst", ["ZWB"], [shift]),
        ];
        var views = new List<ViewEvent>
        {
            new(++_id, "zoe", T0, ViewKind.Score, "R1", "RTM"),
            new(++_id, "zoe", T0, ViewKind.Score, "R2", "RTM"),
            new(++_id, "zoe", T0, ViewKind.Score, "Z1", "ZWB"),
            new(++_id, "sam", T0, ViewKind.Selection, "R1", "RTM"),
            new(++_id, "sid", T0.AddHours(-1), ViewKind.Score, "Z2", "ZWB"),
            new(++_id, "sid", T0.AddHours(6.5), ViewKind.Score, "Z3", "ZWB"), // 30 minutes after the shift: within the hour's grace
            new(++_id, "sid", T0.AddHours(8), ViewKind.Score, "Z4", "ZWB"),   // two hours after
        };

        var leads = InsiderLeads.Find(accounts, views, [], []);

        Assert.Equal(["zoe", "sid"], leads.Select(l => l.Account));
        var zoe = Assert.Single(leads[0].Signals);
        Assert.Equal((SignalKind.OutsideHubs, 2.0), (zoe.Kind, zoe.Points));
        Assert.Equal([views[0].EntryId, views[1].EntryId], zoe.Evidence);
        var sid = Assert.Single(leads[1].Signals);
        Assert.Equal((SignalKind.OutsideShifts, 1.0), (sid.Kind, sid.Points));
        Assert.Equal([views[6].EntryId], sid.Evidence);
        Assert.True(leads[1].ShiftsKnown);
        Assert.False(leads[0].ShiftsKnown);
    }

    [Fact]
    public void The_base_rate_leaves_out_only_what_the_account_saw_first_and_counts_accounts_that_no_longer_exist()
    {
        InsiderAccount[] accounts = [Analyst("alice"), Analyst("bob"), Analyst("carol"), Analyst("mallory"), Analyst("alice")];
        var views = new List<ViewEvent>
        {
            // mallory: three containers (spelt in lower case) that alarm later, X1 before alice, X2 after her, and a view of no container.
            new(++_id, "mallory", T0, ViewKind.Score, "m0", "RTM"),
            new(++_id, "mallory", T0.AddMinutes(1), ViewKind.Score, "m1", "RTM"),
            new(++_id, "mallory", T0.AddMinutes(2), ViewKind.Score, "m2", "RTM"),
            new(++_id, "mallory", T0.AddMinutes(10), ViewKind.Score, "X1", "RTM"),
            new(++_id, "mallory", T0.AddHours(3), ViewKind.Score, "X2", "RTM"),
            new(++_id, "mallory", T0.AddHours(4), ViewKind.Score, null, null),
            new(++_id, "mallory", T0.AddDays(5), ViewKind.Score, "M0", "RTM"), // a second look, after the alarm: the first view is what counts
            new(++_id, "alice", T0.AddHours(1), ViewKind.Score, "X1", "RTM"),
            new(++_id, "alice", T0.AddHours(1), ViewKind.Score, "X2", "RTM"),
            new(++_id, "alice", T0, ViewKind.Score, "A1", "RTM"),
            new(++_id, "bob", T0, ViewKind.Score, "B1", "RTM"),
            new(++_id, "ghost", T0, ViewKind.Score, "G1", "RTM"), // an account that no longer exists: its views still make the base
        };
        // carol opens 23 orders (not counted for volume) of containers that never alarm.
        views.AddRange(Views("carol", 23, "C", kind: ViewKind.Other));
        ContainerAlarm[] alarms =
        [
            new("M0", T0.AddDays(1), "SealMismatch"), new("M1", T0.AddDays(1), "GateOut"), new("M2", T0.AddDays(2), "GateOut"),
            new("x1", T0.AddMinutes(30), "DoorOpened"), // after mallory's view of X1, before alice's
            new("X2", T0.AddHours(2), "GateOut"),       // after alice's view of X2, before mallory's
            new("G1", T0.AddDays(1), "GateOut"),
        ];

        var lead = Assert.Single(InsiderLeads.Find(accounts, views, [], alarms));

        // mallory: n = 5 containers (m0, m1, m2, X1, X2), k = 4 (all but X2).
        // Everyone's: 31 containers, 6 alarmed after their earliest view (m0, m1, m2, X1, X2, G1).
        // Without mallory: m0–m2 go (28 left, 3 alarmed fewer); X1 counts from alice's view, after its alarm (one fewer):
        // 2 of 28 (X2, G1), p = 3 / 30 = 0.1; P(X ≥ 4 | 5, 0.1) = 5 × 0.1⁴ × 0.9 + 0.1⁵ = 0.00046.
        var signal = Assert.Single(lead.Signals);
        Assert.Equal(("mallory", SignalKind.LaterAlarms), (lead.Account, signal.Kind));
        Assert.Equal((4, 5, 2, 28), ((int)signal.Numbers["alarmed"], (int)signal.Numbers["viewed"], (int)signal.Numbers["baseAlarmed"], (int)signal.Numbers["baseViewed"]));
        Assert.Equal(0.00046, signal.Numbers["tail"], 1e-12);
        Assert.Equal(1.669, signal.Points); // −log10(0.00046) / 2 = 3.3372 / 2
        Assert.Equal([views[0].EntryId, views[1].EntryId, views[2].EntryId, views[3].EntryId], signal.Evidence);
        Assert.Equal(3, lead.Peers);
    }

    [Fact]
    public void Overlapping_shifts_are_one_stretch_and_a_burst_window_holds_its_start_but_not_the_control()
    {
        var day = T0.Date;
        var shifts = new WorkSpan[] { new(day.AddHours(6), day.AddHours(10)), new(day.AddHours(9), day.AddHours(14)), new(day.AddHours(20), day.AddHours(22)) };
        InsiderAccount[] accounts = [new("sid", "targeting-analyst", ["RTM"], shifts), new("ivan", "hub-inspector", ["RTM"])];
        // With an hour's grace sid may look from 05:00 up to (not at) 15:00 and from 19:00 up to 23:00.
        double[] sidHours = [4.99, 5, 14.99, 15, 17, 19.5, 23];
        var views = sidHours.Select((h, i) => new ViewEvent(++_id, "sid", day.AddHours(h), ViewKind.Score, $"Z{i}", "RTM")).ToList();
        // Two controls of one container, at 12:00 and 13:00; ivan's views (spelt in lower case) at 06:00, 08:00, 11:59 and 12:00.
        ControlledSelection[] selections = [new("RTMU1", "RTM", day, day.AddHours(12)), new("RTMU1", "RTM", day, day.AddHours(13))];
        double[] ivanHours = [6, 8, 11 + 59 / 60.0, 12];
        var ivan = ivanHours.Select(h => new ViewEvent(++_id, "ivan", day.AddHours(h), ViewKind.Selection, "rtmu1", "RTM")).ToList();

        var leads = InsiderLeads.Find(accounts, [.. views, .. ivan], selections, []);

        Assert.Equal(["sid", "ivan"], leads.Select(l => l.Account));
        // 04:59, 15:00, 17:00 and 23:00 are outside: 4 views, 3 points at most.
        var outside = Assert.Single(leads[0].Signals);
        Assert.Equal((SignalKind.OutsideShifts, 3.0, 4.0, 7.0), (outside.Kind, outside.Points, outside.Numbers["views"], outside.Numbers["of"]));
        Assert.Equal([views[0].EntryId, views[3].EntryId, views[4].EntryId, views[6].EntryId], outside.Evidence);
        // 06:00–12:00 holds 06:00, 08:00 and 11:59; 07:00–13:00 holds 08:00, 11:59 and 12:00: two bursts of 3 views,
        // each; without a peer group every burst counts: 2 points. The four views are the evidence, each once.
        var burst = Assert.Single(leads[1].Signals);
        Assert.Equal((SignalKind.BurstBeforeControl, 2.0, 2.0, 6.0), (burst.Kind, burst.Points, burst.Numbers["bursts"], burst.Numbers["views"]));
        Assert.Equal(ivan.Select(v => v.EntryId), burst.Evidence);
    }

    [Fact]
    public void Binomial_tails_match_their_closed_forms()
    {
        Assert.Equal(0.5, InsiderLeads.BinomialUpperTail(2, 3, 0.5), 1e-12);          // (3 + 1) / 8
        Assert.Equal(1 - Math.Pow(0.9, 10), InsiderLeads.BinomialUpperTail(1, 10, 0.1), 1e-12);
        Assert.Equal(0.008, InsiderLeads.BinomialUpperTail(3, 3, 0.2), 1e-12);        // 0.2³
        Assert.Equal(1, InsiderLeads.BinomialUpperTail(0, 5, 0.3));
        // 20,000 trials: (1 − p)^n alone underflows nothing here, and the tail of k = 1 is 1 − 0.99^20000 ≈ 1 − e^−201.
        Assert.Equal(1, InsiderLeads.BinomialUpperTail(1, 20_000, 0.01), 1e-12);
        Assert.InRange(InsiderLeads.BinomialUpperTail(400, 20_000, 0.01), double.Epsilon, 1e-20);
    }
}
