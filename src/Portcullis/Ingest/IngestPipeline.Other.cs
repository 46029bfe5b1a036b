namespace Portcullis.Ingest;

public sealed partial class IngestPipeline
{
    private async Task<IngestReceipt> ReplayOtherAsync(QuarantineItem item, string path, IngestOrigin origin, CancellationToken cancellationToken) => item.Format switch
    {
        IngestFormat.Csv => await IngestCsvAsync(path, item.Mapping ?? "", origin, cancellationToken),
        IngestFormat.CargoXml => await IngestCargoXmlAsync(path, origin, cancellationToken),
        IngestFormat.OneRecord => await IngestOneRecordAsync(path, origin, cancellationToken),
        _ => await IngestDcsaAsync(path, origin, cancellationToken),
    };

    /// <summary>DCSA JSON or CSV (with its mapping file) from a file, for the CLI and the drop folder.</summary>
    public async Task<IngestReceipt> IngestOtherAsync(IngestFormat format, string path, string? mappingPath, IngestOrigin origin, CancellationToken cancellationToken) => format switch
    {
        IngestFormat.Csv => await IngestCsvAsync(path, MappingText(mappingPath!), origin, cancellationToken),
        IngestFormat.CargoXml => await IngestCargoXmlAsync(path, origin, cancellationToken),
        IngestFormat.OneRecord => await IngestOneRecordAsync(path, origin, cancellationToken),
        _ => await IngestDcsaAsync(path, origin, cancellationToken),
    };
}
