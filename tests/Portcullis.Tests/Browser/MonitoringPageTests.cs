using Portcullis.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The monitoring pages in Chromium: the waterbed charts of a moved lane and pattern, and the public figures on the dashboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringPageTests(WebServerFixture server)
{
    [Fact]
    public async Task A_supervisor_sees_the_waterbed_chart_and_the_public_figures()
    {
        await MonitoringFixtures.AddWaterbedAsync(server.Database);
        var page = await server.SignInAsync("supervisor");
        var period = $"from={MonitoringFixtures.First:yyyy-MM-dd}&to={MonitoringFixtures.Last:yyyy-MM-dd}";

        await page.GotoAsync($"/monitoring/waterbed?{period}");
        await Expect(page.GetByTestId("table-flags")).ToContainTextAsync("EC 08 SeaContainer");
        await Expect(page.GetByTestId("table-flags")).ToContainTextAsync("08 SeaContainer AmongCargoNearDoors");
        await Expect(page.GetByTestId("chart-pattern-08-seacontainer-amongcargoneardoors").Locator("svg")).ToBeVisibleAsync();
        var chart = page.GetByTestId("chart-lane-ec-08-seacontainer").Locator("svg");
        await Expect(chart).ToBeVisibleAsync();
        // One line per hub with a point for each of the 28 days.
        await Expect(chart.Locator("polyline")).ToHaveCountAsync(2);
        await Expect(chart.Locator("circle")).ToHaveCountAsync(56);
        await WebServerFixture.ScreenshotAsync(page, "waterbed");
        await Expect(page.GetByTestId("csv-flags")).ToHaveAttributeAsync("href", $"/api/v1/monitoring/waterbed?format=csv&table=flags&{period}");

        await page.GotoAsync($"/monitoring?{period}");
        var figures = page.GetByTestId("public-figures");
        await Expect(figures).ToContainTextAsync("Public figures");
        await Expect(figures.Locator("tr", new() { HasText = "Vlissingen" }).First).ToContainTextAsync("2,510 kg");
        await Expect(figures).ToContainTextAsync("11,130 kg");
        await Expect(page.GetByTestId("chart-seizures").Locator("svg")).ToBeVisibleAsync();
        await WebServerFixture.ScreenshotAsync(page, "monitoring");
        await page.Context.CloseAsync();
    }
}
