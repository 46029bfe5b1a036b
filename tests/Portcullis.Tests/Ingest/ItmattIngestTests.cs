using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// Postal item messages (ITMATT) through the whole pipeline: postal items land at the POST hub
/// with their parties and content pieces, a re-sent file is a duplicate, a replacement revises the
/// item in place, and a rejected message waits in quarantine until a replay can store it.
/// </summary>
public sealed class ItmattIngestTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private static IngestPipeline Pipeline(Database database) => new(database, Clock, new IngestOptions());

    private static IngestOrigin Test(string name) => new("test", "tester", null, name);

    /// <summary>An interchange of one ITMATT message around <paramref name="body"/>, with the right UNT count.</summary>
    private static string Interchange(string body, string control = "P1", string function = "9", string document = "ITM-1")
    {
        var segments = $"BGM++{document}+{function}'NAD+CA+NLPOST::ZZZ++PostNL International Mail+++++NL'" + body;
        var count = segments.Count(c => c == '\'') + 2;
        return $"UNA:+.? 'UNB+UNOC:3+NLPOST+NLCUSTOMS+261120:0800+{control}'UNH+1+ITMATT:1:1:UP'{segments}UNT+{count}+1'UNZ+1+{control}'";
    }

    private static string Item(string id, string sender = "Jan de Vries", string departure = "NLAMS", string value = "25.50") =>
        $"CNI+1+{id}'DTM+137:202611191015:203'DTM+200:202611200812:203'LOC+5+{departure}:139:6'LOC+7+USNYC:139:6'LOC+27+NL'"
        + $"NAD+CZ+++{sender}+Dorpsstraat 1+Utrecht++3511AA+NL'NAD+CN+++Mary Smith+5th Avenue 10+New York++10001+US'MEA+AAE+G+KGM:1.25'"
        + $"GID+1+2'FTX+AAA+++Cotton T-shirts'PIA+5+610910:HS'MEA+AAE+N+KGM:0.4'MOA+123:{value}:EUR'"
        + "GID+2+1'FTX+AAA+++Book'PIA+5+490199:HS'MEA+AAE+N+KGM:0.6'MOA+123:12:EUR'";

    private static string Write(string text, string name = "itmatt.edi")
    {
        var path = Path.Combine(IngestFiles.Folder(), name);
        File.WriteAllText(path, text, Encoding.Latin1);
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_simulated_days_postal_items_land_at_the_post_hub_equal_to_what_the_simulator_made(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var folder = IngestFiles.Folder();
        var day = IngestFiles.Simulate(folder).Single();
        var expected = day.Simulated.Consignments.Where(c => c.Kind == ConsignmentKind.PostalItem).ToList();
        Assert.True(expected.Count > 20, "the simulated day should have postal items");
        var file = Path.Combine(folder, "20261102-itmatt.edi");

        var receipt = await Pipeline(database).IngestEdifactAsync(file, Test("itmatt.edi"), null, default);

        Assert.Equal(ReceiptStatus.Accepted, receipt.Status);
        Assert.Equal(0, receipt.Rejected);
        Assert.Equal("NLPOST", receipt.Sender);
        await using var db = database.CreateContext();
        Assert.Equal(expected.Count, await db.Consignments.CountAsync(c => c.Kind == ConsignmentKind.PostalItem && c.HubCode == "POST" && c.Direction == Direction.Export && c.MovementId == null));
        Assert.Equal(expected.Sum(c => c.Goods.Count), await db.GoodsLines.CountAsync());
        foreach (var original in expected.Where((_, i) => i % 5 == 0))
        {
            var stored = await db.Consignments.Include(c => c.Goods).Include(c => c.Parties).ThenInclude(p => p.Party)
                .AsSplitQuery().SingleAsync(c => c.Reference == original.Reference);
            Assert.Equal((original.BookedAt, original.ArrivedAt, original.OriginCountry), (stored.BookedAt, stored.ArrivedAt, stored.OriginCountry));
            Assert.Equal((original.Route.PortOfLoading, original.Route.PlaceOfDelivery), (stored.Route.PortOfLoading, stored.Route.PlaceOfDelivery));
            Assert.Equal(original.TotalGrossKg, stored.TotalGrossKg, 6);
            Assert.Equal(
                original.Goods.Select(g => (g.HsCode, g.Description, g.Packages, g.NetKg, g.ValueEur)),
                stored.Goods.OrderBy(g => g.LineNumber).Select(g => (g.HsCode, g.Description, g.Packages, g.NetKg, g.ValueEur)));
            foreach (var role in new[] { PartyRole.Consignor, PartyRole.Consignee })
            {
                var party = day.Simulated.NewParties.SingleOrDefault(p => p.Id == original.Parties.Single(x => x.Role == role).PartyId);
                if (party is not null)
                {
                    Assert.Equal((party.Name, party.CountryCode), (stored.Parties.Single(p => p.Role == role).Party!.Name, stored.Parties.Single(p => p.Role == role).Party!.CountryCode));
                }
            }

            Assert.Equal("PostNL International Mail", stored.Parties.Single(p => p.Role == PartyRole.Declarant).Party!.Name);
        }
    }

    [Fact]
    public async Task Sending_the_same_items_again_is_a_duplicate_and_a_replacement_revises_the_item_in_place()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var first = await Pipeline(database).IngestEdifactAsync(Write(Interchange(Item("CX473124829NL"))), Test("a.edi"), null, default);
        var again = await Pipeline(database).IngestEdifactAsync(Write(Interchange(Item("CX473124829NL"), control: "P2")), Test("b.edi"), null, default);
        var replaced = await Pipeline(database).IngestEdifactAsync(Write(Interchange(Item("CX473124829NL", value: "99"), control: "P3", function: "5")), Test("c.edi"), null, default);

        Assert.Equal((1, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 1), (again.Accepted, again.Duplicates));
        Assert.Equal(0, replaced.Rejected);
        await using var db = database.CreateContext();
        var stored = await db.Consignments.Include(c => c.Goods).SingleAsync();
        Assert.Equal(2, stored.Revision);
        Assert.Equal(99, stored.Goods.Single(g => g.LineNumber == 1).ValueEur);
        Assert.Equal(1, await db.ConsignmentRevisions.CountAsync(r => r.ConsignmentId == stored.Id));
        Assert.Equal(3, await db.Set<ConsignmentParty>().CountAsync(p => p.ConsignmentId == stored.Id));
    }

    [Fact]
    public async Task A_bad_check_digit_is_a_warning_on_the_receipt_and_the_item_is_stored_as_given()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);

        var receipt = await Pipeline(database).IngestEdifactAsync(Write(Interchange(Item("CP001020301BR"))), Test("a.edi"), null, default);

        Assert.Equal(ReceiptStatus.Accepted, receipt.Status);
        var warning = Assert.Single(receipt.Issues, i => i.Code == "itmatt.s10-check-digit");
        Assert.Equal("warning", warning.Severity);
        Assert.Contains("segment 4", warning.Where, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal("CP001020301BR", (await db.Consignments.SingleAsync()).Reference);
    }

    [Fact]
    public async Task An_item_message_without_an_item_id_is_quarantined_whole_and_its_neighbour_items_in_it_are_not_stored()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var body = Item("CX473124829NL") + Item("").Replace("CNI+1+'", "CNI+2'", StringComparison.Ordinal);

        var receipt = await Pipeline(database).IngestEdifactAsync(Write(Interchange(body)), Test("a.edi"), null, default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Consignments.CountAsync());
        var item = await db.Quarantine.SingleAsync();
        Assert.Equal(("ITMATT", "itmatt.missing-item-id"), (item.Type, item.Code));
        Assert.Contains("segment 23", item.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_posted_where_no_hub_is_waits_in_quarantine_and_a_replay_stores_it_once_the_place_is_known()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var receipt = await Pipeline(database).IngestEdifactAsync(Write(Interchange(Item("CX473124829NL", departure: "NLUTC"))), Test("a.edi"), null, default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        QuarantineItem item;
        await using (var db = database.CreateContext())
        {
            item = await db.Quarantine.SingleAsync();
            Assert.Equal("ingest.unknown-hub", item.Code);
            Assert.Equal("Consignment CX473124829NL leaves from NLUTC, which is not a location of any hub; declare the Dutch place of departure (NLAMS for the mail centre…) or send it to the customs office of that place.", item.Reason);
            db.HubLocations.Add(new Portcullis.Domain.Hubs.HubLocation { HubCode = "POST", UnLocode = "NLUTC", Name = "Utrecht sorting centre", Latitude = 52.09, Longitude = 5.11 });
            await db.SaveChangesAsync();
        }

        var retried = await Pipeline(database).RetryAsync(item.Id, new IngestOrigin("retry", "tester"), default);

        Assert.Equal(0, retried.Receipt!.Rejected);
        await using var check = database.CreateContext();
        Assert.Equal("POST", (await check.Consignments.SingleAsync(c => c.Reference == "CX473124829NL")).HubCode);
        Assert.Equal(QuarantineStatus.Resolved, (await check.Quarantine.SingleAsync()).Status);
    }
}
