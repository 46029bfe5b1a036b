using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// The EDIFACT pipeline reads and maps on its own thread and looks up a whole batch of messages
/// at once before storing them: what an earlier interchange of the same batch committed or rolled
/// back must still decide duplicates exactly, and cancelling must stop the reader and leave only
/// whole interchanges.
/// </summary>
public sealed class EdifactPipelineTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private static readonly string First = ContainerNumber.Create("TSTU", 'U', 200001).Value;

    private static readonly string Second = ContainerNumber.Create("TSTU", 'U', 200002).Value;

    private static IngestPipeline Pipeline(Database database) => new(database, Clock, new IngestOptions());

    /// <summary>One CUSCAR message: one bill of lading in one container on voyage 0MA3RW1MA, discharged at Rotterdam.</summary>
    private static string Manifest(int number, string bill, string container)
    {
        string[] body =
        [
            $"BGM+85+DOC-{bill}+9",
            "TDT+20+0MA3RW1MA+1++MAEU:172:20+++9778791:146:11:MAERSK GUAYAQUIL",
            "LOC+92+ECGYE:139:6",
            "DTM+133:202611101000:203",
            "LOC+92+NLRTM:139:6",
            "DTM+178:202611200600:203",
            "CNI+1+" + bill,
            "RFF+BM:" + bill,
            "LOC+9+ECGYE:139:6",
            "LOC+11+NLRTM:139:6",
            "NAD+CZ+++EXPORTADORA DEL PACIFICO+++++EC",
            "NAD+CN+++Fruithandel Zuid B.V.+++++NL",
            "GID+1+1080:CT",
            "FTX+AAA+++FRESH BANANAS",
            "MEA+AAE+G+KGM:19872.5",
            "PIA+5+080390:HS",
            $"EQD+CN+{container}+45R1:102:5",
        ];
        return $"UNH+{number}+CUSCAR:D:95B:UN'" + string.Concat(body.Select(s => s + "'")) + $"UNT+{body.Length + 2}+{number}'";
    }

    private static string Interchange(string reference, int declaredMessages, params string[] messages) =>
        $"UNB+UNOC:3+PORTBASE:ZZ+NLCUSTOMS:ZZ+261120:0815+{reference}'" + string.Concat(messages) + $"UNZ+{declaredMessages}+{reference}'";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Messages_looked_up_together_still_see_what_earlier_interchanges_committed_or_rolled_back(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var path = Path.Combine(IngestFiles.Folder(), "four.edi");
        // All four interchanges fit in one batch, so every look-up runs before anything is stored.
        var text = "UNA:+.? '" +
            Interchange("A1", 1, Manifest(1, "BL-1", First)) +
            Interchange("A2", 1, Manifest(1, "BL-1", First)) + // committed just before: a duplicate
            Interchange("B1", 2, Manifest(1, "BL-2", Second)) + // UNZ claims two messages: rolled back whole
            Interchange("C1", 2, Manifest(1, "BL-1", First), Manifest(2, "BL-2", Second));
        await File.WriteAllTextAsync(path, text, Encoding.Latin1, TestContext.Current.CancellationToken);

        var receipt = await Pipeline(database).IngestEdifactAsync(path, new IngestOrigin("test", FileName: "four.edi"), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, receipt.Accepted);
        Assert.Equal(2, receipt.Duplicates);
        Assert.Equal(1, receipt.Rejected);
        await using var db = database.CreateContext();
        Assert.Equal(["BL-1", "BL-2"], await db.Consignments.Select(c => c.Reference).OrderBy(r => r).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([First, Second], await db.Equipment.Select(e => e.ContainerNumber).OrderBy(c => c).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Movements.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.Parties.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("edifact.unz-count", (await db.Quarantine.SingleAsync(TestContext.Current.CancellationToken)).Code);
    }

    [Fact]
    public async Task Cancelling_part_way_stops_the_reader_and_leaves_only_whole_interchanges()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var folder = IngestFiles.Folder();
        var days = IngestFiles.Simulate(folder, days: 3);
        var path = Path.Combine(folder, "three-days.edi");
        await using (var output = File.Create(path))
        {
            foreach (var day in days)
            {
                await using var input = File.OpenRead(day.Manifests);
                await input.CopyToAsync(output, TestContext.Current.CancellationToken);
            }
        }

        var size = new FileInfo(path).Length;
        using var cancel = new CancellationTokenSource();
        var progress = new Reported(read =>
        {
            if (read > size / 2)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline(database).IngestEdifactAsync(path, new IngestOrigin("test"), progress, cancel.Token));

        // The reader has let go of the file: an exclusive open would fail while it still held it.
        await using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }

        var perDay = days.Select(d => IngestFiles.Manifested(d.Simulated).Count).ToList();
        int[] whole = [0, perDay[0], perDay[0] + perDay[1], perDay.Sum()];
        await using var db = database.CreateContext();
        var stored = await db.Consignments.CountAsync(TestContext.Current.CancellationToken);
        Assert.Contains(stored, whole);
        Assert.True(stored < perDay.Sum(), "Cancelled half-way, the last interchange cannot have been stored.");
    }

    private sealed class Reported(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
