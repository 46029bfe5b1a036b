using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Selection;

namespace Portcullis.Integrity;

public enum OrderStatus
{
    /// <summary>Made, not yet released to the terminal (it learns of it as late as is useful).</summary>
    Pending,

    /// <summary>Visible to the terminal: move the container from the vessel to the secured area.</summary>
    Released,

    /// <summary>The container was reported in the secured area.</summary>
    InSecuredArea,

    /// <summary>The control is over; the container may leave.</summary>
    Completed,

    Cancelled,
}

/// <summary>
/// The one thing a terminal learns about a selection: "container X to the secured area on
/// discharge". It carries no score, reason or selection type.
/// </summary>
public sealed class SecureLaneOrder
{
    public required Guid Id { get; init; }

    public required Guid SelectionId { get; init; }

    public required string HubCode { get; init; }

    public required string ContainerNumber { get; init; }

    /// <summary>Facility code of the guarded area; a yard move there is the expected event.</summary>
    public required string SecuredArea { get; init; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>When the container is expected off the vessel (its discharge, stored or expected; moved by the re-plan); silence is only measured after it.</summary>
    public required DateTime ExpectedArrivalAt { get; set; }

    /// <summary>When the terminal may see it: the latest useful moment, a lead time before the container's discharge.</summary>
    public required DateTime ReleaseAt { get; set; }

    public OrderStatus Status { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>The last container event seen by the monitor; silence is measured from here.</summary>
    public DateTime? LastEventAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}

internal sealed class SecureLaneOrderConfiguration : IEntityTypeConfiguration<SecureLaneOrder>
{
    public void Configure(EntityTypeBuilder<SecureLaneOrder> builder)
    {
        builder.ToTable("secure_lane_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.HubCode).HasMaxLength(10);
        builder.Property(o => o.ContainerNumber).HasMaxLength(11);
        builder.Property(o => o.SecuredArea).HasMaxLength(40);
        builder.Property(o => o.AcknowledgedBy).HasMaxLength(100);
        builder.HasOne<SelectionCase>().WithMany().HasForeignKey(o => o.SelectionId);
        builder.HasIndex(o => o.SelectionId).IsUnique();
        builder.HasIndex(o => new { o.ContainerNumber, o.Status });
        builder.HasIndex(o => new { o.HubCode, o.Status, o.ReleaseAt });
    }
}
