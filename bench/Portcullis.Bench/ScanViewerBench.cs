using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Playwright;
using Portcullis.Access;
using Portcullis.Hosting;
using Portcullis.Imaging;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// The viewer's first paint of a 3000×1200 16-bit scan on loopback, end to end: a real server on
/// 127.0.0.1, headless Chromium (Debian's, software rendering) at 1280×800 signed in as a scan
/// analyst; each run navigates to /scans/{id} and reads the moment the viewer set data-painted
/// (performance.now(), i.e. milliseconds since the navigation started). The first run decodes the
/// PNG original into the derived folder (cold); the others read the derived copy. Also prints what
/// gzip and Brotli would save on the frame and what they cost, the figures behind sending raw bytes.
/// </summary>
public static class ScanViewerBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 7;
        var dual = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], Inv);
                    break;
                case "--dual":
                    dual = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --runs N and --dual.");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("portcullis-viewer-bench-").FullName;
        try
        {
            return await RunInAsync(folder, runs, dual);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string folder, int runs, bool dual)
    {
        var cancellationToken = CancellationToken.None;
        var target = DatabaseTarget.Resolve(Path.Combine(folder, "portcullis.db")).GetValueOrThrow();
        var database = new Database(target);
        await database.MigrateAsync(cancellationToken);
        new Audit.AuditSigningKey(Path.Combine(folder, "keys")).CreateFirst(TimeProvider.System);
        await InitialAccounts.EnsureDemoAccountsAsync(database, TimeProvider.System, cancellationToken);

        var storeFolder = Path.Combine(folder, "scans");
        var store = new DiskScanStore(new ImagingOptions { StoreFolder = storeFolder });
        ScanFrame[] frames = dual ? [Synthetic(3000, 1200, 1), Synthetic(3000, 1200, 2)] : [Synthetic(3000, 1200, 1)];
        var hashes = new List<string>();
        foreach (var frame in frames)
        {
            hashes.Add(await store.PutAsync(ScanPng.Write(frame), cancellationToken));
        }

        var scan = new Scan
        {
            Id = Guid.CreateVersion7(),
            SubjectKind = ScanSubjectKind.Container,
            Subject = "MSCU1234565",
            ScannerId = "bench",
            Site = "NLRTM",
            ScannedAt = DateTime.UtcNow,
            ReceivedAt = DateTime.UtcNow,
            Origin = ScanOrigin.Own,
            Format = ScanFormat.Png,
            Width = 3000,
            Height = 1200,
            FrameCount = frames.Length,
            FileHashes = hashes,
            SubmittedBy = "bench",
        };
        await using (var db = database.CreateContext())
        {
            db.Scans.Add(scan);
            await db.SaveChangesAsync(cancellationToken);
        }

        PrintCompression(frames[0]);

        await using var app = PortcullisWeb.Build(new WebOptions(target, ["http://127.0.0.1:0"], Settings: new Dictionary<string, string?>
        {
            ["Imaging:StoreFolder"] = storeFolder,
            ["Selection:RunEverySeconds"] = "0",
            ["Integrity:MonitorSeconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync(cancellationToken);
        var baseUrl = app.Urls.First().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", "scananalyst");
        await page.FillAsync("#password", InitialAccounts.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.EndsWith("/signin", StringComparison.Ordinal));

        Console.WriteLine($"scan-viewer first paint: {scan.Width}×{scan.Height}, {frames.Length} frame(s) of 16 bits, {runs} runs, Chromium at 1280×800 on loopback");
        var painted = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var wall = Stopwatch.StartNew();
            await page.GotoAsync($"/scans/{scan.Id}");
            var viewer = page.Locator("[data-scan-viewer]");
            await viewer.And(page.Locator("[data-painted=true]")).WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            wall.Stop();
            var at = double.Parse(await viewer.GetAttributeAsync("data-painted-at") ?? "0", Inv);
            var load = await viewer.GetAttributeAsync("data-load-ms");
            Console.WriteLine($"  run {run}{(run == 1 ? " (cold: decodes the PNG)" : "")}: painted at {at:0} ms after navigation start (frames fetched in {load} ms; {wall.ElapsedMilliseconds} ms as Playwright saw it)");
            if (run > 1)
            {
                painted.Add(at);
            }
        }

        if (painted.Count > 0)
        {
            painted.Sort();
            Console.WriteLine($"  warm median {painted[painted.Count / 2]:0} ms, min {painted[0]:0} ms, max {painted[^1]:0} ms (floor: 1000 ms)");
        }

        await context.CloseAsync();
        await app.StopAsync(cancellationToken);
        return 0;
    }

    private static void PrintCompression(ScanFrame frame)
    {
        var raw = ScanFrames.PixelBytes(frame.Pixels);
        foreach (var (name, compress) in new (string, Func<Stream, Stream>)[]
        {
            ("gzip fastest", s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)),
            ("brotli fastest", s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)),
        })
        {
            var watch = Stopwatch.StartNew();
            using var output = new MemoryStream();
            using (var z = compress(output))
            {
                z.Write(raw);
            }

            watch.Stop();
            Console.WriteLine($"frame {raw.Length / 1e6:0.0} MB raw; {name}: {output.Length / 1e6:0.0} MB in {watch.ElapsedMilliseconds} ms");
        }
    }

    /// <summary>
    /// A container-like radiograph: bright air above and below, a darker cargo band with pallets,
    /// a dense machinery block at one end, and detector noise (deterministic).
    /// </summary>
    private static ScanFrame Synthetic(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new ushort[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = y > height / 8 && y < height * 7 / 8 && x > width / 30 && x < width * 29 / 30;
                double value = 60_000;
                if (inside)
                {
                    value = x < width / 8 ? 9_000 : 26_000 + (8_000 * Math.Sin(x / 180.0)) + ((x / 150 % 2) * 3_000);
                }

                value += (random.NextDouble() - 0.5) * 1_500;
                pixels[(y * width) + x] = (ushort)Math.Clamp(value, 0, 65535);
            }
        }

        return new ScanFrame(width, height, pixels);
    }
}
