using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Air;
using Portcullis.Ingest.Dcsa;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Simulator;

namespace Portcullis.Simulation;

/// <summary>
/// Writes a simulated day as partners would send it: the port community system's cargo reports
/// (CUSCAR) for sea and road, airlines' and handlers' Cargo-XML (XFWB, XFFM) for air, the terminals'
/// load/discharge and gate reports (COARRI, CODECO), the postal operator's item messages (ITMATT),
/// and carriers' and sensors' other container events as DCSA JSON. The ground truth is
/// never written into these files.
/// </summary>
public static class SimulatedFiles
{
    public const string CustomsRecipient = "NLCUSTOMS";

    /// <summary>The designated operator that posts the simulated outbound items.</summary>
    public static readonly PostalOperator PostalOperator = new("NLPOST", "PostNL International Mail", "NL");

    public sealed record Written(IReadOnlyList<string> Paths, int Messages);

    /// <summary>
    /// Writes the day into <paramref name="folder"/>. <paramref name="knownEquipment"/> carries
    /// containers seen on earlier days, so size types travel with reused equipment too.
    /// </summary>
    public static Written WriteDay(SimulatedDay day, string folder, IReadOnlyDictionary<Guid, Party> parties, Dictionary<string, Equipment> knownEquipment)
    {
        Directory.CreateDirectory(folder);
        foreach (var equipment in day.NewEquipment)
        {
            knownEquipment[equipment.ContainerNumber] = equipment;
        }

        var stamp = day.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Reports are sent at the end of the day they describe.
        var prepared = day.Date.ToDateTime(new TimeOnly(23, 30), DateTimeKind.Utc);
        var paths = new List<string>();
        var messages = 0;

        // Air cargo comes from airlines and handlers as Cargo-XML; CUSCAR carries sea and road.
        var flights = day.Movements.Where(m => m.Mode == TransportMode.Air).ToDictionary(m => m.Id);
        var manifests = Path.Combine(folder, $"{stamp}-cuscar.edi");
        using (var file = File.Create(manifests))
        {
            messages += CuscarWriter.WriteInterchange(file, new InterchangeEnvelope("PORTBASE", CustomsRecipient, prepared, "C" + stamp),
                day.Movements.Where(m => !flights.ContainsKey(m.Id)), day.Consignments.Where(c => c.MovementId is not { } id || !flights.ContainsKey(id)), parties, knownEquipment);
        }

        paths.Add(manifests);

        var reports = Path.Combine(folder, $"{stamp}-terminal-events.edi");
        using (var file = File.Create(reports))
        {
            messages += EventReportWriter.WriteInterchange(file, new InterchangeEnvelope("TERMINALS", CustomsRecipient, prepared, "E" + stamp), day.Events, day.Movements.ToDictionary(m => m.Id));
        }

        paths.Add(reports);

        // Seal, door, stuffing and inspection observations come from carriers and sensors as DCSA events.
        var dcsa = Path.Combine(folder, $"{stamp}-dcsa-events.json");
        using (var file = File.Create(dcsa))
        {
            messages += DcsaEventWriter.Write(file, day.Events.Where(e => EventReportWriter.MessageTypeFor(e.Type) is null));
        }

        paths.Add(dcsa);

        // Postal items travel on no movement, so no CUSCAR carries them: the postal operator pre-advises them as ITMATT.
        var postal = day.Consignments.Where(c => c.Kind == ConsignmentKind.PostalItem).ToList();
        if (postal.Count > 0)
        {
            var items = Path.Combine(folder, $"{stamp}-itmatt.edi");
            using (var file = File.Create(items))
            {
                messages += ItmattWriter.WriteInterchange(file, new InterchangeEnvelope(PostalOperator.Code, CustomsRecipient, prepared, "P" + stamp), PostalOperator, postal, parties);
            }

            paths.Add(items);
        }

        messages += WriteAir(folder, stamp, prepared, flights, day.Consignments, parties, paths);
        return new Written(paths, messages);
    }

    /// <summary>One XFWB per air waybill, then one XFFM per flight listing its waybills: two Cargo-XML files.</summary>
    private static int WriteAir(string folder, string stamp, DateTime prepared, Dictionary<Guid, TransportMovement> flights, IEnumerable<Consignment> consignments, IReadOnlyDictionary<Guid, Party> parties, List<string> paths)
    {
        var onFlights = consignments.Where(c => c.MovementId is { } id && flights.ContainsKey(id)).ToList();
        if (onFlights.Count == 0)
        {
            return 0;
        }

        var waybills = Path.Combine(folder, $"{stamp}-air-waybills.xml");
        var written = 0;
        using (var file = File.Create(waybills))
        using (var writer = new CargoXmlWriter(file))
        {
            foreach (var consignment in onFlights)
            {
                writer.Waybill($"XFWB-{consignment.Reference}", consignment, flights[consignment.MovementId!.Value], parties, "AIRLINES", prepared);
            }

            written += writer.Messages;
        }

        var manifests = Path.Combine(folder, $"{stamp}-air-manifests.xml");
        using (var file = File.Create(manifests))
        using (var writer = new CargoXmlWriter(file))
        {
            foreach (var flight in onFlights.GroupBy(c => c.MovementId!.Value))
            {
                writer.FlightManifest($"XFFM-{flights[flight.Key].Reference}-{stamp}", flights[flight.Key], [.. flight], "HANDLERS", prepared);
            }

            written += writer.Messages;
        }

        paths.Add(waybills);
        paths.Add(manifests);
        return written;
    }
}
