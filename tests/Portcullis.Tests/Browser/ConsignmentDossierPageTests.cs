using Portcullis.Domain.Cargo;
using Portcullis.Inspection;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The consignment dossier of a seizure in a real browser: the route on its map, the parties with their history, the finding, in English and Dutch.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsignmentDossierPageTests(WebServerFixture server)
{
    /// <summary>A reefer consignment that arrived at Rotterdam three days ago and whose container was closed with a cocaine hit.</summary>
    private async Task<CargoFixtures.Seeded> AddSeizureAsync()
    {
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(server.Database, "RTM", now.AddDays(-3), 560_001);
        var controlled = now.AddDays(-3).AddHours(5);
        await using var db = server.Database.CreateContext();
        var control = SelectionFixtures.ClosedHit(seeded, controlled, 42.5, chainOfCustody: "COC-2026-0560");
        db.Selections.Add(control);
        db.Findings.Add(new Finding { Id = Guid.CreateVersion7(), SelectionId = control.Id, Substance = Substance.Cocaine, Kilograms = 42.5, Packages = 38, Concealment = ConcealmentMethod.AmongCargoNearDoors });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return seeded;
    }

    [Fact]
    public async Task The_dossier_of_a_seizure_shows_the_route_on_its_map_the_parties_and_the_finding_and_speaks_Dutch()
    {
        var seizure = await AddSeizureAsync();
        var page = await server.SignInAsync("supervisor");
        await page.GotoAsync($"/consignments/{seizure.ConsignmentId}");

        await Expect(page.GetByTestId("consignment-reference")).ToHaveTextAsync(seizure.Reference);
        var map = page.GetByTestId("route-svg");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map.Locator("[data-testid=route-port]")).ToHaveCountAsync(3);
        await Expect(map.Locator("[data-testid=route-port][data-code=PAMIT]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("route-unplaced")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("party-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("party-sanctions").First).ToHaveTextAsync(TextResourcesTests.English["PartyHistory.Sanctions.none"]);
        await Expect(page.GetByTestId("dossier-finding")).ToContainTextAsync("42.5");
        await Expect(page.GetByTestId("csv-parties")).ToHaveAttributeAsync("href", $"/api/v1/consignments/{seizure.ConsignmentId}/dossier?format=csv&table=parties");
        await WebServerFixture.ScreenshotAsync(page, "consignment-dossier");

        await page.GetByTestId("language-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.GetByTestId("route-svg")).ToBeVisibleAsync();
        // The page's own words only: party names, goods and the rule texts are data as they came.
        var texts = await page.Locator("div.page-header, h6, th, .route-stop, [data-testid=route-map] .mud-typography, [data-testid=parties] td:first-child, [data-testid=party-sanctions], [data-testid=dossier-finding], [data-testid^=csv-], [data-testid=container-events] .mud-typography-subtitle2").AllInnerTextsAsync();
        Assert.Empty(LanguageTests.EnglishIn(await page.TitleAsync() + "\n" + string.Join("\n", texts)));
        await page.Context.CloseAsync();
    }
}
