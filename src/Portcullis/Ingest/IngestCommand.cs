using System.CommandLine;
using System.Text;
using Portcullis.Hosting;
using Spectre.Console;

namespace Portcullis.Ingest;

/// <summary>
/// `portcullis ingest FILE...`, `ingest quarantine list|retry`, `ingest watch DIR`: the command-line
/// side of ingest, through the same pipeline as the API.
/// </summary>
public static class IngestCommand
{
    /// <summary>Exit code when anything was rejected: bad input, which the sender has to fix.</summary>
    public const int SomethingRejected = CliErrors.UsageOrEnvironment;

    private static readonly Option<string?> MappingOption = new("--mapping") { Description = "YAML mapping file for CSV/TSV declaration files (see docs/mappings)." };

    private static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Read and map the files and print the warnings, errors and what would be stored; store nothing." };

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Files to read: EDIFACT interchanges, IATA Cargo-XML (XFWB, XFZB, XFFM), ONE Record JSON-LD, DCSA event JSON, or CSV/TSV with --mapping.", Arity = ArgumentArity.ZeroOrMore };
        var ingest = new Command("ingest", "Reads manifests, container events and declarations from files into the database.") { files, MappingOption, DryRunOption };
        ingest.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (paths.Length == 0)
            {
                throw new UserFacingException("Name at least one file to ingest, e.g. 'portcullis ingest manifest.edi'.");
            }

            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                throw new UserFacingException($"File '{path}' does not exist; check the path.");
            }

            var mapping = parse.GetValue(MappingOption);
            if (mapping is not null && !File.Exists(mapping))
            {
                throw new UserFacingException($"Mapping file '{mapping}' does not exist; check the path (examples are in docs/mappings).");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            if (parse.GetValue(DryRunOption))
            {
                var reports = await app.Get<DryRun>().RunAsync(paths, mapping, cancellationToken);
                foreach (var line in reports.SelectMany(DryRun.Describe))
                {
                    Console.WriteLine(line);
                }

                return reports.Any(r => r.AnythingRejected) ? SomethingRejected : 0;
            }

            var pipeline = app.Get<IngestPipeline>();
            var receipts = await CliProgress.RunAsync("Ingesting", paths.Length, async step =>
            {
                var done = new List<IngestReceipt>();
                foreach (var path in paths)
                {
                    done.Add(await IngestFileAsync(pipeline, path, mapping, IngestOrigin.Cli(path), cancellationToken));
                    step(Path.GetFileName(path));
                }

                return done;
            });
            PrintSummary(receipts);
            return receipts.Any(r => r.Rejected > 0) ? SomethingRejected : 0;
        });

        ingest.Subcommands.Add(QuarantineCommand());
        ingest.Subcommands.Add(WatchCommand());
        return ingest;
    }

    /// <summary>Reads one file with the reader its content calls for.</summary>
    public static async Task<IngestReceipt> IngestFileAsync(IngestPipeline pipeline, string path, string? mappingPath, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var format = Detect(path, mappingPath);
        return format switch
        {
            IngestFormat.Edifact => await pipeline.IngestEdifactAsync(path, origin, null, cancellationToken),
            _ => await pipeline.IngestOtherAsync(format, path, mappingPath, origin, cancellationToken),
        };
    }

    /// <summary>
    /// EDIFACT starts with UNA or UNB, Cargo-XML with &lt;, JSON with { or [: ONE Record when it names
    /// the ONE Record vocabulary near the start, DCSA otherwise; anything else needs a CSV mapping.
    /// </summary>
    public static IngestFormat Detect(string path, string? mappingPath)
    {
        var head = new byte[4096];
        int n;
        using (var file = File.OpenRead(path))
        {
            n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var text = Encoding.Latin1.GetString(head, 0, n).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\r', '\n', '\t');
        if (text.StartsWith("UNA", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UNB", StringComparison.OrdinalIgnoreCase))
        {
            return IngestFormat.Edifact;
        }

        if (text.StartsWith('<'))
        {
            return IngestFormat.CargoXml;
        }

        if (text.StartsWith('{') || text.StartsWith('['))
        {
            return text.Contains("onerecord.iata.org", StringComparison.OrdinalIgnoreCase) ? IngestFormat.OneRecord : IngestFormat.Dcsa;
        }

        return mappingPath is not null
            ? IngestFormat.Csv
            : throw new UserFacingException($"'{Path.GetFileName(path)}' is neither EDIFACT (UNA/UNB), Cargo-XML, ONE Record nor DCSA JSON; for a CSV or TSV file give its mapping with --mapping FILE.yaml.");
    }

    private static void PrintSummary(IReadOnlyList<IngestReceipt> receipts)
    {
        var table = new Table().AddColumns("File", "Type", "Accepted", "Duplicate", "Rejected");
        foreach (var receipt in receipts)
        {
            foreach (var line in receipt.Lines)
            {
                table.AddRow(Markup.Escape(receipt.FileName ?? ""), Markup.Escape(line.Type), line.Accepted.ToString("N0"), line.Duplicates.ToString("N0"), line.Rejected.ToString("N0"));
            }
        }

        if (CliProgress.Interactive)
        {
            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var receipt in receipts)
            {
                foreach (var line in receipt.Lines)
                {
                    Console.WriteLine($"{receipt.FileName}\t{line.Type}\taccepted {line.Accepted}\tduplicate {line.Duplicates}\trejected {line.Rejected}");
                }
            }
        }

        foreach (var receipt in receipts)
        {
            Console.WriteLine($"Receipt {receipt.Id} for {receipt.FileName}: {receipt.Status}.");
            foreach (var issue in receipt.Issues.Where(i => i.Severity == "error").Take(10))
            {
                Console.Error.WriteLine($"  {issue.Message}{(issue.Where is null ? "" : $" ({issue.Where})")}");
            }
        }
    }

    private static Command QuarantineCommand()
    {
        var status = new Option<string>("--status") { Description = "open (default), resolved, superseded or all.", DefaultValueFactory = _ => "open" };
        var list = new Command("list", "Lists rejected input with the reason and where.") { status };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var value = parse.GetValue(status)!;
            QuarantineStatus? wanted = value.Equals("all", StringComparison.OrdinalIgnoreCase) ? null
                : Enum.TryParse<QuarantineStatus>(value, ignoreCase: true, out var s) ? s
                : throw new UserFacingException($"--status '{value}' is not known; use open, resolved, superseded or all.");
            var db = app.Db;
            var items = await Quarantine.QueryAsync(db, wanted, 1000, cancellationToken);
            foreach (var item in items)
            {
                Console.WriteLine($"{item.Id}\t{item.QuarantinedAt:yyyy-MM-dd HH:mm:ss}\t{item.Format}\t{item.Type}\t{item.Reference}\t{item.Status}\t{item.Reason}{(item.Where is null ? "" : $" ({item.Where})")}");
            }

            Console.WriteLine($"{items.Count} item(s).");
            return 0;
        });

        var id = new Argument<string?>("id") { Description = "The quarantined item to replay.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Replay every open item." };
        var retry = new Command("retry", "Replays quarantined input through its reader; accepted items are resolved.") { id, all };
        retry.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var pipeline = app.Get<IngestPipeline>();
            List<Guid> ids;
            if (parse.GetValue(all))
            {
                var db = app.Db;
                ids = [.. (await Quarantine.QueryAsync(db, QuarantineStatus.Open, 100_000, cancellationToken)).Where(q => q.Replayable).Select(q => q.Id)];
            }
            else if (Guid.TryParse(parse.GetValue(id), out var one))
            {
                ids = [one];
            }
            else
            {
                throw new UserFacingException("Name the quarantined item to replay by its id (see 'portcullis ingest quarantine list'), or give --all.");
            }

            var stillRejected = 0;
            foreach (var item in ids)
            {
                var result = await pipeline.RetryAsync(item, new IngestOrigin("retry", Environment.UserName), cancellationToken);
                if (result.Receipt is null)
                {
                    throw new UserFacingException(result.Error!);
                }

                stillRejected += result.Receipt.Rejected > 0 ? 1 : 0;
                Console.WriteLine($"{item}: {(result.Receipt.Rejected == 0 ? "accepted" : "rejected again")} (receipt {result.Receipt.Id}).");
            }

            return stillRejected > 0 ? SomethingRejected : 0;
        });

        return new Command("quarantine", "Rejected input: list it, replay it.") { list, retry };
    }

    private static Command WatchCommand()
    {
        var folder = new Argument<string>("folder") { Description = "Drop folder: files put here are ingested, then moved to done/ or rejected/." };
        var watch = new Command("watch", "Watches a drop folder and ingests every file that appears in it, until stopped.") { folder, MappingOption };
        watch.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                throw new UserFacingException($"Folder '{path}' does not exist; create it or name another.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);

            var pipeline = app.Get<IngestPipeline>();
            Console.WriteLine($"Watching {Path.GetFullPath(path)}; stop with Ctrl+C.");
            try
            {
                await new DropFolder(pipeline, path, parse.GetValue(MappingOption), app.Clock, Console.WriteLine).RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        });
        return watch;
    }
}
