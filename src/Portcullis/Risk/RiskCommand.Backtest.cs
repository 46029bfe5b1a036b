using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;
using Portcullis.Ingest;
using Portcullis.Ingest.Csv;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;
using Portcullis.Risk.Rules;
using Portcullis.Risk.Scoring;
using Spectre.Console;

namespace Portcullis.Risk;

public static partial class RiskCommand
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Command BacktestCommand()
    {
        var csv = new Option<string?>("--csv") { Description = "A labelled CSV/TSV to evaluate on instead of the stored data (needs --mapping)." };
        var mapping = new Option<string?>("--mapping") { Description = "The YAML mapping of the CSV (see docs/mappings)." };
        var from = new Option<string?>("--from") { Description = "Stored data: first arrival day to use (yyyy-MM-dd)." };
        var to = new Option<string?>("--to") { Description = "Stored data: day after the last arrival day to use (yyyy-MM-dd)." };
        var testShare = new Option<double>("--test-share") { Description = "Share of the days (the last ones) that are the test period.", DefaultValueFactory = _ => 0.25 };
        var split = new Option<string?>("--split") { Description = "First test day (yyyy-MM-dd); overrides --test-share." };
        var profile = new Option<string?>("--profile") { Description = "A rule profile (YAML) to compare as rules-only; stored data defaults to the active profiles." };
        var capacity = new Option<double>("--capacity") { Description = "Weekly operation: percent of each week's cases inspected.", DefaultValueFactory = _ => 5 };
        var exploration = new Option<double>("--exploration") { Description = "Weekly operation: share of the inspections drawn at random.", DefaultValueFactory = _ => 0.1 };
        var noOperation = new Option<bool>("--no-operation") { Description = "Only the split evaluation, not the weekly simulated operation." };
        var seed = new Option<int>("--seed") { Description = "Seed for training and the operation's random picks.", DefaultValueFactory = _ => 42 };
        var json = new Option<string?>("--json") { Description = "Also write the full report as JSON to this file ('-' for stdout only)." };
        var command = new Command("backtest", "Time-ordered evaluation: train on the past, test on the future; precision and recall at 1, 2, 5, 10 %, and a weekly simulated operation.")
        {
            csv, mapping, from, to, testShare, split, profile, capacity, exploration, noOperation, seed, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(testShare) is <= 0 or >= 1)
            {
                throw new UserFacingException("--test-share must lie between 0 and 1, e.g. 0.25 for the last quarter of the days.");
            }

            var csvPath = parse.GetValue(csv);
            List<RiskCase> cases;
            IReadOnlyList<string> outcomeColumns = [];
            Func<RiskCase, CaseFacts, double>? rules = null;
            if (parse.GetValue(profile) is { } profilePath)
            {
                rules = LoadProfile(profilePath);
            }

            if (csvPath is not null)
            {
                (cases, outcomeColumns) = ReadCsv(csvPath, parse.GetValue(mapping), cancellationToken);
            }
            else
            {
                await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
                var db = app.Db;
                var end = parse.GetValue(to) is { } t ? ParseDate(t, "--to") : (DateTime?)null;
                cases = await CaseSources.LoadAsync(db, end, cancellationToken);
                if (parse.GetValue(from) is { } f)
                {
                    var start = ParseDate(f, "--from");
                    cases = [.. cases.Where(c => c.Date >= start)];
                }

                rules ??= await ActiveProfilesAsync(db, cancellationToken);
            }

            var options = new BacktestOptions
            {
                TestShare = parse.GetValue(testShare),
                SplitDay = parse.GetValue(split) is { } s ? ParseDate(s, "--split") : null,
                RuleScore = rules,
                SimulateOperation = !parse.GetValue(noOperation),
                CapacityPercent = parse.GetValue(capacity),
                ExplorationShare = parse.GetValue(exploration),
                Seed = parse.GetValue(seed),
                Training = new TrainingOptions { Seed = parse.GetValue(seed) },
                OutcomeColumns = outcomeColumns,
            };
            BacktestReport report;
            try
            {
                report = Backtest.Run(cases, options, cancellationToken);
            }
            catch (RiskTrainingException e)
            {
                throw new UserFacingException(e.Message);
            }

            PrintLeaks(report.LabelLeaks);
            var jsonPath = parse.GetValue(json);
            var text = JsonSerializer.Serialize(report, ReportJson);
            if (jsonPath == "-")
            {
                Console.WriteLine(text);
                return 0;
            }

            Print(report, cases.Count);
            if (jsonPath is not null)
            {
                await File.WriteAllTextAsync(jsonPath, text, cancellationToken);
                Console.WriteLine($"Report written to {jsonPath}.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Label-leak warnings go to standard error, before the figures they call into question, so that
    /// a report piped elsewhere still shows them on the terminal.
    /// </summary>
    internal static void PrintLeaks(IReadOnlyList<LabelLeak> leaks)
    {
        foreach (var leak in leaks)
        {
            Console.Error.WriteLine("Warning: " + leak.Message);
        }
    }

    /// <summary>Reads a labelled CSV into cases sorted by date, and the mapping's outcome column names; a bad row stops with its issue (exit 2).</summary>
    internal static (List<RiskCase> Cases, IReadOnlyList<string> OutcomeColumns) ReadCsv(string path, string? mappingPath, CancellationToken cancellationToken)
    {
        if (mappingPath is null)
        {
            throw new UserFacingException("--csv needs --mapping FILE.yaml, which says which columns are the id, date, parties, HS code and label (examples in docs/mappings).");
        }

        foreach (var file in new[] { path, mappingPath }.Where(f => !File.Exists(f)))
        {
            throw new UserFacingException($"File '{file}' does not exist; check the path.");
        }

        CsvMapping mapping;
        try
        {
            using var reader = new StreamReader(mappingPath);
            mapping = CsvMapping.Load(reader);
        }
        catch (IngestRejectedException e)
        {
            throw new UserFacingException($"{Path.GetFileName(mappingPath)}: {e.Issue.Message}{(e.Issue.Position is { } at ? $" ({at})" : "")}");
        }

        try
        {
            using var stream = File.OpenRead(path);
            var outcome = mapping.Outcome;
            IReadOnlyList<string> outcomeColumns = [.. new[] { outcome?.Hit, outcome?.Inspected, outcome?.SeizedKg, outcome?.Revenue }.Select(c => c?.Name).OfType<string>()];
            return ([.. CaseSources.FromCsv(stream, mapping, cancellationToken).OrderBy(c => c.Date)], outcomeColumns);
        }
        catch (IngestRejectedException e)
        {
            throw new UserFacingException($"{Path.GetFileName(path)}: {e.Issue.Message}{(e.Issue.Position is { } at ? $" ({at})" : "")}");
        }
    }

    private static Func<RiskCase, CaseFacts, double> LoadProfile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserFacingException($"File '{path}' does not exist; check the path.");
        }

        var read = RuleProfileParser.Read(File.ReadAllText(path));
        if (!read.IsValid)
        {
            var e = read.Issues[0];
            throw new UserFacingException($"{Path.GetFileName(path)} line {e.Line}, column {e.Column}: {e.Message}");
        }

        var compiled = RuleEngine.Compile(read.Profile);
        return (c, facts) => compiled.Evaluate(c, facts).Score;
    }

    private static async Task<Func<RiskCase, CaseFacts, double>?> ActiveProfilesAsync(Storage.PortcullisDb db, CancellationToken cancellationToken)
    {
        var compiled = (await db.RuleProfiles.AsNoTracking().Where(p => p.Status == ProfileStatus.Active).Select(p => p.Yaml).ToListAsync(cancellationToken))
            .Select(yaml => RuleEngine.Compile(RuleProfileParser.Parse(yaml)))
            .ToList();
        return compiled.Count == 0 ? null : (c, facts) => CombinedScore.NoisyOr(compiled.Select(p => p.Evaluate(c, facts).Score));
    }

    private static void Print(BacktestReport report, int cases)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = report.Split;
        Console.WriteLine(string.Create(inv, $"{cases:N0} cases. Trained on {s.TrainingCases:N0} labelled ({s.TrainingHits:N0} hits) before {s.TestFrom:yyyy-MM-dd}; tested on {s.TestCases:N0} labelled ({s.TestHits:N0} hits) {s.TestFrom:yyyy-MM-dd} – {s.TestTo:yyyy-MM-dd}."));
        Console.WriteLine(string.Create(inv, $"Model AUC {s.Model.Auc:F3}; hyperparameters {s.Hyperparameters}."));
        var table = new Table().AddColumns("at", "model precision", "model recall", "kg / revenue recall", "random precision", "rules precision", "rules recall", "model ÷ random");
        foreach (var at in s.Model.At)
        {
            var rule = s.Rules?.At.FirstOrDefault(r => r.Percent == at.Percent);
            var value = at.KgRecall ?? at.RevenueRecall;
            table.AddRow(
                string.Create(inv, $"{at.Percent:0.#} %"),
                string.Create(inv, $"{at.Precision:P1} ({at.Hits}/{at.Selected})"),
                string.Create(inv, $"{at.Recall:P1}"),
                value is { } v ? string.Create(inv, $"{v:P1}") : "–",
                string.Create(inv, $"{s.RandomPrecision:P1}"),
                rule is null ? "–" : string.Create(inv, $"{rule.Precision:P1}"),
                rule is null ? "–" : string.Create(inv, $"{rule.Recall:P1}"),
                s.RandomPrecision > 0 ? string.Create(inv, $"{at.Precision / s.RandomPrecision:F1}×") : "–");
        }

        AnsiConsole.Write(table);
        if (report.Operation is { } op)
        {
            Console.WriteLine(string.Create(inv, $"Weekly operation at {op.CapacityPercent:0.#} % capacity, {op.ExplorationShare:P0} exploration: {op.Found:N0} hits in {op.Inspected:N0} inspections ({op.Precision:P1}); random selection found {op.RandomFound:N0} ({op.RandomPrecision:P1})."));
            foreach (var w in op.Weeks)
            {
                Console.WriteLine(string.Create(inv, $"  week of {w.WeekStart:yyyy-MM-dd}: {w.Found}/{w.Inspected} hits ({w.Precision:P1}, {w.Explored} explored); random {w.RandomFound} ({w.RandomPrecision:P1}); {w.Hits} hits among {w.Cases:N0} cases"));
            }
        }
    }
}
