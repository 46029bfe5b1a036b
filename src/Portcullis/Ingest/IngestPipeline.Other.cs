namespace Portcullis.Ingest;

public sealed partial class IngestPipeline
{
    private Task<IngestReceipt> ReplayOtherAsync(QuarantineItem item, string path, IngestOrigin origin, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Replaying {item.Format} is not supported yet.");

    public Task<IngestReceipt> IngestOtherAsync(IngestFormat format, string path, string? mappingPath, IngestOrigin origin, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{format} is not supported yet.");
}
