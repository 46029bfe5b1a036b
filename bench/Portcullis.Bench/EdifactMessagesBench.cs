using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Simulator;

namespace Portcullis.Bench;

/// <summary>
/// End-to-end EDIFACT message throughput on a simulated day: CUSCAR and COARRI/CODECO written from
/// the simulator's entities, then read back through EdifactReader and the mappings.
/// </summary>
public static class EdifactMessagesBench
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var scale = args.Length >= 2 && args[0] == "--scale" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
        var day = new TrafficSimulator(new SimulationOptions(42, scale, new DateOnly(2025, 3, 3), 1)).Run().First();
        var parties = day.NewParties.ToDictionary(p => p.Id);
        var equipment = day.NewEquipment.ToDictionary(e => e.ContainerNumber, StringComparer.Ordinal);
        var imports = day.Consignments.Where(c => c.Direction == Direction.Import && c.MovementId is not null).ToList();
        var envelope = new InterchangeEnvelope("SIMULATOR", "PORTCULLIS", new DateTime(2025, 3, 3, 23, 0, 0, DateTimeKind.Utc), "B1");

        var watch = new Stopwatch();
        var writeSeconds = double.MaxValue;
        var cuscar = new MemoryStream();
        var events = new MemoryStream();
        var eventCount = 0;
        for (var run = 0; run < 3; run++)
        {
            cuscar = new MemoryStream();
            events = new MemoryStream();
            watch.Restart();
            CuscarWriter.WriteInterchange(cuscar, envelope, day.Movements, imports, parties, equipment);
            eventCount = EventReportWriter.WriteInterchange(events, envelope, day.Events, day.Movements.ToDictionary(m => m.Id));
            writeSeconds = Math.Min(writeSeconds, watch.Elapsed.TotalSeconds);
        }

        var bytes = cuscar.Length + events.Length;
        Console.WriteLine($"wrote {imports.Count:N0} consignments and {eventCount:N0} events, {bytes / 1e6:F1} MB, in {writeSeconds:F2} s (best of 3, {bytes / 1e6 / writeSeconds:F0} MB/s)");

        var readOnly = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            watch.Restart();
            _ = EdifactReader.ReadAll(cuscar.ToArray()).Count + EdifactReader.ReadAll(events.ToArray()).Count;
            readOnly = Math.Min(readOnly, watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"EdifactReader alone: {readOnly:F2} s (best of 3), {bytes / 1e6 / readOnly:F0} MB/s");
        var best = double.MaxValue;
        var mapped = 0;
        for (var run = 0; run < 3; run++)
        {
            watch.Restart();
            mapped = ReadAndMap(cuscar.ToArray()) + ReadAndMap(events.ToArray());
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"read+mapped {mapped:N0} messages in {best:F2} s (best of 3): {bytes / 1e6 / best:F0} MB/s, {imports.Count / best:N0} consignments/s with {eventCount / best:N0} events/s");
        return 0;
    }

    private static int ReadAndMap(byte[] data)
    {
        var count = 0;
        foreach (var item in EdifactReader.ReadAll(data))
        {
            if (item is MessageRead read)
            {
                EdifactMessages.Map(read.Message);
                count++;
            }
        }

        return count;
    }
}
