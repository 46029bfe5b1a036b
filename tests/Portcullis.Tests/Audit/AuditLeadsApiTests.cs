using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Audit;

/// <summary>One application and database for the class: a team with a leaking account, and a selection whose control is still to come.</summary>
public sealed class AuditLeadsHost : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public CargoFixtures.Seeded Open { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await ApiHost.StartAsync(Provider.Sqlite);
        await AuditFixtures.AddTeamAsync(Host.Services, Host.Database, "leaky");
        var now = DateTime.UtcNow;
        Open = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now.AddHours(-2), 700_001);
        await SelectionFixtures.AddSelectionAsync(Host.Database, Open, now.AddHours(-1), now.AddHours(6));
        await using var db = Host.Database.CreateContext();
        var leaky = await db.Accounts.SingleAsync(a => a.UserName == "leaky");
        // A view of it must not reach an auditor before the control is over.
        AuditLog.RecordView(db, TimeProvider.System, new Portcullis.Access.CurrentUser(leaky.Id, "leaky", leaky.Role, Guid.Empty, "Douane", ["RTM"], [], false), "selection", AuditSubject.Of(Portcullis.Selection.UnitKind.Container, Open.ContainerNumber), "selection in a list");
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The auditor's leads and audit search over HTTP, on the real application and a real SQLite database.</summary>
public sealed class AuditLeadsApiTests(AuditLeadsHost fixture) : IClassFixture<AuditLeadsHost>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ApiHost _host = fixture.Host;

    [Fact]
    public async Task The_leaking_account_ranks_first_with_its_evidence_and_the_request_is_audited()
    {
        var seeded = fixture.Open;
        await using (var before = _host.Database.CreateContext())
        {
            Assert.Equal(0, await before.Audit.CountAsync(a => a.Action == "audit.leads.view"));
        }

        using var auditor = await _host.SignInAsync("auditor");
        var report = await auditor.GetFromJsonAsync<AuditLeads.Report>("/api/v1/audit/leads", Json);

        var lead = report!.Leads[0];
        Assert.Equal(("leaky", 1), (lead.Account, lead.Rank));
        var volume = Assert.Single(lead.Signals, s => s.Kind == "volume");
        // Peers 10, 11, 12, 13: median 11.5, MAD 1; z = 0.6745 × (30 − 11.5) = 12.5.
        Assert.Equal(12.5, volume.Numbers["z"]);
        Assert.Equal(AuditFixtures.LeakViews, volume.Evidence.Count);
        Assert.All(volume.Evidence, e => Assert.Equal(("leaky", "view.score"), (e.Actor, e.Action)));
        Assert.DoesNotContain(report.Leads, l => l.Account.StartsWith("leaky-peer", StringComparison.Ordinal));
        Assert.Equal(1, report.Withheld);
        Assert.DoesNotContain(report.Leads.SelectMany(l => l.Signals).SelectMany(s => s.Evidence), e => e.Subject.Contains(seeded.ContainerNumber, StringComparison.Ordinal));
        Assert.Contains("never an accusation", report.Caveat, StringComparison.Ordinal);

        await using var check = _host.Database.CreateContext();
        var recorded = await check.Audit.Where(a => a.Action == "audit.leads.view").ToListAsync();
        var entry = Assert.Single(recorded);
        Assert.Equal("auditor", entry.Actor);
        Assert.Contains("leaky", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_search_pages_newest_first_withholds_open_controls_and_refuses_bad_parameters()
    {
        using var auditor = await _host.SignInAsync("auditor");
        int searchesBefore;
        await using (var before = _host.Database.CreateContext())
        {
            searchesBefore = await before.Audit.CountAsync(a => a.Action == "audit.search");
        }

        var first = await auditor.GetFromJsonAsync<SearchAudit.Result>("/api/v1/audit/entries?actor=leaky&action=view.", Json);
        // 30 score views and the one of the open selection, which is counted but withheld.
        Assert.Equal((31, 1, 1), (first!.Total, first.Pages, first.Withheld));
        Assert.Equal(30, first.Entries.Count);
        Assert.Equal("consignment LEAK-29", first.Entries[0].Subject);
        Assert.Equal(first.Entries.OrderByDescending(e => e.Id).Select(e => e.Id), first.Entries.Select(e => e.Id));

        var csv = await auditor.GetAsync("/api/v1/audit/entries?actor=leaky-peer1&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at_utc,actor,action,subject,detail", lines[0]);
        Assert.Equal(1 + AuditFixtures.PeerViews[0], lines.Length);

        var bad = await auditor.GetAsync("/api/v1/audit/entries?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("pages start at 1", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var backwards = await auditor.GetAsync("/api/v1/audit/leads?from=2026-03-10&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var hub = await auditor.GetAsync("/api/v1/audit/leads?hub=XXX");
        Assert.Equal(HttpStatusCode.BadRequest, hub.StatusCode);

        await using var check = _host.Database.CreateContext();
        // Two searches answered, three refused: only the answered ones are recorded.
        Assert.Equal(searchesBefore + 2, await check.Audit.CountAsync(a => a.Action == "audit.search" && a.Actor == "auditor"));
    }

    [Fact]
    public async Task Only_auditors_may_read_leads_or_search_the_log()
    {
        foreach (var userName in new[] { "analyst", "supervisor", "inspector" })
        {
            using var client = await _host.SignInAsync(userName);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/leads")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/entries")).StatusCode);
        }

        await using var check = _host.Database.CreateContext();
        Assert.Equal(0, await check.Audit.CountAsync(a => (a.Action == "audit.search" || a.Action == "audit.leads.view") && a.Actor != "auditor"));
    }
}
