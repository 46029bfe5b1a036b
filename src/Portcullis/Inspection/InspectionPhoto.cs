using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Selection;

namespace Portcullis.Inspection;

// Inspection owns photos: evidence taken during the physical inspection.

/// <summary>A photo taken during an inspection; kept in the database with its hash so evidence is one backup.</summary>
public sealed class InspectionPhoto
{
    public required Guid Id { get; init; }

    public required Guid SelectionId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }

    public required string UploadedBy { get; init; }

    public required DateTime UploadedAt { get; init; }
}

internal sealed class InspectionPhotoConfiguration : IEntityTypeConfiguration<InspectionPhoto>
{
    public void Configure(EntityTypeBuilder<InspectionPhoto> builder)
    {
        builder.ToTable("inspection_photos");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FileName).HasMaxLength(200);
        builder.Property(p => p.ContentType).HasMaxLength(100);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Property(p => p.UploadedBy).HasMaxLength(100);
        builder.HasOne<SelectionCase>().WithMany().HasForeignKey(p => p.SelectionId);
        builder.HasIndex(p => p.SelectionId);
    }
}
