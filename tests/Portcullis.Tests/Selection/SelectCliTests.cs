using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Selection;

/// <summary>`portcullis select …` as a real process against a real database file.</summary>
public sealed class SelectCliTests
{
    [Fact]
    public async Task Select_fills_lists_reports_and_answers_who_knew()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var db = database.Target.ConnectionString;
        // Two days ahead, so the control is still to come and the who-knew report has something before it.
        var day = Portcullis.Selection.Shifts.LocalDate(DateTime.UtcNow.AddDays(2));
        var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var arrival = Portcullis.Selection.Shifts.Day(day).From.AddHours(9.5);
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", arrival, 910_001);
        var folder = Directory.CreateTempSubdirectory("portcullis-select-").FullName;

        var fill = await CliProcess.RunAsync(folder, "select", "--hub", "rtm", "--date", date, "--db", db);
        Assert.True(fill.ExitCode == 0, fill.Stderr);
        // Default capacity: 40 scanner slots in each of three shifts; one unit arrives, so one is selected, with its order.
        Assert.Contains("capacity 120, 1 candidate units", fill.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 secure-lane orders", fill.Stdout, StringComparison.Ordinal);

        var list = await CliProcess.RunAsync(folder, "select", "list", "--hub", "RTM", "--date", date, "--db", db);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains(seeded.ContainerNumber, list.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 selection(s).", list.Stdout, StringComparison.Ordinal);

        var whoKnew = await CliProcess.RunAsync(folder, "select", "who-knew", seeded.ContainerNumber.ToLowerInvariant(), "--db", db);
        Assert.True(whoKnew.ExitCode == 0, whoKnew.Stderr);
        Assert.Contains("selection.create", whoKnew.Stdout, StringComparison.Ordinal);

        var report = await CliProcess.RunAsync(folder, "select", "report", "--hub", "RTM", "--from", date, "--to", date, "--db", db);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("Units in the period: 1.", report.Stdout, StringComparison.Ordinal);

        var lanes = await CliProcess.RunAsync(folder, "select", "lanes", "--db", db);
        Assert.True(lanes.ExitCode == 0, lanes.Stderr);
        Assert.Contains("1 open order(s) checked", lanes.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("select --hub XYZ", "There is no hub 'XYZ'")]
    [InlineData("select --hub RTM --date 18-11-2026", "is not a date")]
    [InlineData("select who-knew TSTU0000000", "was never selected")]
    [InlineData("select capacity --hub RTM --shift noon --scanner 3 --physical 1", "--shift early|late|night")]
    public async Task Mistakes_get_one_sentence_and_exit_code_2(string arguments, string expected)
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("portcullis-select-").FullName;
        var result = await CliProcess.RunAsync(folder, [.. arguments.Split(' '), "--db", database.Target.ConnectionString]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        await using var db = database.CreateContext();
        Assert.Empty(db.Selections);
        Assert.Empty(db.CapacityPlans);
    }
}
