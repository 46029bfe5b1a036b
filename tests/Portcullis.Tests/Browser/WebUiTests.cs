using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portcullis.Access;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The web UI in a real browser against a real server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebUiTests(WebServerFixture server)
{
    [Theory]
    [InlineData("analyst", Roles.TargetingAnalyst, true)]
    [InlineData("scananalyst", Roles.ScanAnalyst, true)]
    [InlineData("inspector", Roles.HubInspector, true)]
    [InlineData("supervisor", Roles.Supervisor, true)]
    [InlineData("auditor", Roles.Auditor, true)]
    [InlineData("admin", Roles.Administrator, false)]
    [InlineData("terminal", Roles.TerminalPartner, false)]
    [InlineData("police", Roles.PartnerAgency, false)]
    public async Task Every_demo_role_signs_in_and_sees_counts_only_when_customs(string userName, string role, bool customs)
    {
        var page = await server.SignInAsync(userName);

        Assert.Equal(server.BaseUrl + "/", page.Url);
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync($"{userName} · {role}");
        await Expect(page.GetByTestId("hub-RTM")).ToBeVisibleAsync();
        if (customs)
        {
            await Expect(page.GetByTestId("consignments-RTM")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        }
        else
        {
            await Expect(page.GetByTestId("consignments-RTM")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("hub-RTM")).ToContainTextAsync("Traffic counts are shown to customs roles.");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_the_error()
    {
        var page = await server.SignInAsync("analyst", "not-the-password");

        Assert.EndsWith("/signin?error=invalid&returnUrl=%2F", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("The user name, password or code is not right, or the account is disabled or locked after too many attempts; try again later or ask an administrator.");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hub_inspector_sees_only_the_Rotterdam_card()
    {
        var page = await server.SignInAsync("inspector");

        var cards = page.Locator("[data-testid^='hub-']");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards).ToHaveAttributeAsync("data-testid", "hub-RTM");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Terminal_partner_gets_not_for_your_role_on_consignments()
    {
        var page = await server.SignInAsync("terminal");

        await page.GotoAsync("/consignments?hub=RTM");

        Assert.StartsWith(server.BaseUrl + "/denied", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not for your role");
        await Expect(page.GetByTestId("consignment-grid")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_creates_an_account_and_sees_the_one_time_password_once()
    {
        var page = await server.SignInAsync("admin");
        await page.GotoAsync("/admin/accounts");

        await page.FillAsync("#new-username", "k.dekker");
        await page.FillAsync("#new-displayname", "Karin Dekker");
        await page.SelectOptionAsync("#new-role", Roles.ScanAnalyst);
        await page.FillAsync("#new-hubs", "RTM, ZWB");
        await page.GetByTestId("add-account-form").Locator("button[type=submit]").ClickAsync();

        await Expect(page.GetByTestId("account-created")).ToContainTextAsync("k.dekker");
        await Expect(page.GetByTestId("one-time-password")).ToHaveTextAsync(new Regex("^[A-Za-z0-9]{20}$"));
        // A scan analyst sees cargo: the account waits for a second person.
        await Expect(page.GetByTestId("account-k.dekker")).ToContainTextAsync("awaiting a supervisor's approval");

        // The password lives only in that one response: the list page never shows it again.
        await page.GotoAsync("/admin/accounts");
        await Expect(page.GetByTestId("one-time-password")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("account-k.dekker")).ToContainTextAsync("RTM, ZWB");
        await page.Context.CloseAsync();

        // Four eyes: a supervisor approves it on the approvals page, and the account is usable.
        var supervisor = await server.SignInAsync("supervisor");
        await supervisor.GotoAsync("/admin/approvals");
        await supervisor.GetByTestId("approve-account-k.dekker").Locator("button[type=submit]").ClickAsync();
        await Expect(supervisor.GetByTestId("approval-notice")).ToContainTextAsync("Approved k.dekker");
        await supervisor.GotoAsync("/admin/accounts");
        await Expect(supervisor.GetByTestId("accounts")).ToHaveCountAsync(0);
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task Consignments_page_lists_the_consignment_and_its_page_shows_the_container()
    {
        var page = await server.SignInAsync("analyst");

        await page.GotoAsync("/consignments?hub=RTM");
        var grid = page.GetByTestId("consignment-grid");
        await Expect(grid).ToContainTextAsync(WebServerFixture.Reference);
        await Expect(grid).ToContainTextAsync("Fruitimport Rotterdam B.V.");
        await Expect(grid).ToContainTextAsync("080390");
        await Expect(grid).ToContainTextAsync("21,400");

        await grid.GetByRole(AriaRole.Link, new() { Name = WebServerFixture.Reference }).ClickAsync();
        await page.WaitForURLAsync(server.BaseUrl + "/consignments/" + server.ConsignmentId);
        await Expect(page.GetByTestId("consignment-reference")).ToHaveTextAsync(WebServerFixture.Reference);
        await Expect(page.GetByTestId("containers")).ToContainTextAsync(WebServerFixture.ContainerNumber);
        await Expect(page.GetByTestId("containers")).ToContainTextAsync("EC4471902");
        await Expect(page.GetByTestId("parties")).ToContainTextAsync("AeoF");

        await page.GetByTestId("containers").GetByRole(AriaRole.Link, new() { Name = WebServerFixture.ContainerNumber }).ClickAsync();
        await page.WaitForURLAsync(server.BaseUrl + "/containers/" + WebServerFixture.ContainerNumber);
        await Expect(page.GetByTestId("container-consignments")).ToContainTextAsync(WebServerFixture.Reference);
        await Expect(page.GetByTestId("container-events")).ToContainTextAsync("Discharge");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Container_page_explains_a_wrong_check_digit_and_home_page_looks_right()
    {
        var page = await server.SignInAsync("supervisor");

        await WebServerFixture.ScreenshotAsync(page, "home");

        await page.GotoAsync("/containers/CSQU3054384");
        await Expect(page.GetByTestId("container-error")).ToContainTextAsync("check digit 4 but ISO 6346 gives 3");
        await page.Context.CloseAsync();
    }
}
