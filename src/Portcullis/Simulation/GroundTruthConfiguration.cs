using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Simulator;

namespace Portcullis.Simulation;

/// <summary>
/// The simulator's ground truth lives in its own table with no relationship to the cargo tables and
/// no DbSet on the context: only <see cref="GroundTruthVault"/> reads it.
/// </summary>
internal sealed class GroundTruthConfiguration : IEntityTypeConfiguration<SmugglingCase>
{
    public void Configure(EntityTypeBuilder<SmugglingCase> builder)
    {
        builder.ToTable("simulation_ground_truth");
        builder.HasKey(s => s.ConsignmentId);
        builder.Property(s => s.ContainerNumber).HasMaxLength(11);
        builder.Property(s => s.Pattern).HasMaxLength(100);
        builder.HasIndex(s => s.ContainerNumber);
    }
}
