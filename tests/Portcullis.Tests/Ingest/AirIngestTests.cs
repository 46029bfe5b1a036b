using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;
using Portcullis.Tests.Ingest.Air;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// Air cargo (Cargo-XML and ONE Record) through the whole pipeline into a real database: what
/// lands, what is a duplicate, what a later version or a flight manifest does, quarantine and replay.
/// </summary>
public sealed class AirIngestTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private static IngestPipeline Pipeline(Database database) => new(database, Clock, new IngestOptions());

    private static IngestOrigin Test(string name) => new("test", "tester", null, name);

    private static string Write(string text, string name = "air.xml")
    {
        var path = Path.Combine(IngestFiles.Folder(), name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static string Xml(params string[] messages) => Encoding.UTF8.GetString(CargoXmlSamples.Bytes(messages));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_simulated_day_of_air_cargo_lands_at_Schiphol_equal_to_what_the_simulator_made(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var day = IngestFiles.Simulate(IngestFiles.Folder()).Single();
        var expected = IngestFiles.AirWaybills(day.Simulated);
        Assert.NotEmpty(expected);

        var waybills = await Pipeline(database).IngestCargoXmlAsync(day.AirWaybills!, Test("waybills.xml"), default);
        var manifests = await Pipeline(database).IngestCargoXmlAsync(day.AirManifests!, Test("manifests.xml"), default);

        Assert.Equal((ReceiptStatus.Accepted, 0), (waybills.Status, waybills.Rejected));
        Assert.Equal((ReceiptStatus.Accepted, 0), (manifests.Status, manifests.Rejected));
        Assert.Equal("AIRLINES", waybills.Sender);
        Assert.Equal(expected.Count, waybills.Lines.Single(l => l.Type == "XFWB").Accepted);
        Assert.Equal(expected.Select(c => c.MovementId).Distinct().Count(), manifests.Lines.Single(l => l.Type == "XFFM").Accepted);
        await using var db = database.CreateContext();
        Assert.Equal(expected.Count, await db.Consignments.CountAsync(c => c.Kind == ConsignmentKind.AirCargo && c.HubCode == "SPL"));
        Assert.Equal(0, await db.Consignments.CountAsync(c => c.SourceDocument!.StartsWith("XFFM ")));

        var flights = day.Simulated.Movements.ToDictionary(m => m.Id);
        foreach (var original in expected.Where((_, i) => i % 5 == 0))
        {
            var stored = await db.Consignments.Include(c => c.Goods).Include(c => c.Parties).ThenInclude(p => p.Party)
                .AsSplitQuery().SingleAsync(c => c.Reference == original.Reference);
            Assert.Equal((original.HubCode, original.Kind, original.Direction), (stored.HubCode, stored.Kind, stored.Direction));
            Assert.Equal((original.BookedAt, original.DepartedAt, original.ArrivedAt), (stored.BookedAt, stored.DepartedAt, stored.ArrivedAt));
            Assert.Equal((original.Route.PortOfLoading, original.Route.PortOfDischarge), (stored.Route.PortOfLoading, stored.Route.PortOfDischarge));
            Assert.Equal(original.Route.TransshipmentPorts, stored.Route.TransshipmentPorts);
            Assert.Equal(original.OriginCountry, stored.OriginCountry);
            var goods = stored.Goods.OrderBy(g => g.LineNumber).ToList();
            Assert.Equal(original.Goods.Select(g => (g.HsCode, g.Packages)), goods.Select(g => (g.HsCode, g.Packages)));
            Assert.All(original.Goods.Zip(goods), pair => Assert.Equal(pair.First.GrossKg, pair.Second.GrossKg, 3));
            Assert.Equal(original.TotalValueEur, stored.TotalValueEur, 2);
            Assert.Equal(original.Parties.Select(p => p.Role).Order(), stored.Parties.Select(p => p.Role).Order());
            var flight = flights[original.MovementId!.Value];
            var movement = await db.Movements.SingleAsync(m => m.Id == stored.MovementId);
            Assert.Equal((TransportMode.Air, flight.Carrier), (movement.Mode, movement.Carrier));
            Assert.StartsWith(flight.Reference + "/", movement.Reference, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_resent_waybill_is_a_duplicate_an_update_replaces_and_a_deletion_retracts()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var first = await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.Waybill())), Test("a.xml"), default);
        var again = await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.Waybill())), Test("a-again.xml"), default);
        Assert.Equal((ReceiptStatus.Accepted, ReceiptStatus.Duplicate), (first.Status, again.Status));

        var update = await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.Waybill(purpose: "Update", consignee: "ANOTHER IMPORTER BV"))), Test("b.xml"), default);
        Assert.Equal(ReceiptStatus.Accepted, update.Status);
        await using (var db = database.CreateContext())
        {
            var stored = await db.Consignments.Include(c => c.Parties).ThenInclude(p => p.Party).SingleAsync();
            Assert.Equal(("074-12345675", 2, "ANOTHER IMPORTER BV"), (stored.Reference, stored.Revision, stored.Parties.Single(p => p.Role == PartyRole.Consignee).Party!.Name));
            Assert.Contains("FLORA IMPORT BV", (await db.ConsignmentRevisions.SingleAsync()).Snapshot, StringComparison.Ordinal);
        }

        await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.Waybill(purpose: "Deletion"))), Test("c.xml"), default);
        await using var check = database.CreateContext();
        Assert.NotNull((await check.Consignments.SingleAsync()).RetractedAt);
    }

    [Fact]
    public async Task A_flight_manifest_announces_unknown_waybills_and_their_own_waybill_replaces_that()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var manifest = await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.FlightManifest("KL0566", "2026-03-02T22:10:00Z", "074-12345675", "074-22222224"))), Test("ffm.xml"), default);
        Assert.Equal(ReceiptStatus.Accepted, manifest.Status);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(2, await db.Consignments.CountAsync(c => c.SourceDocument == "XFFM KL0566/2026-03-02" && c.HubCode == "SPL"));
            Assert.Equal("KL0566/2026-03-02", (await db.Movements.SingleAsync()).Reference);
        }

        var waybill = await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.Waybill())), Test("fwb.xml"), default);
        Assert.Equal(ReceiptStatus.Accepted, waybill.Status);
        await using var check = database.CreateContext();
        var stored = await check.Consignments.Include(c => c.Parties).Include(c => c.Goods).SingleAsync(c => c.Reference == "074-12345675");
        Assert.Equal(("074-12345675", 2, 2), (stored.SourceDocument, stored.Revision, stored.Parties.Count));
        Assert.Equal("060311", stored.Goods.Single().HsCode);
        Assert.Equal(1, await check.Movements.CountAsync());

        var resent = await Pipeline(database).IngestCargoXmlAsync(Write(Xml(CargoXmlSamples.FlightManifest("KL0566", "2026-03-02T22:10:00Z", "074-12345675", "074-22222224"))), Test("ffm-again.xml"), default);
        Assert.Equal(ReceiptStatus.Duplicate, resent.Status);
    }

    [Fact]
    public async Task A_waybill_for_no_hub_and_one_without_number_are_quarantined_alone_and_replay_once_the_hub_is_known()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var text = Xml(CargoXmlSamples.Waybill(awb: "074-33333333", destination: "CDG"), CargoXmlSamples.Waybill(awb: ""), CargoXmlSamples.Waybill());
        var receipt = await Pipeline(database).IngestCargoXmlAsync(Write(text), Test("mixed.xml"), default);

        Assert.Equal((ReceiptStatus.PartlyRejected, 2), (receipt.Status, receipt.Rejected));
        List<QuarantineItem> open;
        await using (var db = database.CreateContext())
        {
            Assert.Equal("074-12345675", (await db.Consignments.SingleAsync()).Reference);
            open = await db.Quarantine.OrderBy(q => q.Code).ToListAsync();
            Assert.Equal(["cargoxml.no-awb", "ingest.unknown-hub"], open.Select(q => q.Code));
            Assert.All(open, q => Assert.Equal((IngestFormat.CargoXml, "XFWB"), (q.Format, q.Type)));
            // The second message starts on line 38; its empty <ram:ID> is its tenth line, indented four spaces.
            Assert.Equal("line 47, column 6 (byte 2817)", open[0].Where);
            db.HubLocations.Add(new Portcullis.Domain.Hubs.HubLocation { HubCode = "SPL", UnLocode = "FRPAR", Name = "Paris (test)", Latitude = 49, Longitude = 2.5 });
            await db.SaveChangesAsync();
        }

        var replayed = await Pipeline(database).RetryAsync(open[1].Id, new IngestOrigin("retry", "tester"), default);
        var again = await Pipeline(database).RetryAsync(open[0].Id, new IngestOrigin("retry", "tester"), default);

        Assert.Equal(ReceiptStatus.Accepted, replayed.Receipt!.Status);
        Assert.Equal(ReceiptStatus.Rejected, again.Receipt!.Status);
        await using var check = database.CreateContext();
        Assert.Equal("SPL", (await check.Consignments.SingleAsync(c => c.Reference == "074-33333333")).HubCode);
        Assert.Equal(QuarantineStatus.Resolved, (await check.Quarantine.SingleAsync(q => q.Id == open[1].Id)).Status);
        Assert.Equal(QuarantineStatus.Superseded, (await check.Quarantine.SingleAsync(q => q.Id == open[0].Id)).Status);
    }

    [Fact]
    public async Task A_file_that_breaks_off_stores_nothing_of_it_and_keeps_it_whole_in_quarantine()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var text = Xml(CargoXmlSamples.Waybill(), CargoXmlSamples.Waybill(awb: "074-22222224"));
        var receipt = await Pipeline(database).IngestCargoXmlAsync(Write(text[..^40]), Test("cut.xml"), default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Consignments.CountAsync());
        Assert.Equal(0, await db.Movements.CountAsync());
        var item = await db.Quarantine.SingleAsync();
        Assert.Equal(("file", "cargoxml.not-well-formed"), (item.Type, item.Code));
        Assert.Equal(text[..^40], Encoding.UTF8.GetString(item.Payload!));
    }

    [Fact]
    public async Task A_ONE_Record_waybill_lands_and_a_resend_is_a_duplicate()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var first = await Pipeline(database).IngestOneRecordAsync(Write(OneRecordSamples.Waybill(), "wb.json"), Test("wb.json"), default);
        var again = await Pipeline(database).IngestOneRecordAsync(Write(OneRecordSamples.Waybill(), "wb.json"), Test("wb.json"), default);

        Assert.Equal((ReceiptStatus.Accepted, ReceiptStatus.Duplicate), (first.Status, again.Status));
        await using var db = database.CreateContext();
        var stored = await db.Consignments.Include(c => c.Goods).SingleAsync();
        Assert.Equal(("074-12345675", "SPL", ConsignmentKind.AirCargo, 512.5), (stored.Reference, stored.HubCode, stored.Kind, stored.TotalGrossKg));
    }

    [Fact]
    public void Files_are_told_apart_by_content()
    {
        Assert.Equal(IngestFormat.CargoXml, IngestCommand.Detect(Write(Xml(CargoXmlSamples.Waybill())), null));
        Assert.Equal(IngestFormat.OneRecord, IngestCommand.Detect(Write(OneRecordSamples.Waybill(), "x.json"), null));
        Assert.Equal(IngestFormat.Dcsa, IngestCommand.Detect(Write(IngestFiles.DcsaGateIn("e1"), "e.json"), null));
    }

    [Fact]
    public async Task Upload_answers_202_with_a_receipt_or_a_problem_naming_the_DTD()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var client = await host.WithTokenAsync("targeting-analyst", scope: "ingest");

        using var good = await client.PostAsync("/api/v1/ingest/cargo-xml?name=fwb.xml", new StringContent(Xml(CargoXmlSamples.Waybill()), Encoding.UTF8, "application/xml"));
        using var dtd = await client.PostAsync("/api/v1/ingest/cargo-xml", new StringContent("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", Encoding.UTF8, "application/xml"));
        using var onerecord = await client.PostAsync("/api/v1/ingest/one-record", new StringContent(OneRecordSamples.Waybill(number: "22222224"), Encoding.UTF8, "application/ld+json"));

        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal("Accepted", (await good.Content.ReadFromJsonAsync<Receipts.ReceiptView>())!.Status);
        Assert.Equal(HttpStatusCode.BadRequest, dtd.StatusCode);
        Assert.Equal("application/problem+json", dtd.Content.Headers.ContentType?.MediaType);
        var problem = await dtd.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"cargoxml.dtd\"", problem, StringComparison.Ordinal);
        Assert.Contains("remove the DOCTYPE", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, onerecord.StatusCode);
        await using var db = host.Database.CreateContext();
        Assert.Equal(["074-12345675", "074-22222224"], await db.Consignments.OrderBy(c => c.Reference).Select(c => c.Reference).ToListAsync());
    }
}
