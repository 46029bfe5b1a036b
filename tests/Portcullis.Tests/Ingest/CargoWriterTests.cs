using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// The storing half of ingest, fed with reader records directly: originals, duplicates,
/// replacements and cancellations with their history, party matching, and rollbacks.
/// </summary>
public sealed class CargoWriterTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    private static ConsignmentRecord Bill(string reference, string consignee = "Nieuwe Fruithandel BV", double grossKg = 21_500, string discharge = "NLRTM", int serial = 100001) => new(
        reference,
        ConsignmentKind.SeaContainer,
        Direction.Import,
        HubCode: null,
        BookedAt: Now.AddDays(-20),
        DepartedAt: Now.AddDays(-17),
        ArrivedAt: Now,
        OriginCountry: "EC",
        new RouteRecord(null, "ECGYE", ["PAMIT"], discharge, null),
        [new PartyRecord(PartyRole.Consignor, "Frutas del Pacifico SA", "EC", null, null), new PartyRecord(PartyRole.Consignee, consignee, "NL", null, null)],
        [new GoodsRecord(1, "080390", "Fresh bananas", 1080, "CT", grossKg, grossKg * 0.9, 18_000)],
        [new EquipmentRecord(ContainerNumber.Create("TSTU", 'U', serial).Value, "45R1", true, ["ML-EC1234567"], 13.3)]);

    private static async Task<(CargoOutcome Outcome, Guid ReceiptId)> WriteAsync(Database database, ConsignmentRecord record, DocumentFunction function, bool commit = true)
    {
        await using var db = database.CreateContext();
        var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, default), Now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var receiptId = Guid.NewGuid();
        Assert.Null(writer.Validate([record]));
        var outcome = await writer.ConsignmentAsync(record, function, null, "MANIFEST-1", receiptId, null, default);
        await writer.FlushAsync(default);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return (outcome, receiptId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_original_is_stored_whole_with_its_hub_parties_goods_and_container(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var (outcome, _) = await WriteAsync(database, Bill("MAEU123"), DocumentFunction.Original);
        Assert.Equal(CargoOutcome.Stored, outcome);

        await using var db = database.CreateContext();
        var stored = await db.Consignments.Include(c => c.Parties).ThenInclude(p => p.Party).Include(c => c.Goods).Include(c => c.Equipment).SingleAsync();
        Assert.Equal("RTM", stored.HubCode);
        Assert.Equal(["PAMIT"], stored.Route.TransshipmentPorts);
        Assert.Equal(21_500, stored.TotalGrossKg);
        Assert.Equal(Now.AddDays(-20), stored.BookedAt);
        Assert.Equal(1, stored.Revision);
        Assert.Equal("Nieuwe Fruithandel BV", stored.Parties.Single(p => p.Role == PartyRole.Consignee).Party!.Name);
        Assert.Equal(["ML-EC1234567"], stored.Equipment.Single().SealNumbers);
        Assert.Equal(13.3, stored.Equipment.Single().ReeferSetpointC);
        Assert.True((await db.Equipment.SingleAsync()).Reefer);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_second_original_is_a_duplicate_and_changes_nothing(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await WriteAsync(database, Bill("MAEU123"), DocumentFunction.Original);
        var (outcome, _) = await WriteAsync(database, Bill("MAEU123", grossKg: 99), DocumentFunction.Original);

        Assert.Equal(CargoOutcome.Duplicate, outcome);
        await using var db = database.CreateContext();
        Assert.Equal(21_500, (await db.Consignments.SingleAsync()).TotalGrossKg);
        Assert.Equal(1, await db.GoodsLines.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_replacement_keeps_the_earlier_version_as_history(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await WriteAsync(database, Bill("MAEU123"), DocumentFunction.Original);
        Guid originalId;
        await using (var db = database.CreateContext())
        {
            originalId = (await db.Consignments.SingleAsync()).Id;
        }

        var (outcome, receiptId) = await WriteAsync(database, Bill("MAEU123", consignee: "Andere Importeur BV", grossKg: 20_000), DocumentFunction.Replace);

        Assert.Equal(CargoOutcome.Replaced, outcome);
        await using var check = database.CreateContext();
        var current = await check.Consignments.Include(c => c.Parties).ThenInclude(p => p.Party).SingleAsync();
        Assert.Equal(originalId, current.Id);
        Assert.Equal(2, current.Revision);
        Assert.Equal(20_000, current.TotalGrossKg);
        Assert.Equal("Andere Importeur BV", current.Parties.Single(p => p.Role == PartyRole.Consignee).Party!.Name);
        Assert.Equal(1, await check.GoodsLines.CountAsync());

        var history = await check.ConsignmentRevisions.SingleAsync();
        Assert.Equal(1, history.Revision);
        Assert.Equal("Replace", history.EndedBy);
        Assert.Equal(receiptId, history.ReceiptId);
        Assert.Contains("Nieuwe Fruithandel BV", history.Snapshot, StringComparison.Ordinal);
        Assert.Contains("21500", history.Snapshot, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_cancellation_retracts_but_keeps_the_consignment_and_a_revision(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await WriteAsync(database, Bill("MAEU123"), DocumentFunction.Original);
        var (outcome, _) = await WriteAsync(database, Bill("MAEU123"), DocumentFunction.Cancel);
        Assert.Equal(CargoOutcome.Retracted, outcome);

        await using var db = database.CreateContext();
        var stored = await db.Consignments.SingleAsync();
        Assert.Equal(Now, stored.RetractedAt);
        Assert.Equal("Cancel", (await db.ConsignmentRevisions.SingleAsync()).EndedBy);

        // After a cancellation the same bill of lading may be declared afresh.
        var (again, _) = await WriteAsync(database, Bill("MAEU123"), DocumentFunction.Original);
        Assert.Equal(CargoOutcome.Stored, again);
    }

    [Fact]
    public async Task Parties_are_matched_by_name_and_country_across_consignments()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        await WriteAsync(database, Bill("A1", serial: 100001), DocumentFunction.Original);
        await WriteAsync(database, Bill("A2", serial: 100002), DocumentFunction.Original);
        await WriteAsync(database, Bill("A3", consignee: "NIEUWE FRUITHANDEL BV ", serial: 100003), DocumentFunction.Original);

        await using var db = database.CreateContext();
        Assert.Equal(2, await db.Parties.CountAsync());
        Assert.Equal(3, await db.Equipment.CountAsync());
        Assert.Equal(Now.AddDays(-20), (await db.Parties.SingleAsync(p => p.CountryCode == "NL")).FirstSeen);
    }

    [Fact]
    public async Task A_consignment_for_a_port_outside_every_hub_is_refused_before_anything_is_staged()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        await using var db = database.CreateContext();
        var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, default), Now);

        var issue = writer.Validate([Bill("OK1"), Bill("BEANR1", discharge: "BEANR")]);

        Assert.NotNull(issue);
        Assert.Equal("ingest.unknown-hub", issue.Code);
        Assert.Contains("BEANR", issue.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Staged);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_no_rows_and_no_stale_cache()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        await using var db = database.CreateContext();
        var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, default), Now);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await writer.ConsignmentAsync(Bill("R1"), DocumentFunction.Original, null, null, Guid.NewGuid(), null, default);
            await writer.FlushAsync(default);
            await transaction.RollbackAsync();
        }

        writer.RolledBack();
        Assert.Equal(0, await db.Consignments.CountAsync());

        // The same writer stores it again: the party and container it had cached were rolled back too.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(CargoOutcome.Stored, await writer.ConsignmentAsync(Bill("R1"), DocumentFunction.Original, null, null, Guid.NewGuid(), null, default));
            await writer.FlushAsync(default);
            await transaction.CommitAsync();
        }

        writer.Committed();
        Assert.Equal(1, await db.Consignments.CountAsync());
        Assert.Equal(2, await db.Parties.CountAsync());
        Assert.Equal(1, await db.Equipment.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task With_its_caches_started_again_the_writer_still_finds_stored_consignments_and_containers(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        // A bound of zero empties the caches at every commit, as a long file does past the bound.
        var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, default), Now) { CacheBound = 0 };

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await writer.PrefetchAsync(["C1"], [ContainerNumber.Create("TSTU", 'U', 100001).Value], [], default);
            Assert.Equal(CargoOutcome.Stored, await writer.ConsignmentAsync(Bill("C1"), DocumentFunction.Original, null, null, Guid.NewGuid(), null, default));
            await writer.FlushAsync(default);
            await transaction.CommitAsync();
        }

        writer.Committed();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Same bill of lading, and a new bill in the same container: a duplicate and one equipment row.
            Assert.Equal(CargoOutcome.Duplicate, await writer.ConsignmentAsync(Bill("C1", grossKg: 99), DocumentFunction.Original, null, null, Guid.NewGuid(), null, default));
            Assert.Equal(CargoOutcome.Stored, await writer.ConsignmentAsync(Bill("C2"), DocumentFunction.Original, null, null, Guid.NewGuid(), null, default));
            await writer.FlushAsync(default);
            await transaction.CommitAsync();
        }

        writer.Committed();
        Assert.Equal(["C1", "C2"], await db.Consignments.Select(c => c.Reference).OrderBy(r => r).ToListAsync());
        Assert.Equal(21_500, (await db.Consignments.SingleAsync(c => c.Reference == "C1")).TotalGrossKg);
        Assert.Equal(1, await db.Equipment.CountAsync());
        Assert.Equal(2, await db.ConsignmentEquipment.CountAsync());
    }
}
