using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Ingest;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>Declaration files with a mapping through the pipeline: features, outcomes, duplicates, rejected rows and replay.</summary>
public sealed class CsvIngestTests
{
    private const string Mapping = """
        declaration_id: id
        date:
          column: date
          formats: [yyyy-MM-dd]
        hub: ZWB
        parties:
          importer: importer
        hs_code: hs
        origin_country: origin
        gross_mass: kg
        value:
          column: value
          currency: EUR
        categorical:
          office: office
        numeric:
          tax_rate: tax
        outcome:
          all_inspected: true
          hit: hit
          seized_kg: seized
        """;

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private static string Write(string text)
    {
        var path = Path.Combine(IngestFiles.Folder(), "declarations.csv");
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Declarations_land_with_their_extra_features_and_outcomes(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var path = Write("""
            id,date,importer,hs,origin,kg,value,office,tax,hit,seized
            D1,2026-03-01,IMP1,0803901000,EC,21000,18000,OFF4,0.1,1,310
            D2,2026-03-02,IMP2,0901110000,CO,"1,5",400,OFF1,0.0,0,
            """.Replace("\"1,5\"", "15", StringComparison.Ordinal));

        var receipt = await new IngestPipeline(database, Clock, new IngestOptions()).IngestCsvAsync(path, Mapping, new IngestOrigin("test"), default);

        Assert.Equal(ReceiptStatus.Accepted, receipt.Status);
        Assert.Equal(2, receipt.Accepted);
        await using var db = database.CreateContext();
        var d1 = await db.Consignments.Include(c => c.Goods).SingleAsync(c => c.Reference == "D1");
        Assert.Equal("ZWB", d1.HubCode);
        Assert.Equal("EC", d1.OriginCountry);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), d1.BookedAt);
        Assert.Equal("0803901000", d1.Goods.Single().HsCode);
        var features = await db.DeclarationFeatures.SingleAsync(f => f.ConsignmentId == d1.Id);
        Assert.Equal("OFF4", features.Categorical["office"]);
        Assert.Equal(0.1, features.Numeric["tax_rate"]);
        var outcome = await db.DeclarationOutcomes.SingleAsync(o => o.ConsignmentId == d1.Id);
        Assert.True(outcome.Inspected);
        Assert.True(outcome.Hit);
        Assert.Equal(310, outcome.SeizedKg);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), outcome.KnownAt);
        Assert.False((await db.DeclarationOutcomes.SingleAsync(o => o.ConsignmentId != d1.Id)).Hit);
    }

    [Fact]
    public async Task Bad_rows_are_named_on_the_receipt_and_the_file_replays_once_fixed()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var pipeline = new IngestPipeline(database, Clock, new IngestOptions());
        var path = Write("""
            id,date,importer,hs,origin,kg,value,office,tax,hit,seized
            D1,2026-03-01,IMP1,0803901000,EC,21000,18000,OFF4,0.1,1,310
            D2,2026-03-02,IMP2,0901110000,CO,15,400,OFF1,0.0,maybe,
            D3,2026-03-03,IMP3,0901110000,CO,15,400,OFF1,0.0,0,
            """);

        var receipt = await pipeline.IngestCsvAsync(path, Mapping, new IngestOrigin("test"), default);

        Assert.Equal(ReceiptStatus.PartlyRejected, receipt.Status);
        Assert.Equal(2, receipt.Accepted);
        Assert.Equal(1, receipt.Rejected);
        Assert.Contains(receipt.Issues, i => i.Message.Contains("Row 2", StringComparison.Ordinal) && i.Message.Contains("'maybe'", StringComparison.Ordinal));
        QuarantineItem item;
        await using (var db = database.CreateContext())
        {
            item = await db.Quarantine.SingleAsync();
            Assert.Equal(Mapping, item.Mapping);
            Assert.Contains("rows 2", item.Reason, StringComparison.Ordinal);
            // Nothing half-written: the rejected declaration is simply absent.
            Assert.False(await db.Consignments.AnyAsync(c => c.Reference == "D2"));
        }

        // The operator relaxes the label values; the replay lands D2 and sees D1 and D3 as duplicates.
        await using (var db = database.CreateContext())
        {
            var relaxed = Mapping.Replace("  hit: hit", "  hit: hit\n  true_values: ['1', 'maybe']", StringComparison.Ordinal);
            await db.Quarantine.Where(q => q.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Mapping, relaxed));
        }

        var retried = await pipeline.RetryAsync(item.Id, new IngestOrigin("retry"), default);
        Assert.NotNull(retried.Receipt);
        Assert.Equal(1, retried.Receipt.Accepted);
        Assert.Equal(2, retried.Receipt.Duplicates);
        await using var check = database.CreateContext();
        Assert.Equal(3, await check.Consignments.CountAsync());
        Assert.Equal(QuarantineStatus.Resolved, (await check.Quarantine.SingleAsync(q => q.Id == item.Id)).Status);
    }

    [Fact]
    public async Task A_mapping_naming_a_column_the_file_lacks_rejects_the_file_and_stores_nothing()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var path = Write("""
            id,date,importer,hs,origin,kg,value,office,tax,hit
            D1,2026-03-01,IMP1,0803901000,EC,21000,18000,OFF4,0.1,1
            """);

        var receipt = await new IngestPipeline(database, Clock, new IngestOptions()).IngestCsvAsync(path, Mapping, new IngestOrigin("test"), default);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        Assert.Contains("seized", receipt.Issues.Single().Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Consignments.CountAsync());
        Assert.Equal("file", (await db.Quarantine.SingleAsync()).Type);
    }
}
