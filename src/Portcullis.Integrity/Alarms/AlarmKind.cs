namespace Portcullis.Integrity.Alarms;

/// <summary>
/// What an alarm is about. The first six contradict a selected container's secure-lane order; the
/// rest come from seals, sensors, geofences and the release at the gate. Stored by name.
/// </summary>
public enum AlarmKind
{
    /// <summary>A selected container gated out before its control closed.</summary>
    GateOut,

    /// <summary>A selected container moved to another block than the secured area, or out of it.</summary>
    YardMove,

    /// <summary>The doors of a selected container were opened before the customs inspection.</summary>
    DoorOpened,

    /// <summary>The seal of a selected container changed before the customs inspection.</summary>
    SealChanged,

    /// <summary>Loaded onto a vessel, train or barge: the container is leaving.</summary>
    Loaded,

    /// <summary>No event for a selected container that should be on its way to the secured area.</summary>
    Silence,

    /// <summary>Doors opened outside an authorised zone, or at sea.</summary>
    DoorOpenedOutsideZone,

    /// <summary>The seal number seen at discharge or at the gate differs from the manifest (rip-on/rip-off swaps the seal).</summary>
    SealMismatch,

    /// <summary>An electronic seal reported itself tampered or opened.</summary>
    SealTampered,

    /// <summary>An unplanned stop, or a dwell in a transshipment port beyond its norm.</summary>
    UnplannedStop,

    /// <summary>A reefer unit opened or its set point changed shortly before arrival.</summary>
    ReeferTampering,

    /// <summary>No reading or event for longer than the device's or the leg's norm.</summary>
    GoneQuiet,

    /// <summary>A yard position visited twice with a door event in between.</summary>
    YardRevisit,

    /// <summary>A gate-out of a container under customs control without a valid one-time release token.</summary>
    ReleaseMissing,
}

public enum AlarmSeverity
{
    Low,
    Medium,
    High,
    Critical,
}
