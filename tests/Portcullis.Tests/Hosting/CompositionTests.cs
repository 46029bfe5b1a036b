using System.CommandLine;
using Microsoft.Data.Sqlite;
using Portcullis.Hosting;
using Portcullis.Tests.Infrastructure;
using Portcullis.Tests.Ingest;

namespace Portcullis.Tests.Hosting;

/// <summary>One composition root: commands see the same settings and defaults as the server.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void Every_command_typed_with_only_what_it_requires_passes_its_own_validators()
    {
        var failures = new List<string>();
        var commands = 0;
        foreach (var path in Paths(PortcullisCli.Build(), []))
        {
            commands++;
            // A fresh tree per parse, as a real process has.
            var parse = PortcullisCli.Build().Parse(path);
            failures.AddRange(parse.Errors
                .Where(e => !e.Message.Contains("required", StringComparison.OrdinalIgnoreCase))
                .Select(e => $"portcullis {string.Join(' ', path)}: {e.Message}"));
        }

        Assert.True(commands > 30, $"only {commands} commands found");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("--scale", "0", "--scale must be above 0 and at most 20")]
    [InlineData("--scale", "21", "--scale must be above 0 and at most 20")]
    [InlineData("--days", "0", "--days must be between 1 and 3660")]
    public void Simulate_still_refuses_values_out_of_range(string option, string value, string expected)
    {
        var parse = PortcullisCli.Build().Parse(["simulate", option, value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_without_scale_writes_a_full_scale_day()
    {
        var folder = CliProcess.TempFolder();

        var result = await CliProcess.RunAsync(folder, "simulate", "--days", "1", "--from", "2026-11-02", "--out", Path.Combine(folder, "out"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"Wrote \d+ file\(s\) with [\d,]+ messages", result.Stdout);
        // Scale 1.0 is a realistic day: Rotterdam alone manifests well over ten thousand consignments.
        var messages = int.Parse(System.Text.RegularExpressions.Regex.Match(result.Stdout, @"with ([\d,]+) messages").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(messages > 10_000, result.Stdout);
    }

    [Fact]
    public async Task A_command_reads_the_same_PORTCULLIS_settings_as_the_server()
    {
        // The ingest command used to build its own default options, so this limit only reached the server.
        var folder = CliProcess.TempFolder();
        var bad = Path.Combine(folder, "bad.edi");
        await File.WriteAllTextAsync(bad, IngestFiles.GateIn("CFG1").Replace("UNT+9+1'", "UNT+8+1'", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var keptDb = Path.Combine(folder, "kept.db");
        var limitedDb = Path.Combine(folder, "limited.db");

        var kept = await CliProcess.RunAsync(folder, "ingest", bad, "--db", keptDb);
        var limited = await CliProcess.RunAsync(folder, new Dictionary<string, string> { ["PORTCULLIS_Ingest__QuarantinePayloadLimitBytes"] = "10" }, "ingest", bad, "--db", limitedDb);

        Assert.Equal(2, kept.ExitCode);
        Assert.Equal(2, limited.ExitCode);
        Assert.Equal(1L, Scalar(keptDb, "SELECT COUNT(*) FROM ingest_quarantine WHERE Payload IS NOT NULL"));
        Assert.Equal(1L, Scalar(limitedDb, "SELECT COUNT(*) FROM ingest_quarantine WHERE Payload IS NULL"));
    }

    private static IEnumerable<string[]> Paths(Command command, string[] prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] path = [.. prefix, sub.Name];
            yield return path;
            foreach (var deeper in Paths(sub, path))
            {
                yield return deeper;
            }
        }
    }

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
