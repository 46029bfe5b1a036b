using System.Text;
using Portcullis.Ingest.Csv;
using Portcullis.Ingest.Dcsa;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Ingest;

// The dry runs of the three formats the pipeline reads. Each does what its IngestPipeline part
// does up to the point of storing, with the same readers, mappings and whole-message checks.

/// <summary>EDIFACT: each message mapped as the pipeline would; an interchange failure rejects all of it.</summary>
internal sealed class EdifactDryRun(IngestOptions options) : IDryRunReader
{
    public IngestFormat Format => IngestFormat.Edifact;

    public Task<DryRunReport> ReadAsync(string path, string? mappingPath, DryRunContext context, CancellationToken cancellationToken)
    {
        var units = new List<DryRunUnit>();
        var issues = new List<IngestIssue>();
        var reader = new EdifactReaderOptions { MaxMessageBytes = options.MaxMessageBytes, MaxMessageBytesSetting = "Ingest:MaxMessageBytes" };
        var interchangeStart = 0;
        using (var file = File.OpenRead(path))
        {
            foreach (var item in EdifactReader.Read(file, reader, cancellationToken))
            {
                switch (item)
                {
                    case InterchangeStarted started:
                        interchangeStart = units.Count;
                        issues.AddRange(started.Warnings);
                        break;
                    case MessageRead read:
                        units.Add(Message(read.Message, context, issues));
                        break;
                    case MessageRejected rejected:
                        units.Add(new DryRunUnit(rejected.Type ?? "message", rejected.Reference, true, []));
                        issues.Add(rejected.Error);
                        break;
                    case InterchangeEnded ended:
                        issues.AddRange(ended.Warnings);
                        break;
                    case InterchangeFailed failed:
                        // Nothing of a failed interchange is stored, not even its good messages.
                        units.RemoveRange(interchangeStart, units.Count - interchangeStart);
                        units.Add(new DryRunUnit("interchange", failed.Header?.ControlReference, true, []));
                        issues.Add(failed.Error);
                        break;
                }
            }
        }

        if (units.Count == 0 && issues.Count == 0)
        {
            issues.Add(IngestIssue.Error("edifact.no-interchange", "The input holds no EDIFACT interchange; send data that starts with UNA or UNB."));
        }

        return Task.FromResult(new DryRunReport(Path.GetFileName(path), Format, units, issues));
    }

    private static DryRunUnit Message(EdifactMessage message, DryRunContext context, List<IngestIssue> issues)
    {
        MappedMessage mapped;
        try
        {
            mapped = EdifactMessages.Map(message);
        }
        catch (IngestRejectedException ex)
        {
            issues.AddRange(message.Warnings);
            issues.Add(ex.Issue);
            return new DryRunUnit(message.Type, message.Reference, true, []);
        }

        issues.AddRange(mapped.Warnings);
        switch (mapped)
        {
            case MappedManifest { Document: var manifest }:
                if (context.Validate(manifest.Consignments) is { } invalid)
                {
                    issues.Add(invalid with { Position = message.Position with { MessageReference = message.Reference } });
                    return new DryRunUnit(message.Type, message.Reference, true, []);
                }

                return new DryRunUnit(message.Type, message.Reference, false,
                    [$"{manifest.Function.ToString().ToLowerInvariant()} document {manifest.DocumentNumber}{(manifest.Movement is { } movement ? $" on voyage {movement.Carrier} {movement.Reference}" : "")}", .. manifest.Consignments.Select(DryRun.Consignment)]);
            case MappedBayPlan { Document: var plan }:
                return new DryRunUnit(message.Type, message.Reference, false,
                    [$"voyage {plan.Movement.Carrier} {plan.Movement.Reference}", .. plan.Stowage.Select(s => $"container {s.ContainerNumber} in cell {s.Position}")]);
            case MappedEventReport { Document: var report }:
                return new DryRunUnit(message.Type, message.Reference, false, [.. report.Events.Select(DryRun.Event)]);
            default:
                return new DryRunUnit(message.Type, message.Reference, false, [$"{mapped.GetType().Name}"]);
        }
    }
}

/// <summary>DCSA: every event of the payload, as the pipeline would take it.</summary>
internal sealed class DcsaDryRun : IDryRunReader
{
    public IngestFormat Format => IngestFormat.Dcsa;

    public async Task<DryRunReport> ReadAsync(string path, string? mappingPath, DryRunContext context, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        DcsaReadResult result;
        try
        {
            result = DcsaEventReader.Read(bytes, DcsaReaderOptions.Default, cancellationToken);
        }
        catch (IngestRejectedException ex)
        {
            return new DryRunReport(Path.GetFileName(path), Format, [new DryRunUnit("payload", null, true, [])], [ex.Issue]);
        }

        var units = result.Events.Select(e => e.Outcome switch
        {
            DcsaOutcome.ContainerEvent => new DryRunUnit("event", e.EventId, false, [DryRun.Event(e.ContainerEvent!)]),
            DcsaOutcome.TransportCallEvent => new DryRunUnit("transport event", e.EventId, false,
                [$"{e.TransportCallEvent!.Kind} of voyage {e.TransportCallEvent.CarrierVoyageNumber ?? "(none)"} at {e.TransportCallEvent.UnLocode ?? "(no place)"} {e.TransportCallEvent.OccurredAt:yyyy-MM-dd HH:mm}Z"]),
            DcsaOutcome.Retraction => new DryRunUnit("retraction", e.EventId, false, [$"nothing: event {e.RetractedEventId} stays stored as history"]),
            DcsaOutcome.Skipped => new DryRunUnit("event", e.EventId, false, ["nothing (skipped)"]),
            _ => new DryRunUnit("event", e.EventId, true, []),
        }).ToList();
        var issues = result.Events.SelectMany(e => e.Issue is null ? e.Warnings ?? [] : [e.Issue, .. e.Warnings ?? []]).ToList();
        return new DryRunReport(Path.GetFileName(path), Format, units, issues);
    }
}

/// <summary>CSV/TSV with its mapping: every row, and the file-level problems that would reject all of it.</summary>
internal sealed class CsvDryRun : IDryRunReader
{
    public IngestFormat Format => IngestFormat.Csv;

    public Task<DryRunReport> ReadAsync(string path, string? mappingPath, DryRunContext context, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var units = new List<DryRunUnit>();
        var issues = new List<IngestIssue>();
        try
        {
            var mapping = CsvMapping.Load(new StringReader(File.ReadAllText(mappingPath!, Encoding.UTF8)));
            using var file = File.OpenRead(path);
            foreach (var row in CsvDeclarationReader.Read(file, mapping, cancellationToken))
            {
                var issue = row.Issue ?? (row.Declaration is { } d ? context.Validate([d.Consignment]) : null);
                if (issue is not null || row.Declaration is null)
                {
                    issues.Add(issue is { Position: null } ? issue with { Message = $"Row {row.Row:N0}: {issue.Message}" } : issue ?? IngestIssue.Error("csv.row", $"Row {row.Row:N0} could not be read."));
                    units.Add(new DryRunUnit("declaration", $"row {row.Row:N0}", true, []));
                    continue;
                }

                units.Add(new DryRunUnit("declaration", $"row {row.Row:N0}", false, [DryRun.Consignment(row.Declaration.Consignment)]));
            }
        }
        catch (IngestRejectedException ex)
        {
            // A broken mapping or a file-level problem: nothing of the file lands.
            return Task.FromResult(new DryRunReport(name, Format, [new DryRunUnit("file", name, true, [])], [ex.Issue]));
        }

        return Task.FromResult(new DryRunReport(name, Format, units, issues));
    }
}
