using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// Appends audit entries through the hash chain in saves of 1 and of 50 entries, and the same
/// entries as plain inserts without the chain (the cost before it existed) into another fresh
/// database in the same run; then verifies the chained log. SQLite always; PostgreSQL as well when
/// PORTCULLIS_BENCH_POSTGRES names a server on which a fresh database may be created.
/// </summary>
public static class AuditBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var singles = 3000;
        var batched = 50_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--singles":
                    singles = int.Parse(args[i + 1], Inv);
                    break;
                case "--batched":
                    batched = int.Parse(args[i + 1], Inv);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --singles N and --batched N.");
                    return 2;
            }
        }

        await RunProviderAsync("SQLite", () => Task.FromResult(DatabaseTarget.Resolve(Path.Combine(Directory.CreateTempSubdirectory("portcullis-bench-").FullName, "audit.db")).GetValueOrThrow()), singles, batched);
        if (Environment.GetEnvironmentVariable("PORTCULLIS_BENCH_POSTGRES") is { Length: > 0 } server)
        {
            await RunProviderAsync("PostgreSQL", () => FreshPostgresAsync(server), singles, batched);
        }

        return 0;
    }

    private static async Task RunProviderAsync(string name, Func<Task<DatabaseTarget>> fresh, int singles, int batched)
    {
        foreach (var (batch, count) in new[] { (1, singles), (50, batched) })
        {
            var chained = new Database(await fresh());
            await chained.MigrateAsync(CancellationToken.None);
            var plain = new Database(await fresh());
            await plain.MigrateAsync(CancellationToken.None);
            // Warm-up: JIT and connection pool, not timed.
            await AppendAsync(chained, 100, batch, chain: true);
            await AppendAsync(plain, 100, batch, chain: false);

            var chainRate = await AppendAsync(chained, count, batch, chain: true);
            var plainRate = await AppendAsync(plain, count, batch, chain: false);
            Console.WriteLine(string.Create(Inv, $"audit-append {name} batch {batch}: chained {chainRate:N0} entries/s, plain inserts {plainRate:N0} entries/s, chained/plain {chainRate / plainRate:F2} ({count:N0} entries each)"));

            if (batch == 50)
            {
                await using var db = chained.CreateContext();
                var time = Stopwatch.StartNew();
                var result = await VerifyAuditLog.RunAsync(db, null, CancellationToken.None);
                time.Stop();
                Console.WriteLine(string.Create(Inv, $"audit-verify {name}: {result.Entries:N0} entries in {time.Elapsed.TotalSeconds:F2} s, {result.Entries / time.Elapsed.TotalSeconds:N0} entries/s ({(result.Intact ? "intact" : result.Summary)})"));
            }
        }

        Console.WriteLine(string.Create(Inv, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB"));
    }

    // One context per save, as a request handler has. Plain inserts give each row a unique sequence
    // themselves and take it out of the chaining, which is what an insert cost before the chain.
    private static async Task<double> AppendAsync(Database database, int count, int batch, bool chain)
    {
        var clock = TimeProvider.System;
        var org = Guid.NewGuid();
        var nextPlainSequence = 0L;
        if (!chain)
        {
            await using var db = database.CreateContext();
            nextPlainSequence = db.Audit.Select(a => (long?)a.Sequence).Max() ?? 0;
        }

        var time = Stopwatch.StartNew();
        for (var done = 0; done < count; done += batch)
        {
            await using var db = database.CreateContext();
            for (var i = 0; i < batch && done + i < count; i++)
            {
                AuditLog.RecordView(db, clock, new CurrentUser(org, "analyst", Roles.TargetingAnalyst, org, "Douane", ["RTM"], [], false), "score", $"consignment {done + i}", "hub RTM");
            }

            if (!chain)
            {
                foreach (var entry in db.PendingAudit)
                {
                    entry.Sequence = ++nextPlainSequence;
                }

                db.PendingAudit.Clear();
            }

            await db.SaveChangesAsync();
        }

        time.Stop();
        return count / time.Elapsed.TotalSeconds;
    }

    private static async Task<DatabaseTarget> FreshPostgresAsync(string server)
    {
        var name = "pcl_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return DatabaseTarget.Resolve(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString).GetValueOrThrow();
    }
}
