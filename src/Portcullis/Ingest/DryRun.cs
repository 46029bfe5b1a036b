using Portcullis.Storage;

namespace Portcullis.Ingest;

/// <summary>One unit of an input (a message, an event, a row) and what would become of it.</summary>
/// <param name="Type">CUSCAR, COARRI, equipment event, declaration...</param>
/// <param name="Reference">The sender's reference for it: message reference, event id, row number.</param>
/// <param name="Rejected">True when it would be rejected (and quarantined).</param>
/// <param name="WouldStore">One line per thing it would store: a consignment with its containers, an event, a stowage cell.</param>
public sealed record DryRunUnit(string Type, string? Reference, bool Rejected, IReadOnlyList<string> WouldStore);

/// <summary>What reading one file would do: its units, and every warning and error with its position.</summary>
public sealed record DryRunReport(string File, IngestFormat Format, IReadOnlyList<DryRunUnit> Units, IReadOnlyList<IngestIssue> Issues)
{
    public bool AnythingRejected => Units.Any(u => u.Rejected) || Issues.Any(i => i.Severity == IssueSeverity.Error);
}

/// <summary>What a dry-run reader may consult: the hubs (a consignment for no hub is rejected), never storage itself.</summary>
public sealed class DryRunContext(Func<IReadOnlyList<ConsignmentRecord>, string?, IngestIssue?> validate)
{
    /// <summary>The same whole-message check the pipeline makes before it stores consignments.</summary>
    public IngestIssue? Validate(IReadOnlyList<ConsignmentRecord> consignments, string? defaultHub = null) => validate(consignments, defaultHub);
}

/// <summary>
/// Runs one format's reader and mapping over a file without storing anything. A format takes part
/// in <c>ingest --dry-run</c> by one registration: <c>services.AddSingleton&lt;IDryRunReader, MyDryRun&gt;()</c>.
/// </summary>
public interface IDryRunReader
{
    IngestFormat Format { get; }

    Task<DryRunReport> ReadAsync(string path, string? mappingPath, DryRunContext context, CancellationToken cancellationToken);
}

/// <summary>
/// <c>portcullis ingest --dry-run FILE...</c>: every file through the reader its content calls for
/// (the same detection as a real ingest), reporting instead of storing. No receipt, no quarantine,
/// no row of any kind is written; the database is only read for the hub locations.
/// </summary>
public sealed class DryRun(IEnumerable<IDryRunReader> readers, Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<DryRunReport>> RunAsync(IReadOnlyList<string> paths, string? mappingPath, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, cancellationToken), time.GetUtcNow().UtcDateTime);
        var context = new DryRunContext(writer.Validate);
        var reports = new List<DryRunReport>(paths.Count);
        foreach (var path in paths)
        {
            var format = IngestCommand.Detect(path, mappingPath);
            var reader = readers.FirstOrDefault(r => r.Format == format)
                ?? throw new Hosting.UserFacingException($"'{Path.GetFileName(path)}' is {format}, which has no dry run yet; ingest it without --dry-run on a test database.");
            reports.Add(await reader.ReadAsync(path, mappingPath, context, cancellationToken));
        }

        return reports;
    }

    /// <summary>The report as plain lines: stable enough for scripts, short enough for a terminal.</summary>
    public static IEnumerable<string> Describe(DryRunReport report)
    {
        var accepted = report.Units.Count(u => !u.Rejected);
        yield return $"{report.File} ({report.Format}): {accepted} would be accepted, {report.Units.Count - accepted} rejected; nothing was stored.";
        foreach (var unit in report.Units)
        {
            yield return $"  {unit.Type} {unit.Reference ?? "(no reference)"}: {(unit.Rejected ? "would be rejected" : "would be accepted")}";
            foreach (var line in unit.WouldStore)
            {
                yield return "    " + line;
            }
        }

        foreach (var issue in report.Issues)
        {
            yield return $"  {issue.Severity.ToString().ToLowerInvariant()} {issue.Code}: {issue}";
        }
    }

    internal static string Event(ContainerEventRecord e) =>
        $"event {e.Type} {e.ContainerNumber} at {(e.UnLocode.Length > 0 ? e.UnLocode : e.PlaceName ?? (e.Latitude is { } lat ? $"{lat:0.#####},{e.Longitude:0.#####}" : "(no place)"))}{(e.Facility is null ? "" : "/" + e.Facility)} {e.OccurredAt:yyyy-MM-dd HH:mm}Z";

    internal static string Consignment(ConsignmentRecord c) =>
        $"consignment {c.Reference} ({c.Kind}, {(c.HubCode is { } hub ? "hub " + hub : "discharged at " + (c.Route.PortOfDischarge ?? "(none)"))}){(c.Equipment.Count == 0 ? "" : " containers " + string.Join(", ", c.Equipment.Select(e => e.ContainerNumber)))}";
}
