namespace Portcullis.Risk.Features;

/// <summary>
/// Chooses a <see cref="FeatureLayoutSpec"/> from declarations alone (never labels): which extra columns,
/// party roles and key families a source has, and which categorical values are common enough for a slot.
/// </summary>
public static class LayoutBuilder
{
    private static readonly string[] Pairs = ["consignee×hs6", "origin×hs6", "declarant×consignee", "consignor×consignee", "origin×hs4"];

    /// <summary>Builds the layout from the given cases (typically the training period's declarations).</summary>
    public static FeatureLayoutSpec Build(IEnumerable<RiskCase> cases, HistoryOptions options)
    {
        var numeric = new SortedSet<string>(StringComparer.Ordinal);
        var extra = new SortedSet<string>(StringComparer.Ordinal);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        int maxHs = 0;
        bool origin = false, loading = false;
        foreach (var c in cases)
        {
            numeric.UnionWith(c.Numeric.Keys);
            foreach (var (role, party) in c.Parties)
            {
                if (party.Key.Length > 0)
                {
                    roles.Add(role);
                }
            }

            maxHs = Math.Max(maxHs, c.HsCode.Length);
            origin |= c.OriginCountry.Length > 0;
            loading |= c.PortOfLoading.Length > 0;
            Count(counts, "kind", c.Kind);
            Count(counts, "hub", c.Hub);
            Count(counts, "origin", c.OriginCountry);
            Count(counts, "loading", c.PortOfLoading);
            Count(counts, "hs2", c.HsCode.Length >= 2 ? c.HsCode[..2] : "");
            foreach (var (name, value) in c.Categorical)
            {
                extra.Add(name);
                Count(counts, "cat:" + name, value);
            }
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        var families = new List<string>();
        void Add(string family, bool when)
        {
            if (when)
            {
                families.Add(family);
                present.Add(family);
            }
        }

        foreach (var role in FeatureLayout.Roles)
        {
            Add(role, roles.Contains(role));
        }

        Add("hs2", maxHs >= 2);
        Add("hs4", maxHs >= 4);
        Add("hs6", maxHs >= 6);
        Add("hs", maxHs > 6);
        Add("origin", origin);
        Add("loading", loading);
        foreach (var pair in Pairs)
        {
            var parts = pair.Split('×');
            Add(pair, present.Contains(parts[0]) && present.Contains(parts[1]));
        }

        foreach (var name in extra)
        {
            Add("cat:" + name, true);
        }

        var categoricals = counts
            .Select(kv => new CategoricalSlots(kv.Key, Common(kv.Value, options)))
            .Where(c => c.Values.Count > 0 && counts[c.Name].Count > 1)
            .OrderBy(c => Order(c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var ageRoles = FeatureLayout.Roles.Where(roles.Contains).ToList();
        return new FeatureLayoutSpec([.. numeric], categoricals, families, ageRoles, options);
    }

    private static int Order(string name) => Array.IndexOf(["kind", "hub", "origin", "loading", "hs2"], name) is var i && i >= 0 ? i : 99;

    private static void Count(Dictionary<string, Dictionary<string, int>> counts, string source, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (!counts.TryGetValue(source, out var byValue))
        {
            counts[source] = byValue = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        byValue[value] = byValue.GetValueOrDefault(value) + 1;
    }

    // Ties broken by value so that the layout is deterministic.
    private static List<string> Common(Dictionary<string, int> values, HistoryOptions options) =>
        [.. values.Where(kv => kv.Value >= options.MinCategoryCount)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(options.MaxCategories).Select(kv => kv.Key)];
}
