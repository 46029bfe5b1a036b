using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Ingest;
using Portcullis.Ingest.Air;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest.Air;

/// <summary>
/// Seeded mutations of real and hand-made air cargo inputs: the readers may reject, but never throw
/// and never hang; through the pipeline, a broken file stores nothing and a readable one stores
/// exactly the messages the reader accepted.
/// </summary>
public sealed class AirFuzzTests
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "Ingest", "Air", "Examples");

    private static List<byte[]> XmlSeeds() =>
    [
        .. Directory.EnumerateFiles(Examples, "*.xml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
        CargoXmlSamples.Bytes(CargoXmlSamples.Waybill(), CargoXmlSamples.Waybill(awb: "074-22222224"), CargoXmlSamples.FlightManifest("KL0566", "2026-03-02T22:10:00Z", "074-12345675")),
        CargoXmlSamples.Bytes("<rsm:StatusMessage xmlns:rsm=\"iata:statusmessage:1\"><x/></rsm:StatusMessage>", CargoXmlSamples.Waybill(awb: "")),
    ];

    [Fact]
    public void Mutated_Cargo_XML_only_ever_gives_messages_rejections_or_a_final_failure()
    {
        var seeds = XmlSeeds();
        var random = new Random(20261206);
        var stopwatch = Stopwatch.StartNew();
        int failed = 0, read = 0, rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var items = CargoXmlReader.Read(Mutate(seeds[random.Next(seeds.Count)], random, "<>/\"=&;:? \n")).ToList();
            Assert.NotEmpty(items);
            Assert.All(items.SkipLast(1), item => Assert.IsNotType<AirFailed>(item));
            foreach (var item in items)
            {
                switch (item)
                {
                    case AirFailed f:
                        Assert.False(string.IsNullOrWhiteSpace(f.Error.Message));
                        failed++;
                        break;
                    case AirRejected r:
                        Assert.Equal(IssueSeverity.Error, r.Error.Severity);
                        rejected++;
                        break;
                    case AirMessage m:
                        Assert.All(m.Document.Warnings, w => Assert.Equal(IssueSeverity.Warning, w.Severity));
                        Assert.All(m.Document.Consignments, c => Assert.False(string.IsNullOrWhiteSpace(c.Reference)));
                        read++;
                        break;
                }
            }
        }

        Assert.True(failed > 100, $"{failed} failed");
        Assert.True(read > 100, $"{read} read");
        Assert.True(rejected > 0, $"{rejected} rejected");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Mutated_ONE_Record_only_ever_gives_messages_rejections_or_a_failure()
    {
        List<byte[]> seeds =
        [
            .. Directory.EnumerateFiles(Path.Combine(Examples, "one-record"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
            OneRecordSamples.Bytes(OneRecordSamples.Waybill()),
            OneRecordSamples.Bytes("[" + OneRecordSamples.Waybill() + "," + OneRecordSamples.Waybill(number: "22222224") + "]"),
        ];
        var random = new Random(20261207);
        int failed = 0, read = 0;
        for (var i = 0; i < 3000; i++)
        {
            var items = OneRecordReader.Read(Mutate(seeds[random.Next(seeds.Count)], random, "{}[]\",:0-@#\n")).ToList();
            Assert.NotEmpty(items);
            failed += items.Count(x => x is AirFailed);
            read += items.Count(x => x is AirMessage);
            Assert.All(items.OfType<AirRejected>(), r => Assert.False(string.IsNullOrWhiteSpace(r.Error.Message)));
        }

        Assert.True(failed > 100, $"{failed} failed");
        Assert.True(read > 100, $"{read} read");
    }

    [Fact]
    public async Task Mutated_files_through_the_pipeline_store_all_the_reader_accepted_or_nothing()
    {
        var seed = CargoXmlSamples.Bytes(CargoXmlSamples.Waybill(), CargoXmlSamples.Waybill(awb: "074-22222224"), CargoXmlSamples.Waybill(awb: "074-33333333"));
        var random = new Random(20261208);
        var folder = IngestFiles.Folder();
        for (var i = 0; i < 25; i++)
        {
            var input = Mutate(seed, random, "<>/\"=&;:? \n");
            var path = Path.Combine(folder, $"fuzz-{i}.xml");
            await File.WriteAllBytesAsync(path, input);
            var items = CargoXmlReader.Read(input).ToList();
            var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
            var pipeline = new IngestPipeline(database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero)), new IngestOptions());

            var receipt = await pipeline.IngestCargoXmlAsync(path, new IngestOrigin("test", "fuzz", null, path), default);

            await using var db = database.CreateContext();
            var stored = await db.Consignments.Select(c => c.Reference).ToListAsync();
            if (items.Any(x => x is AirFailed))
            {
                Assert.Empty(stored);
                Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
            }
            else
            {
                var landed = items.OfType<AirMessage>().SelectMany(m => m.Document.Consignments)
                    .Where(c => c.Route.PortOfDischarge == "NLAMS").Select(c => c.Reference).Distinct().Order(StringComparer.Ordinal);
                Assert.Equal(landed, stored.Order(StringComparer.Ordinal));
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random, string alphabet)
    {
        var bytes = seed.ToList();
        switch (random.Next(5))
        {
            case 0:
                return [.. bytes.Take(random.Next(bytes.Count))];
            case 1:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                }

                return [.. bytes];
            case 2:
                bytes[random.Next(bytes.Count)] = (byte)alphabet[random.Next(alphabet.Length)];
                return [.. bytes];
            case 3:
                var from = random.Next(bytes.Count);
                bytes.RemoveRange(from, Math.Min(bytes.Count - from, random.Next(1, 40)));
                return [.. bytes];
            default:
                // Replace the text of one element by something else: values turn wrong, structure stays.
                var text = Encoding.UTF8.GetString([.. bytes]);
                string[] swaps = ["", "074-12345676", "XYZ", "2026-13-45T99:99:99Z", "-1", "1e309", "&amp;", "NLAMS", "\u00e9\u4e2d"];
                var start = text.IndexOf('>', random.Next(text.Length));
                var end = start < 0 ? -1 : text.IndexOf('<', start);
                return start < 0 || end < 0 ? [.. bytes] : Encoding.UTF8.GetBytes(text[..(start + 1)] + swaps[random.Next(swaps.Length)] + text[end..]);
        }
    }
}
