using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portcullis.Imaging;
using Portcullis.Selection;
using Portcullis.Tests.Browser;
using Portcullis.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Imaging;

/// <summary>The scan viewer in Chromium at 1280×800: it draws the 16-bit pixels, contrast and inversion act on them, and the verdict drives the control.</summary>
public sealed class ScanViewerBrowserTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const ushort Cargo = 20_000;

    [Fact]
    public async Task Analyst_opens_a_scan_from_the_worklist_changes_contrast_and_inversion_and_records_a_verdict()
    {
        var (scan, selectionId) = await ScannedControlAsync(100301);
        var overlays = Path.Combine(server.Services.GetRequiredService<DiskScanStore>().DerivedFolder, "overlays", scan.Id.ToString("D"));
        Directory.CreateDirectory(overlays);
        // Left half scores 0, right half 1: the heatmap tints only the right half; the box lies away from the pixels read.
        await File.WriteAllTextAsync(Path.Combine(overlays, "test.json"), """
            {"source":"test-analysis","version":"0.1","regions":[{"x0":150,"y0":50,"x1":300,"y1":150,"score":0.87,"kind":"organic","label":"dense pallet","kg":12.5}],
             "heatmap":{"columns":2,"rows":1,"scores":[0,1]}}
            """, TestContext.Current.CancellationToken);

        var page = await server.SignInAsync("scananalyst");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/scans");
        await Expect(page.GetByTestId("worklist")).ToContainTextAsync(scan.Subject);
        await page.GetByTestId("worklist-row").Filter(new() { HasText = scan.Subject }).GetByTestId("worklist-open").ClickAsync();
        var viewer = page.GetByTestId("scan-viewer");
        await Expect(viewer).ToHaveAttributeAsync("data-painted", "true");
        await Expect(page.GetByTestId("scan-overlay-sources")).ToContainTextAsync("test-analysis 0.1 (1 region(s), heatmap)");

        // Full range: 20000 of 65535 is a dark grey.
        await page.ClickAsync("[data-sv-preset=full]");
        var full = await PixelAsync(page, 0.5, 0.5);
        Assert.InRange(full[0], 60, 100);
        Assert.Equal(full[0], full[1]);

        // A window of 4000 around 19000 puts 20000 three quarters of the way up: much brighter.
        await page.GetByTestId("scan-window").FillAsync("4000");
        await page.GetByTestId("scan-level").FillAsync("19000");
        await Expect(viewer).ToHaveAttributeAsync("data-level", "19000");
        var narrow = await PixelAsync(page, 0.5, 0.5);
        Assert.InRange(narrow[0], 170, 210);

        // Inverted, the same pixel is as dark as it was bright.
        await page.GetByTestId("scan-invert").CheckAsync();
        var inverted = await PixelAsync(page, 0.5, 0.5);
        Assert.InRange(inverted[0], 255 - narrow[0] - 2, 255 - narrow[0] + 2);

        // The heatmap reddens the right half only (the canvas shows the whole image, centred).
        var rightBefore = await PixelAsync(page, 0.75, 0.5);
        var leftBefore = await PixelAsync(page, 0.3, 0.5);
        await page.GetByTestId("scan-heatmap").CheckAsync();
        var right = await PixelAsync(page, 0.75, 0.5);
        Assert.Equal(rightBefore[0], rightBefore[1]);
        Assert.True(right[0] > right[1] + 40, $"right half {string.Join(",", right)} should be tinted red");
        Assert.Equal(leftBefore, await PixelAsync(page, 0.3, 0.5));

        await page.GetByTestId("verdict-note").FillAsync("Dense mass behind the machinery unit.");
        await page.GetByTestId("verdict-suspicious").ClickAsync();
        await Expect(page.GetByTestId("verdict-notice")).ToContainTextAsync("suspicious");
        await Expect(page.GetByTestId("scan-selection-state")).ToHaveTextAsync("scan assessed");
        await Expect(page.GetByTestId("verdict-form")).ToHaveCountAsync(0);
        await using (var db = server.Database.CreateContext())
        {
            var selection = db.Selections.Single(s => s.Id == selectionId);
            Assert.Equal(SelectionState.ScanAssessed, selection.State);
            Assert.Equal(ScanVerdict.Suspicious, selection.Verdict);
            Assert.Equal("scananalyst", selection.UpdatedBy);
            Assert.Contains(db.SelectionTransitions.Where(t => t.SelectionId == selectionId).ToList(), t => t.To == SelectionState.ScanAssessed && t.Note == "Dense mass behind the machinery unit.");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_inspector_sees_no_verdict_buttons_and_two_scans_side_by_side_pan_and_zoom_together()
    {
        var (origin, _) = await ScannedControlAsync(100302);
        var (arrival, _) = await ScannedControlAsync(100303);
        var page = await server.SignInAsync("inspector");
        await page.SetViewportSizeAsync(1280, 800);

        await page.GotoAsync($"/scans/{origin.Id}");
        await Expect(page.GetByTestId("scan-viewer")).ToHaveAttributeAsync("data-painted", "true");
        await Expect(page.GetByTestId("scan-selection-state")).ToHaveTextAsync("scanned");
        await Expect(page.GetByTestId("verdict-form")).ToHaveCountAsync(0);

        await page.GotoAsync($"/scans/compare?a={origin.Id}&b={arrival.Id}");
        var viewers = page.GetByTestId("scan-viewer");
        await Expect(viewers).ToHaveCountAsync(2);
        await Expect(viewers.Nth(0)).ToHaveAttributeAsync("data-painted", "true");
        await Expect(viewers.Nth(1)).ToHaveAttributeAsync("data-painted", "true");
        await viewers.Nth(0).Locator("[data-sv-zoom=in]").ClickAsync();
        await Expect(viewers.Nth(0)).ToHaveAttributeAsync("data-zoom", "1.50");
        await Expect(viewers.Nth(1)).ToHaveAttributeAsync("data-zoom", "1.50");
        await page.Context.CloseAsync();
    }

    /// <summary>A Rotterdam control due in half an hour, scanned, with a 1200×480 scan: uniform cargo of 20000, a ramp over the left tenth.</summary>
    private async Task<(Scan Scan, Guid SelectionId)> ScannedControlAsync(int serial)
    {
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(server.Database, "RTM", now, serial);
        var selection = await SelectionFixtures.AddSelectionAsync(server.Database, seeded, now.AddHours(-3), now.AddMinutes(30));
        await ViewerScans.MarkScannedAsync(server.Clock, server.Database, selection);
        const int Width = 1200, Height = 480;
        var pixels = new ushort[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                pixels[(y * Width) + x] = x < Width / 10 ? (ushort)(x * 65535 / (Width / 10)) : Cargo;
            }
        }

        var store = server.Services.GetRequiredService<DiskScanStore>();
        return (await ViewerScans.AddAsync(server.Clock, server.Database, store, seeded.ContainerNumber, selection, new ScanFrame(Width, Height, pixels)), selection);
    }

    /// <summary>The canvas pixel (RGB) at a fraction of its width and height.</summary>
    private static async Task<int[]> PixelAsync(IPage page, double x, double y) =>
        await page.EvaluateAsync<int[]>("""
            ([x, y]) => {
              const c = document.querySelector("[data-testid=scan-canvas]");
              const d = c.getContext("2d").getImageData(Math.floor(c.width * x), Math.floor(c.height * y), 1, 1).data;
              return [d[0], d[1], d[2]];
            }
            """, new[] { x, y });
}
