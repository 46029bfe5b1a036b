namespace Portcullis.Audit;

/// <summary>Audit settings (section "Audit").</summary>
public sealed record AuditOptions
{
    /// <summary>How often the tail is checkpointed when it moved, in seconds.</summary>
    public int CheckpointEverySeconds { get; init; } = 300;
}
