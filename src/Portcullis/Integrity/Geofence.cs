using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity;

/// <summary>
/// An authorised zone of a hub: where a container may stand and its doors may be opened. One row
/// per hub and name; replacing it raises <see cref="Version"/> (the audit log keeps what it was),
/// retiring it keeps the row so that old alarms still name it.
/// </summary>
public sealed class Geofence
{
    public required Guid Id { get; init; }

    public required string HubCode { get; init; }

    public required string Name { get; init; }

    public required ZoneKind Kind { get; set; }

    /// <summary>The Polygon or MultiPolygon as GeoJSON (WGS 84, longitude first).</summary>
    public required string Geometry { get; set; }

    /// <summary>1 when created; raised by every replacement. Also the concurrency token.</summary>
    public int Version { get; set; } = 1;

    public required DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTime ChangedAt { get; set; }

    public required string ChangedBy { get; set; }

    /// <summary>Set when it no longer authorises anything.</summary>
    public DateTime? RetiredAt { get; set; }
}

internal sealed class GeofenceConfiguration : IEntityTypeConfiguration<Geofence>
{
    public void Configure(EntityTypeBuilder<Geofence> builder)
    {
        builder.ToTable("geofences");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.HubCode).HasMaxLength(10);
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.Property(g => g.Geometry).HasMaxLength(200_000);
        builder.Property(g => g.CreatedBy).HasMaxLength(100);
        builder.Property(g => g.ChangedBy).HasMaxLength(100);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasIndex(g => new { g.HubCode, g.Name }).IsUnique();
    }
}
