namespace Portcullis.Domain.Cargo;

/// <summary>
/// Goods moving under one transport document (bill of lading, air waybill, truck CMR or postal item
/// id). What customs scores, selects and inspects.
/// </summary>
public sealed class Consignment
{
    public required Guid Id { get; init; }

    /// <summary>The transport document number: B/L, AWB, CMR or postal item id.</summary>
    public required string Reference { get; init; }

    public required ConsignmentKind Kind { get; init; }

    public required Direction Direction { get; init; }

    /// <summary>The hub where customs handles this consignment.</summary>
    public required string HubCode { get; init; }

    public Guid? MovementId { get; set; }

    /// <summary>When the booking was made with the carrier (UTC); late bookings carry risk.</summary>
    public required DateTime BookedAt { get; set; }

    /// <summary>Departure from the place of loading (UTC).</summary>
    public DateTime? DepartedAt { get; set; }

    /// <summary>Arrival at (imports) or lodging at (exports) the hub (UTC).</summary>
    public required DateTime ArrivedAt { get; set; }

    /// <summary>ISO 3166 alpha-2 country of origin of the goods.</summary>
    public required string OriginCountry { get; set; }

    public required Route Route { get; set; }

    public double TotalGrossKg { get; set; }

    public double TotalValueEur { get; set; }

    public List<ConsignmentParty> Parties { get; init; } = [];

    public List<GoodsLine> Goods { get; init; } = [];

    public List<ConsignmentEquipment> Equipment { get; init; } = [];

    /// <summary>The manifest or declaration this consignment came from (CUSCAR BGM number), for cancellations.</summary>
    public string? SourceDocument { get; set; }

    /// <summary>1 for the original; raised by every accepted replacement. Earlier versions are kept apart.</summary>
    public int Revision { get; set; } = 1;

    /// <summary>Set when the sender cancelled the consignment; it stays stored for the record.</summary>
    public DateTime? RetractedAt { get; set; }
}

/// <summary>The route as declared, as UN/LOCODEs. Transshipment ports in call order.</summary>
public sealed class Route
{
    public string? PlaceOfReceipt { get; set; }

    public required string PortOfLoading { get; set; }

    public List<string> TransshipmentPorts { get; set; } = [];

    public required string PortOfDischarge { get; set; }

    public string? PlaceOfDelivery { get; set; }
}

public sealed class ConsignmentParty
{
    public required Guid ConsignmentId { get; init; }

    public required PartyRole Role { get; init; }

    public required Guid PartyId { get; init; }

    public Party? Party { get; init; }
}

public sealed class GoodsLine
{
    public required Guid ConsignmentId { get; init; }

    public required int LineNumber { get; init; }

    /// <summary>HS code, 6 to 10 digits.</summary>
    public required string HsCode { get; init; }

    public required string Description { get; init; }

    public required int Packages { get; init; }

    /// <summary>UN/ECE Recommendation 21 package type code (CT carton, BG bag, PK package…).</summary>
    public required string PackageType { get; init; }

    public required double GrossKg { get; init; }

    public required double NetKg { get; init; }

    public required double ValueEur { get; init; }
}

/// <summary>
/// A container as a long-lived piece of equipment, identified by its ISO 6346 number, or by the
/// number exactly as a sender wrote it when that fails ISO 6346 (then <see cref="NumberVerified"/>
/// is false and it matches only that exact text; it is never corrected).
/// </summary>
public sealed class Equipment
{
    public required string ContainerNumber { get; init; }

    /// <summary>True when the number passed ISO 6346 (owner code, category U/J/Z, check digit).</summary>
    public bool NumberVerified { get; init; } = true;

    /// <summary>ISO 6346 size/type code, e.g. 45R1.</summary>
    public required string SizeType { get; set; }

    public required bool Reefer { get; set; }
}

/// <summary>A container used for a consignment, with the seals declared for that trip.</summary>
public sealed class ConsignmentEquipment
{
    public required Guid ConsignmentId { get; init; }

    public required string ContainerNumber { get; init; }

    public List<string> SealNumbers { get; set; } = [];

    /// <summary>Reefer set point in degrees Celsius, when the container is a running reefer.</summary>
    public double? ReeferSetpointC { get; set; }

    public Equipment? Equipment { get; init; }
}

/// <summary>Something that happened to a container: a move, a gate pass, a door or seal observation.</summary>
public sealed class ContainerEvent
{
    public required Guid Id { get; init; }

    public required string ContainerNumber { get; init; }

    public required ContainerEventType Type { get; init; }

    public required DateTime OccurredAt { get; init; }

    /// <summary>The UN/LOCODE; empty when the sender gave another kind of place (<see cref="PlaceName"/>) or coordinates only.</summary>
    public required string UnLocode { get; init; }

    /// <summary>The place as the sender named it when that was not a UN/LOCODE (free text, kept as sent).</summary>
    public string? PlaceName { get; init; }

    /// <summary>Terminal, yard block or gate, as the sender names it.</summary>
    public string? Facility { get; init; }

    public Guid? MovementId { get; init; }

    /// <summary>Seal number observed or applied with this event.</summary>
    public string? SealNumber { get; init; }

    /// <summary>Who reported the event: a terminal, carrier, sensor or the simulator.</summary>
    public required string Source { get; init; }

    /// <summary>The sender's own id for the event (DCSA eventID): a re-sent event is recognised by it.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The voyage, flight or trip the event belongs to, as the sender names it.</summary>
    public string? TransportReference { get; init; }

    /// <summary>Mode of inland transport for gate events (truck, rail, barge), as the sender names it.</summary>
    public string? InlandMode { get; init; }

    /// <summary>Where a sensor reported the event (WGS 84), when it did.</summary>
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }
}
