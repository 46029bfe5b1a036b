using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Simulation;

/// <summary>`portcullis simulate` on a database that already holds simulated traffic, as after `./run.sh`.</summary>
public sealed class SimulateCliTests
{
    [Fact]
    public async Task Simulated_traffic_that_would_meet_stored_traffic_is_refused_in_one_sentence_before_anything_is_written()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");

        // Several days in one run, as the demo does: its own days must not count as stored traffic.
        var first = await CliProcess.RunAsync(folder, "simulate", "--scale", "0.02", "--from", "2026-11-02", "--days", "3", "--db", db);
        var sameDay = await CliProcess.RunAsync(folder, "simulate", "--scale", "0.02", "--from", "2026-11-03", "--db", db);
        var sameSeed = await CliProcess.RunAsync(folder, "simulate", "--scale", "0.02", "--from", "2026-11-06", "--db", db);
        var otherSeed = await CliProcess.RunAsync(folder, "simulate", "--scale", "0.02", "--from", "2026-11-06", "--seed", "7", "--db", db);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("Simulated 3 day(s)", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, sameDay.ExitCode);
        Assert.Contains("already holds traffic arriving on 2026-11-03", sameDay.Stderr, StringComparison.Ordinal);
        Assert.Single(sameDay.Stderr.Trim().Split('\n'));
        // Before the check, this crashed on the parties' ids (exit 1, "unexpected error").
        Assert.Equal(2, sameSeed.ExitCode);
        Assert.Contains("seed 42 is stored already", sameSeed.Stderr, StringComparison.Ordinal);
        Assert.Single(sameSeed.Stderr.Trim().Split('\n'));
        Assert.True(otherSeed.ExitCode == 0, otherSeed.Stderr);
        Assert.Matches(@"ingested through the readers: [1-9][\d,]* consignments", otherSeed.Stdout);
    }
}
