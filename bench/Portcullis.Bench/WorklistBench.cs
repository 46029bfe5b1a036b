using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;
using Portcullis.Worklists;

namespace Portcullis.Bench;

/// <summary>
/// `worklists`: a simulated month stored in a fresh SQLite database, every consignment scored (three
/// reasons each), 2 % of each day's consignments selected (closed before the last day, scheduled
/// across the shifts on it) and 200 open alarms; then, at 11:00 local on the last day, each role's
/// worklist as the API and the work page call it, and the consignment and container dossiers of
/// containers that arrived that day, median of 5 runs after a warm-up.
/// </summary>
public static class WorklistBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var scale = args.Length >= 2 && args[0] == "--scale" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
        var first = new DateOnly(2026, 3, 2);
        const int Days = 30;
        var last = first.AddDays(Days - 1);
        var database = new Database(DatabaseTarget.Resolve(Path.Combine(Directory.CreateTempSubdirectory("portcullis-bench-").FullName, "bench.db")).GetValueOrThrow());
        await database.MigrateAsync(CancellationToken.None);
        var store = new StoreSimulatedTraffic(database);
        var random = new Random(23);
        int consignments = 0, selections = 0;
        var setUp = Stopwatch.StartNew();
        foreach (var day in new TrafficSimulator(new SimulationOptions(5, scale, first, Days)).Run())
        {
            await store.StoreDayAsync(day, CancellationToken.None);
            consignments += day.Consignments.Count;
            await using var db = database.CreateContext();
            foreach (var consignment in day.Consignments)
            {
                var score = random.NextDouble();
                db.RiskScores.Add(new RiskScore
                {
                    ConsignmentId = consignment.Id,
                    HubCode = consignment.HubCode,
                    ScoredAt = consignment.ArrivedAt,
                    ArrivedAt = consignment.ArrivedAt,
                    Score = score,
                    RuleScore = score,
                    Reasons = [new("rule", "lane", "lane of interest", 0.2), new("model", "consignee_age", "consignee first seen 4 days ago", 0.08), new("model", "history", "83 earlier inspections without a hit", -0.02)],
                });
                if (random.NextDouble() >= 0.02)
                {
                    continue;
                }

                var planDate = Shifts.LocalDate(consignment.ArrivedAt);
                var today = planDate == last;
                var shift = Shifts.Names[random.Next(3)];
                var at = today ? Shifts.Span(last, shift).Start.AddMinutes(random.Next(480)) : consignment.ArrivedAt;
                db.Selections.Add(new SelectionCase
                {
                    Id = Guid.CreateVersion7(),
                    HubCode = consignment.HubCode,
                    Unit = consignment.Reference,
                    UnitKind = UnitKind.Consignment,
                    ConsignmentIds = [consignment.Id],
                    PlanDate = planDate,
                    Shift = shift,
                    PlannedControlAt = at,
                    Reason = SelectionReason.Targeted,
                    Why = "bench",
                    CreatedBy = "bench",
                    CreatedAt = consignment.ArrivedAt,
                    State = today ? SelectionState.Scheduled : SelectionState.Closed,
                    ClosedAt = today ? null : at,
                    Hit = today ? null : false,
                    UpdatedAt = at,
                    UpdatedBy = "bench",
                });
                selections++;
            }

            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < 200; i++)
            {
                var raised = last.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(-17 * i);
                db.IntegrityAlarms.Add(new IntegrityAlarm
                {
                    Id = Guid.CreateVersion7(),
                    Kind = AlarmKind.DoorOpened,
                    Severity = AlarmSeverity.High,
                    HubCode = Domain.Hubs.HubCatalogue.Codes[i % 5],
                    ContainerNumber = "BNCU0000000",
                    RaisedAt = raised,
                    Detail = "bench",
                    DedupKey = i.ToString(CultureInfo.InvariantCulture),
                    LastSeenAt = raised,
                });
            }

            await db.SaveChangesAsync();
        }

        setUp.Stop();
        var clock = new FixedClock(new DateTimeOffset(last.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var options = new SelectionOptions();
        CurrentUser Person(string role, string hubs) => new(Guid.Empty, "bench", role, Guid.Empty, "Douane", [hubs], [], false);
        var inspector = Person(Roles.HubInspector, "RTM");
        var analyst = Person(Roles.TargetingAnalyst, "*");
        var supervisor = Person(Roles.Supervisor, "*");
        var timings = new Dictionary<string, List<double>>();
        var sizes = new Dictionary<string, int>();
        async Task Time(string name, int run, Func<PortcullisDb, Task<int>> list)
        {
            // A fresh context per call, as a request has; the view log is built but not saved, as the bench measures the read.
            await using var db = database.CreateContext();
            var watch = Stopwatch.StartNew();
            sizes[name] = await list(db);
            if (run > 0)
            {
                (timings.TryGetValue(name, out var t) ? t : timings[name] = []).Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        // The dossiers of five containers (and their consignments) that arrived on the last day: the
        // parties' history reads every earlier consignment of each party in the month.
        List<(Guid Consignment, Domain.Standards.ContainerNumber Container)> samples;
        await using (var db = database.CreateContext())
        {
            var lastStart = Shifts.Day(last).From;
            samples = [.. (await db.Consignments.AsNoTracking().Where(c => c.ArrivedAt >= lastStart && c.Equipment.Count > 0).OrderBy(c => c.Id).Take(5)
                    .Select(c => new { c.Id, Number = c.Equipment.Select(e => e.ContainerNumber).First() }).ToListAsync())
                .Select(c => (c.Id, Domain.Standards.ContainerNumber.Parse(c.Number).Value))];
        }

        for (var run = 0; run < 6; run++)
        {
            var (consignmentId, container) = samples[run % samples.Count];
            await Time("consignment dossier (analyst)", run, async db => (await Cargo.ConsignmentDossier.BuildAsync(db, clock, options, analyst, consignmentId, Cargo.ContainerDossier.English, CancellationToken.None))!.Timeline.Count);
            await Time("container dossier (analyst)", run, async db => (await Cargo.ContainerDossier.BuildAsync(db, clock, options, analyst, container, Cargo.ContainerDossier.English, CancellationToken.None))!.Timeline.Count);

            await Time("inspector (RTM)", run, async db => (await InspectorWorklist.BuildAsync(db, clock, options, inspector, null, CancellationToken.None)).Value!.Shifts.Sum(s => s.Controls.Count));
            await Time("targeting (all hubs, top 50)", run, async db => (await TargetingWorklist.BuildAsync(db, clock, analyst, new(), CancellationToken.None)).Value!.Rows.Count);
            await Time("targeting (party filter)", run, async db => (await TargetingWorklist.BuildAsync(db, clock, analyst, new(Party: "trading"), CancellationToken.None)).Value!.Rows.Count);
            await Time("supervisor (all hubs)", run, async db => (await SupervisorWorklist.BuildAsync(db, clock, options, supervisor, CancellationToken.None)).Capacity.Count);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worklists scale={scale}: {Days} days, {consignments:N0} consignments scored, {selections:N0} selections, set-up {setUp.Elapsed.TotalSeconds:F0} s"));
        foreach (var (name, values) in timings)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: median {values.Order().ElementAt(values.Count / 2):F0} ms ({sizes[name]} rows)"));
        }

        return 0;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
