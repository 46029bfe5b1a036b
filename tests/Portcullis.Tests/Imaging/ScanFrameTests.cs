using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Imaging;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Imaging;

/// <summary>GET /api/v1/scans/{id}/frames/{n}: the stored pixels, byte for byte, to those who may see the scan, and nothing to others.</summary>
public sealed class ScanFrameTests(ScanFrameTests.Host host) : IClassFixture<ScanFrameTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public string StoreFolder { get; } = Directory.CreateTempSubdirectory("portcullis-scans-").FullName;

        public ApiHost Api { get; private set; } = null!;

        public DiskScanStore Store => Api.Services.GetRequiredService<DiskScanStore>();

        public async ValueTask InitializeAsync()
        {
            Api = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Imaging:StoreFolder"] = StoreFolder });
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            Directory.Delete(StoreFolder, recursive: true);
        }
    }

    [Fact]
    public async Task The_frame_is_the_stored_pixels_as_little_endian_bytes_with_its_size()
    {
        var (scan, frames) = await DueScanAsync(100201, dual: false);
        using var analyst = await host.Api.SignInAsync("scananalyst");

        using var response = await analyst.GetAsync($"/api/v1/scans/{scan.Id}/frames/0", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("37", Assert.Single(response.Headers.GetValues(GetScanFrame.WidthHeader)));
        Assert.Equal("23", Assert.Single(response.Headers.GetValues(GetScanFrame.HeightHeader)));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(frames[0].Pixels, LittleEndian(bytes));
    }

    [Fact]
    public async Task Dual_energy_sent_as_two_files_answers_each_frame_and_the_second_request_comes_from_the_derived_copy()
    {
        var (scan, frames) = await DueScanAsync(100202, dual: true);
        using var analyst = await host.Api.SignInAsync("scananalyst");

        var low = await analyst.GetByteArrayAsync($"/api/v1/scans/{scan.Id}/frames/0", TestContext.Current.CancellationToken);
        var high = await analyst.GetByteArrayAsync($"/api/v1/scans/{scan.Id}/frames/1", TestContext.Current.CancellationToken);
        Assert.Equal(frames[0].Pixels, LittleEndian(low));
        Assert.Equal(frames[1].Pixels, LittleEndian(high));

        // The derived copy is rebuildable: deleted, the next request decodes the original again.
        Directory.Delete(Path.Combine(host.Store.DerivedFolder, "frames"), recursive: true);
        var again = await analyst.GetByteArrayAsync($"/api/v1/scans/{scan.Id}/frames/1", TestContext.Current.CancellationToken);
        Assert.Equal(frames[1].Pixels, LittleEndian(again));

        using var missing = await analyst.GetAsync($"/api/v1/scans/{scan.Id}/frames/2", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Roles_that_may_not_see_the_selection_now_get_404_and_systems_403()
    {
        var now = DateTime.UtcNow;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "ZWB", now, 100203);
        // Controlled in two days: the targeting team sees it, the inspection team not yet.
        var selection = await SelectionFixtures.AddSelectionAsync(host.Api.Database, seeded, now, now.AddDays(2));
        var scan = await ViewerScans.AddAsync(host.Api.Database, host.Store, seeded.ContainerNumber, selection, ViewerScans.Pattern(8, 4, 3));

        foreach (var (user, expected) in new[] { ("analyst", HttpStatusCode.OK), ("scananalyst", HttpStatusCode.NotFound), ("inspector", HttpStatusCode.NotFound), ("auditor", HttpStatusCode.NotFound), ("admin", HttpStatusCode.Forbidden) })
        {
            using var client = await host.Api.SignInAsync(user);
            using var response = await client.GetAsync($"/api/v1/scans/{scan.Id}/frames/0", TestContext.Current.CancellationToken);
            Assert.True(expected == response.StatusCode, $"{user}: expected {expected}, got {response.StatusCode}");
        }

        using var token = await host.Api.WithTokenAsync(Portcullis.Access.Roles.TargetingAnalyst);
        using var refused = await token.GetAsync($"/api/v1/scans/{scan.Id}/frames/0", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_original_altered_on_disk_is_refused_with_a_sentence_not_served()
    {
        var (scan, _) = await DueScanAsync(100204, dual: false);
        var hash = scan.FileHashes[0];
        var path = Path.Combine(host.Store.Root, "originals", hash[..2], hash[2..4], hash);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes[^5] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        using var analyst = await host.Api.SignInAsync("scananalyst");

        using var response = await analyst.GetAsync($"/api/v1/scans/{scan.Id}/frames/0", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no longer matches its hash", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_viewer_records_one_view_and_its_frame_requests_none()
    {
        var (scan, _) = await DueScanAsync(100205, dual: true);
        using var analyst = await host.Api.SignInAsync("scananalyst");

        var page = await analyst.GetStringAsync($"/scans/{scan.Id}", TestContext.Current.CancellationToken);
        await analyst.GetByteArrayAsync($"/api/v1/scans/{scan.Id}/frames/0", TestContext.Current.CancellationToken);
        await analyst.GetByteArrayAsync($"/api/v1/scans/{scan.Id}/frames/1", TestContext.Current.CancellationToken);

        Assert.Contains("data-scan-viewer", page, StringComparison.Ordinal);
        await using var db = host.Api.Database.CreateContext();
        var views = db.Audit.Where(a => a.Action == "view.scan" && a.Actor == "scananalyst").ToList().Where(a => a.Detail.Contains(scan.Id.ToString(), StringComparison.Ordinal)).ToList();
        var view = Assert.Single(views);
        Assert.Equal($"container {scan.Subject}", view.Subject);
    }

    [Fact]
    public async Task A_scan_the_user_may_not_see_shows_no_viewer_and_records_no_view()
    {
        var (scan, _) = await DueScanAsync(100206, dual: false, hub: "ZWB");
        // The inspector works in Rotterdam only.
        using var inspector = await host.Api.SignInAsync("inspector");

        var page = await inspector.GetStringAsync($"/scans/{scan.Id}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("data-scan-viewer", page, StringComparison.Ordinal);
        Assert.Contains("that you may see now", page, StringComparison.Ordinal);
        await using var db = host.Api.Database.CreateContext();
        Assert.DoesNotContain(db.Audit.Where(a => a.Action == "view.scan" && a.Actor == "inspector").ToList(), a => a.Detail.Contains(scan.Id.ToString(), StringComparison.Ordinal));
    }

    /// <summary>A scanned control due in half an hour (the inspection team's window is open) with its scan.</summary>
    private async Task<(Scan Scan, ScanFrame[] Frames)> DueScanAsync(int serial, bool dual, string hub = "RTM")
    {
        var now = DateTime.UtcNow;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, hub, now, serial);
        var selection = await SelectionFixtures.AddSelectionAsync(host.Api.Database, seeded, now.AddHours(-3), now.AddMinutes(30));
        await ViewerScans.MarkScannedAsync(host.Api.Database, selection);
        ScanFrame[] frames = dual ? [ViewerScans.Pattern(37, 23, serial), ViewerScans.Pattern(37, 23, serial + 1)] : [ViewerScans.Pattern(37, 23, serial)];
        return (await ViewerScans.AddAsync(host.Api.Database, host.Store, seeded.ContainerNumber, selection, frames), frames);
    }

    private static ushort[] LittleEndian(byte[] bytes)
    {
        var pixels = new ushort[bytes.Length / 2];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8));
        }

        return pixels;
    }
}
