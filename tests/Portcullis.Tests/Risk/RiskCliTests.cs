using System.Text;
using System.Text.Json;
using Portcullis.Tests.Infrastructure;
using Portcullis.Tests.Risk.Rules;

namespace Portcullis.Tests.Risk;

/// <summary>`portcullis risk backtest` on a labelled CSV through a mapping, as a real process.</summary>
public sealed class RiskCliTests
{
    private static readonly DateTime FirstDay = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    private static string Mapping => Path.Combine(RuleCases.RepoRoot(), "docs", "mappings", "date-synthetic.yaml");

    [Fact]
    public async Task Backtest_on_a_labelled_csv_reports_every_capacity_as_json()
    {
        var folder = Directory.CreateTempSubdirectory("portcullis-backtest-").FullName;
        var csv = Path.Combine(folder, "date.csv");
        await File.WriteAllTextAsync(csv, LabelledDeclarations.Csv(6000, seed: 9, FirstDay), Encoding.Latin1, TestContext.Current.CancellationToken);
        var json = Path.Combine(folder, "report.json");

        var result = await CliProcess.RunAsync(folder, "risk", "backtest", "--csv", csv, "--mapping", Mapping, "--json", json);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("Warning", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("5 %", result.Stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var split = report.RootElement.GetProperty("split");
        var at = split.GetProperty("model").GetProperty("at").EnumerateArray().ToList();
        Assert.Equal([1.0, 2.0, 5.0, 10.0], at.Select(a => a.GetProperty("percent").GetDouble()));
        var random = split.GetProperty("randomPrecision").GetDouble();
        var at5 = at[2];
        Assert.True(at5.GetProperty("precision").GetDouble() >= 2 * random, at5.ToString());
        Assert.True(at5.GetProperty("revenueRecall").GetDouble() > 0, at5.ToString());
        Assert.True(DateTime.Parse(split.GetProperty("testFrom").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > FirstDay.AddDays(20));
        Assert.NotEmpty(report.RootElement.GetProperty("operation").GetProperty("weeks").EnumerateArray());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_mapping_that_feeds_the_label_to_the_model_gets_a_warning_naming_the_column()
    {
        var folder = Directory.CreateTempSubdirectory("portcullis-backtest-").FullName;
        var csv = Path.Combine(folder, "date.csv");
        await File.WriteAllTextAsync(csv, LabelledDeclarations.Csv(3000, seed: 9, FirstDay), Encoding.Latin1, TestContext.Current.CancellationToken);
        var leaky = Path.Combine(folder, "leaky.yaml");
        var yaml = await File.ReadAllTextAsync(Mapping, TestContext.Current.CancellationToken);
        Assert.Contains("  office: office.id\n", yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(leaky, yaml.Replace("  office: office.id\n", "  office: office.id\n  status: illicit\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(folder, "risk", "backtest", "--csv", csv, "--mapping", leaky, "--no-operation");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Warning: Feature 'status' value '1' is a hit in all", result.Stderr, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_label_that_is_not_zero_or_one_stops_the_backtest_naming_the_row()
    {
        var folder = Directory.CreateTempSubdirectory("portcullis-backtest-").FullName;
        var csv = Path.Combine(folder, "date.csv");
        var lines = LabelledDeclarations.Csv(400, seed: 9, FirstDay).Split('\n');
        lines[37] = lines[37][..lines[37].LastIndexOf(',', lines[37].LastIndexOf(',') - 1)] + ",2,0";
        await File.WriteAllTextAsync(csv, string.Join('\n', lines), Encoding.Latin1, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(folder, "risk", "backtest", "--csv", csv, "--mapping", Mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("37", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("illicit", result.Stderr, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
