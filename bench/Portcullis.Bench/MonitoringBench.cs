using System.Diagnostics;
using System.Globalization;
using Portcullis.Access;
using Portcullis.Inspection;
using Portcullis.Monitoring;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// `monitoring-dashboard`: a simulated month stored in a fresh SQLite database, with closed controls
/// as monitoring reads them (each smuggling case found with probability 0.8 and seized with its
/// findings; 2 % of the other consignments controlled without a hit, a tenth of those as the random
/// control sample), a stored risk score for every consignment (what the scoring service keeps, and
/// what the dashboard's weekly drift reads) and capacity plans for every hub, shift and day; then the
/// hub dashboard and the waterbed monitor over the month, as the API and the pages call them, median
/// of 5 runs each.
/// </summary>
public static class MonitoringBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var scale = Option("--scale") is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : 1.0;
        // --db FILE: measure on a database an earlier run left (its path is printed), migrated first; no new month is stored.
        var reuse = Option("--db");
        var first = new DateOnly(2026, 3, 2);
        const int Days = 30;
        var file = reuse ?? Path.Combine(Directory.CreateTempSubdirectory("portcullis-bench-").FullName, "bench.db");
        var database = new Database(DatabaseTarget.Resolve(file).GetValueOrThrow());
        var migrate = Stopwatch.StartNew();
        await database.MigrateAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database {file}, migrated in {migrate.Elapsed.TotalSeconds:F0} s"));
        var store = new StoreSimulatedTraffic(database);
        var random = new Random(17);
        // Its own stream, so the controls drawn from `random` are the ones earlier runs of this bench had.
        var scores = new Random(29);
        int consignments = 0, controls = 0, hits = 0;
        var setUp = Stopwatch.StartNew();
        foreach (var day in reuse is not null ? [] : new TrafficSimulator(new SimulationOptions(5, scale, first, Days) { SmugglingScale = 1.0 }).Run())
        {
            await store.StoreDayAsync(day, CancellationToken.None);
            consignments += day.Consignments.Count;
            var cases = day.GroundTruth.ToDictionary(c => c.ConsignmentId);
            await using var db = database.CreateContext();
            var date = DateOnly.FromDateTime(day.Consignments.Count > 0 ? day.Consignments[0].ArrivedAt : first.ToDateTime(TimeOnly.MinValue));
            foreach (var consignment in day.Consignments)
            {
                // Skewed towards low scores, as real ones are; the drift only needs their distribution.
                var score = Math.Pow(scores.NextDouble(), 3);
                db.RiskScores.Add(new RiskScore { ConsignmentId = consignment.Id, HubCode = consignment.HubCode, ScoredAt = consignment.ArrivedAt, ArrivedAt = consignment.ArrivedAt, Score = score, RuleScore = score });
                var smuggled = cases.TryGetValue(consignment.Id, out var found);
                if (smuggled ? random.NextDouble() >= 0.8 : random.NextDouble() >= 0.02)
                {
                    continue;
                }

                var id = Guid.CreateVersion7();
                var at = consignment.ArrivedAt;
                var reason = !smuggled && random.NextDouble() < 0.1 ? SelectionReason.Control : SelectionReason.Targeted;
                db.Selections.Add(new SelectionCase
                {
                    Id = id,
                    HubCode = consignment.HubCode,
                    Unit = consignment.Reference,
                    UnitKind = UnitKind.Consignment,
                    ConsignmentIds = [consignment.Id],
                    PlanDate = DateOnly.FromDateTime(at),
                    Shift = Shifts.Early,
                    PlannedControlAt = at,
                    Reason = reason,
                    Why = "bench",
                    WouldBeTargeted = reason == SelectionReason.Targeted,
                    CreatedBy = "bench",
                    CreatedAt = at,
                    State = SelectionState.Closed,
                    PhysicalStartedAt = at,
                    ClosedAt = at,
                    Hit = smuggled,
                    SeizedKg = smuggled ? found!.Kilograms : null,
                    UpdatedAt = at,
                    UpdatedBy = "bench",
                    Findings = smuggled ? [new Finding { Id = Guid.NewGuid(), SelectionId = id, Substance = found!.Substance, Kilograms = found.Kilograms, Packages = 1, Concealment = found.Concealment }] : [],
                });
                controls++;
                hits += smuggled ? 1 : 0;
            }

            foreach (var hub in Domain.Hubs.HubCatalogue.Codes)
            {
                foreach (var shift in Shifts.Names)
                {
                    db.CapacityPlans.Add(new CapacityPlan { HubCode = hub, Date = date, Shift = shift, ScannerSlots = 100, PhysicalInspections = 20, UpdatedBy = "bench", UpdatedAt = DateTime.UnixEpoch });
                }
            }

            await db.SaveChangesAsync();
        }

        setUp.Stop();
        var supervisor = new CurrentUser(Guid.Empty, "bench", Roles.Supervisor, Guid.Empty, "Douane", ["*"], [], false);
        var last = first.AddDays(Days - 1);
        var dashboard = new List<double>();
        var waterbed = new List<double>();
        var drift = new List<double>();
        var flagged = 0;
        for (var run = 0; run < 6; run++)
        {
            await using var db = database.CreateContext();
            var watch = Stopwatch.StartNew();
            await HubDashboard.BuildAsync(db, supervisor, first, last, CancellationToken.None);
            var d = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            flagged = (await Waterbed.RunAsync(db, supervisor, first, last, CancellationToken.None)).Flagged.Count;
            var w = watch.Elapsed.TotalMilliseconds;
            // The dashboard's drift part alone (the weeks it asks for), which reads every stored score of the period.
            watch.Restart();
            await Risk.Drift.ReportAsync(db, last, Math.Clamp((last.DayNumber - first.DayNumber + 7) / 7, 2, 104), CancellationToken.None);
            var r = watch.Elapsed.TotalMilliseconds;
            // The first run warms up the JIT and SQLite's page cache.
            if (run > 0)
            {
                dashboard.Add(d);
                waterbed.Add(w);
                drift.Add(r);
            }
        }

        // The drift as it was (every score read into memory), on the same database in the same run: the same report, and its time.
        var weeks = Math.Clamp((last.DayNumber - first.DayNumber + 7) / 7, 2, 104);
        var baseline = new List<double>();
        Drift.DriftReport? before = null;
        for (var run = 0; run < 4; run++)
        {
            await using var db = database.CreateContext();
            var watch = Stopwatch.StartNew();
            before = await DriftBaseline.ReportAsync(db, last, weeks, CancellationToken.None);
            if (run > 0)
            {
                baseline.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        await using (var db = database.CreateContext())
        {
            var now = await Drift.ReportAsync(db, last, weeks, CancellationToken.None);
            var same = now.Weeks.Count == before!.Weeks.Count && now.Weeks.Zip(before.Weeks).All(p =>
                p.First.Week == p.Second.Week && p.First.Scored == p.Second.Scored && p.First.Stability == p.Second.Stability
                && p.First.Inspected == p.Second.Inspected && p.First.Hits == p.Second.Hits
                && Math.Abs(p.First.Psi - p.Second.Psi) < 1e-9 && Math.Abs(p.First.MeanScore - p.Second.MeanScore) < 1e-9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"drift: {string.Join("; ", now.Weeks.Select(w => $"{w.Week} {w.Scored:N0} scored, PSI {w.Psi:F4}"))}; the same as the baseline: {(same ? "yes" : "NO")}; baseline (every score read) median {Median(baseline):F0} ms of 3 after a warm-up"));
            if (!same)
            {
                return 1;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitoring-dashboard scale={scale}: {Days} days, {consignments:N0} consignments, {controls:N0} closed controls ({hits:N0} hits), set-up {setUp.Elapsed.TotalSeconds:F0} s; hub dashboard median {Median(dashboard):F0} ms (of which the drift alone {Median(drift):F0} ms), waterbed monitor median {Median(waterbed):F0} ms ({flagged} lanes and patterns flagged)"));
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
