using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Portcullis.Hosting;
using Portcullis.Imaging.Analysis;

namespace Portcullis.Imaging;

/// <summary>
/// `portcullis scan learn|analyze|compare`: the scan analysis on any folder of scans, without a
/// database (evaluation, tuning), through <see cref="ScanAnalyzer"/> as the app uses it. One bad scan
/// never stops a batch: its line says "cannot analyse: …". `scan learn --from-store` is the one that
/// opens the database (the cleared scans of closed inspections).
/// </summary>
public static class ScanAnalysisCommand
{
    private static readonly Option<string?> ModelOption = new("--model") { Description = "Model file written by 'scan learn'; without it the built-in defaults." };

    public static IEnumerable<Command> Create() => [Learn(), Analyze(), Compare()];

    private static Command Analyze()
    {
        var list = new Option<string?>("--list") { Description = "LIST.csv: file, low_file, kind (container or parcel), hs, iso_type, container_number; paths relative to the list." };
        var files = new Argument<string[]>("files") { Description = "Scan files, instead of --list.", Arity = ArgumentArity.ZeroOrMore };
        var kind = new Option<string>("--kind") { Description = "container or parcel: the kind of the files named as arguments.", DefaultValueFactory = _ => "container" };
        var json = new Option<string>("--json") { Description = "Where to write the results (a JSON array, one object per scan).", Required = true };
        var command = new Command("analyze", "Analyses scans: score, alarm, regions, reasons, time per scan, as JSON.") { files, list, kind, ModelOption, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var listPath = parse.GetValue(list);
            var paths = parse.GetValue(files) ?? [];
            if ((listPath is null) == (paths.Length == 0))
            {
                throw new UserFacingException("Give either --list LIST.csv or scan files as arguments, e.g. 'portcullis scan analyze --list list.csv --json out.json'.");
            }

            IReadOnlyList<ScanAnalysisFiles.ListRow> rows;
            if (listPath is not null)
            {
                rows = ScanAnalysisFiles.ReadList(listPath);
            }
            else
            {
                var subjectKind = ScanAnalysisFiles.ParseKind(parse.GetValue(kind))
                    ?? throw new UserFacingException($"--kind '{parse.GetValue(kind)}' is not known; use container or parcel.");
                foreach (var missing in paths.Where(p => !File.Exists(p)))
                {
                    throw new UserFacingException($"File '{missing}' does not exist; check the path.");
                }

                rows = [.. paths.Select((p, i) => new ScanAnalysisFiles.ListRow(i + 1, p, Path.GetFullPath(p), null, new ScanSubject(subjectKind)))];
            }

            var model = ScanAnalysisFiles.ReadModel(parse.GetValue(ModelOption));
            var output = parse.GetValue(json)!;
            var lines = new List<ScanAnalysisFiles.AnalysisLine>();
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var (image, problem) = ScanAnalysisFiles.LoadImage(row.FullPath, row.LowFullPath);
                var outcome = image is null ? AnalysisOutcome.Refused(problem!) : Safe(() => ScanAnalyzer.Analyze(image, row.Subject, model, cancellationToken), AnalysisOutcome.Refused);
                lines.Add(ScanAnalysisFiles.LineOf(row.File, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }

            await WriteAsync(output, lines, cancellationToken);
            var refused = lines.Count(l => l.Error is not null);
            Console.WriteLine($"Analysed {lines.Count - refused} scan(s), {lines.Count(l => l.Alarm)} alarm(s), {refused} could not be analysed; results in {Path.GetFullPath(output)}.");
            return 0;
        });
        return command;
    }

    private static Command Compare()
    {
        var pairs = new Option<string>("--pairs") { Description = "PAIRS.csv: origin, arrival, origin_low, arrival_low; paths relative to the list.", Required = true };
        var json = new Option<string>("--json") { Description = "Where to write the results (a JSON array, one object per pair).", Required = true };
        var command = new Command("compare", "Compares origin and arrival scans of the same container: added or removed mass, kilograms, regions, as JSON.") { pairs, ModelOption, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rows = ScanAnalysisFiles.ReadPairs(parse.GetValue(pairs)!);
            var model = ScanAnalysisFiles.ReadModel(parse.GetValue(ModelOption));
            var output = parse.GetValue(json)!;
            var lines = new List<ScanAnalysisFiles.ComparisonLine>();
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var (origin, originProblem) = ScanAnalysisFiles.LoadImage(row.OriginFullPath, row.OriginLowFullPath);
                var (arrival, arrivalProblem) = origin is null ? (null, null) : ScanAnalysisFiles.LoadImage(row.ArrivalFullPath, row.ArrivalLowFullPath);
                var outcome = origin is null || arrival is null
                    ? ComparisonOutcome.Refused("cannot compare: " + (originProblem ?? arrivalProblem!)["cannot analyse: ".Length..])
                    : Safe(() => ScanAnalyzer.Compare(origin, arrival, model, cancellationToken), ComparisonOutcome.Refused);
                lines.Add(ScanAnalysisFiles.LineOf(row, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }

            await WriteAsync(output, lines, cancellationToken);
            var refused = lines.Count(l => l.Error is not null);
            Console.WriteLine($"Compared {lines.Count - refused} pair(s), {lines.Count(l => l.Alarm)} alarm(s), {refused} could not be compared; results in {Path.GetFullPath(output)}.");
            return 0;
        });
        return command;
    }

    private static Command Learn()
    {
        var list = new Option<string?>("--list") { Description = "LIST.csv of cleared scans (no finding): file, low_file, kind, hs, iso_type, container_number." };
        var fromStore = new Option<bool>("--from-store") { Description = "Learn from the store's cleared scans: those of closed inspections without a finding." };
        var output = new Option<string>("--out") { Description = "Model file to write.", Required = true };
        var command = new Command("learn", "Learns normal appearance from cleared scans and writes the model file that analyze, compare and the server read.") { list, fromStore, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var listPath = parse.GetValue(list);
            var store = parse.GetValue(fromStore);
            if ((listPath is null) == !store)
            {
                throw new UserFacingException("Give either --list LIST.csv or --from-store, e.g. 'portcullis scan learn --list cleared.csv --out model.json'.");
            }

            var examples = new List<LearningExample>();
            var skipped = 0;
            TimeProvider clock = PortcullisComposition.SystemClock;
            if (listPath is not null)
            {
                foreach (var row in ScanAnalysisFiles.ReadList(listPath))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (image, problem) = ScanAnalysisFiles.LoadImage(row.FullPath, row.LowFullPath);
                    if (image is null)
                    {
                        skipped++;
                        Console.Error.WriteLine($"{listPath} row {row.Line}: {problem}; left out.");
                        continue;
                    }

                    examples.Add(new LearningExample(image, row.Subject));
                }
            }
            else
            {
                await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
                clock = app.Clock;
                var (fromStoreExamples, storeSkipped) = await ScanLabels.ClearedExamplesAsync(app.Get<Storage.Database>(), app.Get<IScanStore>(), Console.Error.WriteLine, cancellationToken);
                examples.AddRange(fromStoreExamples);
                skipped += storeSkipped;
            }

            if (examples.Count == 0)
            {
                throw new UserFacingException("There is no readable cleared scan to learn from; name cleared scans in the list (or close inspections without a finding first).");
            }

            var model = ScanAnalyzer.Learn(examples, clock.GetUtcNow(), cancellationToken);
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, model.ToJson(), cancellationToken);
            Console.WriteLine($"Learned from {examples.Count} cleared scan(s) ({skipped} left out); model in {Path.GetFullPath(path)}.");

            // The container learner leaves out the scans its analysis refuses; say so, or a folder of scans it cannot
            // read gives a model of built-in defaults that looks learnt.
            var containers = examples.Count(e => e.Subject.Kind == Portcullis.Imaging.Analysis.ScanSubjectKind.Container && !e.Image.IsPreviewOnly);
            if (model.Containers is { } learnt && learnt.Examples < containers)
            {
                Console.Error.WriteLine($"The container analysis could not read {containers - learnt.Examples} of the {containers} container scan(s), so the model did not learn from them; 'portcullis scan analyze' on them says why.");
            }

            // Found on parcels from an independent generator: a learned threshold above 1 silently disables the alarm.
            if (model.Parcels is { } parcels && Portcullis.Imaging.Analysis.Parcels.ParcelLearner.NeverAlarms(parcels))
            {
                Console.Error.WriteLine($"The cleared parcels' 98th-percentile score is {parcels.CleanScoreQuantile:0.000}, so the parcel operating point ({parcels.Threshold:0.000}) lies above any score and no parcel will alarm with this model: on parcels like these the analysis does not keep false alarms near 2%.");
            }

            return 0;
        });
        return command;
    }

    // An analyser that throws on one strange image must not stop the batch nor hide the image: its line says so.
    private static T Safe<T>(Func<T> run, Func<string, T> refused)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return refused($"the analysis failed on this image ({e.GetType().Name}: {e.Message})");
        }
    }

    private static async Task WriteAsync<T>(string path, IReadOnlyList<T> lines, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, lines, ScanAnalysisFiles.Json, cancellationToken);
    }
}
