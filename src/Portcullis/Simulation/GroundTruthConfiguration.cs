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

/// <summary>Integrity incidents of the simulation: as hidden as the smuggling cases.</summary>
internal sealed class IntegrityIncidentConfiguration : IEntityTypeConfiguration<IntegrityIncident>
{
    public void Configure(EntityTypeBuilder<IntegrityIncident> builder)
    {
        builder.ToTable("simulation_incidents");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ContainerNumber).HasMaxLength(17);
        builder.Property(s => s.Kind).HasMaxLength(40);
        builder.Property(s => s.ExpectedAlarm).HasMaxLength(40);
        builder.Property(s => s.Description).HasMaxLength(1000);
        builder.HasIndex(s => s.ContainerNumber);
    }
}
