using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>`portcullis ingest` as an operator runs it, and what a crash in the middle leaves behind.</summary>
public sealed class IngestCliTests
{
    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Ingest_prints_a_summary_and_exits_non_zero_when_anything_was_rejected()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var good = Path.Combine(folder, "good.edi");
        var bad = Path.Combine(folder, "bad.edi");
        await File.WriteAllTextAsync(good, IngestFiles.GateIn("CLI1"));
        await File.WriteAllTextAsync(bad, IngestFiles.GateIn("CLI2").Replace("UNT+9+1'", "UNT+8+1'", StringComparison.Ordinal));

        var clean = await CliProcess.RunAsync(folder, "ingest", good, "--db", db);
        var mixed = await CliProcess.RunAsync(folder, "ingest", good, bad, "--db", db);
        var list = await CliProcess.RunAsync(folder, "ingest", "quarantine", "list", "--db", db);

        Assert.True(clean.ExitCode == 0, clean.Stdout + clean.Stderr);
        Assert.Contains("CODECO", clean.Stdout, StringComparison.Ordinal);
        Assert.Contains("accepted 1", clean.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("duplicate 1", mixed.Stdout, StringComparison.Ordinal);
        Assert.Contains("UNT says", mixed.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("1 item(s).", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Scalar(db, "SELECT COUNT(*) FROM container_events"));
    }

    [Fact]
    public async Task Input_that_no_reader_recognises_is_refused_in_one_sentence_with_exit_code_2()
    {
        var folder = CliProcess.TempFolder();
        var file = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(file, "declaration;date\n1;2026-01-01\n");

        var result = await CliProcess.RunAsync(folder, "ingest", file, "--db", Path.Combine(folder, "p.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--mapping", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task A_message_above_the_configured_limit_is_refused_naming_the_setting_with_exit_code_2_and_nothing_stored()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var file = Path.Combine(folder, "big.edi");
        await using (var output = File.Create(file))
        {
            await new LargeEdifact("BIG1", 200_000).CopyToAsync(output, TestContext.Current.CancellationToken);
        }

        var result = await CliProcess.RunAsync(folder, new Dictionary<string, string> { ["PORTCULLIS_Ingest__MaxMessageBytes"] = "100000" }, "ingest", file, "--db", db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rejected 1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "Message 1 is larger than the limit of 100000 bytes (Ingest:MaxMessageBytes); split it into smaller messages or raise Ingest:MaxMessageBytes.",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM consignments"));
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM ingest_quarantine WHERE Payload IS NOT NULL"));
    }

    [Fact]
    public async Task A_kill_in_the_middle_loses_no_committed_interchange_and_leaves_no_partial_one()
    {
        var folder = CliProcess.TempFolder();
        var days = IngestFiles.Simulate(folder, days: 5, scale: 0.2, seed: 11);
        // A bill of lading number already stored makes a later one a duplicate, so count first sightings only.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var expected = days.ToDictionary(
            d => "C" + d.Simulated.Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            d => (long)IngestFiles.Manifested(d.Simulated).Count(c => seen.Add(c.Reference)));
        var big = Path.Combine(folder, "week.edi");
        await using (var output = File.Create(big))
        {
            foreach (var day in days)
            {
                await using var input = File.OpenRead(day.Manifests);
                await input.CopyToAsync(output);
            }
        }

        var db = Path.Combine(folder, "p.db");
        Assert.Equal(0, (await CliProcess.RunAsync(folder, "db", "migrate", "--db", db)).ExitCode);
        using (var process = CliProcess.Start(folder, "ingest", big, "--db", db))
        {
            var clock = Stopwatch.StartNew();
            while (Scalar(db, "SELECT COUNT(*) FROM ingest_keys") < 2 && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(20);
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var committed = Scalar(db, "SELECT COUNT(*) FROM ingest_keys");
        Assert.InRange(committed, 2, days.Count - 1);
        foreach (var (control, count) in expected)
        {
            var stored = Scalar(db, $"SELECT COUNT(*) FROM consignments WHERE SourceDocument LIKE '{control}-%'");
            var known = Scalar(db, $"SELECT COUNT(*) FROM ingest_keys WHERE Key = 'PORTBASE|{control}'");
            // Every interchange is all or nothing, and stored exactly when its key (the acknowledgement) is.
            Assert.Equal(known == 1 ? count : 0, stored);
        }

        var rerun = await CliProcess.RunAsync(folder, "ingest", big, "--db", db);

        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        foreach (var (control, count) in expected)
        {
            Assert.Equal(count, Scalar(db, $"SELECT COUNT(*) FROM consignments WHERE SourceDocument LIKE '{control}-%'"));
        }

        Assert.Equal(expected.Values.Sum(), Scalar(db, "SELECT COUNT(*) FROM consignments"));
    }
}
