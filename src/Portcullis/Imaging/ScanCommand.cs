using System.CommandLine;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// `portcullis scan ...`: the command group of the Imaging capability, built here in one place
/// (`scan import`, `scan watch`; other scan commands add themselves through <see cref="Create"/>).
/// </summary>
public static class ScanCommand
{
    private static readonly Option<string?> SiteOption = new("--site") { Description = "UN/LOCODE of the scanning site (e.g. NLRTM), when the file does not say." };

    private static readonly Option<string?> ScannerOption = new("--scanner") { Description = "The scanner's id, when the file does not say." };

    private static readonly Option<string?> PartnerOption = new("--partner") { Description = "The partner administration that made the scans (origin scans); without it the scans are our own." };

    public static Command Create()
    {
        var scan = new Command("scan", "X-ray scans: import files, watch a drop folder, generate radiographs, learn, analyse and compare.");
        scan.Subcommands.Add(ImportCommand());
        scan.Subcommands.Add(WatchCommand());
        scan.Subcommands.Add(GenerateScans.Create());
        foreach (var command in ScanAnalysisCommand.Create())
        {
            scan.Subcommands.Add(command);
        }

        return scan;
    }

    private static Command ImportCommand()
    {
        var files = new Argument<string[]>("files") { Description = "Scan files: DICOM, 16-bit PNG or TIFF (an 8-bit JPEG/PNG is kept as a preview only).", Arity = ArgumentArity.ZeroOrMore };
        var container = new Option<string?>("--container") { Description = "The container number (ISO 6346) the scans show." };
        var parcel = new Option<string?>("--parcel") { Description = "The parcel id the scans show." };
        var awb = new Option<string?>("--awb") { Description = "The air waybill number the scans show." };
        var lowHigh = new Option<bool>("--low-high") { Description = "The two files are one dual-energy scan: low energy first, then high." };
        var import = new Command("import", "Stores scan files (each file one scan, or two files as one dual-energy scan with --low-high).") { files, container, parcel, awb, SiteOption, ScannerOption, PartnerOption, lowHigh };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (paths.Length == 0)
            {
                throw new UserFacingException("Name at least one scan file to import, e.g. 'portcullis scan import scan.png --container MSCU1234565'.");
            }

            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                throw new UserFacingException($"File '{path}' does not exist; check the path.");
            }

            var subjects = new (string? Value, string Kind)[] { (parse.GetValue(container), "container"), (parse.GetValue(parcel), "parcel"), (parse.GetValue(awb), "awb") }
                .Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToList();
            if (subjects.Count > 1)
            {
                throw new UserFacingException("Give one subject: --container, --parcel or --awb, not several.");
            }

            var pairs = parse.GetValue(lowHigh);
            if (pairs && paths.Length != 2)
            {
                throw new UserFacingException($"--low-high takes exactly two files (low energy, then high); {paths.Length} were given.");
            }

            var groups = pairs ? [paths] : paths.Select(p => new[] { p }).ToArray();
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var partner = parse.GetValue(PartnerOption);
            var sender = new ImportScan.Sender(app.Actor, null, string.IsNullOrWhiteSpace(partner) ? ScanOrigin.Own : ScanOrigin.Partner, partner);
            var refused = 0;
            foreach (var group in groups)
            {
                var request = new ImportScan.Request([.. group.Select(p => new ImportScan.ScanFile(Path.GetFileName(p), File.ReadAllBytes(p)))],
                    subjects.FirstOrDefault().Kind, subjects.FirstOrDefault().Value, parse.GetValue(ScannerOption), parse.GetValue(SiteOption));
                var line = await ImportOneAsync(app.Get<IServiceScopeFactory>(), request, sender, cancellationToken);
                if (line.Accepted)
                {
                    Console.WriteLine($"{string.Join(" + ", group.Select(Path.GetFileName))}: {line.Log}");
                }
                else
                {
                    refused++;
                    Console.Error.WriteLine($"{string.Join(" + ", group.Select(Path.GetFileName))}: {line.Log}");
                }
            }

            return refused > 0 ? CliErrors.UsageOrEnvironment : 0;
        });
        return import;
    }

    private static Command WatchCommand()
    {
        var folder = new Argument<string>("folder") { Description = "Drop folder: scan files put here are stored, then moved to processed/ or failed/ (with NAME.error.txt saying why)." };
        var watch = new Command("watch", "Watches a drop folder and stores every scan file that appears in it, until stopped. A file that does not name its container is taken to be named after it (MSCU1234565.png).") { folder, SiteOption, ScannerOption, PartnerOption };
        watch.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                throw new UserFacingException($"Folder '{path}' does not exist; create it or name another.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var partner = parse.GetValue(PartnerOption);
            var sender = new ImportScan.Sender(app.Actor, null, string.IsNullOrWhiteSpace(partner) ? ScanOrigin.Own : ScanOrigin.Partner, partner);
            Console.WriteLine($"Watching {Path.GetFullPath(path)} for scans; stop with Ctrl+C.");
            try
            {
                await DropFolder(app.Get<IServiceScopeFactory>(), path, sender, parse.GetValue(ScannerOption), parse.GetValue(SiteOption), app.Clock, Console.WriteLine).RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        });
        return watch;
    }

    /// <summary>The scan drop folder: processed/ and failed/ (with <c>NAME.error.txt</c>, one sentence), each file one scan in its own transaction.</summary>
    public static FolderWatch DropFolder(IServiceScopeFactory scopes, string folder, ImportScan.Sender sender, string? scanner, string? site, TimeProvider time, Action<string> log) =>
        new(folder, new FolderLayout("processing", "processed", "failed", ".error.txt"), async (path, cancellationToken) =>
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var request = new ImportScan.Request([new ImportScan.ScanFile(Path.GetFileName(path), bytes)], Scanner: scanner, Site: site,
                SubjectFallback: Path.GetFileNameWithoutExtension(path));
            var result = await ImportOneAsync(scopes, request, sender, cancellationToken);
            return result.Accepted ? result : result with { SidecarSuffix = ".error.txt", SidecarText = result.Log + Environment.NewLine };
        }, time, log);

    /// <summary>One scan in its own scope and transaction: stored and committed, or refused with nothing written to the database.</summary>
    public static async Task<DropResult> ImportOneAsync(IServiceScopeFactory scopes, ImportScan.Request request, ImportScan.Sender sender, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var outcome = await ImportScan.RunAsync(services.GetRequiredService<PortcullisDb>(), services.GetRequiredService<IScanStore>(), services.GetRequiredService<ScanPreviews>(),
            services.GetRequiredService<ImagingOptions>(), services.GetRequiredService<TimeProvider>(), request, sender, cancellationToken);
        if (outcome.Scan is not { } scan)
        {
            return new DropResult(false, outcome.Error);
        }

        await services.GetRequiredService<UnitOfWork>().CommitAsync(cancellationToken);
        var what = $"{scan.SubjectKind.ToString().ToLowerInvariant()} {scan.Subject}";
        return new DropResult(true, outcome.Duplicate
            ? $"already stored as scan {scan.Id} of {what}."
            : $"stored as scan {scan.Id} of {what} ({scan.Format}{(scan.PreviewOnly ? ", preview only" : "")}, {scan.Width}×{scan.Height}, {scan.FrameCount} frame(s), {scan.Origin}{(scan.Partner is null ? "" : " " + scan.Partner)}){string.Concat(scan.Warnings.Select(w => " Warning: " + w))}");
    }
}
