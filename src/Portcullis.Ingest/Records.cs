using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest;

// What readers produce: plain records, independent of storage. The ingest pipeline in the
// Portcullis app turns them into entities (assigning ids, matching parties and equipment that are
// already known, deriving the hub from the route) and stores them.

/// <summary>
/// What a document does to what is stored: adds (original), replaces or cancels. EDIFACT BGM 1225
/// codes 9, 5 and 1 say it directly; the others map onto these (<c>Edifact.CodeLists.MessageFunctions</c>).
/// </summary>
public enum DocumentFunction
{
    Original,
    Replace,
    Cancel,
}

/// <summary>A voyage, flight or truck trip as a message describes it.</summary>
public sealed record MovementRecord(
    TransportMode Mode,
    string Carrier,
    string Reference,
    string? MeansName,
    string? MeansId,
    IReadOnlyList<CallRecord> Calls);

/// <summary>
/// One port call of a movement, in order. <paramref name="UnLocode"/> is empty when the sender named
/// the place otherwise; <paramref name="PlaceName"/> then keeps what it sent.
/// </summary>
public sealed record CallRecord(string UnLocode, DateTime? Arrival, DateTime? Departure, string? PlaceName = null);

/// <summary>The route as declared; UN/LOCODEs, null when the source does not say.</summary>
public sealed record RouteRecord(
    string? PlaceOfReceipt,
    string? PortOfLoading,
    IReadOnlyList<string> TransshipmentPorts,
    string? PortOfDischarge,
    string? PlaceOfDelivery);

/// <summary>A party as named on a document. Matched to a stored party by EORI, else by name and country.</summary>
public sealed record PartyRecord(PartyRole Role, string Name, string? CountryCode, string? Eori, AeoStatus? Aeo)
{
    /// <summary>Street and house number as sent (EDIFACT NAD C059, lines joined by a space).</summary>
    public string? Street { get; init; }

    public string? City { get; init; }

    public string? Postcode { get; init; }

    /// <summary>As sent (CTA/COM with qualifier TE); kept even when unreadable, with a warning.</summary>
    public string? Phone { get; init; }

    /// <summary>As sent (CTA/COM with qualifier EM); kept even when unreadable, with a warning.</summary>
    public string? Email { get; init; }
}

public sealed record GoodsRecord(
    int LineNumber,
    string? HsCode,
    string Description,
    int Packages,
    string? PackageType,
    double? GrossKg,
    double? NetKg,
    double? ValueEur);

public sealed record EquipmentRecord(
    string ContainerNumber,
    string? SizeType,
    bool Reefer,
    IReadOnlyList<string> Seals,
    double? ReeferSetpointC);

/// <summary>
/// A consignment as a manifest or declaration describes it. Times are UTC. <paramref name="HubCode"/>
/// is set only when the source says which hub (a CSV mapping can); otherwise the pipeline derives
/// it from the port of discharge.
/// </summary>
public sealed record ConsignmentRecord(
    string Reference,
    ConsignmentKind Kind,
    Direction Direction,
    string? HubCode,
    DateTime? BookedAt,
    DateTime? DepartedAt,
    DateTime? ArrivedAt,
    string? OriginCountry,
    RouteRecord Route,
    IReadOnlyList<PartyRecord> Parties,
    IReadOnlyList<GoodsRecord> Goods,
    IReadOnlyList<EquipmentRecord> Equipment)
{
    /// <summary>
    /// The gross mass the source gives for the whole consignment (a postal item on the scale), when
    /// it gives one; otherwise the total is the sum of the goods lines.
    /// </summary>
    public double? DeclaredGrossKg { get; init; }
}

/// <summary>
/// A cargo report (CUSCAR): one transport movement and the consignments on it; or postal items
/// (ITMATT), which travel on no movement we know, so <paramref name="Movement"/> is null.
/// <paramref name="DocumentNumber"/> is BGM 1004, the number that replacements and cancellations
/// refer back to.
/// </summary>
public sealed record ManifestDocument(
    string MessageReference,
    string DocumentNumber,
    DocumentFunction Function,
    MovementRecord? Movement,
    IReadOnlyList<ConsignmentRecord> Consignments,
    IReadOnlyList<IngestIssue> Warnings);

/// <summary>A container's place on board (BAPLIE): ISO bay-row-tier position and ports.</summary>
public sealed record StowageRecord(
    string ContainerNumber,
    string? SizeType,
    bool Reefer,
    string Position,
    string? PortOfLoading,
    string? PortOfDischarge,
    double? ReeferSetpointC);

public sealed record BayPlanDocument(
    string MessageReference,
    MovementRecord Movement,
    IReadOnlyList<StowageRecord> Stowage,
    IReadOnlyList<IngestIssue> Warnings);

/// <summary>
/// A container event from any source (COARRI, CODECO, DCSA, IoT). <paramref name="EventId"/> is the
/// sender's id where it has one (DCSA eventID); it makes re-sending a no-op.
/// <paramref name="TransportReference"/> is the voyage or trip the event belongs to, if given.
/// <paramref name="UnLocode"/> is empty when the place is not a UN/LOCODE (or a sensor placed the
/// event by coordinates); <paramref name="PlaceName"/> then keeps the place as the sender named it.
/// <paramref name="ContainerNumber"/> is canonical when it passes ISO 6346, else exactly as sent.
/// </summary>
public sealed record ContainerEventRecord(
    string? EventId,
    string ContainerNumber,
    ContainerEventType Type,
    DateTime OccurredAt,
    string UnLocode,
    string? Facility,
    string? SealNumber,
    string Source,
    string? TransportReference,
    string? InlandMode,
    double? Latitude,
    double? Longitude,
    string? PlaceName = null);

/// <summary>A load/discharge (COARRI) or gate (CODECO) report: its events.</summary>
public sealed record EventReportDocument(
    string MessageReference,
    string MessageType,
    IReadOnlyList<ContainerEventRecord> Events,
    IReadOnlyList<IngestIssue> Warnings);

/// <summary>The outcome of an earlier control, as a labelled dataset gives it.</summary>
public sealed record OutcomeRecord(bool Inspected, bool? Hit, double? SeizedKg, double? Revenue);

/// <summary>
/// One declaration row from a CSV/TSV source, mapped by a mapping file. <paramref name="Row"/> is
/// the 1-based data row (header excluded) for error messages; <paramref name="Categorical"/> and
/// <paramref name="Numeric"/> are the mapping's extra feature columns, by the mapping's names.
/// </summary>
public sealed record DeclarationRecord(
    long Row,
    ConsignmentRecord Consignment,
    IReadOnlyDictionary<string, string> Categorical,
    IReadOnlyDictionary<string, double> Numeric,
    OutcomeRecord? Outcome);
