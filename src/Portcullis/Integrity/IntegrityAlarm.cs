using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Integrity;

public enum AlarmStatus
{
    Open,

    /// <summary>Someone has taken it on (with a note); it is still being dealt with.</summary>
    Acknowledged,

    /// <summary>Dealt with: what was found and done is in the note.</summary>
    Resolved,
}

/// <summary>What a resolved alarm turned out to be: what the rules' precision is measured on.</summary>
public enum AlarmResolution
{
    /// <summary>It happened and mattered (the precision's hit).</summary>
    TrueAlarm,

    /// <summary>It did not happen: a sensor fault, a wrong position, a duplicate report.</summary>
    FalseAlarm,

    /// <summary>It happened but was allowed (a customs seal change, a planned move): not a threat.</summary>
    Explained,
}

/// <summary>
/// Something about a container that a supervisor must act on: a contradiction of a secure-lane
/// order, a seal or sensor reading, a geofence, a gate-out without release. One row per distinct
/// alarm (<see cref="DedupKey"/>); repeats of it are counted, not stored again.
/// </summary>
public sealed class IntegrityAlarm
{
    public required Guid Id { get; init; }

    public required AlarmKind Kind { get; init; }

    /// <summary>Raised, never lowered, when a flood alarm folds a more severe candidate.</summary>
    public required AlarmSeverity Severity { get; set; }

    /// <summary>The hub whose supervisors act; empty when no hub is known yet (only all-hub supervisors see it).</summary>
    public required string HubCode { get; init; }

    public required string ContainerNumber { get; init; }

    /// <summary>The secure-lane order it contradicts, if any.</summary>
    public Guid? OrderId { get; init; }

    /// <summary>The selection of the container, if it is selected.</summary>
    public Guid? SelectionId { get; init; }

    public required DateTime RaisedAt { get; init; }

    /// <summary>The container event that shows it, when there is one (secure-lane contradictions).</summary>
    public Guid? EventId { get; init; }

    /// <summary>When it happened (event time); null for silence.</summary>
    public DateTime? EventAt { get; init; }

    /// <summary>The plain-language reason, in English: what the API, the CLI, webhooks and the audit log read.</summary>
    public required string Detail { get; set; }

    /// <summary>
    /// The same reason as a phrase of <see cref="AlarmPhrases"/>, so that a page says it in the reader's
    /// language; null for alarms stored before phrases existed (pages show <see cref="Detail"/>, marked English).
    /// </summary>
    public Phrase? DetailPhrase { get; set; }

    /// <summary>The events and readings that show it ("event:{id}", "reading:{device}/{id}").</summary>
    public List<string> Evidence { get; set; } = [];

    /// <summary>Equal keys are the same alarm; unique.</summary>
    public required string DedupKey { get; init; }

    /// <summary>How many times it was seen; above one, repeats were folded into this row.</summary>
    public int Occurrences { get; set; } = 1;

    public required DateTime LastSeenAt { get; set; }

    public AlarmStatus Status { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgeNote { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? ResolveNote { get; set; }

    /// <summary>Set with <see cref="ResolvedAt"/>.</summary>
    public AlarmResolution? Resolution { get; set; }

    /// <summary>The selection a supervisor made of the container because of this alarm.</summary>
    public Guid? AlarmSelectionId { get; set; }

    /// <summary>Whether it weighs on the container's risk score: high or critical, and not resolved as false or explained.</summary>
    public bool WeighsOnRisk => Severity >= AlarmSeverity.High && Resolution is null or AlarmResolution.TrueAlarm;
}

internal sealed class IntegrityAlarmConfiguration : IEntityTypeConfiguration<IntegrityAlarm>
{
    public void Configure(EntityTypeBuilder<IntegrityAlarm> builder)
    {
        builder.ToTable("integrity_alarms");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.HubCode).HasMaxLength(10);
        builder.Property(a => a.ContainerNumber).HasMaxLength(17);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.DetailPhrase).HasOptionalJsonConversion();
        builder.Property(a => a.DedupKey).HasMaxLength(200);
        builder.Property(a => a.Evidence).HasJsonConversion().HasMaxLength(4000);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(100);
        builder.Property(a => a.AcknowledgeNote).HasMaxLength(1000);
        builder.Property(a => a.ResolvedBy).HasMaxLength(100);
        builder.Property(a => a.ResolveNote).HasMaxLength(1000);
        builder.HasOne<SecureLaneOrder>().WithMany().HasForeignKey(a => a.OrderId);
        builder.HasIndex(a => a.DedupKey).IsUnique();
        builder.HasIndex(a => new { a.HubCode, a.Status, a.RaisedAt });
        builder.HasIndex(a => new { a.ContainerNumber, a.RaisedAt });
        builder.HasIndex(a => a.OrderId);
    }
}
