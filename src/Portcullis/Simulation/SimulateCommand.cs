using System.CommandLine;
using System.Diagnostics;
using Portcullis.Hosting;
using Portcullis.Simulator;

namespace Portcullis.Simulation;

/// <summary>`portcullis simulate`: writes simulated mainport traffic into the database.</summary>
public static class SimulateCommand
{
    public static Option<int> Seed { get; } = new("--seed") { Description = "Random seed; the same seed gives the same traffic.", DefaultValueFactory = _ => 42 };

    public static Command Create()
    {
        var scale = new Option<double>("--scale") { Description = "1.0 is a realistic full day (Rotterdam ~40,000 container moves).", DefaultValueFactory = _ => 1.0 };
        var days = new Option<int>("--days") { Description = "Number of days to simulate.", DefaultValueFactory = _ => 1 };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd, UTC); default: so that the last day is today." };
        var output = new Option<string?>("--out") { Description = "Write the traffic as partners' files (CUSCAR, COARRI, CODECO) into this folder instead of ingesting it; no ground truth is written." };
        var simulate = new Command("simulate", "Simulates mainport traffic as partners' messages and ingests it through the readers (or writes the files with --out).") { Seed, scale, days, from, output };
        // Validators sit on the options, where the parser hands them the value it will use, typed or
        // default; a command-level validator read 0 for an option left at its default.
        scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 20)
            {
                result.AddError("--scale must be above 0 and at most 20");
            }
        });
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3660)
            {
                result.AddError("--days must be between 1 and 3660");
            }
        });
        simulate.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(days);
            var folder = parse.GetValue(output);
            // Writing files touches no database; ingesting migrates it first.
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken, migrate: folder is null);
            var firstDay = ParseFirstDay(parse.GetValue(from), count, app.Clock);
            if (folder is not null)
            {
                var files = WriteFiles(new SimulationOptions(parse.GetValue(Seed), parse.GetValue(scale), firstDay, count), folder, cancellationToken);
                Console.WriteLine($"Wrote {files.Paths.Count} file(s) with {files.Messages:N0} messages into {Path.GetFullPath(folder)}.");
                return 0;
            }

            var options = new SimulationOptions(parse.GetValue(Seed), parse.GetValue(scale), firstDay, count);
            var summary = await RunWithProgressAsync(app.Get<IngestSimulatedTraffic>(), options, cancellationToken);
            Console.WriteLine($"Simulated {summary.Days} day(s) from {firstDay:yyyy-MM-dd}: {summary.Consignments:N0} consignments, {summary.ContainerEvents:N0} container events, {summary.Parties:N0} new parties; ingested through the readers: {summary.StoredConsignments:N0} consignments and {summary.StoredEvents:N0} container events stored.");
            return 0;
        });
        return simulate;
    }

    public static async Task<SimulationSummary> RunWithProgressAsync(IngestSimulatedTraffic store, SimulationOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return await CliProgress.RunAsync("Simulating", options.Days, async step =>
            await store.RunAsync(options, new SyncProgress(day => step($"{day.Date:yyyy-MM-dd} {day.Consignments.Count:N0} consignments ({clock.Elapsed.TotalSeconds:F0} s)")), cancellationToken));
    }

    public static SimulatedFiles.Written WriteFiles(SimulationOptions options, string folder, CancellationToken cancellationToken)
    {
        var parties = new Dictionary<Guid, Domain.Cargo.Party>();
        var equipment = new Dictionary<string, Domain.Cargo.Equipment>(StringComparer.Ordinal);
        var paths = new List<string>();
        var messages = 0;
        foreach (var day in new TrafficSimulator(options).Run(cancellationToken))
        {
            foreach (var party in day.NewParties)
            {
                parties[party.Id] = party;
            }

            var written = SimulatedFiles.WriteDay(day, folder, parties, equipment);
            paths.AddRange(written.Paths);
            messages += written.Messages;
        }

        return new SimulatedFiles.Written(paths, messages);
    }

    private static DateOnly ParseFirstDay(string? value, int days, TimeProvider clock)
    {
        if (value is null)
        {
            return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-(days - 1));
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
