using System.Globalization;

namespace Portcullis.Risk.Rules;

/// <summary>
/// A resolved field: one typed getter chosen at compile time, so evaluation never looks a field up
/// by name. Getters return null (or an empty list) for unknown values.
/// </summary>
internal sealed record FieldAccessor(
    string Name,
    string Family,
    RuleFieldType Type,
    Func<RiskCase, CaseFacts, string?>? Text = null,
    Func<RiskCase, CaseFacts, IReadOnlyList<string>>? List = null,
    Func<RiskCase, CaseFacts, double?>? Number = null,
    Func<RiskCase, CaseFacts, bool?>? Flag = null,
    Func<RiskCase, CaseFacts, int>? Count = null)
{
    /// <summary>
    /// The value as a reason shows it; "unknown" when missing. <paramref name="dutch"/> for a rule's Dutch
    /// reason: "onbekend", "ja"/"nee" and a decimal comma, so no English word lands in a Dutch sentence.
    /// </summary>
    public string Format(RiskCase c, CaseFacts facts, bool dutch = false) => Type switch
    {
        RuleFieldType.Text => Text!(c, facts) ?? Unknown(dutch),
        RuleFieldType.TextList => List!(c, facts) is { Count: > 0 } list ? string.Join(", ", list) : Unknown(dutch),
        RuleFieldType.Number => Number!(c, facts) is { } n ? (dutch ? FormatNumber(n).Replace('.', ',') : FormatNumber(n)) : Unknown(dutch),
        _ => Flag!(c, facts) switch { true => dutch ? "ja" : "yes", false => dutch ? "nee" : "no", null => Unknown(dutch) },
    };

    private static string Unknown(bool dutch) => dutch ? "onbekend" : "unknown";

    /// <summary>Whole numbers without decimals, others to two decimals (three below 1) so ratios stay readable.</summary>
    public static string FormatNumber(double n)
    {
        // Rounding first and printing the shortest round-trip form avoids parsing a custom format on every hit.
        var rounded = Math.Abs(n - Math.Round(n)) < 1e-9 ? Math.Round(n) : Math.Round(n, Math.Abs(n) >= 1 ? 2 : 3);
        return (rounded == 0 ? 0 : rounded).ToString(CultureInfo.InvariantCulture);
    }
}

internal static class FieldAccessors
{
    private static readonly Dictionary<string, FieldAccessor> Plain = new FieldAccessor[]
    {
        Text("origin_country", c => c.OriginCountry),
        Text("place_of_receipt", c => c.PlaceOfReceipt),
        Text("port_of_loading", c => c.PortOfLoading),
        Text("port_of_discharge", c => c.PortOfDischarge),
        new("transshipments", "transshipments", RuleFieldType.TextList, List: (c, _) => c.Transshipments),
        new("route_ports", "route_ports", RuleFieldType.TextList, List: (c, _) => RoutePorts(c),
            Count: (c, _) => (c.PortOfLoading.Length > 0 ? 1 : 0) + c.Transshipments.Count + (c.PortOfDischarge.Length > 0 ? 1 : 0)),
        Text("hub", c => c.Hub),
        Text("kind", c => c.Kind),
        Text("hs_code", c => c.HsCode),
        new("hs_codes", "hs_codes", RuleFieldType.TextList, List: (c, _) => c.HsCodes),
        Text("description", c => c.Description),
        Number("gross_kg", (c, _) => Known(c.GrossKg)),
        Number("value_eur", (c, _) => Known(c.ValueEur)),
        Number("packages", (c, _) => Known(c.Packages)),
        Number("value_per_kg", (c, _) => c.GrossKg > 0 && c.ValueEur > 0 ? c.ValueEur / c.GrossKg : null),
        Number("value_per_kg_ratio", (_, f) => f.ValuePerKgRatio),
        Number("booking_to_departure_hours", (c, _) => c.BookingToDepartureHours),
        // The count is about the origin–HS4 pair; without either it says nothing, even when 0.
        Number("origin_commodity_count", (c, f) => c.OriginCountry.Length > 0 && c.HsCode.Length > 0 ? f.OriginCommodityCount : null),
        Flag("reefer", (c, _) => c.Reefer),
        Flag("seal_changed", (c, _) => c.SealChanged),
        Flag("route_changed_after_loading", (c, _) => c.RouteChangedAfterLoading),
        new("party_watch_listed.any", "party_watch_listed.any", RuleFieldType.Flag,
            Flag: (c, _) => c.Parties.Count == 0 ? null : AnyWatchListed(c.Parties)),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Resolves a concrete field name; on failure <paramref name="problem"/> says what is wrong with it.</summary>
    public static FieldAccessor? Resolve(string name, out string problem)
    {
        problem = "";
        if (Plain.TryGetValue(name, out var plain))
        {
            return plain;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var family = dot < 0 ? name : name[..dot];
        var key = dot < 0 ? "" : name[(dot + 1)..];
        if (family is "categorical" or "numeric")
        {
            if (key.Length == 0)
            {
                problem = $"'{family}' needs a column name after a dot, as in '{family}.office'";
                return null;
            }

            return family == "categorical"
                ? new(name, "categorical.<name>", RuleFieldType.Text, Text: (c, _) => Blank(c.Categorical.GetValueOrDefault(key)))
                : new(name, "numeric.<name>", RuleFieldType.Number, Number: (c, _) => c.Numeric.TryGetValue(key, out var v) ? v : null);
        }

        var pattern = family + ".<role>";
        if (!RuleFields.Names.Contains(pattern, StringComparer.Ordinal))
        {
            return null;
        }

        if (!RuleFields.Roles.Contains(key, StringComparer.Ordinal))
        {
            var extra = family == "party_watch_listed" ? " or any" : "";
            problem = $"write {family}.<role> with one of {string.Join(", ", RuleFields.Roles)}{extra}";
            return null;
        }

        return family switch
        {
            "party_age_days" or "party_first_seen_days" => new(name, pattern, RuleFieldType.Number,
                Number: (_, f) => f.PartyAgeDays.TryGetValue(key, out var days) ? days : null),
            "party_watch_listed" => new(name, pattern, RuleFieldType.Flag,
                Flag: (c, _) => c.Parties.TryGetValue(key, out var p) ? p.WatchListed : null),
            "party_aeo" => new(name, pattern, RuleFieldType.Text,
                Text: (c, _) => c.Parties.TryGetValue(key, out var p) ? Blank(p.Aeo) : null),
            _ => new(name, pattern, RuleFieldType.Text,
                Text: (c, _) => c.Parties.TryGetValue(key, out var p) ? Blank(p.Country) : null),
        };
    }

    private static FieldAccessor Text(string name, Func<RiskCase, string> get) =>
        new(name, name, RuleFieldType.Text, Text: (c, _) => Blank(get(c)));

    private static FieldAccessor Number(string name, Func<RiskCase, CaseFacts, double?> get) =>
        new(name, name, RuleFieldType.Number, Number: get);

    private static FieldAccessor Flag(string name, Func<RiskCase, CaseFacts, bool?> get) =>
        new(name, name, RuleFieldType.Flag, Flag: get);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static double? Known(double v) => v > 0 ? v : null;

    private static bool AnyWatchListed(IReadOnlyDictionary<string, RiskParty> parties)
    {
        // The concrete dictionary enumerates without allocating; the interface would box an enumerator per case.
        if (parties is Dictionary<string, RiskParty> dictionary)
        {
            foreach (var party in dictionary.Values)
            {
                if (party.WatchListed)
                {
                    return true;
                }
            }

            return false;
        }

        return parties.Values.Any(p => p.WatchListed);
    }

    private static List<string> RoutePorts(RiskCase c)
    {
        var ports = new List<string>(c.Transshipments.Count + 2);
        if (c.PortOfLoading.Length > 0)
        {
            ports.Add(c.PortOfLoading);
        }

        ports.AddRange(c.Transshipments);
        if (c.PortOfDischarge.Length > 0)
        {
            ports.Add(c.PortOfDischarge);
        }

        return ports;
    }
}
