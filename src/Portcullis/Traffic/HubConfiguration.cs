using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Hubs;

namespace Portcullis.Traffic;

// The hub catalogue is Traffic's: it publishes the hubs (GET /hubs) and counts traffic per hub;
// the other capabilities only read hub codes.
internal sealed class HubConfiguration : IEntityTypeConfiguration<Hub>
{
    public void Configure(EntityTypeBuilder<Hub> builder)
    {
        builder.ToTable("hubs");
        builder.HasKey(h => h.Code);
        builder.Property(h => h.Code).HasMaxLength(8);
        builder.Property(h => h.Name).HasMaxLength(100);
        builder.HasMany(h => h.Locations).WithOne().HasForeignKey(l => l.HubCode);
        // Reference data travels with the migrations, so every database has the hubs from the start.
        builder.HasData(HubCatalogue.All.Select(h => new { h.Code, h.Name, h.Kind }));
    }
}

internal sealed class HubLocationConfiguration : IEntityTypeConfiguration<HubLocation>
{
    public void Configure(EntityTypeBuilder<HubLocation> builder)
    {
        builder.ToTable("hub_locations");
        builder.HasKey(l => new { l.HubCode, l.UnLocode });
        builder.Property(l => l.UnLocode).HasMaxLength(5);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasData(HubCatalogue.All.SelectMany(h => h.Locations).Select(l => new { l.HubCode, l.UnLocode, l.Name, l.Latitude, l.Longitude }));
    }
}
