using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Inspection;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Worklists;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>
/// The work page in Chromium on the real clock: the hub inspector's controls of the running shift (and
/// not those whose window is still closed), the analyst's filter and selection with a reason, and the
/// page in Dutch. The data are placed relative to now, so the checks hold at any hour.
/// </summary>
// Its own server: the analyst's commodity filter counts every scored arrival of the day, and the shared server's classes add theirs.
public sealed class WorkPageTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public async Task The_inspector_sees_the_control_of_its_shift_and_not_one_whose_window_is_closed()
    {
        var (shift, visible, later) = await SeedControlsAsync("WLNOW0001", "WLLATER0001");
        var page = await server.SignInAsync("inspector");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/work");

        // The background planner may have planned the fixture's own container too: look for ours.
        var link = page.GetByTestId($"shift-{shift}").GetByTestId("control-link").Filter(new() { HasText = "WLNOW0001" });
        await Expect(link).ToHaveAttributeAsync("href", $"/inspections/{visible}");
        await Expect(page.GetByTestId("shift-later").First).ToBeVisibleAsync();
        Assert.DoesNotContain("WLLATER0001", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        Assert.DoesNotContain(later.ToString(), await page.ContentAsync(), StringComparison.Ordinal);
        // Fits 1280 pixels: nothing to scroll sideways.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        // Keyboard: the control's link takes the focus and opens with Enter.
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/inspections/{visible}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_analyst_filters_by_commodity_and_selects_a_container_with_a_reason()
    {
        var bananas = await AddScoredArrivalAsync(500001, "EC", "ECGYE", "080390", "Exportadora Worklist SA", 0.55);
        var coffee = await AddScoredArrivalAsync(500002, "CO", "COCTG", "090111", "Cafe Worklist Ltda", 0.75);
        var page = await server.SignInAsync("analyst");
        await page.GotoAsync("/work");
        var list = page.GetByTestId("targeting-list");
        await Expect(list).ToContainTextAsync(coffee.Reference);
        await Expect(list).ToContainTextAsync(bananas.Reference);

        await page.GetByTestId("targeting-commodity").FillAsync("0803");
        await page.GetByTestId("targeting-filter").Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("targeting-row")).ToHaveCountAsync(1);
        await Expect(list).ToContainTextAsync(bananas.Reference);
        await Expect(list).Not.ToContainTextAsync(coffee.Reference);
        await WebServerFixture.ScreenshotAsync(page, "work-targeting");

        await page.GetByTestId("targeting-select").ClickAsync();
        await page.FillAsync("#select-reason", "Liaison officer reports a rip-off in this container.");
        await page.GetByTestId("targeting-select-form").Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("targeting-notice")).ToContainTextAsync(bananas.Container);
        await Expect(page.GetByTestId("targeting-selected")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("targeting-deselect")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_inspectors_work_page_in_Dutch_shows_no_English()
    {
        await SeedControlsAsync("WLNOW0002", "WLLATER0002");
        var page = await server.SignInAsync("inspector");
        await page.GotoAsync("/work");
        await page.GetByTestId("language-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Components.TextResourcesTests.Dutch["Nav.Work"]);
        await Expect(page.GetByTestId("shift-later").First).ToBeVisibleAsync();
        Assert.Empty(LanguageTests.EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("body")));
        await page.Context.CloseAsync();
    }

    /// <summary>Two Rotterdam controls of today's customs day: one in the running shift within the window, one whose window opens in two hours.</summary>
    private async Task<(string Shift, Guid Visible, Guid Later)> SeedControlsAsync(string visibleUnit, string laterUnit)
    {
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var (day, shift) = InspectionSteps.CurrentShift(now);
        Assert.Equal(day, WorklistsModule.Today(server.Clock));
        SelectionCase Control(string unit, DateTime at) => new()
        {
            Id = Guid.CreateVersion7(),
            HubCode = "RTM",
            Unit = unit,
            UnitKind = UnitKind.Container,
            PlanDate = day,
            Shift = shift,
            PlannedControlAt = at,
            Reason = SelectionReason.Targeted,
            Why = "Browser test.",
            CreatedBy = "analyst",
            CreatedAt = now.AddHours(-1),
            State = SelectionState.Scheduled,
            UpdatedAt = now.AddHours(-1),
            UpdatedBy = "analyst",
        };
        var visible = Control(visibleUnit, now.AddHours(1));
        var later = Control(laterUnit, now.AddHours(6));
        await using var db = server.Database.CreateContext();
        db.Selections.AddRange(visible, later);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (shift, visible.Id, later.Id);
    }

    private async Task<(string Reference, string Container)> AddScoredArrivalAsync(int serial, string origin, string portOfLoading, string hsCode, string consignor, double score)
    {
        var arrived = server.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var container = ContainerNumber.Create("WLKU", 'U', serial).Value;
        var id = Guid.CreateVersion7();
        var party = new Party { Id = Guid.CreateVersion7(), Name = consignor, CountryCode = origin, FirstSeen = arrived.AddYears(-1) };
        var reference = "WLBL" + serial;
        await using var db = server.Database.CreateContext();
        db.Parties.Add(party);
        db.Equipment.Add(new Equipment { ContainerNumber = container, SizeType = "45R1", Reefer = true });
        db.Consignments.Add(new Consignment
        {
            Id = id,
            Reference = reference,
            Kind = ConsignmentKind.SeaContainer,
            Direction = Direction.Import,
            HubCode = "RTM",
            BookedAt = arrived.AddDays(-20),
            DepartedAt = arrived.AddDays(-17),
            ArrivedAt = arrived,
            OriginCountry = origin,
            Route = new Route { PortOfLoading = portOfLoading, PortOfDischarge = "NLRTM" },
            TotalGrossKg = 20_000,
            TotalValueEur = 15_000,
            Parties = [new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignor, PartyId = party.Id }],
            Goods = [new GoodsLine { ConsignmentId = id, LineNumber = 1, HsCode = hsCode, Description = "Goods", Packages = 1_000, PackageType = "CT", GrossKg = 20_000, NetKg = 18_000, ValueEur = 15_000 }],
            Equipment = [new ConsignmentEquipment { ConsignmentId = id, ContainerNumber = container }],
        });
        db.ContainerEvents.Add(new ContainerEvent { Id = Guid.CreateVersion7(), ContainerNumber = container, Type = ContainerEventType.Discharge, OccurredAt = arrived, UnLocode = "NLRTM", Facility = "ECT Delta", Source = "test" });
        db.RiskScores.Add(new RiskScore { ConsignmentId = id, HubCode = "RTM", ScoredAt = arrived, ArrivedAt = arrived, Score = score, RuleScore = score, Reasons = [new RiskReason("rule", "lane", "lane of interest", 0.3)] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (reference, container);
    }
}
