namespace Portcullis.Ingest;

public enum IngestFormat
{
    Edifact,
    Dcsa,
    Csv,

    /// <summary>Control outcomes the simulator records for the controls customs made before Portcullis.</summary>
    Simulation,

    /// <summary>IATA Cargo-XML: XFWB, XFZB, XFFM.</summary>
    CargoXml,

    /// <summary>IATA ONE Record logistics objects (JSON-LD).</summary>
    OneRecord,
}

public enum ReceiptStatus
{
    /// <summary>Everything landed (or was a known duplicate, when something else landed).</summary>
    Accepted,

    /// <summary>Some messages, events or rows landed; the rest went to quarantine.</summary>
    PartlyRejected,

    /// <summary>Nothing landed; everything went to quarantine.</summary>
    Rejected,

    /// <summary>Everything had been received before; nothing changed.</summary>
    Duplicate,
}

/// <summary>
/// What Portcullis tells a sender about one submission (an upload, a file, a pushed batch): how much
/// landed, what was a duplicate, what was rejected and why. Written in the same transaction as the
/// data it acknowledges, so a receipt id that a sender holds always means the data is stored.
/// </summary>
public sealed class IngestReceipt
{
    public required Guid Id { get; init; }

    public required IngestFormat Format { get; init; }

    /// <summary>api, cli, watch, demo or retry.</summary>
    public required string Channel { get; init; }

    /// <summary>The account or token name that submitted it.</summary>
    public string? SubmittedBy { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>File name as given by the sender, when there is one.</summary>
    public string? FileName { get; init; }

    /// <summary>The sender named inside the data (UNB sender), when there is one.</summary>
    public string? Sender { get; set; }

    public required DateTime ReceivedAt { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>SHA-256 of the submission, hex; identical re-sends can be recognised at a glance.</summary>
    public required string Sha256 { get; init; }

    public ReceiptStatus Status { get; set; }

    public int Accepted { get; set; }

    public int Duplicates { get; set; }

    public int Rejected { get; set; }

    /// <summary>Counts per message type (CUSCAR, CODECO, equipment event, declaration row…).</summary>
    public List<ReceiptLine> Lines { get; set; } = [];

    /// <summary>Leniencies applied and rejections, one sentence each with where; capped in length.</summary>
    public List<ReceiptIssue> Issues { get; set; } = [];
}

public sealed record ReceiptLine(string Type, int Accepted, int Duplicates, int Rejected);

public sealed record ReceiptIssue(string Severity, string Code, string Message, string? Where);

/// <summary>
/// A key that makes re-sending a no-op: an interchange (sender + control reference), a DCSA event
/// id. Its primary key is the uniqueness guarantee, also against concurrent senders.
/// </summary>
public sealed class IngestKey
{
    /// <summary>edifact-interchange, dcsa-transport-event (container events carry their own id).</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required Guid ReceiptId { get; init; }
}

public enum QuarantineStatus
{
    Open,

    /// <summary>Replayed and accepted; <see cref="QuarantineItem.ResolvedByReceiptId"/> says by which receipt.</summary>
    Resolved,

    /// <summary>Replayed and rejected again: the replay's own quarantine item holds the current reason.</summary>
    Superseded,
}

/// <summary>A rejected message, event, row or whole interchange, with why, kept to be replayed.</summary>
public sealed class QuarantineItem
{
    public required Guid Id { get; init; }

    public required Guid ReceiptId { get; init; }

    public required IngestFormat Format { get; init; }

    /// <summary>Message type, event type or "interchange" / "file".</summary>
    public required string Type { get; init; }

    /// <summary>The sender's reference for the rejected part (message reference, event id, row number).</summary>
    public string? Reference { get; init; }

    public required string Code { get; init; }

    public required string Reason { get; init; }

    public string? Where { get; init; }

    /// <summary>The rejected input itself, re-playable as it stands (an EDIFACT message comes with its envelope).</summary>
    public byte[]? Payload { get; init; }

    /// <summary>For CSV rows: the mapping file that was used, so a retry reads the row the same way.</summary>
    public string? Mapping { get; init; }

    public required DateTime QuarantinedAt { get; init; }

    public QuarantineStatus Status { get; set; }

    public int Retries { get; set; }

    public DateTime? LastRetryAt { get; set; }

    public Guid? ResolvedByReceiptId { get; set; }
}
