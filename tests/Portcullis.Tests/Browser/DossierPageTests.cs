using Microsoft.Playwright;
using Portcullis.Domain.Phrasing;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The container dossier and the inspection page in a real browser: readable reasons, the inspection through its buttons, need-to-know.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DossierPageTests(WebServerFixture server)
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static Guid? _selectionId;

    // A model reason as the engine stores it: its English text and its phrase.
    private static readonly Phrase History = Phrase.Of("Why.History", Phrase.Of("Why.Hs", "080390"), 0, 83, 0.012, 1204);

    /// <summary>A stored score with one reason each way and a control due within the hour (inside the inspection team's window); once per fixture.</summary>
    private async Task<Guid> SeedAsync()
    {
        await Seeding.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_selectionId is { } done)
            {
                return done;
            }

            var now = server.Clock.GetUtcNow().UtcDateTime;
            var cancellationToken = TestContext.Current.CancellationToken;
            await using (var db = server.Database.CreateContext())
            {
                db.RiskScores.RemoveRange(db.RiskScores.Where(s => s.ConsignmentId == server.ConsignmentId));
                db.RiskScores.Add(new RiskScore
                {
                    ConsignmentId = server.ConsignmentId,
                    HubCode = "RTM",
                    ScoredAt = now.AddMinutes(-20),
                    ArrivedAt = server.ArrivedAt,
                    Score = 0.61,
                    RuleScore = 0.5,
                    ModelProbability = 0.2,
                    ModelVersion = 4,
                    Reasons = [new("rule", "reefer-ecuador", "reefer from ECGYE via PAMIT, consignee first seen 4 days ago", 0.5), new("model", "history hs6", ReasonPhrases.Catalogue.Say(History), -0.02, History)],
                });
                // Physical inspections free in every shift of today and yesterday (the night shift after midnight belongs to the day before);
                // the server's planner may have stored some of these days' plans already.
                var today = Shifts.LocalDate(now);
                foreach (var day in new[] { today.AddDays(-1), today })
                {
                    foreach (var shift in Shifts.Names)
                    {
                        var plan = db.CapacityPlans.SingleOrDefault(p => p.HubCode == "RTM" && p.Date == day && p.Shift == shift);
                        if (plan is null)
                        {
                            db.CapacityPlans.Add(new CapacityPlan { HubCode = "RTM", Date = day, Shift = shift, ScannerSlots = 3, PhysicalInspections = 3, UpdatedBy = "test", UpdatedAt = now });
                        }
                        else
                        {
                            plan.PhysicalInspections = 3;
                        }
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            // The server's planner may have selected the container already (one selection per unit and day): then that one is made due within the hour.
            await using (var db = server.Database.CreateContext())
            {
                var planned = db.Selections.FirstOrDefault(s => s.Unit == WebServerFixture.ContainerNumber);
                if (planned is not null)
                {
                    planned.PlannedControlAt = now.AddMinutes(50);
                    planned.State = SelectionState.Scheduled;
                    db.Entry(planned).Property(x => x.Why).CurrentValue = SelectionFixtures.Why;

                    // The planner's reason is also stored as a phrase, which pages prefer: the fixture's words replace both.
                    planned.WhyPhrase = null;
                    planned.Version++;
                    await db.SaveChangesAsync(cancellationToken);
                    _selectionId = planned.Id;
                    return planned.Id;
                }
            }

            var seeded = new CargoFixtures.Seeded(server.ConsignmentId, WebServerFixture.Reference, WebServerFixture.ContainerNumber, "RTM", server.ArrivedAt);
            _selectionId = await SelectionFixtures.AddSelectionAsync(server.Database, seeded, now.AddMinutes(-10), now.AddMinutes(50));
            return _selectionId.Value;
        }
        finally
        {
            Seeding.Release();
        }
    }

    [Fact]
    public async Task The_analysts_dossier_shows_each_reason_with_its_direction_and_the_controls_why()
    {
        await SeedAsync();
        var analyst = await server.SignInAsync("analyst");
        await analyst.GotoAsync($"/containers/{WebServerFixture.ContainerNumber}");

        var risk = analyst.GetByTestId("dossier-risk");
        await Expect(risk.Locator("[data-testid=reason][data-direction=raises]").First).ToContainTextAsync("raises the score");
        await Expect(risk.Locator("[data-testid=reason][data-direction=raises]").First).ToContainTextAsync("+0.50");
        await Expect(risk.Locator("[data-testid=reason][data-direction=lowers]").First).ToContainTextAsync("\u22120.02");
        await Expect(risk.GetByTestId("reason-model").First).ToHaveTextAsync("model v4");
        await Expect(analyst.GetByTestId("dossier-why")).ToContainTextAsync(SelectionFixtures.Why);
        await Expect(analyst.Locator("[data-testid=dossier-party]").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/parties/"));
        // Times in Amsterdam, UTC on hover.
        await Expect(analyst.GetByTestId("local-time").First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(" UTC$"));
        await WebServerFixture.ScreenshotAsync(analyst, "container-dossier");
        await analyst.GotoAsync("/risk?hub=RTM");
        await Expect(analyst.GetByTestId("reason").First).ToBeVisibleAsync();
        await WebServerFixture.ScreenshotAsync(analyst, "risk");

        // In Dutch the model's sentence is said in Dutch, with Dutch numbers; the analysts' rule text stays as they wrote it.
        await analyst.GotoAsync($"/containers/{WebServerFixture.ContainerNumber}");
        await analyst.GetByTestId("language-nl").ClickAsync();
        await Expect(analyst.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        var lowering = analyst.GetByTestId("dossier-risk").Locator("[data-testid=reason][data-direction=lowers]").First;
        await Expect(lowering).ToContainTextAsync("HS 080390: 0 treffers in 83 eerdere controles (afgevlakte trefkans 0,012), 1.204 eerdere aangiften");
        await Expect(lowering.Locator(".reason-text")).Not.ToHaveAttributeAsync("lang", "en");
        await Expect(analyst.GetByTestId("dossier-risk").Locator("[data-testid=reason][data-direction=raises] .reason-text").First).ToHaveAttributeAsync("lang", "en");
        // The timeline's risk line says the model's reason in Dutch too.
        await Expect(analyst.GetByTestId("container-events")).ToContainTextAsync("verlaagt de score: HS 080390: 0 treffers in 83 eerdere controles (afgevlakte trefkans 0,012), 1.204 eerdere aangiften, \u22120.02");
        await analyst.GetByTestId("language-en").ClickAsync();
        await Expect(analyst.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task An_inspection_goes_from_scan_verdict_to_closed_with_a_finding_through_the_buttons()
    {
        var id = await SeedAsync();
        var scanAnalyst = await server.SignInAsync("scananalyst");
        await scanAnalyst.SetViewportSizeAsync(1024, 768);
        await scanAnalyst.GotoAsync($"/inspections/{id}");
        await scanAnalyst.GetByTestId("scan-reference").FillAsync("RTM-SCANNER-2 image 4711");
        await scanAnalyst.GetByTestId("step-scan").GetByRole(AriaRole.Button, new() { Name = "Record scan" }).ClickAsync();
        await Expect(scanAnalyst.GetByTestId("inspection-state")).ToHaveTextAsync(TextResourcesTests.English["SelectionState.Scanned"]);
        await scanAnalyst.GetByTestId("verdict").SelectOptionAsync("suspicious");
        await scanAnalyst.GetByTestId("step-verdict").GetByRole(AriaRole.Button, new() { Name = "Give verdict" }).ClickAsync();
        await Expect(scanAnalyst.GetByTestId("inspection-state")).ToHaveTextAsync(TextResourcesTests.English["SelectionState.ScanAssessed"]);
        // The scan analyst may close but not open the container: no physical step offered.
        await Expect(scanAnalyst.GetByTestId("step-physical")).ToHaveCountAsync(0);
        await scanAnalyst.Context.CloseAsync();

        var inspector = await server.SignInAsync("inspector");
        await inspector.SetViewportSizeAsync(1024, 768);
        await inspector.GotoAsync($"/inspections/{id}");
        // A form loaded before someone else's change carries the old version: the page says so instead of overwriting.
        await using (var db = server.Database.CreateContext())
        {
            var selection = db.Selections.Single(s => s.Id == id);
            selection.Version++;
            selection.UpdatedAt = server.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await inspector.GetByTestId("step-physical").GetByRole(AriaRole.Button, new() { Name = "Start physical inspection" }).ClickAsync();
        await Expect(inspector.GetByTestId("inspection-error")).ToContainTextAsync("Someone else changed this control at");
        await Expect(inspector.GetByTestId("inspection-state")).ToHaveTextAsync(TextResourcesTests.English["SelectionState.ScanAssessed"]);

        await inspector.GetByTestId("step-physical").GetByRole(AriaRole.Button, new() { Name = "Start physical inspection" }).ClickAsync();
        await Expect(inspector.GetByTestId("inspection-state")).ToHaveTextAsync(TextResourcesTests.English["SelectionState.PhysicalInspection"]);
        var close = inspector.GetByTestId("step-close");
        await close.GetByTestId("finding-substance").SelectOptionAsync("Cocaine");
        await close.GetByTestId("finding-kg").FillAsync("42.5");
        await close.GetByTestId("finding-packages").FillAsync("38");
        await close.GetByTestId("finding-concealment").SelectOptionAsync("AmongCargoNearDoors");
        await close.GetByTestId("seal-evidence").FillAsync("EC4471902 cut and replaced");
        await close.GetByTestId("chain-of-custody").FillAsync("COC-2026-0042");
        await close.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await Expect(inspector.GetByTestId("inspection-state")).ToHaveTextAsync(TextResourcesTests.English["SelectionState.Closed"]);
        await Expect(inspector.GetByTestId("inspection-findings")).ToContainTextAsync("Cocaine");
        await Expect(inspector.GetByTestId("inspection-findings")).ToContainTextAsync("42.5");
        await Expect(inspector.GetByTestId("inspection-coc")).ToHaveTextAsync("COC-2026-0042");
        await WebServerFixture.ScreenshotAsync(inspector, "inspection");
        await inspector.Context.CloseAsync();
    }

    [Fact]
    public async Task A_terminal_partner_gets_no_dossier_and_an_inspector_sees_no_risk()
    {
        await SeedAsync();
        var terminal = await server.SignInAsync("terminal");
        await terminal.GotoAsync($"/containers/{WebServerFixture.ContainerNumber}");
        Assert.StartsWith(server.BaseUrl + "/denied", terminal.Url, StringComparison.Ordinal);
        await Expect(terminal.GetByTestId("dossier-risk")).ToHaveCountAsync(0);
        await Expect(terminal.GetByTestId("reason")).ToHaveCountAsync(0);
        await terminal.Context.CloseAsync();

        var inspector = await server.SignInAsync("inspector");
        await inspector.GotoAsync($"/containers/{WebServerFixture.ContainerNumber}");
        await Expect(inspector.GetByTestId("container-consignments")).ToContainTextAsync(WebServerFixture.Reference);
        await Expect(inspector.GetByTestId("dossier-risk")).ToHaveCountAsync(0);
        await Expect(inspector.GetByTestId("dossier-why")).ToHaveCountAsync(0);
        await Expect(inspector.GetByTestId("dossier-inspection-link")).ToHaveCountAsync(1);
        await inspector.Context.CloseAsync();
    }
}
