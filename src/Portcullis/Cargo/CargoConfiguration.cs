using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;

namespace Portcullis.Cargo;

// Cargo owns what was declared and moved: parties, movements, consignments, goods, equipment and
// container events (and, in this folder, stowage positions and consignment revisions).
internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("parties");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.CountryCode).HasMaxLength(2);
        builder.Property(p => p.Eori).HasMaxLength(17);
        builder.Property(p => p.Street).HasMaxLength(140);
        builder.Property(p => p.City).HasMaxLength(35);
        builder.Property(p => p.Postcode).HasMaxLength(17);
        builder.Property(p => p.Phone).HasMaxLength(512);
        builder.Property(p => p.Email).HasMaxLength(512);
        builder.HasIndex(p => p.Eori);
    }
}

internal sealed class TransportMovementConfiguration : IEntityTypeConfiguration<TransportMovement>
{
    public void Configure(EntityTypeBuilder<TransportMovement> builder)
    {
        builder.ToTable("transport_movements");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Carrier).HasMaxLength(35);
        builder.Property(m => m.Reference).HasMaxLength(35);
        builder.Property(m => m.MeansName).HasMaxLength(100);
        builder.Property(m => m.MeansId).HasMaxLength(35);
        builder.HasMany(m => m.Calls).WithOne().HasForeignKey(c => c.MovementId);
        builder.HasIndex(m => new { m.Carrier, m.Reference });
    }
}

internal sealed class TransportCallConfiguration : IEntityTypeConfiguration<TransportCall>
{
    public void Configure(EntityTypeBuilder<TransportCall> builder)
    {
        builder.ToTable("transport_calls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UnLocode).HasMaxLength(5);
        builder.Property(c => c.PlaceName).HasMaxLength(70);
        builder.HasIndex(c => new { c.MovementId, c.Sequence }).IsUnique();
    }
}

internal sealed class ConsignmentConfiguration : IEntityTypeConfiguration<Consignment>
{
    public void Configure(EntityTypeBuilder<Consignment> builder)
    {
        builder.ToTable("consignments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(35);
        builder.Property(c => c.HubCode).HasMaxLength(8);
        builder.Property(c => c.OriginCountry).HasMaxLength(2);
        builder.HasOne<Hub>().WithMany().HasForeignKey(c => c.HubCode);
        builder.HasOne<TransportMovement>().WithMany().HasForeignKey(c => c.MovementId);
        builder.OwnsOne(c => c.Route, route =>
        {
            route.Property(r => r.PlaceOfReceipt).HasColumnName("place_of_receipt").HasMaxLength(5);
            route.Property(r => r.PortOfLoading).HasColumnName("port_of_loading").HasMaxLength(5);
            route.Property(r => r.TransshipmentPorts).HasColumnName("transshipment_ports");
            route.Property(r => r.PortOfDischarge).HasColumnName("port_of_discharge").HasMaxLength(5);
            route.Property(r => r.PlaceOfDelivery).HasColumnName("place_of_delivery").HasMaxLength(5);
        });
        builder.Navigation(c => c.Route).IsRequired();
        builder.HasMany(c => c.Parties).WithOne().HasForeignKey(p => p.ConsignmentId);
        builder.HasMany(c => c.Goods).WithOne().HasForeignKey(g => g.ConsignmentId);
        builder.HasMany(c => c.Equipment).WithOne().HasForeignKey(e => e.ConsignmentId);
        builder.HasIndex(c => new { c.HubCode, c.ArrivedAt });
        builder.HasIndex(c => c.Reference);
        builder.Property(c => c.SourceDocument).HasMaxLength(35);
    }
}

internal sealed class ConsignmentPartyConfiguration : IEntityTypeConfiguration<ConsignmentParty>
{
    public void Configure(EntityTypeBuilder<ConsignmentParty> builder)
    {
        builder.ToTable("consignment_parties");
        builder.HasKey(p => new { p.ConsignmentId, p.Role });
        builder.HasOne(p => p.Party).WithMany().HasForeignKey(p => p.PartyId);
        builder.HasIndex(p => p.PartyId);
    }
}

internal sealed class GoodsLineConfiguration : IEntityTypeConfiguration<GoodsLine>
{
    public void Configure(EntityTypeBuilder<GoodsLine> builder)
    {
        builder.ToTable("goods_lines");
        builder.HasKey(g => new { g.ConsignmentId, g.LineNumber });
        builder.Property(g => g.HsCode).HasMaxLength(10);
        builder.Property(g => g.Description).HasMaxLength(512);
        builder.Property(g => g.PackageType).HasMaxLength(3);
        builder.HasIndex(g => g.HsCode);
    }
}

internal sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> builder)
    {
        builder.ToTable("equipment");
        builder.HasKey(e => e.ContainerNumber);
        // 17: EDIFACT's equipment identifier (8260 an..17); numbers failing ISO 6346 are kept as sent.
        builder.Property(e => e.ContainerNumber).HasMaxLength(17);
        // Rows stored before numbers could be unverified all passed ISO 6346: the column defaults to true.
        builder.Property(e => e.NumberVerified).HasDefaultValue(true).HasSentinel(true);
        builder.Property(e => e.SizeType).HasMaxLength(4);
    }
}

internal sealed class ConsignmentEquipmentConfiguration : IEntityTypeConfiguration<ConsignmentEquipment>
{
    public void Configure(EntityTypeBuilder<ConsignmentEquipment> builder)
    {
        builder.ToTable("consignment_equipment");
        builder.HasKey(e => new { e.ConsignmentId, e.ContainerNumber });
        builder.Property(e => e.ContainerNumber).HasMaxLength(17);
        builder.HasOne(e => e.Equipment).WithMany().HasForeignKey(e => e.ContainerNumber);
        builder.HasIndex(e => e.ContainerNumber);
    }
}

internal sealed class ContainerEventConfiguration : IEntityTypeConfiguration<ContainerEvent>
{
    public void Configure(EntityTypeBuilder<ContainerEvent> builder)
    {
        builder.ToTable("container_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ContainerNumber).HasMaxLength(17);
        builder.Property(e => e.UnLocode).HasMaxLength(5);
        builder.Property(e => e.PlaceName).HasMaxLength(70);
        builder.Property(e => e.Facility).HasMaxLength(70);
        builder.Property(e => e.SealNumber).HasMaxLength(35);
        builder.Property(e => e.Source).HasMaxLength(70);
        builder.Property(e => e.TransportReference).HasMaxLength(35);
        builder.Property(e => e.InlandMode).HasMaxLength(20);
        builder.Property(e => e.ExternalId).HasMaxLength(100);
        // Unique, so that even two senders racing cannot store one DCSA event twice; NULLs do not collide.
        builder.HasIndex(e => e.ExternalId).IsUnique();
        // Events may arrive before the manifest that names the container, so no foreign key to equipment.
        builder.HasIndex(e => new { e.ContainerNumber, e.OccurredAt });
        builder.HasIndex(e => new { e.UnLocode, e.OccurredAt });
    }
}
