namespace Portcullis.Integrity.Readings;

public enum ReadingKind
{
    /// <summary>An electronic seal's status (ISO 18185 in spirit: sealed, opened, tampered).</summary>
    Seal,

    Door,
    Light,
    Motion,
    Shock,

    /// <summary>A position fix (GPS) without another observation.</summary>
    Position,

    /// <summary>Reefer telemetry: temperature, humidity and the like (DCSA Reefer v1 measurements).</summary>
    ReeferMeasurement,

    /// <summary>A reefer set point was changed.</summary>
    ReeferSetPoint,

    /// <summary>The device itself: battery, pairing, power.</summary>
    DeviceStatus,
}

public enum SealState
{
    Sealed,
    Opened,
    Tampered,
}

/// <summary>
/// One reading from a seal or sensor, normalised from whatever the partner sent (Portcullis JSON,
/// DCSA IoT or Reefer events). Identity is the device plus its reading id: the same pair twice is
/// the same reading (MQTT QoS 1 delivers at least once). Times are event times, UTC.
/// </summary>
/// <param name="DeviceId">For an e-seal: manufacturer and serial, "MFR:SERIAL".</param>
/// <param name="ReadingId">The device's own id of this reading (or its sequence number).</param>
/// <param name="ContainerNumber">As given; null when the device is not (yet) paired to a container.</param>
/// <param name="Kind">What was observed; the fields that belong to the kind are set, the others null.</param>
/// <param name="OccurredAt">When it was observed (device clock, UTC), not when it arrived.</param>
/// <param name="Latitude">WGS 84 degrees, when the device had a fix.</param>
/// <param name="Longitude">WGS 84 degrees, when the device had a fix.</param>
/// <param name="Seal">An e-seal's status.</param>
/// <param name="SealNumber">The seal number the device carries or read (ISO 17712 for mechanical seals).</param>
/// <param name="DoorOpen">A door sensor's state.</param>
/// <param name="Value">The measured quantity for Light, Motion, Shock and ReeferMeasurement (lux, g, °C).</param>
/// <param name="SetPoint">A reefer's set point (°C) after a change.</param>
/// <param name="BatteryPercent">The device's battery, 0–100.</param>
/// <param name="Raw">The payload as received, kept so that a field nobody can read yet is not lost.</param>
public sealed record SensorReading(
    string DeviceId,
    string ReadingId,
    string? ContainerNumber,
    ReadingKind Kind,
    DateTime OccurredAt,
    double? Latitude = null,
    double? Longitude = null,
    SealState? Seal = null,
    string? SealNumber = null,
    bool? DoorOpen = null,
    double? Value = null,
    double? SetPoint = null,
    double? BatteryPercent = null,
    string? Raw = null);
