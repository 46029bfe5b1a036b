using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Dcsa;

/// <summary>
/// DCSA code lists and how they map onto our container event types. Definitions are those of the
/// DCSA Information Model (referencedata.d/equipmenteventtypecodes.csv) and the TNT/IoT specs.
/// </summary>
public static class DcsaCodes
{
    /// <summary>
    /// equipmentEventTypeCode → our type. Choices where the vocabularies differ:
    /// PICK ("collecting the container at customer location") leaves a place, so it is a GateOut at
    /// that place; DROP ("delivering the container at customer location") arrives at one, so GateIn.
    /// INSP means the seal was inspected: Inspected. RSEA (resealed after inspection) carries the new
    /// seal: SealChanged. RMVD ("a seal has been removed from the equipment for inspection") is
    /// SealChanged with no seal number: from then on the container is unsealed until an RSEA, which
    /// is what a seal-continuity check needs to see. CUSI (customs inspected, TNT 3.x) is Inspected.
    /// </summary>
    public static bool TryMapEquipmentCode(string code, out ContainerEventType type, out bool sealRemoved)
    {
        sealRemoved = false;
        switch (code)
        {
            case "LOAD": type = ContainerEventType.Load; return true;
            case "DISC": type = ContainerEventType.Discharge; return true;
            case "GTIN": type = ContainerEventType.GateIn; return true;
            case "GTOT": type = ContainerEventType.GateOut; return true;
            case "STUF": type = ContainerEventType.Stuffed; return true;
            case "STRP": type = ContainerEventType.Stripped; return true;
            case "PICK": type = ContainerEventType.GateOut; return true;
            case "DROP": type = ContainerEventType.GateIn; return true;
            case "INSP": type = ContainerEventType.Inspected; return true;
            case "CUSI": type = ContainerEventType.Inspected; return true;
            case "RSEA": type = ContainerEventType.SealChanged; return true;
            case "RMVD": type = ContainerEventType.SealChanged; sealRemoved = true; return true;
            default: type = default; return false;
        }
    }

    /// <summary>
    /// Codes TNT 3.x defines that are not physical moves of the container (availability for pick-up or
    /// drop-off, customs selection and release, crossing): known, so not an error, but not recorded.
    /// </summary>
    public static bool IsKnownUnmappedEquipmentCode(string code) =>
        code is "AVPU" or "AVDO" or "CUSS" or "CUSR" or "CROS";

    /// <summary>Our type → the code the writer emits; null for types DCSA has no code for (YardMove).</summary>
    public static string? EquipmentCodeFor(ContainerEventType type, bool hasSeal) => type switch
    {
        ContainerEventType.Load => "LOAD",
        ContainerEventType.Discharge => "DISC",
        ContainerEventType.GateIn => "GTIN",
        ContainerEventType.GateOut => "GTOT",
        ContainerEventType.Stuffed => "STUF",
        ContainerEventType.Stripped => "STRP",
        ContainerEventType.Inspected => "INSP",
        ContainerEventType.SealChanged => hasSeal ? "RSEA" : "RMVD",
        _ => null,
    };

    /// <summary>
    /// iotEventCode. IoT 1.0 has DRO (door opened) and DRC (door closed); T&amp;T 3.0 drafts added LOC
    /// (location update), and T&amp;T 3.0 names them DOOR_OPENED, DOOR_CLOSED, GEOFENCE_ENTRY,
    /// GEOFENCE_EXIT, MOTION_START, MOTION_STOP, BREADCRUMB, LOCATION_REACHED and DEVICE_STATUS
    /// (dcsaorg, tnt v300 IotEventCode).
    /// </summary>
    public static bool TryMapIotCode(string code, out ContainerEventType type)
    {
        switch (code)
        {
            case "DRO" or "DOOR_OPENED": type = ContainerEventType.DoorOpened; return true;
            case "DRC" or "DOOR_CLOSED": type = ContainerEventType.DoorClosed; return true;
            case "GEOFENCE_ENTRY": type = ContainerEventType.GeofenceEntered; return true;
            case "GEOFENCE_EXIT": type = ContainerEventType.GeofenceExited; return true;
            case "MOTION_START": type = ContainerEventType.MotionStarted; return true;
            case "MOTION_STOP": type = ContainerEventType.MotionStopped; return true;
            case "LOC" or "BREADCRUMB" or "LOCATION_REACHED": type = ContainerEventType.PositionReported; return true;
            case "DEVICE_STATUS": type = ContainerEventType.DeviceStatus; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Whether our type came from an IoT event (for the receipt's line and the writer).</summary>
    public static bool IsIot(ContainerEventType type) => type is ContainerEventType.DoorOpened or ContainerEventType.DoorClosed
        or ContainerEventType.GeofenceEntered or ContainerEventType.GeofenceExited or ContainerEventType.MotionStarted
        or ContainerEventType.MotionStopped or ContainerEventType.PositionReported or ContainerEventType.DeviceStatus;

    public static bool TryMapClassifier(string code, out EventClassifier classifier)
    {
        switch (code)
        {
            case "ACT": classifier = EventClassifier.Actual; return true;
            case "EST": classifier = EventClassifier.Estimated; return true;
            case "PLN": classifier = EventClassifier.Planned; return true;
            default: classifier = default; return false;
        }
    }

    public static bool TryMapTransportCode(string code, out TransportCallEventKind kind)
    {
        switch (code)
        {
            case "ARRI": kind = TransportCallEventKind.Arrival; return true;
            case "DEPA": kind = TransportCallEventKind.Departure; return true;
            default: kind = default; return false;
        }
    }
}
