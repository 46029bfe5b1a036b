using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Risk;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Risk;

/// <summary>Rule profiles through the API: import with errors located, supervised activation with audit, rules-only scores with reasons.</summary>
public sealed class RiskApiTests : IAsyncLifetime
{
    private const string ReeferProfile = """
        name: reefer watch
        description: test profile
        rules:
          - id: reefer-ecuador
            weight: 0.4
            reason: "reefer from {port_of_loading}, consignee first seen {party_age_days.consignee} days ago"
            reason_nl: "koelcontainer uit {port_of_loading}, geadresseerde voor het eerst gezien {party_age_days.consignee} dagen geleden"
            when:
              all:
                - reefer: true
                - port_of_loading: { in: [ECGYE] }
          - id: bananas
            weight: 0.25
            reason: "bananas (HS {hs_code})"
            when: { hs_code: { prefix: ["0803"] } }
        """;

    private ApiHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApiHost.StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static object Payload(bool reefer, string hs = "080390") => new
    {
        hub = "RTM",
        originCountry = "EC",
        portOfLoading = "ECGYE",
        portOfDischarge = "NLRTM",
        goods = new[] { new { hsCode = hs, description = "fresh bananas", grossKg = 20000.0, valueEur = 15000.0 } },
        containers = new[] { new { number = "MSCU1234565", reefer } },
    };

    private async Task<Profiles.ProfileView> ImportAndActivateAsync(string yaml)
    {
        using var analyst = await _host.SignInAsync("analyst");
        using var created = await analyst.PostAsJsonAsync("/api/v1/risk/profiles", new { yaml, reason = "new season" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = (await created.Content.ReadFromJsonAsync<Profiles.ProfileView>())!;
        using var supervisor = await _host.SignInAsync("supervisor");
        using var activated = await supervisor.PostAsJsonAsync($"/api/v1/risk/profiles/{profile.Id}/activate", new { reason = "approved for RTM" });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        return profile;
    }

    [Fact]
    public async Task A_profile_with_an_unknown_field_is_refused_with_its_line_and_column()
    {
        using var analyst = await _host.SignInAsync("analyst");
        var yaml = "name: broken\nrules:\n  - id: r1\n    weight: 0.3\n    reason: x\n    when: { refer: true }\n";

        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/profiles", new { yaml, reason = "typo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Line 6, column 13", body, StringComparison.Ordinal);
        Assert.Contains("refer", body, StringComparison.Ordinal);
        await using var db = _host.Database.CreateContext();
        Assert.Equal(0, await db.RuleProfiles.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task The_alias_bomb_is_refused_by_the_test_bench_and_by_import_with_a_problem_body()
    {
        using var analyst = await _host.SignInAsync("analyst");
        var yaml = Parsing.YamlBombs.AliasBombProfile();

        using var bench = await analyst.PostAsJsonAsync("/api/v1/risk/profiles/test-bench", new { yaml, days = 28 }, TestContext.Current.CancellationToken);
        using var import = await analyst.PostAsJsonAsync("/api/v1/risk/profiles", new { yaml, reason = "laughs" }, TestContext.Current.CancellationToken);

        foreach (var response in new[] { bench, import })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(
                "Line 8, column 16: The profile defines the YAML anchor '&l0', and rule profiles allow no anchors or aliases; remove it and write each value out in full.",
                problem.RootElement.GetProperty("detail").GetString());
        }

        await using var db = _host.Database.CreateContext();
        Assert.Equal(0, await db.RuleProfiles.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_any_model_the_score_is_rules_only_and_says_so()
    {
        await ImportAndActivateAsync(ReeferProfile);
        using var analyst = await _host.SignInAsync("analyst");

        var reefer = await (await analyst.PostAsJsonAsync("/api/v1/risk/score", Payload(reefer: true))).Content.ReadFromJsonAsync<Assessment>();
        var dry = await (await analyst.PostAsJsonAsync("/api/v1/risk/score", Payload(reefer: false, hs: "847130"))).Content.ReadFromJsonAsync<Assessment>();

        // Both rules fire on the reefer: 1 − (1 − 0.4)(1 − 0.25) = 0.55.
        Assert.Equal(0.55, reefer!.Score, 6);
        Assert.Null(reefer.ModelProbability);
        Assert.Equal("rules only (no active model)", reefer.Basis);
        Assert.Equal(["reefer-ecuador", "bananas"], reefer.Reasons.Select(r => r.Name));
        Assert.Contains("reefer from ECGYE", reefer.Reasons[0].Text, StringComparison.Ordinal);
        Assert.Equal(0, dry!.Score);
        Assert.Empty(dry.Reasons);
    }

    [Fact]
    public async Task Activation_retires_the_previous_version_and_is_audited()
    {
        var first = await ImportAndActivateAsync(ReeferProfile);
        var second = await ImportAndActivateAsync(ReeferProfile.Replace("weight: 0.4", "weight: 0.6", StringComparison.Ordinal));

        await using var db = _host.Database.CreateContext();
        var versions = await db.RuleProfiles.AsNoTracking().OrderBy(p => p.Version).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal([ProfileStatus.Retired, ProfileStatus.Active], versions.Select(v => v.Status));
        Assert.Equal("supervisor", versions[1].ActivatedBy);
        var audit = await db.Audit.AsNoTracking().Where(a => a.Action == "risk.profile.activate").OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["profile reefer watch v1", "profile reefer watch v2"], audit.Select(a => a.Subject));
        Assert.All(audit, a => Assert.Equal("supervisor", a.Actor));
        Assert.NotEqual(first.Id, second.Id);

        using var analyst = await _host.SignInAsync("analyst");
        var scored = await (await analyst.PostAsJsonAsync("/api/v1/risk/score", Payload(reefer: true))).Content.ReadFromJsonAsync<Assessment>();
        Assert.Equal(1 - (0.4 * 0.75), scored!.Score, 6);
        Assert.Equal(["reefer watch v2"], scored.Profiles);
    }

    [Fact]
    public async Task A_payload_without_goods_is_a_problem_naming_the_fix()
    {
        using var analyst = await _host.SignInAsync("analyst");

        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/score", new { hub = "RTM", goods = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no goods lines", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_consignments_get_scores_with_reasons_and_a_container_takes_its_worst()
    {
        // Midnight, so that "first seen 9 days before arrival" is 9 whole days from the start of the arrival day.
        var now = DateTime.UtcNow.Date;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(_host.Database, "RTM", now, 200001);
        var profile = await ImportAndActivateAsync(ReeferProfile);
        var engine = _host.Services.GetRequiredService<RiskEngine>();

        await engine.ScoreStoredAsync([seeded.ConsignmentId], all: false, TestContext.Current.CancellationToken);

        using var analyst = await _host.SignInAsync("analyst");
        var view = await analyst.GetFromJsonAsync<GetRisk.ScoreView>($"/api/v1/risk/consignments/{seeded.ConsignmentId}", TestContext.Current.CancellationToken);
        Assert.Equal(0.55, view!.Score, 6);
        Assert.Contains(view.Reasons, r => r.Text == "reefer from ECGYE, consignee first seen 9 days ago");
        // The rule's Dutch reason is kept through export and shown on Dutch pages only; the API stays English.
        var exported = await analyst.GetFromJsonAsync<Profiles.ProfileDetail>($"/api/v1/risk/profiles/{profile.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(ReeferProfile, exported!.Yaml);
        Assert.DoesNotContain("koelcontainer", await analyst.GetStringAsync($"/api/v1/risk/consignments/{seeded.ConsignmentId}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        foreach (var (language, shown, hidden) in new[] { ("nl-NL", "koelcontainer uit ECGYE, geadresseerde voor het eerst gezien 9 dagen geleden", "reefer from ECGYE"), ("en-GB", "reefer from ECGYE, consignee first seen 9 days ago", "koelcontainer") })
        {
            // The risk page's reasons, and the dossier's reasons and timeline.
            foreach (var path in new[] { $"/risk?hub=RTM&date={now:yyyy-MM-dd}", $"/containers/{seeded.ContainerNumber}" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Accept-Language", language);
                using var response = await analyst.SendAsync(request, TestContext.Current.CancellationToken);
                var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                Assert.Contains(shown, page, StringComparison.Ordinal);
                Assert.DoesNotContain(hidden, page, StringComparison.Ordinal);
            }
        }

        // The dossier API's timeline is worded in English whatever the caller's language.
        using var dossierRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/containers/{seeded.ContainerNumber}/dossier");
        dossierRequest.Headers.Add("Accept-Language", "nl-NL");
        using var dossier = await analyst.SendAsync(dossierRequest, TestContext.Current.CancellationToken);
        var json = await dossier.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("raises the score: reefer from ECGYE, consignee first seen 9 days ago", json, StringComparison.Ordinal);
        Assert.DoesNotContain("koelcontainer", json, StringComparison.Ordinal);

        var container = await analyst.GetFromJsonAsync<GetRisk.ScoreView>($"/api/v1/risk/containers/{seeded.ContainerNumber}", TestContext.Current.CancellationToken);
        Assert.Equal(seeded.ConsignmentId, container!.ConsignmentId);
        var ranking = await analyst.GetFromJsonAsync<List<GetRisk.ScoreView>>($"/api/v1/risk/ranking?hub=RTM&date={now:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        Assert.Equal(seeded.ConsignmentId, Assert.Single(ranking!).ConsignmentId);
    }
}
