using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Simulator;
using Portcullis.Tests.Simulator;

namespace Portcullis.Tests.Ingest.MessageMappings;

/// <summary>
/// What the simulator produces, written as CUSCAR, COARRI and CODECO and read back, equals the
/// simulator's entities field by field.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly Lazy<SimulatedDay> Day = new(() => SimulatorRuns.Simulate(new SimulationOptions(3, 0.03, SimulatorRuns.FirstDay, 1))[0]);

    private static readonly InterchangeEnvelope Envelope = new("SIMCARRIER", "PORTCULLIS", new DateTime(2025, 3, 3, 23, 0, 0, DateTimeKind.Utc), "RT1");

    [Fact]
    public void Import_consignments_survive_CUSCAR_field_by_field()
    {
        var day = Day.Value;
        var parties = day.NewParties.ToDictionary(p => p.Id);
        var equipment = day.NewEquipment.ToDictionary(e => e.ContainerNumber, StringComparer.Ordinal);
        var imports = day.Consignments.Where(c => c.Direction == Direction.Import && c.MovementId is not null).ToList();
        Assert.Equal([ConsignmentKind.SeaContainer, ConsignmentKind.SeaBulk, ConsignmentKind.AirCargo, ConsignmentKind.RoadTruck], imports.Select(c => c.Kind).Distinct().Order());
        Assert.Contains(imports, c => c.Route.TransshipmentPorts.Count > 0);

        using var stream = new MemoryStream();
        var written = CuscarWriter.WriteInterchange(stream, Envelope, day.Movements, imports, parties, equipment);
        var documents = ReadAll(stream.ToArray()).Select(m => Assert.IsType<MappedManifest>(EdifactMessages.Map(m)).Document).ToList();

        Assert.Equal(written, documents.Count);
        var movements = day.Movements.ToDictionary(m => m.Id);
        var read = documents.SelectMany(d => d.Consignments.Select(c => (Document: d, Consignment: c))).ToDictionary(x => x.Consignment.Reference, StringComparer.Ordinal);
        Assert.Equal(imports.Count, read.Count);
        Assert.All(documents, d => Assert.Empty(d.Warnings));
        foreach (var expected in imports)
        {
            var (document, actual) = read[expected.Reference];
            AssertMovement(movements[expected.MovementId!.Value], Assert.IsType<MovementRecord>(document.Movement));
            AssertConsignment(expected, actual, parties, equipment);
        }
    }

    [Fact]
    public void Load_discharge_and_gate_events_survive_COARRI_and_CODECO()
    {
        var day = Day.Value;
        var movements = day.Movements.ToDictionary(m => m.Id);
        var reported = day.Events.Where(e => EventReportWriter.MessageTypeFor(e.Type) is not null).ToList();
        Assert.Equal(
            [ContainerEventType.Load, ContainerEventType.Discharge, ContainerEventType.GateIn, ContainerEventType.GateOut],
            reported.Select(e => e.Type).Distinct().Order());

        using var stream = new MemoryStream();
        var envelope = Envelope with { Sender = reported[0].Source };
        Assert.Equal(reported.Count, EventReportWriter.WriteInterchange(stream, envelope, day.Events, movements));
        var actual = ReadAll(stream.ToArray())
            .SelectMany(m => Assert.IsType<MappedEventReport>(EdifactMessages.Map(m)).Document.Events)
            .ToList();

        var expected = reported.Select(e => new ContainerEventRecord(
            null, e.ContainerNumber, e.Type, e.OccurredAt, e.UnLocode, e.Facility, e.SealNumber, e.Source,
            e.MovementId is { } id ? movements[id].Reference : null, null, null, null));
        Assert.Equal(Sorted(expected), Sorted(actual));
    }

    [Theory]
    [InlineData("UNOC", 0xF8)]
    [InlineData("UNOY", 0xC3)]
    public void Names_with_non_ASCII_letters_survive_under_UNOC_and_UNOY(string syntax, byte oSlashLead)
    {
        var day = Day.Value;
        var consignment = day.Consignments.First(c => c.Direction == Direction.Import && c.MovementId is not null);
        var parties = day.NewParties.ToDictionary(p => p.Id);
        var consignee = consignment.Parties.First(p => p.Role == PartyRole.Consignee).PartyId;
        parties[consignee] = new Party { Id = consignee, Name = "Société Générale d'Import Müller & Søn Ærø Straße", CountryCode = "DK", FirstSeen = day.Date.ToDateTime(TimeOnly.MinValue) };

        using var stream = new MemoryStream();
        CuscarWriter.WriteInterchange(stream, Envelope with { SyntaxIdentifier = syntax }, day.Movements, [consignment], parties);
        var bytes = stream.ToArray();
        Assert.Contains(oSlashLead, bytes); // ø: one byte in Latin-1, two (C3 B8) in UTF-8
        var document = Assert.IsType<MappedManifest>(EdifactMessages.Map(Assert.Single(ReadAll(bytes)))).Document;
        Assert.Equal("Société Générale d'Import Müller & Søn Ærø Straße", Assert.Single(document.Consignments).Parties.Single(p => p.Role == PartyRole.Consignee).Name);
    }

    /// <summary>Through the real interchange reader: every item must be clean, every message accepted.</summary>
    private static List<EdifactMessage> ReadAll(byte[] bytes)
    {
        var items = EdifactReader.ReadAll(bytes);
        Assert.IsType<InterchangeStarted>(items[0]);
        Assert.IsType<InterchangeEnded>(items[^1]);
        Assert.All(items, item => Assert.True(item is InterchangeStarted { Warnings.Count: 0 } or MessageRead or InterchangeEnded { Warnings.Count: 0 }, item.ToString()));
        return [.. items.OfType<MessageRead>().Select(m => m.Message)];
    }

    private static List<ContainerEventRecord> Sorted(IEnumerable<ContainerEventRecord> events) =>
        [.. events.OrderBy(e => e.ContainerNumber, StringComparer.Ordinal).ThenBy(e => e.OccurredAt).ThenBy(e => e.Type)];

    private static void AssertMovement(TransportMovement expected, MovementRecord actual)
    {
        Assert.Equal(
            (expected.Mode, expected.Carrier, expected.Reference, expected.MeansName, expected.MeansId),
            (actual.Mode, actual.Carrier, actual.Reference, actual.MeansName, actual.MeansId));
        Assert.Equal(expected.Calls.OrderBy(c => c.Sequence).Select(c => new CallRecord(c.UnLocode, c.Arrival, c.Departure)), actual.Calls);
    }

    private static void AssertConsignment(Consignment expected, ConsignmentRecord actual, Dictionary<Guid, Party> parties, Dictionary<string, Equipment> equipment)
    {
        Assert.Equal(
            (expected.Reference, expected.Kind, expected.Direction, (DateTime?)expected.BookedAt, expected.DepartedAt, (DateTime?)expected.ArrivedAt, expected.OriginCountry),
            (actual.Reference, actual.Kind, actual.Direction, actual.BookedAt, actual.DepartedAt, actual.ArrivedAt, actual.OriginCountry));
        Assert.Null(actual.HubCode);
        Assert.Equal(
            (expected.Route.PlaceOfReceipt, expected.Route.PortOfLoading, expected.Route.PortOfDischarge, expected.Route.PlaceOfDelivery),
            (actual.Route.PlaceOfReceipt, actual.Route.PortOfLoading, actual.Route.PortOfDischarge, actual.Route.PlaceOfDelivery));
        Assert.Equal(expected.Route.TransshipmentPorts, actual.Route.TransshipmentPorts);

        // AEO status None is not written, so it reads back as "not stated".
        Assert.Equal(
            expected.Parties.Select(p => (p.Role, parties[p.PartyId].Name, (string?)parties[p.PartyId].CountryCode, parties[p.PartyId].Eori, parties[p.PartyId].Aeo)),
            actual.Parties.Select(p => (p.Role, p.Name, p.CountryCode, p.Eori, p.Aeo ?? AeoStatus.None)));
        Assert.Equal(
            expected.Goods.Select(g => new GoodsRecord(g.LineNumber, g.HsCode, g.Description, g.Packages, g.PackageType, g.GrossKg, g.NetKg, g.ValueEur)),
            actual.Goods);
        Assert.Equal(expected.Equipment.Count, actual.Equipment.Count);
        for (var i = 0; i < expected.Equipment.Count; i++)
        {
            var box = expected.Equipment[i];
            var known = equipment[box.ContainerNumber];
            Assert.Equal(
                (box.ContainerNumber, (string?)known.SizeType, known.Reefer, box.ReeferSetpointC),
                (actual.Equipment[i].ContainerNumber, actual.Equipment[i].SizeType, actual.Equipment[i].Reefer, actual.Equipment[i].ReeferSetpointC));
            Assert.Equal(box.SealNumbers, actual.Equipment[i].Seals);
        }
    }
}
