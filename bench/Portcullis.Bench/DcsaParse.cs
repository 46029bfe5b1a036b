using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Bench;

/// <summary>
/// Times DCSA TNT 3 parsing and mapping (DcsaEventReader) over one large generated array, and the
/// writer that produced it. The floor for the whole ingest pipeline is 50,000 events/s.
/// </summary>
public static class DcsaParse
{
    private static readonly ContainerEventType[] Types =
    [
        ContainerEventType.Load, ContainerEventType.Discharge, ContainerEventType.GateIn, ContainerEventType.GateOut,
        ContainerEventType.Stuffed, ContainerEventType.Stripped, ContainerEventType.Inspected, ContainerEventType.SealChanged,
        ContainerEventType.DoorOpened, ContainerEventType.DoorClosed,
    ];

    private static readonly string[] Places = ["NLRTM", "NLAMS", "BEANR", "DEHAM", "NLVLI"];
    private static readonly string[] Facilities = ["ECTDE", "EUROM", "APMII", "RWG", "UNIMR"];

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = 500_000;
        var rounds = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--events":
                    count = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--rounds":
                    rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --events and --rounds.");
                    return 2;
            }
        }

        var events = Generate(count);
        var inv = CultureInfo.InvariantCulture;
        using var buffer = new MemoryStream();
        var write = Stopwatch.StartNew();
        DcsaEventWriter.Write(buffer, events);
        write.Stop();
        var json = buffer.ToArray();
        Console.WriteLine(string.Create(inv, $"dcsa-parse events={count} payload={json.Length / (1024.0 * 1024):F1} MB ({json.Length / count} bytes/event)"));
        Console.WriteLine(string.Create(inv, $"write: {write.Elapsed.TotalSeconds:F2} s, {count / write.Elapsed.TotalSeconds:N0} events/s"));

        var best = TimeSpan.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = DcsaEventReader.Read(json);
            stopwatch.Stop();
            var accepted = result.ContainerEvents.Count();
            if (accepted != count)
            {
                Console.Error.WriteLine($"Only {accepted} of {count} events were accepted; the benchmark input is wrong.");
                return 1;
            }

            best = stopwatch.Elapsed < best ? stopwatch.Elapsed : best;
            Console.WriteLine(string.Create(inv, $"read+map round {round + 1}: {stopwatch.Elapsed.TotalSeconds:F2} s, {count / stopwatch.Elapsed.TotalSeconds:N0} events/s, {json.Length / (1024.0 * 1024) / stopwatch.Elapsed.TotalSeconds:F0} MB/s"));
        }

        Console.WriteLine(string.Create(inv, $"best: {count / best.TotalSeconds:N0} events/s (floor for the pipeline: 50,000)"));
        Console.WriteLine(string.Create(inv, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB"));
        return 0;
    }

    private static List<ContainerEvent> Generate(int count)
    {
        var random = new Random(42);
        var start = new DateTime(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);
        var events = new List<ContainerEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var type = Types[random.Next(Types.Length)];
            var door = type is ContainerEventType.DoorOpened or ContainerEventType.DoorClosed;
            events.Add(new ContainerEvent
            {
                Id = NextGuid(random),
                ContainerNumber = ContainerNumber.Create("MSK", 'U', random.Next(1_000_000)).Value,
                Type = type,
                OccurredAt = start.AddSeconds(random.Next(86_400)),
                UnLocode = Places[random.Next(Places.Length)],
                Facility = door ? null : Facilities[random.Next(Facilities.Length)],
                SealNumber = type is ContainerEventType.Load or ContainerEventType.Discharge or ContainerEventType.SealChanged ? "ML-" + random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture) : null,
                Source = "bench",
            });
        }

        return events;
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
