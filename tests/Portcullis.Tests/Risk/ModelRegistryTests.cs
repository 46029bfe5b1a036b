using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Ingest;
using Portcullis.Risk;
using Portcullis.Tests.Infrastructure;
using Portcullis.Tests.Risk.Rules;

namespace Portcullis.Tests.Risk;

/// <summary>
/// Labelled declarations through ingest, a model trained and activated through the API, stored
/// scores explained by real features, and going back to an earlier model in one step.
/// </summary>
public sealed class ModelRegistryTests : IAsyncLifetime
{
    private static readonly DateTime FirstDay = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
    private ApiHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ApiHost.StartAsync(Provider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("portcullis-risk-").FullName;
        var path = Path.Combine(folder, "declarations.csv");
        await File.WriteAllTextAsync(path, LabelledDeclarations.Csv(6000, seed: 5, FirstDay), Encoding.Latin1, TestContext.Current.CancellationToken);
        var mapping = await File.ReadAllTextAsync(Path.Combine(RuleCases.RepoRoot(), "docs", "mappings", "date-synthetic.yaml"), TestContext.Current.CancellationToken);
        var receipt = await new IngestPipeline(_host.Database, TimeProvider.System, new IngestOptions()).IngestCsvAsync(path, mapping, new IngestOrigin("test"), TestContext.Current.CancellationToken);
        Assert.Equal(6000, receipt.Accepted);
        Directory.Delete(folder, recursive: true);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<Models.ModelView> TrainAsync(HttpClient client, int days)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/risk/models/train", new { from = FirstDay, to = FirstDay.AddDays(days) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Models.ModelView>())!;
    }

    [Fact]
    public async Task A_trained_model_scores_with_features_named_and_the_previous_version_comes_back_in_one_step()
    {
        using var analyst = await _host.SignInAsync("analyst");
        using var supervisor = await _host.SignInAsync("supervisor");
        var first = await TrainAsync(analyst, 30);
        Assert.Equal("Candidate", first.Status);
        Assert.Empty(first.Warnings);
        Assert.True(first.Cases > 3000, $"{first.Cases} cases");
        Assert.Contains("history declarant", first.Features);
        Assert.True(first.Features.Any(f => f.Contains("office", StringComparison.Ordinal)), string.Join(" | ", first.Features));
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"/api/v1/risk/models/{first.Id}/activate", new { reason = "try" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/risk/models/{first.Id}/activate", new { reason = "first model" })).StatusCode);

        var engine = _host.Services.GetRequiredService<RiskEngine>();
        engine.Invalidate();
        var scored = await engine.ScoreStoredAsync(null, all: true, TestContext.Current.CancellationToken);
        Assert.Equal(6000, scored);

        await using (var db = _host.Database.CreateContext())
        {
            var crooked = await db.RiskScores.AsNoTracking()
                .Join(db.Set<Portcullis.Domain.Cargo.ConsignmentParty>(), s => s.ConsignmentId, p => p.ConsignmentId, (s, p) => new { s, p })
                .Where(x => x.p.Party!.Name == "IMP0010")
                .Select(x => x.s)
                .FirstAsync(TestContext.Current.CancellationToken);
            Assert.Equal(first.Version, crooked.ModelVersion);
            Assert.NotNull(crooked.ModelProbability);
            var modelReasons = crooked.Reasons.Where(r => r.Source == "model").ToList();
            Assert.NotEmpty(modelReasons);
            Assert.All(modelReasons, r => Assert.Contains(r.Name, first.Features));
            Assert.All(modelReasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));

            // Crooked importers' declarations must on average score above the honest ones'.
            var byImporter = await db.RiskScores.AsNoTracking()
                .Join(db.Set<Portcullis.Domain.Cargo.ConsignmentParty>().Where(p => p.Role == Portcullis.Domain.Cargo.PartyRole.Consignee), s => s.ConsignmentId, p => p.ConsignmentId, (s, p) => new { s.Score, p.Party!.Name })
                .ToListAsync(TestContext.Current.CancellationToken);
            var crookedMean = byImporter.Where(x => int.Parse(x.Name[3..], System.Globalization.CultureInfo.InvariantCulture) % 10 == 0).Average(x => x.Score);
            var honestMean = byImporter.Where(x => int.Parse(x.Name[3..], System.Globalization.CultureInfo.InvariantCulture) % 10 != 0).Average(x => x.Score);
            Assert.True(crookedMean > 2 * honestMean, $"crooked {crookedMean:F3} vs honest {honestMean:F3}");
        }

        var second = await TrainAsync(analyst, 20);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/risk/models/{second.Id}/activate", new { reason = "shorter window" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/risk/models/{first.Id}/activate", new { reason = "back to v1" })).StatusCode);

        var models = await analyst.GetFromJsonAsync<List<Models.ModelView>>("/api/v1/risk/models", TestContext.Current.CancellationToken);
        Assert.Equal(["Retired", "Active"], models!.OrderByDescending(m => m.Version).Select(m => m.Status));
        await using var check = _host.Database.CreateContext();
        var audit = await check.Audit.AsNoTracking().Where(a => a.Action == "risk.model.activate").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["first model", "shorter window", "back to v1"], audit);
    }

    [Fact]
    public async Task A_window_without_inspections_is_refused_with_the_reason()
    {
        using var analyst = await _host.SignInAsync("analyst");

        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/models/train", new { from = FirstDay.AddYears(-2), to = FirstDay.AddYears(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("labelled", (await response.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }
}
