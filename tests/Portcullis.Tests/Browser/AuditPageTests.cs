using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The auditor's page /audit in Chromium: a seeded lead in English and in Dutch, and no way in for an analyst.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageTests(WebServerFixture server)
{
    [Fact]
    public async Task An_auditor_sees_the_seeded_lead_with_its_evidence_in_English_and_in_Dutch()
    {
        await AuditFixtures.AddTeamAsync(server.Services, server.Database, "b.leak");
        var page = await server.SignInAsync("auditor");

        await page.GotoAsync("/audit");
        await Expect(page.Locator("h1")).ToHaveTextAsync(TextResourcesTests.English["Audit.Title"]);
        // Other tests on a shared server may leave leads of their own: the seeded one is looked up by name, not by rank.
        await Expect(page.GetByTestId("table-leads").Locator("tbody tr", new() { HasText = "b.leak" })).ToHaveCountAsync(1);
        var lead = page.GetByTestId("lead-b.leak");
        await lead.Locator("summary").ClickAsync();
        // The sentence from the figures: 30 views against the 4 peers' median 11.5, z = 0.6745 × 18.5 = 12.5.
        await Expect(lead.GetByTestId("signal-volume")).ToHaveTextAsync("30 views of selections and scores, where the 4 peers of the same role and hubs had a median of 11.5 (robust z = 12.5).");
        await Expect(lead.Locator("tbody tr")).ToHaveCountAsync(AuditFixtures.LeakViews);
        await Expect(lead.GetByTestId("local-time").First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("UTC"));
        await Expect(page.GetByTestId("csv-leads")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/v1/audit/leads\\?format=csv"));
        await WebServerFixture.ScreenshotAsync(page, "audit-leads");

        await page.GotoAsync("/culture?lang=nl&redirect=/audit");
        await Expect(page.Locator("h1")).ToHaveTextAsync(TextResourcesTests.Dutch["Audit.Title"]);
        await Expect(page.GetByTestId("leads-caveat")).ToHaveTextAsync(TextResourcesTests.Dutch["Audit.Caveat"]);
        await page.GetByTestId("lead-b.leak").Locator("summary").ClickAsync();
        await Expect(page.GetByTestId("lead-b.leak").GetByTestId("signal-volume")).ToContainTextAsync("30 inzagen van selecties en scores");
        await Expect(page.GetByTestId("lead-b.leak").GetByTestId("signal-volume")).ToContainTextAsync("11,5");
        // The evidence says its actions and subjects in Dutch; only the details, evidence as recorded, stay English (marked so).
        var evidence = page.GetByTestId("lead-b.leak").Locator("tbody tr").First;
        await Expect(evidence.Locator("td").Nth(2)).ToHaveTextAsync(TextResourcesTests.Dutch["AuditAction.view.score"]);
        await Expect(evidence.Locator("td").Nth(2).Locator("a")).ToHaveAttributeAsync("title", "view.score");
        await Expect(evidence.Locator("td").Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^" + TextResourcesTests.Dutch["AuditSubject.consignment"] + " LEAK-"));
        await Expect(evidence.Locator("td[lang=en]")).ToHaveTextAsync("score 0.7");
        var outside = await page.GetByTestId("lead-b.leak").EvaluateAsync<string>("""
            e => { const marked = [...e.querySelectorAll('[lang=en]')]; marked.forEach(m => m.style.display = 'none'); const t = e.innerText; marked.forEach(m => m.style.display = ''); return t; }
            """);
        Assert.Empty(LanguageTests.EnglishIn(outside));

        // An action links to every entry with that action, in the search, in Dutch too.
        await evidence.Locator("td").Nth(2).Locator("a").ClickAsync();
        await Expect(page.GetByTestId("table-entries")).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=action]")).ToHaveValueAsync("view.score");
        await Expect(page.GetByTestId("table-entries").Locator("tbody tr", new() { HasText = "b.leak" }).First.Locator("td").Nth(3)).ToHaveTextAsync(TextResourcesTests.Dutch["AuditAction.view.score"]);
        await Expect(page.GetByTestId("detail-as-recorded")).ToHaveTextAsync(TextResourcesTests.Dutch["Audit.DetailAsRecorded"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_analyst_is_denied_the_audit_page_and_sees_no_link_to_it()
    {
        var page = await server.SignInAsync("analyst");
        await Expect(page.Locator("a[href='/audit']")).ToHaveCountAsync(0);

        await page.GotoAsync("/audit");
        Assert.StartsWith(server.BaseUrl + "/denied", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
