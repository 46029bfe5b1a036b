using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Storage;

namespace Portcullis.Ingest;

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
