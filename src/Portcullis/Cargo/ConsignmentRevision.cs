using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;

namespace Portcullis.Cargo;

// Cargo owns a consignment's history as it owns the consignment; ingest writes revisions when a
// replacement or cancellation arrives, and risk reads them (reroutes).

/// <summary>An earlier version of a consignment, kept when a replacement or cancellation arrives.</summary>
public sealed class ConsignmentRevision
{
    public required Guid ConsignmentId { get; init; }

    public required int Revision { get; init; }

    /// <summary>The stored consignment as it was, as JSON.</summary>
    public required string Snapshot { get; init; }

    /// <summary>Replace or Cancel: what ended this version.</summary>
    public required string EndedBy { get; init; }

    public required Guid ReceiptId { get; init; }

    public required DateTime EndedAt { get; init; }
}

internal sealed class ConsignmentRevisionConfiguration : IEntityTypeConfiguration<ConsignmentRevision>
{
    public void Configure(EntityTypeBuilder<ConsignmentRevision> builder)
    {
        builder.ToTable("consignment_revisions");
        builder.HasKey(r => new { r.ConsignmentId, r.Revision });
        builder.Property(r => r.EndedBy).HasMaxLength(20);
        builder.HasOne<Consignment>().WithMany().HasForeignKey(r => r.ConsignmentId);
    }
}
