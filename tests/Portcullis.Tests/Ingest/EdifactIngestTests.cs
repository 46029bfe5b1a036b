using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// EDIFACT files through the whole pipeline into a real database: what lands, what is a
/// duplicate, what goes to quarantine with where and why, and what a replay does.
/// </summary>
public sealed class EdifactIngestTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private static IngestPipeline Pipeline(Database database) => new(database, Clock, new IngestOptions());

    private static IngestOrigin Test(string name) => new("test", "tester", null, name);

    private static string WriteText(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, Encoding.Latin1);
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_simulated_day_lands_whole_and_equal_to_what_the_simulator_made(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var folder = IngestFiles.Folder();
        var day = IngestFiles.Simulate(folder).Single();
        var expected = IngestFiles.Manifested(day.Simulated);
        var eventsExpected = day.Simulated.Events.Count(e => e.Type is ContainerEventType.Load or ContainerEventType.Discharge or ContainerEventType.GateIn or ContainerEventType.GateOut);

        var manifests = await Pipeline(database).IngestEdifactAsync(day.Manifests, Test("cuscar.edi"), null, default);
        var events = await Pipeline(database).IngestEdifactAsync(day.Events, Test("events.edi"), null, default);

        Assert.Equal(ReceiptStatus.Accepted, manifests.Status);
        Assert.Equal(ReceiptStatus.Accepted, events.Status);
        Assert.Equal(0, manifests.Rejected + events.Rejected);
        Assert.Equal("PORTBASE", manifests.Sender);
        await using var db = database.CreateContext();
        Assert.Equal(expected.Count, await db.Consignments.CountAsync());
        Assert.Equal(eventsExpected, await db.ContainerEvents.CountAsync());
        Assert.Equal(expected.Sum(c => c.Goods.Count), await db.GoodsLines.CountAsync());
        Assert.Equal(expected.Sum(c => c.Equipment.Count), await db.ConsignmentEquipment.CountAsync());

        // Field by field for a sample: the stored consignment says what the simulator's did.
        foreach (var original in expected.Where((_, i) => i % 7 == 0))
        {
            var stored = await db.Consignments.Include(c => c.Goods).Include(c => c.Equipment).Include(c => c.Parties).ThenInclude(p => p.Party)
                .AsSplitQuery().SingleAsync(c => c.Reference == original.Reference);
            Assert.Equal(original.HubCode, stored.HubCode);
            Assert.Equal(original.Kind, stored.Kind);
            Assert.Equal(original.ArrivedAt, stored.ArrivedAt);
            Assert.Equal(original.BookedAt, stored.BookedAt);
            Assert.Equal(original.OriginCountry, stored.OriginCountry);
            Assert.Equal(original.Route.PortOfLoading, stored.Route.PortOfLoading);
            Assert.Equal(original.Route.TransshipmentPorts, stored.Route.TransshipmentPorts);
            Assert.Equal(original.Goods.Select(g => (g.HsCode, g.Packages, g.GrossKg)), stored.Goods.OrderBy(g => g.LineNumber).Select(g => (g.HsCode, g.Packages, g.GrossKg)));
            Assert.Equal(original.Equipment.Select(e => e.ContainerNumber).Order(), stored.Equipment.Select(e => e.ContainerNumber).Order());
            var consignee = day.Simulated.NewParties.Concat([]).FirstOrDefault(p => p.Id == original.Parties.FirstOrDefault(x => x.Role == PartyRole.Consignee)?.PartyId);
            if (consignee is not null)
            {
                Assert.Equal(consignee.Name, stored.Parties.Single(p => p.Role == PartyRole.Consignee).Party!.Name);
            }
        }
    }

    [Fact]
    public async Task Sending_the_same_interchange_again_is_a_duplicate_and_changes_nothing()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var day = IngestFiles.Simulate(IngestFiles.Folder()).Single();
        var first = await Pipeline(database).IngestEdifactAsync(day.Manifests, Test("a.edi"), null, default);
        int before;
        await using (var db = database.CreateContext())
        {
            before = await db.Consignments.CountAsync();
        }

        var again = await Pipeline(database).IngestEdifactAsync(day.Manifests, Test("a-again.edi"), null, default);

        Assert.Equal(ReceiptStatus.Accepted, first.Status);
        Assert.Equal(ReceiptStatus.Duplicate, again.Status);
        Assert.Equal(first.Accepted, again.Duplicates);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(first.Sha256, again.Sha256);
        await using var check = database.CreateContext();
        Assert.Equal(before, await check.Consignments.CountAsync());
        Assert.Equal(2, await check.IngestReceipts.CountAsync());
    }

    [Fact]
    public async Task A_message_with_a_wrong_count_is_quarantined_while_its_neighbours_land()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var folder = IngestFiles.Folder();
        // Two gate reports in one interchange; the second says it has 99 segments.
        var good = IngestFiles.GateIn("X1");
        var body = good[good.IndexOf("UNH", StringComparison.Ordinal)..good.IndexOf("UNZ", StringComparison.Ordinal)];
        var second = body.Replace("UNH+1+", "UNH+2+", StringComparison.Ordinal).Replace("UNT+9+1'", "UNT+99+2'", StringComparison.Ordinal)
            .Replace(IngestFiles.Container, Portcullis.Domain.Standards.ContainerNumber.Create("MSC", 'U', 654321).Value, StringComparison.Ordinal);
        var text = good.Replace("UNZ+1+X1'", second + "UNZ+2+X1'", StringComparison.Ordinal);

        var receipt = await Pipeline(database).IngestEdifactAsync(WriteText(folder, "mixed.edi", text), Test("mixed.edi"), null, default);

        Assert.Equal(ReceiptStatus.PartlyRejected, receipt.Status);
        Assert.Equal(1, receipt.Accepted);
        Assert.Equal(1, receipt.Rejected);
        await using var db = database.CreateContext();
        Assert.Equal(IngestFiles.Container, (await db.ContainerEvents.SingleAsync()).ContainerNumber);
        var quarantined = await db.Quarantine.SingleAsync();
        Assert.Equal("edifact.unt-count", quarantined.Code);
        Assert.Equal("2", quarantined.Reference);
        Assert.Contains("99", quarantined.Reason, StringComparison.Ordinal);
        Assert.Contains("message 2", quarantined.Where, StringComparison.Ordinal);
        Assert.NotNull(quarantined.Payload);
        Assert.StartsWith("UNA", Encoding.UTF8.GetString(quarantined.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_interchange_stores_nothing_and_keeps_the_whole_input_in_quarantine()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var text = IngestFiles.GateIn("T1");
        text = text[..text.IndexOf("UNZ", StringComparison.Ordinal)];

        var receipt = await Pipeline(database).IngestEdifactAsync(WriteText(IngestFiles.Folder(), "cut.edi", text), Test("cut.edi"), null, default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.ContainerEvents.CountAsync());
        Assert.Equal(0, await db.IngestKeys.CountAsync());
        var quarantined = await db.Quarantine.SingleAsync();
        Assert.Equal("interchange", quarantined.Type);
        Assert.Equal("edifact.unz-missing", quarantined.Code);
        Assert.Equal(text, Encoding.Latin1.GetString(quarantined.Payload!));

        // Once the sender's complete file arrives, the same control reference is not a duplicate.
        var complete = await Pipeline(database).IngestEdifactAsync(WriteText(IngestFiles.Folder(), "whole.edi", IngestFiles.GateIn("T1")), Test("whole.edi"), null, default);
        Assert.Equal(ReceiptStatus.Accepted, complete.Status);
    }

    [Fact]
    public async Task An_unsupported_message_type_is_refused_as_not_supported_and_nothing_is_stored()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var text = IngestFiles.GateIn("U1").Replace("CODECO:D:95B", "IFTMIN:D:99B", StringComparison.Ordinal);

        var receipt = await Pipeline(database).IngestEdifactAsync(WriteText(IngestFiles.Folder(), "iftmin.edi", text), Test("iftmin.edi"), null, default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        var issue = receipt.Issues.Single(i => i.Severity == "error");
        Assert.Equal("edifact.unsupported-message", issue.Code);
        Assert.Contains("IFTMIN is not supported", issue.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.ContainerEvents.CountAsync());
        Assert.Equal(0, await db.Consignments.CountAsync());
    }

    [Fact]
    public async Task Data_that_is_not_edifact_at_all_gets_a_rejected_receipt()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var receipt = await Pipeline(database).IngestEdifactAsync(WriteText(IngestFiles.Folder(), "x.edi", "hello world"), Test("x.edi"), null, default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        Assert.NotEmpty(receipt.Issues);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Quarantine.CountAsync());
    }

    [Fact]
    public async Task A_replay_after_the_cause_is_fixed_resolves_the_quarantined_message()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var day = IngestFiles.Simulate(IngestFiles.Folder()).Single();
        var vlissingen = IngestFiles.Manifested(day.Simulated).Count(c => c.HubCode == "ZWB");
        Assert.True(vlissingen > 0, "the simulated day should have Zeeland traffic");

        // Reference data is missing: Vlissingen is not known as a hub location yet.
        await using (var db = database.CreateContext())
        {
            await db.HubLocations.Where(l => l.UnLocode == "NLVLI").ExecuteDeleteAsync();
        }

        var receipt = await Pipeline(database).IngestEdifactAsync(day.Manifests, Test("day.edi"), null, default);
        Assert.Equal(ReceiptStatus.PartlyRejected, receipt.Status);
        List<QuarantineItem> open;
        await using (var db = database.CreateContext())
        {
            open = await db.Quarantine.Where(q => q.Status == QuarantineStatus.Open).ToListAsync();
            Assert.All(open, q => Assert.Equal("ingest.unknown-hub", q.Code));
            Assert.All(open, q => Assert.Contains("NLVLI", q.Reason, StringComparison.Ordinal));
            Assert.Equal(0, await db.Consignments.CountAsync(c => c.HubCode == "ZWB"));

            db.HubLocations.Add(new Portcullis.Domain.Hubs.HubLocation { HubCode = "ZWB", UnLocode = "NLVLI", Name = "Vlissingen", Latitude = 51.44, Longitude = 3.6 });
            await db.SaveChangesAsync();
        }

        foreach (var item in open)
        {
            var retried = await Pipeline(database).RetryAsync(item.Id, new IngestOrigin("retry", "tester"), default);
            Assert.NotNull(retried.Receipt);
            Assert.True(retried.Receipt.Rejected == 0, string.Join(" | ", retried.Receipt.Issues.Where(i => i.Severity == "error").Select(i => $"{i.Code}: {i.Message} {i.Where}")));
        }

        await using var check = database.CreateContext();
        Assert.Equal(vlissingen, await check.Consignments.CountAsync(c => c.HubCode == "ZWB"));
        Assert.All(await check.Quarantine.ToListAsync(), q => Assert.Equal(QuarantineStatus.Resolved, q.Status));

        // A resolved item cannot be replayed twice.
        var twice = await Pipeline(database).RetryAsync(open[0].Id, new IngestOrigin("retry", "tester"), default);
        Assert.Null(twice.Receipt);
        Assert.Equal(409, twice.Status);
    }

    [Fact]
    public async Task A_replay_that_fails_again_supersedes_the_item_with_a_new_one()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var text = IngestFiles.GateIn("S1");
        text = text[..text.IndexOf("UNZ", StringComparison.Ordinal)];
        await Pipeline(database).IngestEdifactAsync(WriteText(IngestFiles.Folder(), "cut.edi", text), Test("cut.edi"), null, default);
        Guid id;
        await using (var db = database.CreateContext())
        {
            id = (await db.Quarantine.SingleAsync()).Id;
        }

        var retried = await Pipeline(database).RetryAsync(id, new IngestOrigin("retry", "tester"), default);

        Assert.Equal(ReceiptStatus.Rejected, retried.Receipt!.Status);
        await using var check = database.CreateContext();
        Assert.Equal(QuarantineStatus.Superseded, (await check.Quarantine.SingleAsync(q => q.Id == id)).Status);
        Assert.Equal(1, await check.Quarantine.CountAsync(q => q.Status == QuarantineStatus.Open));
    }
}
