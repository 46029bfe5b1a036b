namespace Portcullis.Domain.Cargo;

public enum TransportMode
{
    Sea,
    Air,
    Road,
    Post,
}

public enum ConsignmentKind
{
    /// <summary>Full or shared container under a bill of lading.</summary>
    SeaContainer,

    /// <summary>Bulk cargo (cocoa beans, grain) under a bill of lading, no container.</summary>
    SeaBulk,

    /// <summary>Air cargo under an air waybill.</summary>
    AirCargo,

    /// <summary>A truck load of plants and flowers through the auctions.</summary>
    RoadTruck,

    /// <summary>An outbound parcel or letter.</summary>
    PostalItem,
}

public enum Direction
{
    Import,
    Export,
    Transit,
}

public enum PartyRole
{
    Consignor,
    Consignee,
    Notify,
    Forwarder,
    Declarant,
}

/// <summary>Authorised economic operator status under the Union Customs Code.</summary>
public enum AeoStatus
{
    None,

    /// <summary>AEO customs simplifications.</summary>
    AeoC,

    /// <summary>AEO security and safety.</summary>
    AeoS,

    /// <summary>Both (full).</summary>
    AeoF,
}

public enum ContainerEventType
{
    /// <summary>Loaded on board at a port of loading.</summary>
    Load,

    /// <summary>Discharged from the vessel.</summary>
    Discharge,

    GateIn,
    GateOut,

    /// <summary>Moved within the terminal (yard block to yard block).</summary>
    YardMove,
    Stuffed,
    Stripped,
    Inspected,

    /// <summary>A seal was applied or replaced; the event carries the new seal number.</summary>
    SealChanged,
    DoorOpened,
    DoorClosed,

    // Sensor observations (DCSA T&T 3 IoT events).

    /// <summary>The container entered a geofenced area (GEOFENCE_ENTRY).</summary>
    GeofenceEntered,

    /// <summary>The container left a geofenced area (GEOFENCE_EXIT).</summary>
    GeofenceExited,

    /// <summary>The container started moving (MOTION_START).</summary>
    MotionStarted,

    /// <summary>The container stopped moving (MOTION_STOP).</summary>
    MotionStopped,

    /// <summary>A periodic or meaningful position report (BREADCRUMB, LOC, LOCATION_REACHED).</summary>
    PositionReported,

    /// <summary>The sensor itself reported: paired, unpaired, power (DEVICE_STATUS).</summary>
    DeviceStatus,
}

/// <summary>Where a concealment was (or would be) found.</summary>
public enum ConcealmentMethod
{
    ReeferMachinery,

    /// <summary>Among the declared cargo near the doors: the rip-on/rip-off method.</summary>
    AmongCargoNearDoors,
    ContainerStructure,
    Bulk,
    Other,
}

public enum Substance
{
    Cocaine,
    SyntheticDrugs,
}
