namespace Portcullis.Ingest;

/// <summary>Limits and places of ingest, from configuration section "Ingest".</summary>
public sealed record IngestOptions
{
    /// <summary>Largest upload the API accepts; larger inputs go through `portcullis ingest FILE` or the drop folder.</summary>
    public long MaxUploadBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Largest EDIFACT message (UNH to UNT); a larger one is rejected with this setting's name and
    /// the rest of it is read without being kept, so memory stays bounded by this, not by the upload.
    /// </summary>
    public long MaxMessageBytes { get; init; } = Edifact.EdifactReaderOptions.Default.MaxMessageBytes;

    /// <summary>Rejected inputs up to this size are kept whole in quarantine, to be replayed.</summary>
    public long QuarantinePayloadLimitBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Where API uploads are spooled before they are read.</summary>
    public string SpoolFolder { get; init; } = Path.Combine("data", "spool");

    /// <summary>Shared secret for DCSA callback signatures; the push endpoint is off without one.</summary>
    public string? DcsaSharedSecret { get; init; }
}
