using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;
using Portcullis.Storage;

namespace Portcullis.Risk;

// Risk owns extra features: ingest only carries them from the source; the risk model is their one reader.

/// <summary>
/// Extra columns of a declaration source that the mapping names as features: whatever a dataset
/// carries beyond the common fields (office, procedure, tax type…), kept for the risk model.
/// </summary>
public sealed class DeclarationFeatures
{
    public required Guid ConsignmentId { get; init; }

    public Dictionary<string, string> Categorical { get; init; } = [];

    public Dictionary<string, double> Numeric { get; init; } = [];
}

internal sealed class DeclarationFeaturesConfiguration : IEntityTypeConfiguration<DeclarationFeatures>
{
    public void Configure(EntityTypeBuilder<DeclarationFeatures> builder)
    {
        builder.ToTable("declaration_features");
        builder.HasKey(f => f.ConsignmentId);
        builder.Property(f => f.Categorical).HasJsonConversion();
        builder.Property(f => f.Numeric).HasJsonConversion();
        builder.HasOne<Consignment>().WithOne().HasForeignKey<DeclarationFeatures>(f => f.ConsignmentId);
    }
}
