namespace Portcullis.Ingest;

/// <summary>Limits and places of ingest, from configuration section "Ingest".</summary>
public sealed record IngestOptions
{
    /// <summary>Largest upload the API accepts; larger inputs go through `portcullis ingest FILE` or the drop folder.</summary>
    public long MaxUploadBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Rejected inputs up to this size are kept whole in quarantine, to be replayed.</summary>
    public long QuarantinePayloadLimitBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Where API uploads are spooled before they are read.</summary>
    public string SpoolFolder { get; init; } = Path.Combine("data", "spool");

    /// <summary>Shared secret for DCSA callback signatures; the push endpoint is off without one.</summary>
    public string? DcsaSharedSecret { get; init; }
}
