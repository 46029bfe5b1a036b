namespace Portcullis.Audit;

/// <summary>Audit settings (section "Audit").</summary>
public sealed record AuditOptions
{
    /// <summary>How often the tail is checkpointed when it moved, in seconds.</summary>
    public int CheckpointEverySeconds { get; init; } = 300;

    /// <summary>The external checkpoint log (JSON lines); default audit-checkpoints.jsonl in the keys folder.</summary>
    public string? CheckpointLog { get; init; }

    /// <summary>Where each new checkpoint is also POSTed as one JSON line (a second party, e.g. an auditor); none by default.</summary>
    public string? CheckpointPushUrl { get; init; }

    /// <summary>Sent as bearer token with each push, when set.</summary>
    public string? CheckpointPushToken { get; init; }
}
