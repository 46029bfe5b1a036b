using BenchmarkDotNet.Attributes;
using Portcullis.Imaging;
using Portcullis.Storage;

namespace Portcullis.Bench.Micro;

/// <summary>
/// The import of one 3000×1200 16-bit PNG through <see cref="ImportScan.RunAsync"/>, as the API, the
/// command line and the drop folder call it: decode, hash, store the original, the row staged with its
/// audit entry and event (not committed: the commit is the unit of work's, measured elsewhere), and the
/// preview rendered and written. Each invocation starts from an empty store, so the original is written
/// every time. Decode and preview alone show where the time goes.
/// </summary>
[MemoryDiagnoser]
// One invocation per iteration, so that each import starts from the empty store of its iteration set-up.
[InvocationCount(1, 1)]
public class ScanImportBenchmarks
{
    private byte[] _png = [];
    private ScanFrame _frame = null!;
    private string _folder = "";
    private Database _database = null!;
    private ImagingOptions _options = null!;
    private DiskScanStore _store = null!;
    private ScanPreviews _previews = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A smooth field with a dense block and detector noise (±400): compresses as a real scan does, not as a flat test card.
        const int width = 3000, height = 1200;
        var random = new Random(42);
        var pixels = new ushort[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var dense = x is > 1200 and < 1500 && y is > 400 and < 800;
                var value = (dense ? 4000 : 20000 + (30 * x / 4) + (10 * y)) + random.Next(-400, 401);
                pixels[(y * width) + x] = (ushort)Math.Clamp(value, 0, 65535);
            }
        }

        _frame = new ScanFrame(width, height, pixels);
        _png = ScanPng.Write(_frame);
        _folder = Directory.CreateTempSubdirectory("portcullis-bench-scans-").FullName;
        _database = new Database(DatabaseTarget.Resolve(Path.Combine(_folder, "scans.db")).GetValueOrThrow());
        _database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _options = new ImagingOptions { StoreFolder = Path.Combine(_folder, "store") };
        _store = new DiskScanStore(_options);
        _previews = new ScanPreviews(_store, _store, _options);
        Console.WriteLine($"// scan PNG: {_png.Length:N0} bytes");
    }

    [IterationSetup(Target = nameof(Import))]
    public void EmptyStore()
    {
        if (Directory.Exists(_options.StoreFolder))
        {
            Directory.Delete(_options.StoreFolder, recursive: true);
        }
    }

    [Benchmark]
    public async Task<Guid> Import()
    {
        await using var db = _database.CreateContext();
        var outcome = await ImportScan.RunAsync(db, _store, _previews, _options, TimeProvider.System,
            new ImportScan.Request([new ImportScan.ScanFile("bench.png", _png)], Subject: "MSCU1234565", Site: "NLRTM"),
            new ImportScan.Sender("bench", null, ScanOrigin.Own, null), CancellationToken.None);
        return outcome.Scan?.Id ?? throw new InvalidOperationException(outcome.Error);
    }

    [Benchmark]
    public int Decode() => ScanReader.Read(_png).Image!.Width;

    [Benchmark]
    public int Preview() => ScanPreview.Render(_frame).Length;

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
