using System.CommandLine;
using System.Diagnostics;
using Portcullis.Hosting;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Simulation;

/// <summary>`portcullis simulate`: writes simulated mainport traffic into the database.</summary>
public static class SimulateCommand
{
    public static Option<int> Seed { get; } = new("--seed") { Description = "Random seed; the same seed gives the same traffic.", DefaultValueFactory = _ => 42 };

    public static Option<double> Scale { get; } = new("--scale") { Description = "1.0 is a realistic full day (Rotterdam ~40,000 container moves).", DefaultValueFactory = _ => 1.0 };

    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Number of days to simulate.", DefaultValueFactory = _ => 1 };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd, UTC); default: so that the last day is today." };
        var simulate = new Command("simulate", "Simulates mainport traffic (manifests, container events, hidden ground truth) into the database.") { Seed, Scale, days, from };
        simulate.Validators.Add(result =>
        {
            if (result.GetValue(Scale) is <= 0 or > 20)
            {
                result.AddError("--scale must be above 0 and at most 20");
            }

            if (result.GetValue(days) is < 1 or > 3660)
            {
                result.AddError("--days must be between 1 and 3660");
            }
        });
        simulate.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(days);
            var firstDay = ParseFirstDay(parse.GetValue(from), count);
            var database = await PortcullisCli.OpenDatabaseAsync(parse, cancellationToken);
            var options = new SimulationOptions(parse.GetValue(Seed), parse.GetValue(Scale), firstDay, count);
            var summary = await RunWithProgressAsync(database, options, cancellationToken);
            Console.WriteLine($"Simulated {summary.Days} day(s) from {firstDay:yyyy-MM-dd}: {summary.Consignments:N0} consignments, {summary.ContainerEvents:N0} container events, {summary.Parties:N0} new parties.");
            return 0;
        });
        return simulate;
    }

    public static async Task<SimulationSummary> RunWithProgressAsync(Database database, SimulationOptions options, CancellationToken cancellationToken)
    {
        var store = new StoreSimulatedTraffic(database);
        var clock = Stopwatch.StartNew();
        return await CliProgress.RunAsync("Simulating", options.Days, async step =>
            await store.RunAsync(options, new SyncProgress(day => step($"{day.Date:yyyy-MM-dd} {day.Consignments.Count:N0} consignments ({clock.Elapsed.TotalSeconds:F0} s)")), cancellationToken));
    }

    private static DateOnly ParseFirstDay(string? value, int days)
    {
        if (value is null)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-(days - 1));
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day)
            ? day
            : throw new UserFacingException($"--from '{value}' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-01.");
    }

    // Progress<T> posts to the thread pool; reporting inline keeps lines in order.
    private sealed class SyncProgress(Action<SimulatedDay> report) : IProgress<SimulatedDay>
    {
        public void Report(SimulatedDay value) => report(value);
    }
}
