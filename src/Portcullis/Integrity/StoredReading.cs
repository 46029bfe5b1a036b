using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Integrity.Readings;

namespace Portcullis.Integrity;

/// <summary>Where a stored reading stands with the integrity rules.</summary>
public enum ReadingEvaluation
{
    /// <summary>Its container was known when it arrived (or became known later); the rules have seen it.</summary>
    Evaluated,

    /// <summary>It names a container Portcullis has no consignment for yet; <see cref="ReadingMatcher"/> evaluates it once one arrives.</summary>
    AwaitingContainer,

    /// <summary>The device is paired with no container; kept for the device's history, never evaluated.</summary>
    NotPaired,
}

/// <summary>
/// One sensor reading as stored: <see cref="SensorReading"/> plus when and how it arrived. The
/// device and its reading id are the key, so a reading delivered twice (MQTT QoS 1 redelivers
/// after a reconnect) is stored once.
/// </summary>
public sealed class StoredReading
{
    public required string DeviceId { get; init; }

    public required string ReadingId { get; init; }

    public string? ContainerNumber { get; init; }

    public required ReadingKind Kind { get; init; }

    /// <summary>Event time (the device's clock), UTC.</summary>
    public required DateTime OccurredAt { get; init; }

    /// <summary>When this node took it in, UTC.</summary>
    public required DateTime ReceivedAt { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public SealState? Seal { get; init; }

    public string? SealNumber { get; init; }

    public bool? DoorOpen { get; init; }

    public double? Value { get; init; }

    public double? SetPoint { get; init; }

    public double? BatteryPercent { get; init; }

    /// <summary>The codes of the warnings it was accepted despite, space-separated; null when none.</summary>
    public string? Warnings { get; init; }

    /// <summary>The reading as sent, when something in it was not read (warnings, unknown fields) and always for DCSA events.</summary>
    public string? Raw { get; init; }

    /// <summary>The door it came in by: "mqtt:{topic}" or "http:{organisation}".</summary>
    public required string Source { get; init; }

    public required ReadingEvaluation Evaluation { get; set; }

    public static StoredReading From(SensorReading r, DateTime receivedAt, string source, string? warnings, ReadingEvaluation evaluation) => new()
    {
        DeviceId = r.DeviceId,
        ReadingId = r.ReadingId,
        ContainerNumber = r.ContainerNumber,
        Kind = r.Kind,
        OccurredAt = r.OccurredAt,
        ReceivedAt = receivedAt,
        Latitude = r.Latitude,
        Longitude = r.Longitude,
        Seal = r.Seal,
        SealNumber = r.SealNumber,
        DoorOpen = r.DoorOpen,
        Value = r.Value,
        SetPoint = r.SetPoint,
        BatteryPercent = r.BatteryPercent,
        Warnings = warnings,
        Raw = r.Raw,
        Source = source,
        Evaluation = evaluation,
    };

    public SensorReading ToReading() =>
        new(DeviceId, ReadingId, ContainerNumber, Kind, OccurredAt, Latitude, Longitude, Seal, SealNumber, DoorOpen, Value, SetPoint, BatteryPercent, Raw);
}

internal sealed class StoredReadingConfiguration : IEntityTypeConfiguration<StoredReading>
{
    public void Configure(EntityTypeBuilder<StoredReading> builder)
    {
        builder.ToTable("sensor_readings");
        builder.HasKey(r => new { r.DeviceId, r.ReadingId });
        builder.Property(r => r.DeviceId).HasMaxLength(160);
        builder.Property(r => r.ReadingId).HasMaxLength(128);
        builder.Property(r => r.ContainerNumber).HasMaxLength(20);
        builder.Property(r => r.SealNumber).HasMaxLength(64);
        builder.Property(r => r.Warnings).HasMaxLength(400);
        builder.Property(r => r.Source).HasMaxLength(300);

        // A container's readings in event order (its page, the rules' look back).
        builder.HasIndex(r => new { r.ContainerNumber, r.OccurredAt });

        // The matcher's question: which waiting readings' containers are known now.
        builder.HasIndex(r => new { r.Evaluation, r.ContainerNumber });
    }
}
