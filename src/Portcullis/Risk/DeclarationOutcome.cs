using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;

namespace Portcullis.Risk;

// Risk owns labels: ingest stores those that come with historical data and closing an inspection
// stores new ones, but only the risk model reads them, to learn from.

/// <summary>A control outcome that came with historical declaration data (a labelled dataset).</summary>
public sealed class DeclarationOutcome
{
    public required Guid ConsignmentId { get; init; }

    public required bool Inspected { get; init; }

    public bool? Hit { get; init; }

    public double? SeizedKg { get; init; }

    public double? Revenue { get; init; }

    /// <summary>When the outcome became known; the risk engine may only learn from earlier outcomes.</summary>
    public required DateTime KnownAt { get; init; }

    public required Guid ReceiptId { get; init; }
}

internal sealed class DeclarationOutcomeConfiguration : IEntityTypeConfiguration<DeclarationOutcome>
{
    public void Configure(EntityTypeBuilder<DeclarationOutcome> builder)
    {
        builder.ToTable("declaration_outcomes");
        builder.HasKey(o => o.ConsignmentId);
        builder.HasOne<Consignment>().WithOne().HasForeignKey<DeclarationOutcome>(o => o.ConsignmentId);
        builder.HasIndex(o => o.KnownAt);
    }
}
