using System.Net;
using System.Net.Http.Json;
using System.Text;
using Portcullis.Ingest;
using Portcullis.Risk;
using Portcullis.Tests.Infrastructure;
using Portcullis.Tests.Risk.Rules;

namespace Portcullis.Tests.Risk;

/// <summary>A mapping that stores an outcome column as a feature: training through the API says so, with the model.</summary>
public sealed class ModelLeakTests
{
    private static readonly DateTime FirstDay = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Training_on_stored_declarations_with_the_label_as_a_feature_warns_with_the_model()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("portcullis-risk-").FullName;
        var path = Path.Combine(folder, "declarations.csv");
        await File.WriteAllTextAsync(path, LabelledDeclarations.Csv(3000, seed: 5, FirstDay), Encoding.Latin1, TestContext.Current.CancellationToken);
        var mapping = await File.ReadAllTextAsync(Path.Combine(RuleCases.RepoRoot(), "docs", "mappings", "date-synthetic.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("  office: office.id\n", mapping, StringComparison.Ordinal);
        mapping = mapping.Replace("  office: office.id\n", "  office: office.id\n  status: illicit\n", StringComparison.Ordinal);
        var receipt = await new IngestPipeline(host.Database, TimeProvider.System, new IngestOptions()).IngestCsvAsync(path, mapping, new IngestOrigin("test"), TestContext.Current.CancellationToken);
        Assert.Equal(3000, receipt.Accepted);
        Directory.Delete(folder, recursive: true);
        using var analyst = await host.SignInAsync("analyst");

        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/models/train", new { from = FirstDay, to = FirstDay.AddDays(30) }, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var model = (await response.Content.ReadFromJsonAsync<Models.ModelView>(TestContext.Current.CancellationToken))!;
        var warning = Assert.Single(model.Warnings);
        Assert.StartsWith("Feature 'status' value '1' is a hit in all", warning, StringComparison.Ordinal);
        var listed = await analyst.GetFromJsonAsync<List<Models.ModelView>>("/api/v1/risk/models", TestContext.Current.CancellationToken);
        Assert.Equal([warning], listed!.Single(m => m.Id == model.Id).Warnings);
    }
}
