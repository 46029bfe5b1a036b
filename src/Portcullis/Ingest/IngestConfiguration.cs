using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest;

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a small value object as JSON text: receipts' lines and issues, extra features.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class, new()
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        return property;
    }
}

internal sealed class IngestReceiptConfiguration : IEntityTypeConfiguration<IngestReceipt>
{
    public void Configure(EntityTypeBuilder<IngestReceipt> builder)
    {
        builder.ToTable("ingest_receipts");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Channel).HasMaxLength(20);
        builder.Property(r => r.SubmittedBy).HasMaxLength(100);
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.Sender).HasMaxLength(70);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.Lines).HasJsonConversion();
        builder.Property(r => r.Issues).HasJsonConversion();
        builder.HasIndex(r => r.ReceivedAt);
        builder.HasIndex(r => new { r.OrganisationId, r.ReceivedAt });
    }
}

internal sealed class IngestKeyConfiguration : IEntityTypeConfiguration<IngestKey>
{
    public void Configure(EntityTypeBuilder<IngestKey> builder)
    {
        builder.ToTable("ingest_keys");
        builder.HasKey(k => new { k.Scope, k.Key });
        builder.Property(k => k.Scope).HasMaxLength(30);
        builder.Property(k => k.Key).HasMaxLength(200);
    }
}

internal sealed class QuarantineItemConfiguration : IEntityTypeConfiguration<QuarantineItem>
{
    public void Configure(EntityTypeBuilder<QuarantineItem> builder)
    {
        builder.ToTable("ingest_quarantine");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Type).HasMaxLength(40);
        builder.Property(q => q.Reference).HasMaxLength(200);
        builder.Property(q => q.Code).HasMaxLength(60);
        builder.Property(q => q.Reason).HasMaxLength(2000);
        builder.Property(q => q.Where).HasMaxLength(200);
        builder.HasOne<IngestReceipt>().WithMany().HasForeignKey(q => q.ReceiptId);
        builder.HasIndex(q => new { q.Status, q.QuarantinedAt });
    }
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

internal sealed class StowagePositionConfiguration : IEntityTypeConfiguration<StowagePosition>
{
    public void Configure(EntityTypeBuilder<StowagePosition> builder)
    {
        builder.ToTable("stowage_positions");
        builder.HasKey(s => new { s.MovementId, s.ContainerNumber });
        builder.Property(s => s.ContainerNumber).HasMaxLength(11);
        builder.Property(s => s.Position).HasMaxLength(12);
        builder.Property(s => s.PortOfLoading).HasMaxLength(5);
        builder.Property(s => s.PortOfDischarge).HasMaxLength(5);
        builder.HasOne<TransportMovement>().WithMany().HasForeignKey(s => s.MovementId);
    }
}
