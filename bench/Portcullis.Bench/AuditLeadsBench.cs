using System.Diagnostics;
using System.Globalization;
using Portcullis.Risk.Insider;

namespace Portcullis.Bench;

/// <summary>
/// audit-leads [accounts] [views-per-day] [days] [seed]: <see cref="InsiderLeads.Find"/> over a synthetic
/// month of view entries (five hubs, four roles, 300 controlled selections and 60 telling alarms a day,
/// one account leaking): the pure computation the leads page and API run after loading the entries.
/// It runs <see cref="InsiderLeadsBaseline"/> (the implementation before issue 17's rewrite) on the same
/// data, fails unless both give exactly the same leads, and prints both times (median of three after a
/// warm-up) and their ratio. First it compares both on a smaller, awkward month that fires every signal.
/// </summary>
public static class AuditLeadsBench
{
    private sealed record Month(List<InsiderAccount> Accounts, List<ViewEvent> Views, List<ControlledSelection> Selections, List<ContainerAlarm> Alarms);

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var accounts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var perDay = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var days = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7;

        var awkward = Awkward(seed);
        var awkwardLeads = InsiderLeads.Find(awkward.Accounts, awkward.Views, awkward.Selections, awkward.Alarms);
        var fired = awkwardLeads.SelectMany(l => l.Signals).Select(s => s.Kind).Distinct().Order().ToList();
        if (Difference(InsiderLeadsBaseline.Find(awkward.Accounts, awkward.Views, awkward.Selections, awkward.Alarms), awkwardLeads) is { } awkwardDiff)
        {
            Console.WriteLine($"DIFFERENT on the awkward month: {awkwardDiff}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"awkward month ({awkward.Views.Count:N0} views; shifts, other hubs, case, ties, unknown accounts): the same {awkwardLeads.Count} lead(s) from both, signals {string.Join(", ", fired)}"));
        if (fired.Count != Enum.GetValues<SignalKind>().Length)
        {
            Console.WriteLine("The awkward month no longer fires every signal: the comparison would not cover them all.");
            return 1;
        }

        var month = Synthetic(accounts, perDay, days, new Random(seed));
        IReadOnlyList<InsiderLead> baseline = [], leads = [];
        var baselineTimes = Time(() => baseline = InsiderLeadsBaseline.Find(month.Accounts, month.Views, month.Selections, month.Alarms));
        var times = Time(() => leads = InsiderLeads.Find(month.Accounts, month.Views, month.Selections, month.Alarms));
        if (Difference(baseline, leads) is { } diff)
        {
            Console.WriteLine($"DIFFERENT: {diff}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{month.Views.Count:N0} views of {accounts} accounts over {days} days, {month.Selections.Count:N0} selections, {month.Alarms.Count:N0} alarms: {leads.Count} lead(s), the same from both, first {leads.FirstOrDefault()?.Account ?? "-"} ({string.Join(", ", leads.FirstOrDefault()?.Signals.Select(s => s.Kind) ?? [])})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline {baselineTimes.Wall:0} ms wall, {baselineTimes.Cpu:0} ms CPU; now {times.Wall:0} ms wall, {times.Cpu:0} ms CPU; {baselineTimes.Wall / times.Wall:0.0}× faster (wall), {baselineTimes.Cpu / times.Cpu:0.0}× (CPU); median of 3 after a warm-up, {Environment.ProcessorCount} cores"));
        foreach (var lead in leads)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {lead.Rank}. {lead.Account} {lead.Score:0.00}: {string.Join(" ", lead.Signals.Select(s => s.Sentence))}"));
        }

        return 0;
    }

    /// <summary>Median wall and CPU milliseconds of three runs after one warm-up; CPU beside the wall clock because on a shared machine the wall clock mostly measures the neighbours.</summary>
    private static (double Wall, double Cpu) Time(Action run)
    {
        run();
        var runs = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < 3; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            run();
            runs.Add((clock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
        }

        return (runs.Select(r => r.Wall).Order().ElementAt(1), runs.Select(r => r.Cpu).Order().ElementAt(1));
    }

    /// <summary>The first way two lists of leads differ (accounts, order, every figure, sentence and evidence entry), or null when they are the same.</summary>
    private static string? Difference(IReadOnlyList<InsiderLead> expected, IReadOnlyList<InsiderLead> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"{expected.Count} leads before, {actual.Count} now";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            if ((e.Rank, e.Account, e.Role, e.Peers, e.ShiftsKnown) != (a.Rank, a.Account, a.Role, a.Peers, a.ShiftsKnown) || !e.Score.Equals(a.Score)
                || !e.Hubs.SequenceEqual(a.Hubs) || !e.Notes.SequenceEqual(a.Notes) || e.Signals.Count != a.Signals.Count)
            {
                return $"lead {i + 1}: {e.Account} {e.Score} before, {a.Account} {a.Score} now";
            }

            for (var s = 0; s < e.Signals.Count; s++)
            {
                var (x, y) = (e.Signals[s], a.Signals[s]);
                if (x.Kind != y.Kind || !x.Points.Equals(y.Points) || x.Sentence != y.Sentence
                    || !x.Numbers.SequenceEqual(y.Numbers) || !x.Evidence.SequenceEqual(y.Evidence))
                {
                    return $"lead {i + 1} ({e.Account}) signal {x.Kind}: \"{x.Sentence}\" [{string.Join(",", x.Evidence)}] before, {y.Kind} \"{y.Sentence}\" [{string.Join(",", y.Evidence)}] now";
                }
            }
        }

        return null;
    }

    private static Month Synthetic(int accounts, int perDay, int days, Random random)
    {
        string[] hubs = ["RTM", "ZWB", "NZK", "SPL", "FLW"];
        string[] roles = ["targeting-analyst", "scan-analyst", "hub-inspector", "supervisor"];
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var people = Enumerable.Range(0, accounts).Select(i => new InsiderAccount($"user{i}", roles[i % roles.Length], [hubs[i / roles.Length % hubs.Length]])).ToList();
        var selections = new List<ControlledSelection>();
        var alarms = new List<ContainerAlarm>();
        var views = new List<ViewEvent>(perDay * days);
        long id = 0;
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            for (var s = 0; s < 300; s++)
            {
                selections.Add(new ControlledSelection($"SEL{d:00}{s:000}", hubs[s % hubs.Length], day, day.AddHours(6 + random.NextDouble() * 16)));
            }

            for (var a = 0; a < 60; a++)
            {
                alarms.Add(new ContainerAlarm($"C{random.Next(200_000)}", day.AddHours(random.NextDouble() * 24), "SealMismatch"));
            }

            for (var v = 0; v < perDay; v++)
            {
                var who = people[random.Next(people.Count)];
                var selected = random.NextDouble() < 0.3;
                var container = selected ? $"SEL{d:00}{random.Next(300):000}" : $"C{random.Next(200_000)}";
                views.Add(new ViewEvent(++id, who.Name, day.AddHours(random.NextDouble() * 24), selected ? ViewKind.Selection : ViewKind.Score, container, who.Hubs[0]));
            }

            // The leaking account: many extra views, of containers that later alarm.
            for (var v = 0; v < 40; v++)
            {
                var container = $"LEAK{d:00}{v:00}";
                views.Add(new ViewEvent(++id, "user0", day.AddHours(8), ViewKind.Score, container, people[0].Hubs[0]));
                if (v % 4 == 0)
                {
                    alarms.Add(new ContainerAlarm(container, day.AddDays(2), "GateOut"));
                }
            }
        }

        return new Month(people, views, selections, alarms);
    }

    /// <summary>
    /// A month with what the synthetic one lacks, for the equality check only: rosters (with overlapping
    /// shifts), all-hub accounts, views at other hubs and without container or hub, container names in
    /// two spellings, times on the whole minute (ties, some with the same entry id), views by accounts
    /// that no longer exist, a duplicated account, an inspector who opens controls repeatedly, and a leak.
    /// </summary>
    private static Month Awkward(int seed)
    {
        var random = new Random(seed);
        string[] hubs = ["RTM", "ZWB", "NZK"];
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        List<WorkSpan> Roster(int offset) =>
        [
            .. Enumerable.Range(0, 30).SelectMany(d => new[]
            {
                new WorkSpan(start.AddDays(d).AddHours(6 + offset), start.AddDays(d).AddHours(14 + offset)),
                new WorkSpan(start.AddDays(d).AddHours(13 + offset), start.AddDays(d).AddHours(15 + offset)),
            }),
        ];
        var people = new List<InsiderAccount>();
        for (var i = 0; i < 36; i++)
        {
            var role = i % 3 == 0 ? "hub-inspector" : i % 3 == 1 ? "targeting-analyst" : "supervisor";
            IReadOnlyList<string> own = i % 12 == 11 ? ["*"] : i % 5 == 0 ? [hubs[i % 3].ToLowerInvariant(), hubs[(i + 1) % 3]] : [hubs[i % 3]];
            people.Add(new InsiderAccount($"u{i}", role, own, i % 4 == 0 ? Roster(i % 3) : null));
        }

        people.Add(people[1] with { Role = "duplicate" });
        var selections = new List<ControlledSelection>();
        var alarms = new List<ContainerAlarm>();
        var views = new List<ViewEvent>();
        long id = 0;
        for (var d = 0; d < 30; d++)
        {
            var day = start.AddDays(d);
            for (var s = 0; s < 40; s++)
            {
                selections.Add(new ControlledSelection($"S{d:00}{s:00}", hubs[s % 3], day, day.AddHours(4 + random.Next(20 * 60) / 60.0)));
            }

            for (var a = 0; a < 15; a++)
            {
                alarms.Add(new ContainerAlarm($"c{random.Next(3000)}", day.AddMinutes(random.Next(24 * 60)), "SealMismatch"));
            }

            for (var v = 0; v < 2000; v++)
            {
                var person = random.Next(36);
                var who = v % 97 == 0 ? $"gone{v % 3}" : people[person].Name;
                var selected = random.NextDouble() < 0.3;
                var container = random.Next(50) switch
                {
                    0 => null,
                    1 => "",
                    _ => selected ? $"S{d:00}{random.Next(40):00}" : random.Next(2) == 0 ? $"C{random.Next(3000)}" : $"c{random.Next(3000)}",
                };
                var hub = random.Next(40) == 0 ? null : hubs[random.Next(10) == 0 ? random.Next(3) : person % 3];
                // A few entries share the previous one's id: the evidence lists each id once.
                var entry = random.Next(200) == 0 ? id : ++id;
                views.Add(new ViewEvent(entry, who, day.AddMinutes(random.Next(24 * 60)), (ViewKind)random.Next(3), container, hub));
            }

            // u3, an inspector, opens a third of the day's controls four times in the hours before them.
            foreach (var s in selections.Skip(selections.Count - 40).Where((_, i) => i % 3 == 0))
            {
                for (var k = 0; k < 4; k++)
                {
                    views.Add(new ViewEvent(++id, "u3", s.ControlAt.AddMinutes(-30 - random.Next(300)), ViewKind.Selection, s.Container, s.Hub));
                }
            }

            // u1 leaks: extra views of containers that alarm two days later.
            for (var v = 0; v < 30; v++)
            {
                views.Add(new ViewEvent(++id, "u1", day.AddHours(9), ViewKind.Score, $"L{d:00}{v:00}", "ZWB"));
                if (v % 3 == 0)
                {
                    alarms.Add(new ContainerAlarm($"l{d:00}{v:00}", day.AddDays(2), "GateOut"));
                }
            }
        }

        return new Month(people, views, selections, alarms);
    }
}
