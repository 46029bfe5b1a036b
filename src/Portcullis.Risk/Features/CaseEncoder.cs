namespace Portcullis.Risk.Features;

/// <summary>
/// Turns one case plus the history known before its day into its feature vector and facts. Pure
/// reads of the state: the pass decides what the state holds when a case is encoded.
/// </summary>
internal sealed class CaseEncoder(FeatureLayout layout)
{
    /// <summary>Stands for "unknown" in optional numerics; trees split it off like any value, and no NaN reaches the model.</summary>
    public const float Missing = -1e6f;

    public FeatureLayout Layout { get; } = layout;

    public int PartCount { get; } = FeatureLayout.FixedParts + layout.ExtraCategoricalColumns.Count;

    public int FamilyCount => Layout.Families.Count;

    /// <summary>Hashes of the key components of a case (parties by role, HS prefixes, origin, loading, extra categoricals).</summary>
    public void Parts(RiskCase c, Span<ulong> parts)
    {
        for (var r = 0; r < FeatureLayout.Roles.Count; r++)
        {
            parts[r] = c.Parties.TryGetValue(FeatureLayout.Roles[r], out var p) ? KeyHash.Of(p.Key) : 0;
        }

        parts[FeatureLayout.PartHs2] = KeyHash.Prefix(c.HsCode, 2);
        parts[FeatureLayout.PartHs4] = KeyHash.Prefix(c.HsCode, 4);
        parts[FeatureLayout.PartHs6] = KeyHash.Prefix(c.HsCode, 6);
        parts[FeatureLayout.PartHs] = c.HsCode.Length > 6 ? KeyHash.Of(c.HsCode) : 0;
        parts[FeatureLayout.PartOrigin] = KeyHash.Of(c.OriginCountry);
        parts[FeatureLayout.PartLoading] = KeyHash.Of(c.PortOfLoading);
        var extra = Layout.ExtraCategoricalColumns;
        for (var i = 0; i < extra.Count; i++)
        {
            parts[FeatureLayout.FixedParts + i] = c.Categorical.TryGetValue(extra[i], out var v) ? KeyHash.Of(v) : 0;
        }
    }

    /// <summary>The history key of each family; 0 where a component is missing.</summary>
    public void Keys(ReadOnlySpan<ulong> parts, Span<ulong> keys)
    {
        var families = Layout.Families;
        for (var f = 0; f < families.Count; f++)
        {
            var fam = families[f];
            keys[f] = fam.B < 0 ? KeyHash.Mix(f, parts[fam.A]) : KeyHash.Mix(f, parts[fam.A], parts[fam.B]);
        }
    }

    /// <summary>Log of declared value per kg; NaN when either is not positive.</summary>
    public static double LogValuePerKg(RiskCase c) => c.GrossKg > 0 && c.ValueEur > 0 ? Math.Log(c.ValueEur / c.GrossKg) : double.NaN;

    /// <summary>Writes the vector of a case; party ages count to the start of its day.</summary>
    public void Write(RiskCase c, ReadOnlySpan<ulong> parts, ReadOnlySpan<ulong> keys, HistoryState state, Span<float> row)
    {
        row.Clear();
        var logVpk = LogValuePerKg(c);
        row[0] = (float)Math.Log(1 + Math.Max(0, c.GrossKg));
        row[1] = (float)Math.Log(1 + Math.Max(0, c.ValueEur));
        row[2] = (float)Math.Log(1 + Math.Max(0, c.Packages));
        row[3] = double.IsNaN(logVpk) ? Missing : (float)logVpk;
        row[4] = c.BookingToDepartureHours is { } h ? (float)h : Missing;
        row[5] = c.HsCodes.Count;
        row[6] = c.Transshipments.Count;
        row[7] = c.Reefer ? 1 : 0;
        row[8] = c.SealChanged ? 1 : 0;
        row[9] = c.RouteChangedAfterLoading ? 1 : 0;
        var slot = FeatureLayout.DeclaredSlots.Length;
        foreach (var name in Layout.Spec.NumericColumns)
        {
            row[slot++] = c.Numeric.TryGetValue(name, out var x) ? SignedLog(x) : Missing;
        }

        var cats = Layout.Spec.Categoricals;
        for (var i = 0; i < cats.Count; i++)
        {
            var value = CategoryValue(c, cats[i].Name);
            if (value.Length > 0)
            {
                var lookup = Layout.CategoryLookups[i].GetAlternateLookup<ReadOnlySpan<char>>();
                row[slot + (lookup.TryGetValue(value, out var k) ? k : cats[i].Values.Count)] = 1;
            }

            slot += cats[i].Values.Count + 1;
        }

        var prior = state.Prior;
        var m = Layout.Spec.Options.Smoothing;
        for (var f = 0; f < keys.Length; f++, slot += 4)
        {
            var t = keys[f] != 0 ? state.Tallies.Get(keys[f]) : default;
            row[slot] = t.Inspections;
            row[slot + 1] = t.Hits;
            row[slot + 2] = (float)((t.Hits + (m * prior)) / (t.Inspections + m));
            row[slot + 3] = (float)Math.Log(1 + t.Declarations);
        }

        var norm = PriceNormLog(parts, state);
        row[slot] = double.IsNaN(norm) || double.IsNaN(logVpk) ? 0 : (float)(logVpk - norm);
        row[slot + 1] = double.IsNaN(norm) || double.IsNaN(logVpk) ? 0 : 1;
        slot += 2;
        var day = c.Date.Date;
        foreach (var role in Layout.Spec.AgeRoles)
        {
            row[slot++] = PartyAgeDays(c, role, state, day) is { } age ? (float)age : Missing;
        }
    }

    /// <summary>The facts the rule engine shares with the model, from the same state.</summary>
    public CaseFacts Facts(RiskCase c, ReadOnlySpan<ulong> parts, HistoryState state)
    {
        var logVpk = LogValuePerKg(c);
        var norm = PriceNormLog(parts, state);
        var ages = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var role in c.Parties.Keys)
        {
            if (PartyAgeDays(c, role, state, c.Date.Date) is { } age)
            {
                ages[role] = age;
            }
        }

        var pair = KeyHash.Mix(OriginHs4Family, parts[FeatureLayout.PartOrigin], parts[FeatureLayout.PartHs4]);
        return new CaseFacts
        {
            ValuePerKgRatio = double.IsNaN(norm) || double.IsNaN(logVpk) ? null : Math.Exp(logVpk - norm),
            PartyAgeDays = ages,
            OriginCommodityCount = pair == 0 || OriginHs4Family < 0 ? 0 : state.Tallies.Get(pair).Declarations,
        };
    }

    private int OriginHs4Family => field == 0 ? field = FindFamily("origin×hs4") : field;

    private int FindFamily(string name)
    {
        for (var f = 0; f < Layout.Families.Count; f++)
        {
            if (Layout.Families[f].Name == name)
            {
                return f;
            }
        }

        return -1;
    }

    /// <summary>Mean log value per kg of earlier declarations of the same HS6, else HS4; NaN when none.</summary>
    public static double PriceNormLog(ReadOnlySpan<ulong> parts, HistoryState state)
    {
        // A norm from fewer than 3 declarations is one trader's price, not a market norm.
        if (state.Prices.TryGetValue(HistoryState.PriceKey(6, parts[FeatureLayout.PartHs6]), out var p6) && p6.Count >= 3)
        {
            return p6.SumLog / p6.Count;
        }

        return state.Prices.TryGetValue(HistoryState.PriceKey(4, parts[FeatureLayout.PartHs4]), out var p4) && p4.Count >= 3
            ? p4.SumLog / p4.Count
            : double.NaN;
    }

    /// <summary>Days from the party's first sighting (declared, else first in the data) to the case's day; 0 for a party never seen.</summary>
    public static double? PartyAgeDays(RiskCase c, string role, HistoryState state, DateTime day)
    {
        if (!c.Parties.TryGetValue(role, out var p) || p.Key.Length == 0)
        {
            return null;
        }

        var first = p.FirstSeen ?? (state.FirstSeen.TryGetValue(KeyHash.Of(p.Key), out var seen) ? seen : day);
        return Math.Max(0, (day - first).TotalDays);
    }

    public static ReadOnlySpan<char> CategoryValue(RiskCase c, string source) => source switch
    {
        "kind" => c.Kind,
        "hub" => c.Hub,
        "origin" => c.OriginCountry,
        "loading" => c.PortOfLoading,
        "hs2" => c.HsCode.Length >= 2 ? c.HsCode.AsSpan(0, 2) : [],
        _ when source.StartsWith("cat:", StringComparison.Ordinal) => c.Categorical.TryGetValue(source[4..], out var v) ? v : "",
        _ => [],
    };

    private static float SignedLog(double x) => (float)(Math.Sign(x) * Math.Log(1 + Math.Abs(x)));
}
