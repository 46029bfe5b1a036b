using Portcullis.Domain.Cargo;
using Portcullis.Simulation;
using Portcullis.Simulator;

namespace Portcullis.Tests.Ingest;

/// <summary>Simulated partner files for ingest tests, and small hand-made interchanges.</summary>
internal static class IngestFiles
{
    public sealed record Day(SimulatedDay Simulated, string Manifests, string Events, string DcsaEvents, string? AirWaybills = null, string? AirManifests = null, string? PostalItems = null);

    /// <summary>Simulates days and writes each as a CUSCAR file and a COARRI/CODECO file.</summary>
    public static IReadOnlyList<Day> Simulate(string folder, int days = 1, double scale = 0.05, int seed = 7)
    {
        var parties = new Dictionary<Guid, Party>();
        var equipment = new Dictionary<string, Equipment>(StringComparer.Ordinal);
        var result = new List<Day>();
        foreach (var day in new TrafficSimulator(new SimulationOptions(seed, scale, new DateOnly(2026, 11, 2), days)).Run())
        {
            foreach (var party in day.NewParties)
            {
                parties[party.Id] = party;
            }

            var written = SimulatedFiles.WriteDay(day, folder, parties, equipment);
            // The first three files are always written; the others only when the day has that traffic, so they are found by name.
            string? Named(string suffix) => written.Paths.FirstOrDefault(p => p.EndsWith(suffix, StringComparison.Ordinal));
            result.Add(new Day(day, written.Paths[0], written.Paths[1], written.Paths[2], Named("-air-waybills.xml"), Named("-air-manifests.xml"), Named("-itmatt.edi")));
        }

        return result;
    }

    /// <summary>Consignments the CUSCAR writer carries: sea and road, on a movement (air goes as Cargo-XML, post another way).</summary>
    public static IReadOnlyList<Consignment> Manifested(SimulatedDay day) =>
        [.. day.Consignments.Where(c => c.MovementId is not null && c.Kind != ConsignmentKind.AirCargo)];

    /// <summary>Consignments the Cargo-XML files carry: air waybills on flights.</summary>
    public static IReadOnlyList<Consignment> AirWaybills(SimulatedDay day) =>
        [.. day.Consignments.Where(c => c.MovementId is not null && c.Kind == ConsignmentKind.AirCargo)];

    /// <summary>One DCSA v3 gate-in event for <see cref="Container"/>, with the given eventID.</summary>
    public static string DcsaGateIn(string eventId)
    {
        var id = Guid.Parse("0e0e0e0e-0000-4000-8000-000000000001");
        var ev = new ContainerEvent { Id = id, ContainerNumber = Container, Type = ContainerEventType.GateIn, OccurredAt = new DateTime(2026, 11, 20, 8, 5, 0, DateTimeKind.Utc), UnLocode = "NLRTM", Facility = "ECTDELTA", Source = "ECT" };
        using var stream = new MemoryStream();
        Portcullis.Ingest.Dcsa.DcsaEventWriter.Write(stream, [ev]);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace(id.ToString("D"), eventId, StringComparison.Ordinal);
    }

    public static string Folder() => Directory.CreateTempSubdirectory("portcullis-ingest-").FullName;

    /// <summary>A CODECO gate-in report for one container, as an ECT gate would send it.</summary>
    public static string Container { get; } = Portcullis.Domain.Standards.ContainerNumber.Create("MSC", 'U', 123456).Value;

    public static string GateIn(string controlReference, string? container = null, string sender = "ECTDELTA") =>
        $"UNA:+.? '" +
        $"UNB+UNOC:3+{sender}:ZZ+NLCUSTOMS:ZZ+261120:0815+{controlReference}'" +
        "UNH+1+CODECO:D:95B:UN:ITG14'" +
        "BGM+34+GI" + controlReference + "+9'" +
        "TDT+1++3+31'" +
        $"EQD+CN+{container ?? Container}+45G1:102:5++2+5'" +
        "DTM+203:202611200805:203'" +
        "LOC+165+NLRTM:139:6+ECTDELTA:TER:ZZZ'" +
        "SEL+ML-7777777+CA'" +
        "CNT+16:1'" +
        "UNT+9+1'" +
        $"UNZ+1+{controlReference}'";
}
