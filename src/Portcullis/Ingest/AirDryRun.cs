using Portcullis.Ingest.Air;

namespace Portcullis.Ingest;

/// <summary>IATA Cargo-XML (XFWB, XFZB, XFFM): every message of the file, as the air pipeline would take it.</summary>
internal sealed class CargoXmlDryRun : IDryRunReader
{
    public IngestFormat Format => IngestFormat.CargoXml;

    public async Task<DryRunReport> ReadAsync(string path, string? mappingPath, DryRunContext context, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return AirDryRun.Report(path, Format, CargoXmlReader.Read(bytes, CargoXmlOptions.Default, cancellationToken), context);
    }
}

/// <summary>IATA ONE Record JSON-LD: every waybill of the payload, as the air pipeline would take it.</summary>
internal sealed class OneRecordDryRun : IDryRunReader
{
    public IngestFormat Format => IngestFormat.OneRecord;

    public async Task<DryRunReport> ReadAsync(string path, string? mappingPath, DryRunContext context, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return AirDryRun.Report(path, Format, OneRecordReader.Read(bytes), context);
    }
}

internal static class AirDryRun
{
    public static DryRunReport Report(string path, IngestFormat format, IEnumerable<AirItem> items, DryRunContext context)
    {
        var units = new List<DryRunUnit>();
        var issues = new List<IngestIssue>();
        foreach (var item in items)
        {
            switch (item)
            {
                case AirMessage { Document: var document } message:
                    issues.AddRange(document.Warnings);
                    if (context.Validate(document.Consignments) is { } invalid)
                    {
                        // The pipeline quarantines a message whose waybill belongs to no hub; so would this.
                        issues.Add(invalid with { Position = message.Position });
                        units.Add(new DryRunUnit(message.Type, document.DocumentNumber, true, []));
                        break;
                    }

                    var flight = document.Movement is { } movement ? $" on flight {movement.Reference}" : "";
                    units.Add(new DryRunUnit(message.Type, document.DocumentNumber, false,
                        [$"{document.Function.ToString().ToLowerInvariant()} {document.DocumentNumber}{flight}", .. document.Consignments.Select(DryRun.Consignment)]));
                    break;
                case AirRejected rejected:
                    issues.Add(rejected.Error);
                    units.Add(new DryRunUnit(rejected.Type, rejected.Reference, true, []));
                    break;
                case AirFailed failed:
                    // A broken file stores nothing at all, whatever was read before the break.
                    issues.Add(failed.Error);
                    units = [.. units.Select(u => u with { Rejected = true, WouldStore = [] })];
                    break;
            }
        }

        return new DryRunReport(Path.GetFileName(path), format, units, issues);
    }
}
