namespace Portcullis.Risk.Rules;

/// <summary>The kind of value a rule field holds, which decides the operators it accepts.</summary>
public enum RuleFieldType
{
    /// <summary>A code or free text: eq, in, not_in, prefix, contains_any.</summary>
    Text,

    /// <summary>A list of codes: any_in, none_in, count_gte, prefix.</summary>
    TextList,

    /// <summary>A number: lt, lte, gt, gte, eq, between.</summary>
    Number,

    /// <summary>Yes or no: written as a plain true or false.</summary>
    Flag,
}

/// <summary>
/// A field analysts can test in a condition and quote in a reason. A name containing
/// <c>&lt;role&gt;</c> or <c>&lt;name&gt;</c> stands for a family: the part after the dot is chosen by the analyst.
/// </summary>
public sealed record RuleField(string Name, RuleFieldType Type, string Description);

/// <summary>The catalogue of rule fields, for the rule parser, the UI and the documentation.</summary>
public static class RuleFields
{
    /// <summary>Party roles usable after the dot in the party field families.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["consignor", "consignee", "notify", "forwarder", "declarant"];

    /// <summary>Every field and field family, in the order the documentation lists them.</summary>
    public static IReadOnlyList<RuleField> All { get; } =
    [
        new("origin_country", RuleFieldType.Text, "ISO 3166 alpha-2 country of origin of the goods."),
        new("place_of_receipt", RuleFieldType.Text, "UN/LOCODE or name of the place where the carrier took the goods in."),
        new("port_of_loading", RuleFieldType.Text, "UN/LOCODE of the port (or airport) of loading."),
        new("port_of_discharge", RuleFieldType.Text, "UN/LOCODE of the port of discharge."),
        new("transshipments", RuleFieldType.TextList, "UN/LOCODEs of the transshipment ports, in route order."),
        new("route_ports", RuleFieldType.TextList, "Port of loading, transshipments and port of discharge together."),
        new("hub", RuleFieldType.Text, "The hub the case belongs to."),
        new("kind", RuleFieldType.Text, "SeaContainer, SeaBulk, AirCargo, RoadTruck, PostalItem, or a source's own kind."),
        new("hs_code", RuleFieldType.Text, "HS code (digits) of the goods line with the highest value; use prefix for chapters and headings."),
        new("hs_codes", RuleFieldType.TextList, "HS codes of every goods line; prefix matches when any line starts with a value."),
        new("description", RuleFieldType.Text, "Goods descriptions of all lines; contains_any matches whole words, ignoring case."),
        new("gross_kg", RuleFieldType.Number, "Gross mass in kg; 0 counts as unknown."),
        new("value_eur", RuleFieldType.Number, "Declared value in euro; 0 counts as unknown."),
        new("packages", RuleFieldType.Number, "Number of packages; 0 counts as unknown."),
        new("value_per_kg", RuleFieldType.Number, "Declared value in euro per gross kg; unknown when either is unknown."),
        new("value_per_kg_ratio", RuleFieldType.Number, "Value per kg divided by the norm for the HS code (from history); unknown without a norm."),
        new("booking_to_departure_hours", RuleFieldType.Number, "Hours from booking to departure; low means a late booking."),
        new("origin_commodity_count", RuleFieldType.Number, "Earlier cases with the same origin country and HS4; 0 is a new pair."),
        new("reefer", RuleFieldType.Flag, "The goods travel in a refrigerated container."),
        new("seal_changed", RuleFieldType.Flag, "A seal other than the declared one was seen on a container."),
        new("route_changed_after_loading", RuleFieldType.Flag, "The route was replaced after the goods were loaded."),
        new("party_age_days.<role>", RuleFieldType.Number, "Days since the party in that role was first seen (from history)."),
        new("party_first_seen_days.<role>", RuleFieldType.Number, "Same as party_age_days.<role>."),
        new("party_watch_listed.<role>", RuleFieldType.Flag, "The party in that role is on the watch list; unknown when the role is absent."),
        new("party_watch_listed.any", RuleFieldType.Flag, "Any party on the case is on the watch list."),
        new("party_aeo.<role>", RuleFieldType.Text, "AEO status of the party in that role: NONE, AEOC, AEOS or AEOF."),
        new("party_country.<role>", RuleFieldType.Text, "ISO 3166 alpha-2 country of the party in that role."),
        new("categorical.<name>", RuleFieldType.Text, "An extra text column a source carries (office, procedure…), by mapping name."),
        new("numeric.<name>", RuleFieldType.Number, "An extra numeric column a source carries (taxes, fob value…), by mapping name."),
    ];

    /// <summary>The catalogue entry a concrete field name belongs to, or null when the name is not a field.</summary>
    public static RuleField? Find(string name) => FieldAccessors.Resolve(name, out _) is { } accessor ? EntryOf(accessor.Family) : null;

    /// <summary>Names analysts can write as they stand (families shown with their placeholder).</summary>
    internal static IEnumerable<string> Names => All.Select(f => f.Name);

    internal static RuleField EntryOf(string family) => All.First(f => string.Equals(f.Name, family, StringComparison.Ordinal));
}
