using System.Diagnostics;
using System.Globalization;
using Portcullis.Risk.Insider;

namespace Portcullis.Bench;

/// <summary>
/// audit-leads [accounts] [views-per-day] [days] [seed]: <see cref="InsiderLeads.Find"/> over a synthetic
/// month of view entries (five hubs, four roles, 300 controlled selections and 60 telling alarms a day,
/// one account leaking): the pure computation the leads page and API run after loading the entries.
/// </summary>
public static class AuditLeadsBench
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var accounts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var perDay = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var days = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var random = new Random(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7);
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

        // CPU time beside the wall clock: on a shared machine the wall clock mostly measures the neighbours.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var leads = InsiderLeads.Find(people, views, selections, alarms);
        var elapsed = clock.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{views.Count:N0} views of {accounts} accounts over {days} days, {selections.Count:N0} selections, {alarms.Count:N0} alarms: {leads.Count} lead(s), first {leads.FirstOrDefault()?.Account ?? "-"} ({string.Join(", ", leads.FirstOrDefault()?.Signals.Select(s => s.Kind) ?? [])}); {elapsed.TotalMilliseconds:0} ms wall, {cpuUsed.TotalMilliseconds:0} ms CPU on {Environment.ProcessorCount} cores"));
        foreach (var lead in leads)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {lead.Rank}. {lead.Account} {lead.Score:0.00}: {string.Join(" ", lead.Signals.Select(s => s.Sentence))}"));
        }

        return 0;
    }
}
