using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Access;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserName).HasMaxLength(100);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.Role).HasMaxLength(40);
        builder.Property(a => a.PasswordHash).HasMaxLength(200);
        builder.Property(a => a.ExternalSubject).HasMaxLength(200);
        builder.Property(a => a.SecurityStamp).HasMaxLength(64).IsConcurrencyToken();
        builder.Property(a => a.CreatedBy).HasMaxLength(100);
        builder.Property(a => a.ApprovedBy).HasMaxLength(100);
        builder.Property(a => a.TotpSecret).HasMaxLength(400);
        builder.Ignore(a => a.IsApproved);
        builder.HasIndex(a => a.UserName).IsUnique();
        builder.HasIndex(a => a.ExternalSubject).IsUnique();
        builder.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Role).HasMaxLength(40);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.Property(t => t.CreatedBy).HasMaxLength(100);
        builder.Property(t => t.ApprovedBy).HasMaxLength(100);
        builder.Ignore(t => t.IsApproved);
        builder.HasOne(t => t.Organisation).WithMany().HasForeignKey(t => t.OrganisationId);
    }
}
