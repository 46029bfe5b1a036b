namespace Portcullis.Integrity.Geofences;

/// <summary>What an authorised zone is for. Stored by name.</summary>
public enum ZoneKind
{
    /// <summary>A container terminal: quay, yard and gates.</summary>
    Terminal,

    /// <summary>The guarded area where selected containers wait for their control (the secure lane's destination).</summary>
    SecuredArea,

    /// <summary>A customs scanner or inspection site.</summary>
    ScannerSite,

    /// <summary>An empty or full container depot.</summary>
    Depot,

    /// <summary>The consignee's warehouse, where opening the doors is the point of the trip.</summary>
    ConsigneeWarehouse,
}
