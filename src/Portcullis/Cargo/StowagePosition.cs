using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;

namespace Portcullis.Cargo;

// Cargo owns where a container sits on a vessel: it is part of the cargo picture, whatever message brought it.

/// <summary>A container's place on a vessel as a bay plan (BAPLIE) reports it.</summary>
public sealed class StowagePosition
{
    public required Guid MovementId { get; init; }

    public required string ContainerNumber { get; init; }

    /// <summary>ISO 9711 bay-row-tier, e.g. 0340682.</summary>
    public required string Position { get; set; }

    public string? PortOfLoading { get; set; }

    public string? PortOfDischarge { get; set; }

    public double? ReeferSetpointC { get; set; }

    public required Guid ReceiptId { get; set; }
}

internal sealed class StowagePositionConfiguration : IEntityTypeConfiguration<StowagePosition>
{
    public void Configure(EntityTypeBuilder<StowagePosition> builder)
    {
        builder.ToTable("stowage_positions");
        builder.HasKey(s => new { s.MovementId, s.ContainerNumber });
        builder.Property(s => s.ContainerNumber).HasMaxLength(17);
        builder.Property(s => s.Position).HasMaxLength(12);
        builder.Property(s => s.PortOfLoading).HasMaxLength(5);
        builder.Property(s => s.PortOfDischarge).HasMaxLength(5);
        builder.HasOne<TransportMovement>().WithMany().HasForeignKey(s => s.MovementId);
    }
}
