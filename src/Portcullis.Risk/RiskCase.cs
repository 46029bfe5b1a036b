namespace Portcullis.Risk;

/// <summary>
/// One consignment or declaration as the risk engine sees it: flat, free of storage types, the same
/// whether it came from a manifest, from a labelled CSV of another administration or from the API.
/// Everything that is not known for a source is left empty; features and rules treat empty as
/// "unknown", never as a value.
/// </summary>
public sealed record RiskCase
{
    /// <summary>Consignment id (stored data) or declaration id (CSV).</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The moment the decision is taken (arrival, or the declaration date), UTC. History features
    /// for this case use only outcomes known strictly before the start of this day.
    /// </summary>
    public required DateTime Date { get; init; }

    public string Hub { get; init; } = "";

    /// <summary>SeaContainer, SeaBulk, AirCargo, RoadTruck, PostalItem, or a source's own kind.</summary>
    public string Kind { get; init; } = "";

    /// <summary>ISO 3166 alpha-2 country of origin.</summary>
    public string OriginCountry { get; init; } = "";

    public string PlaceOfReceipt { get; init; } = "";

    /// <summary>UN/LOCODE of the port (or airport) of loading.</summary>
    public string PortOfLoading { get; init; } = "";

    public IReadOnlyList<string> Transshipments { get; init; } = [];

    public string PortOfDischarge { get; init; } = "";

    /// <summary>HS code of the goods line with the highest value, digits only (6 to 10).</summary>
    public string HsCode { get; init; } = "";

    /// <summary>Every goods line's HS code, digits only.</summary>
    public IReadOnlyList<string> HsCodes { get; init; } = [];

    /// <summary>The goods descriptions of all lines, joined by " | ".</summary>
    public string Description { get; init; } = "";

    public double GrossKg { get; init; }

    public double ValueEur { get; init; }

    public int Packages { get; init; }

    public bool Reefer { get; init; }

    /// <summary>Hours from booking to departure; null when either is unknown.</summary>
    public double? BookingToDepartureHours { get; init; }

    /// <summary>Parties by role (consignor, consignee, notify, forwarder, declarant; lower case).</summary>
    public IReadOnlyDictionary<string, RiskParty> Parties { get; init; } = new Dictionary<string, RiskParty>();

    public IReadOnlyList<string> Containers { get; init; } = [];

    /// <summary>A seal other than the declared one was seen on one of its containers.</summary>
    public bool SealChanged { get; init; }

    /// <summary>The route was replaced after the goods were loaded.</summary>
    public bool RouteChangedAfterLoading { get; init; }

    /// <summary>Extra categorical columns a source carries (office, procedure…), by mapping name.</summary>
    public IReadOnlyDictionary<string, string> Categorical { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra numeric columns a source carries (taxes, fob value…), by mapping name.</summary>
    public IReadOnlyDictionary<string, double> Numeric { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Plain-word explanations of some <see cref="Numeric"/> values (e.g. the network features: "2 hops
    /// from X, which had a hit known on 2026-10-03, via the same phone …"); a reason names them instead
    /// of the bare number.
    /// </summary>
    public IReadOnlyDictionary<string, string> NumericNotes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The same notes as phrases where the library that wrote them made phrases (the network's,
    /// <c>NetworkPhrases</c>), so a page can say them in the reader's language; the English stays in
    /// <see cref="NumericNotes"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Domain.Phrasing.Phrase> NumericNotePhrases { get; init; } = new Dictionary<string, Domain.Phrasing.Phrase>();

    /// <summary>The inspection outcome, when the case was inspected; null when it was not (or not yet).</summary>
    public RiskLabel? Label { get; init; }
}

/// <summary>A party on a case. <see cref="Key"/> identifies it across cases (EORI, register id or the source's id).</summary>
public sealed record RiskParty(string Key, string Name = "", string Country = "", string Aeo = "", DateTime? FirstSeen = null, bool WatchListed = false);

/// <summary>What an inspection found, and when that became known (only then may the engine learn from it).</summary>
public sealed record RiskLabel(bool Hit, DateTime KnownAt, double? SeizedKg = null, double? Revenue = null);

/// <summary>
/// Facts derived from history rather than from the case itself, computed without leakage (only
/// from what was known before the case's day). Shared by rules and model features.
/// </summary>
public sealed record CaseFacts
{
    public static CaseFacts None { get; } = new();

    /// <summary>Declared value per kg divided by the norm for its HS code (median of earlier cases); null when no norm.</summary>
    public double? ValuePerKgRatio { get; init; }

    /// <summary>Days since each party (by role) was first seen; null role absent.</summary>
    public IReadOnlyDictionary<string, double> PartyAgeDays { get; init; } = new Dictionary<string, double>();

    /// <summary>Earlier cases with the same origin country and HS4; 0 means a new commodity–country pair.</summary>
    public int OriginCommodityCount { get; init; }
}
