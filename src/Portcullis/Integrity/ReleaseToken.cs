using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Access;

namespace Portcullis.Integrity;

/// <summary>
/// A customs release of a container to one collecting party (a haulier organisation and, where
/// given, a driver), with its one-time token. The token itself is never stored: only its SHA-256,
/// set when the haulier collects it. Verifying it at the gate consumes it.
/// </summary>
public sealed class ReleaseToken
{
    public required Guid Id { get; init; }

    public required string HubCode { get; init; }

    public required string ContainerNumber { get; init; }

    /// <summary>The organisation (Access) whose system collects the token and whose truck fetches the container.</summary>
    public required Guid HaulierOrganisationId { get; init; }

    public required string HaulierName { get; init; }

    /// <summary>The driver's id as the haulier and terminal know it (licence or pass number); null binds the company only.</summary>
    public string? DriverId { get; init; }

    public required DateTime IssuedAt { get; init; }

    public required string IssuedBy { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public DateTime? CollectedAt { get; set; }

    public string? CollectedBy { get; set; }

    /// <summary>Hex SHA-256 of the token handed out; null until collected.</summary>
    public string? TokenHash { get; set; }

    public DateTime? ConsumedAt { get; set; }

    public string? ConsumedBy { get; set; }

    /// <summary>Set when a newer release of the same container replaced this one before it was used.</summary>
    public DateTime? SupersededAt { get; set; }

    /// <summary>Two verifications of one token at once: the second save fails on this (409), so a token is consumed once.</summary>
    public int Version { get; set; } = 1;
}

internal sealed class ReleaseTokenConfiguration : IEntityTypeConfiguration<ReleaseToken>
{
    public void Configure(EntityTypeBuilder<ReleaseToken> builder)
    {
        builder.ToTable("release_tokens");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.HubCode).HasMaxLength(10);
        builder.Property(r => r.ContainerNumber).HasMaxLength(17);
        builder.Property(r => r.HaulierName).HasMaxLength(200);
        builder.Property(r => r.DriverId).HasMaxLength(40);
        builder.Property(r => r.IssuedBy).HasMaxLength(100);
        builder.Property(r => r.CollectedBy).HasMaxLength(100);
        builder.Property(r => r.ConsumedBy).HasMaxLength(100);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.HaulierOrganisationId);
        builder.HasIndex(r => new { r.ContainerNumber, r.IssuedAt });
        builder.HasIndex(r => r.HaulierOrganisationId);
    }
}
