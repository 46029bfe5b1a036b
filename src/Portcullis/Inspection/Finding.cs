using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;

namespace Portcullis.Inspection;

// Inspection owns findings: only the physical inspection records them; a selection merely lists its own.

/// <summary>What a physical inspection found.</summary>
public sealed class Finding
{
    public required Guid Id { get; init; }

    public required Guid SelectionId { get; init; }

    public required Substance Substance { get; init; }

    public required double Kilograms { get; init; }

    public required int Packages { get; init; }

    public required ConcealmentMethod Concealment { get; init; }

    public string Description { get; init; } = "";
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.ToTable("inspection_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Description).HasMaxLength(1000);
    }
}
