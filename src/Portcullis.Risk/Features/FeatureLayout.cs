using System.Collections.Frozen;

namespace Portcullis.Risk.Features;

/// <summary>Settings of the history features; part of a trained model (scoring must use the same).</summary>
/// <param name="Smoothing">m in the smoothed hit rate (hits + m·prior)/(n + m): how many inspections a key needs before its own rate dominates the global one.</param>
/// <param name="MaxCategories">Values kept per categorical slot; rarer ones fall into "other".</param>
/// <param name="MinCategoryCount">Cases a categorical value needs in the layout data to get its own slot.</param>
public sealed record HistoryOptions(double Smoothing = 10, int MaxCategories = 15, int MinCategoryCount = 20);

/// <summary>One entity key family of the history features: a single key (consignee, HS6) or a pair (origin × HS6).</summary>
/// <param name="Name">Stable name, e.g. "consignee" or "origin×hs6".</param>
/// <param name="A">First component (index into the case's key parts).</param>
/// <param name="B">Second component, or -1.</param>
public sealed record HistoryFamily(string Name, int A, int B);

/// <summary>A categorical source and the values that get their own one-hot slot (the rest share "other").</summary>
public sealed record CategoricalSlots(string Name, IReadOnlyList<string> Values);

/// <summary>A source feature and the vector slots it owns; explanations add its slots' effects up.</summary>
public sealed record FeatureGroup(string Name, int FirstSlot, int SlotCount);

/// <summary>
/// What the feature vector of a case holds and in which slot: fixed when a model is trained (from the
/// training period's declarations, never from labels), then stored with the model.
/// </summary>
public sealed record FeatureLayoutSpec(
    IReadOnlyList<string> NumericColumns,
    IReadOnlyList<CategoricalSlots> Categoricals,
    IReadOnlyList<string> Families,
    IReadOnlyList<string> AgeRoles,
    HistoryOptions Options);

/// <summary>The slot map built from a <see cref="FeatureLayoutSpec"/>: slot names, groups, family definitions.</summary>
public sealed class FeatureLayout
{
    /// <summary>Party roles in a fixed order; their key parts are 0–4.</summary>
    public static readonly IReadOnlyList<string> Roles = ["consignor", "consignee", "notify", "forwarder", "declarant"];

    internal const int PartHs2 = 5, PartHs4 = 6, PartHs6 = 7, PartHs = 8, PartOrigin = 9, PartLoading = 10, FixedParts = 11;

    /// <summary>Declared (non-history) numeric slots, in order.</summary>
    internal static readonly string[] DeclaredSlots =
    [
        "gross kg", "value", "packages", "value per kg", "booking to departure", "goods lines",
        "transshipments", "reefer", "seal changed", "route changed after loading",
    ];

    internal static readonly string[] FamilyStats = ["inspections", "hits", "rate", "log declarations"];

    public FeatureLayout(FeatureLayoutSpec spec)
    {
        Spec = spec;
        var slots = new List<string>();
        var groups = new List<FeatureGroup>();
        void Group(string name, params string[] slotNames)
        {
            groups.Add(new FeatureGroup(name, slots.Count, slotNames.Length));
            slots.AddRange(slotNames);
        }

        foreach (var d in DeclaredSlots)
        {
            Group(d, d);
        }

        foreach (var n in spec.NumericColumns)
        {
            Group(n, n);
        }

        CategoricalStart = slots.Count;
        var lookups = new List<FrozenDictionary<string, int>>();
        foreach (var c in spec.Categoricals)
        {
            Group(c.Name, [.. c.Values.Select(v => $"{c.Name}={v}"), $"{c.Name}=other"]);
            lookups.Add(c.Values.Select((v, i) => (v, i)).ToFrozenDictionary(x => x.v, x => x.i, StringComparer.Ordinal));
        }

        CategoryLookups = lookups;
        HistoryStart = slots.Count;
        Families = [.. spec.Families.Select(ParseFamily)];
        foreach (var f in spec.Families)
        {
            Group("history " + f, [.. FamilyStats.Select(s => $"{f} {s}")]);
        }

        PriceSlot = slots.Count;
        Group("value per kg vs norm", "value per kg vs norm (log ratio)", "price norm known");
        AgeStart = slots.Count;
        foreach (var r in spec.AgeRoles)
        {
            Group(r + " age", r + " age days");
        }

        SlotNames = slots;
        Groups = groups;
    }

    public FeatureLayoutSpec Spec { get; }

    public IReadOnlyList<string> SlotNames { get; }

    public IReadOnlyList<FeatureGroup> Groups { get; }

    public IReadOnlyList<HistoryFamily> Families { get; }

    public int Width => SlotNames.Count;

    internal int CategoricalStart { get; }

    internal IReadOnlyList<FrozenDictionary<string, int>> CategoryLookups { get; }

    internal int HistoryStart { get; }

    internal int PriceSlot { get; }

    internal int AgeStart { get; }

    /// <summary>Key part index of an extra categorical column, for families over it.</summary>
    internal int CategoricalPart(string column) => FixedParts + IndexOf(ExtraCategoricalColumns, column);

    /// <summary>Extra categorical columns (families "cat:name" and slots "cat:name"), in part order.</summary>
    internal IReadOnlyList<string> ExtraCategoricalColumns => field ??= [.. Spec.Families.Concat(Spec.Categoricals.Select(c => c.Name))
        .Where(n => n.StartsWith("cat:", StringComparison.Ordinal)).Select(n => n[4..]).Distinct().Order(StringComparer.Ordinal)];

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Unknown categorical column '{value}'.");
    }

    private HistoryFamily ParseFamily(string name)
    {
        var parts = name.Split('×');
        return new HistoryFamily(name, Part(parts[0]), parts.Length > 1 ? Part(parts[1]) : -1);
    }

    private int Part(string component)
    {
        var role = IndexOf(component);
        return role >= 0 ? role : component switch
        {
            "hs2" => PartHs2,
            "hs4" => PartHs4,
            "hs6" => PartHs6,
            "hs" => PartHs,
            "origin" => PartOrigin,
            "loading" => PartLoading,
            _ when component.StartsWith("cat:", StringComparison.Ordinal) => CategoricalPart(component[4..]),
            _ => throw new InvalidOperationException($"Unknown history family component '{component}'."),
        };
    }

    private static int IndexOf(string role)
    {
        for (var i = 0; i < Roles.Count; i++)
        {
            if (Roles[i] == role)
            {
                return i;
            }
        }

        return -1;
    }
}
