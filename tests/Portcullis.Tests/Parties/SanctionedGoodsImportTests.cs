using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Parties;
using Portcullis.Risk;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties;

/// <summary>The goods list is data: a supervisor imports a new version and every score uses it; a bad file changes nothing.</summary>
public sealed class SanctionedGoodsImportTests(SanctionedGoodsImportTests.Host host) : IClassFixture<SanctionedGoodsImportTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Api = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Parties:Sanctions:ScreenEverySeconds"] = "0" });

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();
    }

    // A list that (for the test) bans bananas from Ecuador: the fixture's reefer carries them; the
    // description is quoted because it holds a comma, as an export from a spreadsheet writes it.
    private const string BananaList = """
        # test list
        code,direction,country,annex,reference,date,description
        0803,import,EC,Annex T,"Test Regulation 1/2026, Art. 1",2020-01-01,"bananas, fresh or dried"
        """;

    [Fact]
    public async Task An_imported_list_replaces_the_excerpt_in_every_score_and_a_broken_one_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.Date, 730001);
        using var supervisor = await host.Api.SignInAsync("supervisor");
        await ActivateProfileAsync(supervisor);
        var engine = host.Api.Services.GetRequiredService<RiskEngine>();
        await host.Api.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(ct);
        await engine.ScoreStoredAsync([seeded.ConsignmentId], all: false, ct);
        Assert.DoesNotContain("bananas", await ReasonsAsync(seeded.ConsignmentId), StringComparison.Ordinal);

        using var imported = await supervisor.PostAsync("/api/v1/sanctions/goods", new StringContent(BananaList, System.Text.Encoding.UTF8, "text/csv"), ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.Content.ReadFromJsonAsync<ImportSanctionedGoods.ImportResult>(ct);
        Assert.Equal(1, result!.Rules);
        Assert.False(result.AlreadyImported);

        // The running engine hears of the new version through the outbox, as another node would.
        await host.Api.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(ct);
        await engine.ScoreStoredAsync([seeded.ConsignmentId], all: false, ct);
        var reasons = await ReasonsAsync(seeded.ConsignmentId);
        Assert.Contains("HS 080390 (bananas, fresh or dried) is listed in Annex T of Test Regulation 1/2026, Art. 1", reasons, StringComparison.Ordinal);
        // The stored reason keeps its phrase, so a Dutch page says it (the annex's own words stay as they are).
        await using (var scores = host.Api.Database.CreateContext())
        {
            var goods = (await scores.RiskScores.AsNoTracking().SingleAsync(s => s.ConsignmentId == seeded.ConsignmentId, ct)).Reasons.Single(r => r.Source == SanctionsGoodsRisk.Source);
            Assert.Equal(
                "goederencode 080390 (bananas, fresh or dried) staat in Annex T van Test Regulation 1/2026, Art. 1 (invoerverbod, EC, sinds 2020-01-01); de goederen komen uit EC.",
                Components.PhraseAssert.SaidInDutch(goods.Phrase!, goods.Text));
        }

        // A broken file: one sentence with the line and the fix; the imported version stays active.
        using var broken = await supervisor.PostAsync("/api/v1/sanctions/goods", new StringContent("code,direction,country,annex,reference,date,description\n0803,import,EC,Annex T,ref,20-01-2020,bananas\n", System.Text.Encoding.UTF8, "text/csv"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var problem = await broken.Content.ReadAsStringAsync(ct);
        Assert.Contains("line 2: the date '20-01-2020' is not yyyy-MM-dd.", problem, StringComparison.Ordinal);
        Assert.Contains("stays active", problem, StringComparison.Ordinal);

        var versions = await supervisor.GetFromJsonAsync<List<ImportSanctionedGoods.VersionView>>("/api/v1/sanctions/goods", ct);
        var active = Assert.Single(versions!, v => v.Active);
        Assert.Equal(1, active.Rules);
        Assert.Contains(versions!, v => v.Id is null && !v.Active);

        // The same file again is recognised, not a second version.
        using var again = await supervisor.PostAsync("/api/v1/sanctions/goods", new StringContent(BananaList, System.Text.Encoding.UTF8, "text/csv"), ct);
        Assert.True((await again.Content.ReadFromJsonAsync<ImportSanctionedGoods.ImportResult>(ct))!.AlreadyImported);

        await using var db = host.Api.Database.CreateContext();
        Assert.Equal(1, await db.SanctionsGoodsVersions.CountAsync(ct));
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == "sanctions.goods.import" && a.Actor == "supervisor", ct));
    }

    // The engine stores scores only under an active profile or model: a one-rule profile is enough.
    private async Task ActivateProfileAsync(HttpClient supervisor)
    {
        using var analyst = await host.Api.SignInAsync("analyst");
        const string yaml = "name: goods test\ndescription: test profile\nrules:\n  - id: any-reefer\n    weight: 0.1\n    reason: reefer\n    when:\n      all:\n        - reefer: true\n";
        using var created = await analyst.PostAsJsonAsync("/api/v1/risk/profiles", new { yaml, reason = "test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = (await created.Content.ReadFromJsonAsync<Profiles.ProfileView>())!;
        using var activated = await supervisor.PostAsJsonAsync($"/api/v1/risk/profiles/{profile.Id}/activate", new { reason = "test" });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
    }

    private async Task<string> ReasonsAsync(Guid consignmentId)
    {
        await using var db = host.Api.Database.CreateContext();
        var score = await db.RiskScores.AsNoTracking().SingleAsync(s => s.ConsignmentId == consignmentId, TestContext.Current.CancellationToken);
        return string.Join("\n", score.Reasons.Select(r => r.Text));
    }
}
