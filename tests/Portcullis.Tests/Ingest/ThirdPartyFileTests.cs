using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// Interchanges other people's software wrote (and hand-made ones with the quirks the issue found
/// in files we may not keep; see ThirdParty/ATTRIBUTION.md) through the whole pipeline. Expected
/// values are read by hand from each file.
/// </summary>
public sealed class ThirdPartyFileTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 13, 0, 0, TimeSpan.Zero));

    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "ThirdParty", name);

    private static async Task<(Database Database, IngestReceipt Receipt)> IngestAsync(string name)
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var receipt = await new IngestPipeline(database, Clock, new IngestOptions()).IngestEdifactAsync(File(name), new IngestOrigin("test", "tester", null, name), null, default);
        return (database, receipt);
    }

    private static void AcceptedWith(IngestReceipt receipt, params string[] warnings)
    {
        Assert.Equal(ReceiptStatus.Accepted, receipt.Status);
        Assert.Equal(0, receipt.Rejected);
        Assert.DoesNotContain(receipt.Issues, i => i.Severity == "error");
        foreach (var code in warnings)
        {
            Assert.Contains(receipt.Issues, i => i.Severity == "warning" && i.Code == code);
        }
    }

    [Fact]
    public async Task The_Huelva_CODECO_with_container_TESI1120274_stores_its_gate_in_as_sent()
    {
        var (database, receipt) = await IngestAsync("smartdatamodels-EdiCodeco.edi");

        AcceptedWith(receipt, "edifact.unverified-container-number", "edifact.count-leading-zeros");
        Assert.Contains(receipt.Issues, i => i.Code == "edifact.unverified-container-number" && i.Message.Contains("TESI1120274", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        var gate = await db.ContainerEvents.SingleAsync();
        Assert.Equal(
            ("TESI1120274", ContainerEventType.GateIn, new DateTime(2023, 8, 11, 14, 47, 0, DateTimeKind.Utc), "ESHUV", "CONCHUV", "88200", "road", "110823110823CCHRIB", "ESHUV"),
            (gate.ContainerNumber, gate.Type, gate.OccurredAt, gate.UnLocode, gate.Facility, gate.SealNumber, gate.InlandMode, gate.TransportReference, gate.Source));
    }

    [Fact]
    public async Task The_php_edifact_COARRI_lands_two_discharges_and_nineteen_loads_at_Genoa()
    {
        var (database, receipt) = await IngestAsync("php-edifact-D95BCOARRI.edi");

        AcceptedWith(receipt);
        Assert.Equal(2, receipt.Accepted);
        await using var db = database.CreateContext();
        var events = await db.ContainerEvents.ToListAsync();
        Assert.Equal(2, events.Count(e => e.Type == ContainerEventType.Discharge));
        Assert.Equal(19, events.Count(e => e.Type == ContainerEventType.Load));
        Assert.All(events, e => Assert.Equal(("ITGOA", "VTE", "ITGOAVTE"), (e.UnLocode, e.Facility, e.Source)));
        var first = events.Single(e => e.ContainerNumber == "FCIU9908030");
        Assert.Equal((ContainerEventType.Discharge, new DateTime(2016, 2, 3, 9, 13, 0, DateTimeKind.Utc)), (first.Type, first.OccurredAt));
        var loaded = events.Single(e => e.ContainerNumber == "CBHU6192031");
        Assert.Equal((ContainerEventType.Load, new DateTime(2016, 2, 4, 14, 38, 0, DateTimeKind.Utc), "H53175"), (loaded.Type, loaded.OccurredAt, loaded.SealNumber));
    }

    [Fact]
    public async Task The_php_edifact_BAPLIE_stores_three_stowage_cells_and_the_Long_Beach_call()
    {
        var (database, receipt) = await IngestAsync("php-edifact-D95BBAPLIE.edi");

        AcceptedWith(receipt, "baplie.missing-carrier");
        await using var db = database.CreateContext();
        var cells = await db.StowagePositions.OrderBy(s => s.Position).Select(s => new { s.ContainerNumber, s.Position, s.PortOfLoading, s.PortOfDischarge }).ToListAsync();
        Assert.Equal(
            [("MOEU0710945", "0060886", "USLGB", "CNXMN"), ("OOLU8757889", "0100114", "USLGB", "TWKHH"), ("OOLU4293959", "0780690", "USLGB", "CNYTN")],
            cells.Select(c => (c.ContainerNumber, c.Position, c.PortOfLoading, c.PortOfDischarge)));
        Assert.True(await db.Equipment.AllAsync(e => e.NumberVerified));
        var call = await db.Set<TransportCall>().SingleAsync();
        Assert.Equal(("USLGB", new DateTime(2016, 4, 14, 0, 0, 0, DateTimeKind.Utc), new DateTime(2016, 4, 1, 11, 35, 0, DateTimeKind.Utc)), (call.UnLocode, call.Arrival, call.Departure));
    }

    [Fact]
    public async Task The_edifact_types_BAPLIE_keeps_DEPARTPLACE_as_a_place_and_CONTAINER_as_an_unverified_number()
    {
        var (database, receipt) = await IngestAsync("edifact-types-d04b_baplie.edi");

        AcceptedWith(receipt, "edifact.not-a-locode", "edifact.unverified-container-number");
        await using var db = database.CreateContext();
        var calls = await db.Set<TransportCall>().OrderBy(c => c.Sequence).ToListAsync();
        Assert.Equal([("", "DEPARTPLACE"), ("", "NEXTPORTOFCALL")], calls.Select(c => (c.UnLocode, c.PlaceName)));
        var box = await db.Equipment.SingleAsync();
        Assert.Equal(("CONTAINER", false), (box.ContainerNumber, box.NumberVerified));
        var cell = await db.StowagePositions.SingleAsync();
        Assert.Equal(("CONTAINER", "0050302", null), (cell.ContainerNumber, cell.Position, cell.PortOfDischarge));
    }

    [Fact]
    public async Task A_CUSCAR_with_message_function_22_is_stored_as_an_original()
    {
        var (database, receipt) = await IngestAsync("handmade-cuscar-bgm22.edi");

        AcceptedWith(receipt, "cuscar.unusual-function");
        Assert.Contains(receipt.Issues, i => i.Message.Contains("22 (final transmission)", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        var consignment = await db.Consignments.Include(c => c.Equipment).SingleAsync();
        Assert.Equal(("HMBL0022", "HM-CR-22", 1, "CSQU3054383"), (consignment.Reference, consignment.SourceDocument, consignment.Revision, consignment.Equipment.Single().ContainerNumber));
        Assert.True((await db.Equipment.SingleAsync()).NumberVerified);
    }

    [Fact]
    public async Task COARRI_document_codes_119_and_122_store_a_discharge_and_a_load()
    {
        var (database, receipt) = await IngestAsync("handmade-coarri-bgm119-122.edi");

        AcceptedWith(receipt, "coarri.unusual-report-type");
        await using var db = database.CreateContext();
        var events = await db.ContainerEvents.OrderBy(e => e.OccurredAt).Select(e => new { e.ContainerNumber, e.Type }).ToListAsync();
        Assert.Equal([("CSQU3054383", ContainerEventType.Discharge), ("MSKU9070323", ContainerEventType.Load)], events.Select(e => (e.ContainerNumber, e.Type)));
    }

    [Fact]
    public async Task BAPLIE_dates_in_format_101_are_read_and_unreadable_or_empty_ones_are_left_empty_with_the_value_quoted()
    {
        var (database, receipt) = await IngestAsync("handmade-baplie-dtm-formats.edi");

        AcceptedWith(receipt, "edifact.unreadable-date");
        Assert.Contains(receipt.Issues, i => i.Code == "edifact.unreadable-date" && i.Message.Contains("'2611201400'", StringComparison.Ordinal));
        Assert.Contains(receipt.Issues, i => i.Code == "edifact.unreadable-date" && i.Message.Contains("carries no date", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        var calls = await db.Set<TransportCall>().OrderBy(c => c.Sequence).ToListAsync();
        Assert.Equal(
            [("NLRTM", (DateTime?)new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), (DateTime?)null), ("BEANR", null, null)],
            calls.Select(c => (c.UnLocode, c.Arrival, c.Departure)));
        Assert.Equal("FCIU9908030", (await db.StowagePositions.SingleAsync()).ContainerNumber);
    }

    [Fact]
    public async Task BAPLIE_LOC_5_VSL_is_kept_as_a_free_text_call()
    {
        var (database, receipt) = await IngestAsync("handmade-baplie-loc5-vsl.edi");

        AcceptedWith(receipt, "edifact.not-a-locode");
        await using var db = database.CreateContext();
        var call = await db.Set<TransportCall>().SingleAsync();
        Assert.Equal(("", "VSL", new DateTime(2026, 11, 20, 11, 0, 0, DateTimeKind.Utc)), (call.UnLocode, call.PlaceName, call.Arrival));
    }

    [Fact]
    public async Task An_interchange_without_a_UNB_recipient_is_read_with_a_warning()
    {
        var (database, receipt) = await IngestAsync("handmade-codeco-no-recipient.edi");

        AcceptedWith(receipt, "edifact.unb-no-recipient");
        await using var db = database.CreateContext();
        var gate = await db.ContainerEvents.SingleAsync();
        Assert.Equal(("CSQU3054383", ContainerEventType.GateOut, "NLRTM"), (gate.ContainerNumber, gate.Type, gate.UnLocode));
    }
}
