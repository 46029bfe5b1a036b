using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Integrity;

public enum AlarmKind
{
    GateOut,
    YardMove,
    DoorOpened,
    SealChanged,

    /// <summary>Loaded onto a vessel, train or barge: the container is leaving.</summary>
    Loaded,
    Silence,
}

/// <summary>A container event, or the lack of one, that contradicts a secure-lane order. Always critical; goes to the hub's supervisors.</summary>
public sealed class SecureLaneAlarm
{
    public required Guid Id { get; init; }

    public required Guid OrderId { get; init; }

    public required Guid SelectionId { get; init; }

    public required string HubCode { get; init; }

    public required string ContainerNumber { get; init; }

    public required AlarmKind Kind { get; init; }

    public required DateTime RaisedAt { get; init; }

    /// <summary>The contradicting event; null for silence.</summary>
    public Guid? EventId { get; init; }

    public DateTime? EventAt { get; init; }

    public required string Detail { get; init; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgeNote { get; set; }
}

internal sealed class SecureLaneAlarmConfiguration : IEntityTypeConfiguration<SecureLaneAlarm>
{
    public void Configure(EntityTypeBuilder<SecureLaneAlarm> builder)
    {
        builder.ToTable("secure_lane_alarms");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.HubCode).HasMaxLength(10);
        builder.Property(a => a.ContainerNumber).HasMaxLength(11);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(100);
        builder.Property(a => a.AcknowledgeNote).HasMaxLength(1000);
        builder.HasOne<SecureLaneOrder>().WithMany().HasForeignKey(a => a.OrderId);
        // One alarm per contradicting event; silence alarms have no event and are limited in code to one open per order.
        builder.HasIndex(a => new { a.OrderId, a.EventId }).IsUnique();
        builder.HasIndex(a => new { a.HubCode, a.RaisedAt });
    }
}
