using Portcullis.Domain.Cargo;
using Portcullis.Integrity.Readings;

namespace Portcullis.Integrity.Rules;

public enum ObservationKind
{
    /// <summary>A position fix and nothing else.</summary>
    Position,
    DoorOpened,
    DoorClosed,

    /// <summary>An electronic seal's status other than opened (sealed, tampered).</summary>
    SealStatus,
    ReeferSetPoint,
    Load,
    Discharge,
    GateIn,
    GateOut,
    YardMove,

    /// <summary>A seal was replaced and the change was reported.</summary>
    SealChanged,
    Other,
}

/// <summary>
/// What the rules see: a sensor reading or a container event, reduced to the fields the rules use.
/// Any observation with coordinates is also a position fix. Evidence is "reading:{device}/{id}" or
/// "event:{id}"; Place is an event's UN/LOCODE, Facility its terminal, yard position or gate;
/// DeviceId is set for readings only.
/// </summary>
public sealed record Observation(
    string Evidence,
    string ContainerNumber,
    DateTime At,
    ObservationKind Kind,
    double? Latitude = null,
    double? Longitude = null,
    SealState? Seal = null,
    string? SealNumber = null,
    double? SetPoint = null,
    string? Place = null,
    string? Facility = null,
    string? DeviceId = null)
{
    /// <summary>Light above this inside a closed box means the doors are open (a closed steel box is dark).</summary>
    public const double DoorOpenLux = 50;

    public bool HasFix => Latitude is not null && Longitude is not null;

    /// <summary>The reading as an observation; null when it names no container (kept by the store until paired).</summary>
    public static Observation? From(SensorReading r)
    {
        if (r.ContainerNumber is not { Length: > 0 } container)
        {
            return null;
        }

        var kind = r.Kind switch
        {
            ReadingKind.Seal when r.Seal == SealState.Opened => ObservationKind.DoorOpened,
            ReadingKind.Seal => ObservationKind.SealStatus,
            ReadingKind.Door when r.DoorOpen == true => ObservationKind.DoorOpened,
            ReadingKind.Door when r.DoorOpen == false => ObservationKind.DoorClosed,
            ReadingKind.Light when r.Value >= DoorOpenLux => ObservationKind.DoorOpened,
            ReadingKind.Position => ObservationKind.Position,
            ReadingKind.ReeferSetPoint when r.SetPoint is not null => ObservationKind.ReeferSetPoint,
            _ => ObservationKind.Other,
        };
        return new Observation($"reading:{r.DeviceId}/{r.ReadingId}", container, r.OccurredAt, kind, r.Latitude, r.Longitude,
            r.Seal, r.SealNumber, r.SetPoint, DeviceId: r.DeviceId);
    }

    public static Observation From(ContainerEvent e) => From(e.Id, e.ContainerNumber, e.Type, e.OccurredAt, e.UnLocode, e.Facility, e.SealNumber, e.Latitude, e.Longitude);

    public static Observation From(Guid id, string container, ContainerEventType type, DateTime at, string? place, string? facility, string? sealNumber, double? latitude, double? longitude)
    {
        var kind = type switch
        {
            ContainerEventType.Load => ObservationKind.Load,
            ContainerEventType.Discharge => ObservationKind.Discharge,
            ContainerEventType.GateIn => ObservationKind.GateIn,
            ContainerEventType.GateOut => ObservationKind.GateOut,
            ContainerEventType.YardMove => ObservationKind.YardMove,
            ContainerEventType.SealChanged => ObservationKind.SealChanged,
            ContainerEventType.DoorOpened => ObservationKind.DoorOpened,
            ContainerEventType.DoorClosed => ObservationKind.DoorClosed,
            ContainerEventType.PositionReported or ContainerEventType.GeofenceEntered or ContainerEventType.GeofenceExited
                or ContainerEventType.MotionStarted or ContainerEventType.MotionStopped => ObservationKind.Position,
            _ => ObservationKind.Other,
        };
        return new Observation($"event:{id}", container, at, kind, latitude, longitude, SealNumber: sealNumber,
            Place: string.IsNullOrEmpty(place) ? null : place, Facility: facility);
    }
}
