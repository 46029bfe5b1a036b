using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// End-to-end ingest into a fresh SQLite database (or --db): `ingest-cuscar` writes simulated days
/// as one CUSCAR file and ingests it through reader, mapping and pipeline; `ingest-dcsa` does the
/// same with a DCSA event array. Each prints the rate, and the plain file read of the same input as
/// a baseline ratio.
/// </summary>
public static class IngestBench
{
    public static async Task<int> RunAsync(string format, string[] args)
    {
        var days = 2;
        var events = 300_000;
        string? db = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--days": days = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--events": events = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --days, --events and --db.");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("portcullis-ingest-bench-").FullName;
        try
        {
            var database = new Database(DatabaseTarget.Resolve(db ?? Path.Combine(folder, "bench.db")).GetValueOrThrow());
            await database.MigrateAsync(CancellationToken.None);
            var pipeline = new IngestPipeline(database, TimeProvider.System, new IngestOptions());
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
        }
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
