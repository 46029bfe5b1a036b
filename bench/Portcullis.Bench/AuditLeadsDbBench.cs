using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// audit-leads-db [--keep FILE [--facts-only]]: the whole leads request for a month (<see cref="AuditLeads.RunAsync"/>, what
/// `/audit`, `GET /api/v1/audit/leads` and `portcullis audit leads` call) on a SQLite database holding
/// the month the `audit-leads` bench computes on: 200 accounts (four roles × five hubs), 20,000 view
/// entries a day for 30 days, each of a unit at the account's own hub (three in ten views of a selection
/// by its container, the rest views of a score by consignment reference, one of 200,000 consignments each
/// with its container), 300
/// controlled selections and 60 telling alarms a day, and one leaking account. The big tables are
/// written with plain inserts (the chain's hashes play no part in the leads). It prints the time of
/// the request for a month, a week and a day (median of three after a warm-up), wall clock and CPU, first
/// with every entry resolved from its subject (no view facts, as for entries written before them), then
/// after filling in the facts as `db migrate` does; it fails unless both give exactly the same reports.
/// </summary>
public static class AuditLeadsDbBench
{
    private static readonly DateTime Start = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var keep = args.Length >= 2 && args[0] == "--keep" ? args[1] : null;
        // With a kept database whose facts are filled in: measure only the requests with facts.
        var factsOnly = args.Contains("--facts-only");
        var path = keep ?? Path.Combine(Directory.CreateTempSubdirectory("portcullis-bench-").FullName, "leads.db");
        var database = new Database(DatabaseTarget.Resolve(path).GetValueOrThrow());
        var setUp = Stopwatch.StartNew();
        if (keep is null || !File.Exists(path) || new FileInfo(path).Length < 1_000_000)
        {
            await database.MigrateAsync(CancellationToken.None);
            await FillAsync(database, path);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database {path}: {new FileInfo(path).Length / 1e6:0} MB, set-up {setUp.Elapsed.TotalSeconds:0} s"));
        var auditor = new CurrentUser(Guid.Empty, "bench-auditor", Roles.Auditor, Guid.Empty, "Douane", ["*"], [], false);
        var clock = new FixedClock(Start.AddDays(31));
        var month = DateOnly.FromDateTime(Start);
        (string Name, DateOnly From, DateOnly To)[] periods = [("month", month, month.AddDays(29)), ("week", month.AddDays(21), month.AddDays(27)), ("day", month.AddDays(27), month.AddDays(27))];

        // First without view facts (the entries were written by plain inserts, as rows from before the facts
        // are): every entry is resolved from its subject, the path the request always took before. Then the
        // facts are filled in as `db migrate` does, and the same requests must give exactly the same reports.
        if (factsOnly)
        {
            foreach (var (name, from, to) in periods)
            {
                await MeasureAsync(database, clock, auditor, $"{name}, with facts", from, to);
            }

            return 0;
        }

        await using (var db = database.CreateContext())
        {
            await db.Set<AuditViewFact>().ExecuteDeleteAsync();
        }

        var before = new Dictionary<string, string>();
        foreach (var (name, from, to) in periods)
        {
            before[name] = await MeasureAsync(database, clock, auditor, $"{name}, without facts", from, to);
        }

        var backfill = Stopwatch.StartNew();
        await using (var db = database.CreateContext())
        {
            var filled = await AuditViewFacts.BackfillAsync(db, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"facts filled in for {filled:N0} view entries in {backfill.Elapsed.TotalSeconds:0.0} s"));
        }

        var failed = 0;
        foreach (var (name, from, to) in periods)
        {
            var after = await MeasureAsync(database, clock, auditor, $"{name}, with facts", from, to);
            if (after != before[name])
            {
                Console.WriteLine($"{name}: the report with facts differs from the report without");
                failed = 1;
            }
        }

        Console.WriteLine(failed == 0 ? "the same reports (leads, order, scores, signals, evidence, counts) with and without facts" : "REPORTS DIFFER");
        return failed;
    }

    // Runs the request four times (the first warms up the JIT and SQLite's page cache; the request's own
    // audit entry is not saved), prints the median of the other three, returns the report as JSON.
    private static async Task<string> MeasureAsync(Database database, FixedClock clock, CurrentUser auditor, string name, DateOnly from, DateOnly to)
    {
        AuditLeads.Report? report = null;
        var times = new List<(double Wall, double Cpu)>();
        for (var run = 0; run < 4; run++)
        {
            await using var db = database.CreateContext();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            report = await AuditLeads.RunAsync(db, clock, auditor, from, to, null, CancellationToken.None);
            var wall = watch.Elapsed.TotalMilliseconds;
            if (run > 0)
            {
                times.Add((wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {report!.Views:N0} views of {report.Accounts} accounts, {report.Withheld} withheld, {report.Leads.Count} lead(s) (first {report.Leads.FirstOrDefault()?.Account ?? "-"}); median {times.Select(t => t.Wall).Order().ElementAt(1):0} ms wall, {times.Select(t => t.Cpu).Order().ElementAt(1):0} ms CPU ({Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
        return JsonSerializer.Serialize(report);
    }

    private static async Task FillAsync(Database database, string path)
    {
        string[] hubs = ["RTM", "ZWB", "NZK", "SPL", "FLW"];
        string[] roles = [Roles.TargetingAnalyst, Roles.ScanAnalyst, Roles.HubInspector, Roles.Supervisor];
        var random = new Random(7);
        var organisation = Guid.NewGuid();
        await using (var db = database.CreateContext())
        {
            db.Organisations.Add(new Organisation { Id = organisation, Name = "Douane (bench)", Kind = OrganisationKind.Customs });
            for (var i = 0; i < 200; i++)
            {
                db.Accounts.Add(new Account
                {
                    Id = Guid.NewGuid(),
                    UserName = $"user{i}",
                    DisplayName = $"User {i}",
                    Role = roles[i % roles.Length],
                    OrganisationId = organisation,
                    Hubs = [hubs[i / roles.Length % hubs.Length]],
                    CreatedAt = Start,
                    SecurityStamp = "bench",
                });
            }

            for (var d = 0; d < 30; d++)
            {
                var day = Start.AddDays(d);
                for (var s = 0; s < 300; s++)
                {
                    var control = day.AddHours(6 + random.NextDouble() * 16);
                    db.Selections.Add(new SelectionCase
                    {
                        Id = Guid.CreateVersion7(),
                        HubCode = hubs[s % hubs.Length],
                        Unit = $"SELU{d:00}{s:0000}",
                        UnitKind = UnitKind.Container,
                        ConsignmentIds = [],
                        PlanDate = DateOnly.FromDateTime(day),
                        Shift = Shifts.Early,
                        PlannedControlAt = control,
                        Reason = SelectionReason.Targeted,
                        Why = "bench",
                        WouldBeTargeted = true,
                        CreatedBy = "bench",
                        CreatedAt = day,
                        State = SelectionState.Closed,
                        ScannedAt = control,
                        PhysicalStartedAt = control,
                        ClosedAt = control.AddHours(1),
                        UpdatedAt = control.AddHours(1),
                        UpdatedBy = "bench",
                    });
                }

                for (var a = 0; a < 60; a++)
                {
                    db.IntegrityAlarms.Add(Alarm($"CONU{random.Next(200_000):000000}", hubs[a % hubs.Length], day.AddHours(random.NextDouble() * 24), AlarmKind.SealMismatch));
                }

                for (var v = 0; v < 40; v += 4)
                {
                    db.IntegrityAlarms.Add(Alarm($"LEAK{d:00}{v:00}", hubs[0], day.AddDays(2), AlarmKind.GateOut));
                }
            }

            await db.SaveChangesAsync();
        }

        // The big tables by plain inserts in one transaction each: EF's change tracker would take minutes here.
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            var equipment = Command(connection, transaction, "INSERT INTO equipment (ContainerNumber, SizeType, Reefer, NumberVerified) VALUES ($c, '45R1', 1, 0)", "$c");
            var consignment = Command(connection, transaction,
                "INSERT INTO consignments (Id, Reference, Kind, Direction, HubCode, BookedAt, ArrivedAt, OriginCountry, port_of_loading, transshipment_ports, port_of_discharge, TotalGrossKg, TotalValueEur) " +
                "VALUES ($id, $ref, 'SeaContainer', 'Import', $hub, $at, $at, 'EC', 'ECGYE', '[]', 'NLRTM', 20000, 30000)", "$id", "$ref", "$hub", "$at");
            var link = Command(connection, transaction, "INSERT INTO consignment_equipment (ConsignmentId, ContainerNumber, SealNumbers) VALUES ($id, $c, '[]')", "$id", "$c");
            void Container(string number, string reference, string hub, DateTime at)
            {
                var id = Guid.NewGuid().ToString().ToUpperInvariant();
                Run(equipment, number);
                Run(consignment, id, reference, hub, Text(at));
                Run(link, id, number);
            }

            for (var n = 0; n < 200_000; n++)
            {
                Container($"CONU{n:000000}", $"REF{n:000000}", hubs[n % hubs.Length], Start.AddMinutes(n % (30 * 1440)));
            }

            for (var d = 0; d < 30; d++)
            {
                for (var v = 0; v < 40; v++)
                {
                    Container($"LEAK{d:00}{v:00}", $"LEAKREF{d:00}{v:00}", hubs[0], Start.AddDays(d));
                }
            }

            await transaction.CommitAsync();
        }

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            var entry = Command(connection, transaction,
                "INSERT INTO audit_log (Id, At, Actor, Action, Subject, Detail, Hash, PreviousHash, Sequence) VALUES ($id, $at, $actor, $action, $subject, $detail, '', '', $id)",
                "$id", "$at", "$actor", "$action", "$subject", "$detail");
            long id = 0;
            for (var d = 0; d < 30; d++)
            {
                var day = Start.AddDays(d);
                var rows = new List<(DateTime At, string Actor, string Action, string Subject, string Detail)>(20_040);
                for (var v = 0; v < 20_000; v++)
                {
                    // Everyone views what is at their own hub, as need-to-know lets them: selection s and
                    // consignment n are at hub s % 5 and n % 5, the account at (who / 4) % 5.
                    var who = random.Next(200);
                    var hub = who / roles.Length % hubs.Length;
                    var at = day.AddHours(random.NextDouble() * 24);
                    rows.Add(random.NextDouble() < 0.3
                        ? (at, $"user{who}", "view.selection", $"container SELU{d:00}{random.Next(60) * hubs.Length + hub:0000}", "selection in the targeting worklist")
                        : (at, $"user{who}", "view.score", $"consignment REF{random.Next(40_000) * hubs.Length + hub:000000}", "score 0.2"));
                }

                for (var v = 0; v < 40; v++)
                {
                    rows.Add((day.AddHours(8), "user0", "view.score", $"consignment LEAKREF{d:00}{v:00}", "score 0.7"));
                }

                // Entries are written in time order, as the chain writes them.
                foreach (var row in rows.OrderBy(r => r.At))
                {
                    Run(entry, ++id, Text(row.At), row.Actor, row.Action, row.Subject, row.Detail);
                }
            }

            await transaction.CommitAsync();
        }
    }

    private static IntegrityAlarm Alarm(string container, string hub, DateTime at, AlarmKind kind) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Severity = AlarmSeverity.High,
        HubCode = hub,
        ContainerNumber = container,
        RaisedAt = at,
        EventAt = at,
        Detail = "bench",
        DedupKey = $"{kind}:{container}:{at:O}",
        LastSeenAt = at,
    };

    // EF Core's SQLite format for DateTime, so that the request's parameters compare as they do on real rows.
    private static string Text(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
