using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Storage;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>
/// Dutch and English in a real browser and over plain HTTP. The expected words come from the resource
/// files (<see cref="TextResourcesTests"/>), never from the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageTests(WebServerFixture server)
{
    private static IReadOnlyDictionary<string, string> English => TextResourcesTests.English;

    private static IReadOnlyDictionary<string, string> Dutch => TextResourcesTests.Dutch;

    private const string Password = "harbour-lights-at-dawn-7319";

    [Fact]
    public async Task The_language_switch_changes_every_visible_string_on_a_page()
    {
        // Not the demo account: its user name "supervisor" is the English name of the role and would count as English left.
        await AddSupervisorAsync("l.visser");
        var page = await server.SignInAsync("l.visser", Password);

        await page.GetByTestId("language-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        Assert.Equal(server.BaseUrl + "/", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Dutch["Home.Title"]);
        await Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("body")));

        // The alarm list is interactive: its live line is rendered by the circuit, which must run in Dutch too.
        await page.GotoAsync("/alarms");
        await Expect(page.GetByTestId("alarms-live")).ToHaveTextAsync(Dutch["Alarms.Live"]);
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("body")));

        await page.GetByTestId("language-en").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.StartsWith(server.BaseUrl + "/alarms", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("alarms-live")).ToHaveTextAsync(English["Alarms.Live"]);
        await Expect(page.Locator("h1")).ToHaveTextAsync(English["Alarms.Heading"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dossier_consignment_and_risk_pages_speak_Dutch()
    {
        await AddSupervisorAsync("m.jansen");
        var page = await server.SignInAsync("m.jansen", Password);
        await page.GetByTestId("language-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");

        // Data shown as it came (party names, goods, the timeline's event texts) is left out: only the page's own texts count.
        await page.GotoAsync($"/containers/{WebServerFixture.ContainerNumber}");
        await Expect(page.GetByTestId("container-consignments")).ToContainTextAsync(WebServerFixture.Reference);
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("div.page-header") + "\n" + string.Join("\n", await page.Locator("h6, .mud-card-header, .mud-alert, .mud-text-secondary").AllInnerTextsAsync())));

        await page.GotoAsync($"/consignments/{server.ConsignmentId}");
        await Expect(page.GetByTestId("consignment-reference")).ToHaveTextAsync(WebServerFixture.Reference);
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("div.page-header") + "\n" + string.Join("\n", await page.Locator("h6, th, .route-stop, [data-testid=parties] td:first-child").AllInnerTextsAsync())));

        // The reasons' own sentences are the risk engine's and the analysts' rule texts, in English and marked lang="en"; everything else is the page's.
        await page.GotoAsync("/risk?hub=RTM");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Dutch["Nav.Risk"]);
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await TextOutsideEnglishAsync(page)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_monitoring_pages_speak_Dutch()
    {
        await MonitoringFixtures.AddWaterbedAsync(server.Database);
        await AddSupervisorAsync("j.bakker");
        var page = await server.SignInAsync("j.bakker", Password);
        await page.GetByTestId("language-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        var period = $"from={MonitoringFixtures.First:yyyy-MM-dd}&to={MonitoringFixtures.Last:yyyy-MM-dd}";

        // The lane codes (EC 08 SeaContainer), hub codes and ISO weeks are codes, the same in both languages.
        await page.GotoAsync($"/monitoring?{period}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Dutch["Monitoring.Title"]);
        await Expect(page.GetByTestId("chart-seizures").Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("public-figures")).ToContainTextAsync(Dutch["Monitoring.PublicFigures"]);
        await Expect(page.GetByTestId("public-figures")).ToContainTextAsync("11.130 kg");
        await Expect(page.GetByTestId("csv-seizures-by-month")).ToHaveTextAsync(Dutch["Monitoring.DownloadCsv"]);
        await Expect(page.GetByTestId("chart-seizures").Locator("svg text", new() { HasText = "mrt 2026" }).First).ToBeVisibleAsync();
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("body") + "\n" + await ChartTextsAsync(page)));

        await page.GotoAsync($"/monitoring/waterbed?{period}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Dutch["Waterbed.Title"]);
        await Expect(page.GetByTestId("table-flags")).ToContainTextAsync("EC 08 SeaContainer");
        await Expect(page.GetByTestId("chart-lane-ec-08-seacontainer").Locator("svg")).ToBeVisibleAsync();
        Assert.Empty(EnglishIn(await page.TitleAsync() + "\n" + await page.InnerTextAsync("body") + "\n" + await ChartTextsAsync(page)));

        // Back in English the same page reads in English again.
        await page.GetByTestId("language-en").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync(English["Waterbed.Title"]);
        await page.Context.CloseAsync();
    }

    /// <summary>The page's visible text without the elements marked lang="en" (text that is English by nature, such as the risk engine's reason sentences).</summary>
    private static Task<string> TextOutsideEnglishAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
                const marked = [...document.body.querySelectorAll('[lang=en]')];
                marked.forEach(e => e.style.display = 'none');
                const text = document.body.innerText;
                marked.forEach(e => e.style.display = '');
                return text;
            }
            """);

    /// <summary>The SVG charts' title, description and point titles, which a screen reader reads but innerText leaves out.</summary>
    private static async Task<string> ChartTextsAsync(Microsoft.Playwright.IPage page) =>
        string.Join("\n", await page.Locator("figure.pc-chart svg title, figure.pc-chart svg desc").AllTextContentsAsync());

    [Theory]
    [InlineData("nl-NL,nl;q=0.9,en;q=0.5", "nl")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData(null, "en")]
    public async Task Without_a_choice_the_browser_language_decides(string? acceptLanguage, string expected)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
        Assert.Contains((expected == "nl" ? Dutch : English)["SignIn.Heading"], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chosen_language_wins_over_the_browser_language()
    {
        using var client = Client();
        using var choose = await client.GetAsync("/culture?lang=en&redirect=%2Fsignin%3Ferror%3Dmissing", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        Assert.Equal("/signin?error=missing", choose.Headers.Location?.OriginalString);
        var cookie = choose.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin?error=missing");
        request.Headers.Add("Accept-Language", "nl-NL");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains(English["SignIn.Missing"], html, StringComparison.Ordinal);
        Assert.DoesNotContain(Dutch["SignIn.Missing"], html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/culture?lang=nl&redirect=%2F%2Fevil.example%2F", "/")]
    [InlineData("/culture?lang=nl&redirect=https%3A%2F%2Fevil.example%2F", "/")]
    [InlineData("/culture?lang=nl", "/")]
    public async Task The_switch_never_sends_the_browser_to_another_site(string url, string location)
    {
        using var client = Client();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_is_refused_in_one_sentence()
    {
        using var client = Client();
        using var response = await client.GetAsync("/culture?lang=fr", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The language must be nl or en", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>
    /// The English resource texts (those that differ from their Dutch translation) found as whole words in
    /// the text; placeholders split a text into the fragments looked for. A fragment that Dutch uses too
    /// ("open", the "late" of "late dienst") proves nothing and is skipped.
    /// </summary>
    internal static List<string> EnglishIn(string text)
    {
        var dutchText = string.Join("\n", Dutch.Values);
        return [.. English.Where(e => e.Value != Dutch[e.Key])
            .SelectMany(e => Placeholder().Split(e.Value).Select(f => (e.Key, Fragment: f.Trim())))
            .Where(f => f.Fragment.Length >= 3 && !WholeWords(dutchText, f.Fragment, RegexOptions.IgnoreCase))
            .Where(f => WholeWords(text, f.Fragment, RegexOptions.None))
            .Select(f => $"{f.Key}: {f.Fragment}")
            .Distinct()];
    }

    private async Task AddSupervisorAsync(string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        await accounts.CreateAsync(new NewAccount(userName, "L. Visser", Roles.Supervisor, "Douane", ["*"], Password), new AccessActor("test-administrator", null), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        await accounts.ApproveAsync(userName, new CurrentUser(Guid.Empty, "test-approver", Roles.Supervisor, Guid.Empty, "Douane", ["*"], [], false), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
    }

    private static bool WholeWords(string text, string fragment, RegexOptions options) =>
        Regex.IsMatch(text, @"(?<!\w)" + Regex.Escape(fragment) + @"(?!\w)", options);

    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(server.BaseUrl) };

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
