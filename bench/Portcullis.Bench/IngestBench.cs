using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// End-to-end ingest into a fresh SQLite database (or --db, or a fresh database on the PostgreSQL
/// server --postgres names): `ingest-cuscar` writes simulated days as one CUSCAR file and ingests it
/// through reader, mapping and pipeline; `ingest-dcsa` does the same with a DCSA event array;
/// `ingest-cuscar-large --gb N` writes simulated days until the file holds N GB and samples the
/// working set while it is ingested. Each prints the rate, and the plain file read of the same
/// input as a baseline ratio. Generated files live in a temporary folder that is deleted after.
/// </summary>
public static class IngestBench
{
    public static async Task<int> RunAsync(string format, string[] args)
    {
        var days = 2;
        var events = 300_000;
        var gigabytes = 0.0;
        string? db = null;
        string? postgres = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--days": days = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--events": events = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                case "--postgres": postgres = args[i + 1]; break;
                case "--gb": gigabytes = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --days, --events, --gb, --db and --postgres.");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("portcullis-ingest-bench-").FullName;
        string? dropDatabase = null;
        try
        {
            var target = postgres is not null
                ? await FreshPostgresAsync(postgres)
                : DatabaseTarget.Resolve(db ?? Path.Combine(folder, "bench.db")).GetValueOrThrow();
            dropDatabase = postgres is null ? null : new NpgsqlConnectionStringBuilder(target.ConnectionString).Database;
            var database = new Database(target);
            await database.MigrateAsync(CancellationToken.None);
            var pipeline = new IngestPipeline(database, TimeProvider.System, new IngestOptions());
            if (format == "cuscar-large")
            {
                return await LargeAsync(database, pipeline, folder, gigabytes > 0 ? gigabytes : 2);
            }

            var (path, units) = format == "cuscar" ? Cuscar(folder, days) : Dcsa(folder, events);
            var size = new FileInfo(path).Length;

            var plain = Stopwatch.StartNew();
            await using (var file = File.OpenRead(path))
            {
                var buffer = new byte[1 << 16];
                while (await file.ReadAsync(buffer) > 0)
                {
                }
            }

            plain.Stop();
            var clock = Stopwatch.StartNew();
            var receipt = format == "cuscar"
                ? await pipeline.IngestEdifactAsync(path, new IngestOrigin("bench"), null, CancellationToken.None)
                : await pipeline.IngestDcsaAsync(path, new IngestOrigin("bench"), CancellationToken.None);
            clock.Stop();

            var inv = CultureInfo.InvariantCulture;
            var mb = size / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(inv, $"ingest-{format} into {database.Target.Provider}: {mb:F1} MB, {units:N0} {(format == "cuscar" ? "consignments" : "events")}, receipt {receipt.Status} ({receipt.Accepted:N0} accepted, {receipt.Rejected:N0} rejected)"));
            Console.WriteLine(string.Create(inv, $"  ingest: {clock.Elapsed.TotalSeconds:F2} s = {units / clock.Elapsed.TotalSeconds:N0} {(format == "cuscar" ? "consignments" : "events")}/s, {mb / clock.Elapsed.TotalSeconds:F1} MB/s"));
            Console.WriteLine(string.Create(inv, $"  plain read of the same file: {plain.Elapsed.TotalSeconds:F3} s; ingest/plain = {clock.Elapsed.TotalSeconds / plain.Elapsed.TotalSeconds:F0}x"));
            Console.WriteLine(string.Create(inv, $"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (postgres is not null && dropDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(postgres);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {dropDatabase} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<DatabaseTarget> FreshPostgresAsync(string server)
    {
        var name = "pcl_ingest_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return DatabaseTarget.Resolve(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString).GetValueOrThrow();
    }

    /// <summary>
    /// A CUSCAR file of the given size (one interchange per simulated day), ingested while a timer
    /// samples the working set, so the figure shows whether memory grows with the file.
    /// </summary>
    private static async Task<int> LargeAsync(Database database, IngestPipeline pipeline, string folder, double gigabytes)
    {
        var inv = CultureInfo.InvariantCulture;
        var path = Path.Combine(folder, "large.edi");
        var generate = Stopwatch.StartNew();
        var days = WriteLarge(folder, path, (long)(gigabytes * (1L << 30)));
        var size = new FileInfo(path).Length;
        Console.WriteLine(string.Create(inv, $"wrote {size / (1024.0 * 1024.0):N0} MB of CUSCAR ({days} simulated days, one interchange each) in {generate.Elapsed.TotalSeconds:F0} s"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long read = 0;
        var samples = new List<(double Fraction, long WorkingSet, long Managed)>();
        using var sampler = new Timer(_ =>
        {
            process.Refresh();
            lock (samples)
            {
                samples.Add((Interlocked.Read(ref read) / (double)size, process.WorkingSet64, GC.GetTotalMemory(false)));
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var receipt = await pipeline.IngestEdifactAsync(path, new IngestOrigin("bench"), new Counter(n => Interlocked.Exchange(ref read, n)), CancellationToken.None);
        clock.Stop();
        await sampler.DisposeAsync();

        await using var db = database.CreateContext();
        var consignments = await db.Consignments.CountAsync();
        var parties = await db.Parties.CountAsync();
        Console.WriteLine(string.Create(inv, $"ingest-cuscar-large into {database.Target.Provider}: {consignments:N0} consignments, {parties:N0} distinct parties, receipt {receipt.Status} ({receipt.Accepted:N0} messages accepted, {receipt.Rejected:N0} rejected)"));
        Console.WriteLine(string.Create(inv, $"  ingest: {clock.Elapsed.TotalSeconds:F0} s = {consignments / clock.Elapsed.TotalSeconds:N0} consignments/s, {size / (1024.0 * 1024.0) / clock.Elapsed.TotalSeconds:F1} MB/s"));
        Console.WriteLine(string.Create(inv, $"  working set before ingest {before >> 20:N0} MB; during ingest, max per tenth of the file, MB (managed heap in brackets):"));
        lock (samples)
        {
            var tenths = samples.GroupBy(s => Math.Min(9, (int)(s.Fraction * 10))).OrderBy(g => g.Key)
                .Select(g => string.Create(inv, $"{g.Key * 10}-{g.Key * 10 + 10}%: {g.Max(s => s.WorkingSet) >> 20:N0} ({g.Max(s => s.Managed) >> 20:N0} managed)"));
            Console.WriteLine("    " + string.Join("; ", tenths));
            Console.WriteLine(string.Create(inv, $"  peak working set sampled during ingest: {samples.Max(s => s.WorkingSet) >> 20:N0} MB"));
        }

        return 0;
    }

    private static int WriteLarge(string folder, string path, long bytes)
    {
        var parties = new Dictionary<Guid, Party>();
        var equipment = new Dictionary<string, Equipment>(StringComparer.Ordinal);
        using var output = File.Create(path);
        var days = 0;
        foreach (var day in new TrafficSimulator(new SimulationOptions(42, 1.0, new DateOnly(2026, 3, 2), 10_000)).Run())
        {
            foreach (var party in day.NewParties)
            {
                parties[party.Id] = party;
            }

            var written = SimulatedFiles.WriteDay(day, Path.Combine(folder, "day"), parties, equipment);
            using (var input = File.OpenRead(written.Paths[0]))
            {
                input.CopyTo(output);
            }

            days++;
            if (output.Length >= bytes)
            {
                break;
            }
        }

        return days;
    }

    private sealed class Counter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static (string Path, long Units) Cuscar(string folder, int days)
    {
        var parties = new Dictionary<Guid, Party>();
        var equipment = new Dictionary<string, Equipment>(StringComparer.Ordinal);
        var path = Path.Combine(folder, "cuscar.edi");
        long consignments = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var output = File.Create(path);
        foreach (var day in new TrafficSimulator(new SimulationOptions(42, 1.0, new DateOnly(2026, 3, 2), days)).Run())
        {
            foreach (var party in day.NewParties)
            {
                parties[party.Id] = party;
            }

            var written = SimulatedFiles.WriteDay(day, Path.Combine(folder, "day"), parties, equipment);
            using (var input = File.OpenRead(written.Paths[0]))
            {
                input.CopyTo(output);
            }

            // Air goes as Cargo-XML (ingest-cargoxml), not in the CUSCAR file.
            consignments += day.Consignments.Count(c => c.MovementId is not null && c.Kind != ConsignmentKind.AirCargo && seen.Add(c.Reference));
        }

        return (path, consignments);
    }

    private static (string Path, long Units) Dcsa(string folder, int count)
    {
        var path = Path.Combine(folder, "events.json");
        var types = new[] { ContainerEventType.GateIn, ContainerEventType.GateOut, ContainerEventType.Discharge, ContainerEventType.Load, ContainerEventType.SealChanged, ContainerEventType.DoorOpened };
        var start = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        var events = Enumerable.Range(0, count).Select(i => new ContainerEvent
        {
            Id = Guid.CreateVersion7(),
            ContainerNumber = Domain.Standards.ContainerNumber.Create("MSC", 'U', i % 999_999).Value,
            Type = types[i % types.Length],
            OccurredAt = start.AddSeconds(i),
            UnLocode = "NLRTM",
            Facility = "ECTDELTA",
            SealNumber = i % types.Length == 4 ? "ML-" + i.ToString(CultureInfo.InvariantCulture) : null,
            Source = "bench",
            Latitude = i % types.Length == 5 ? 51.95 : null,
            Longitude = i % types.Length == 5 ? 4.05 : null,
        });
        using var output = File.Create(path);
        return (path, DcsaEventWriter.Write(output, events));
    }
}
