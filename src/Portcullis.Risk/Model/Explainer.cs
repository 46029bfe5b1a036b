using Portcullis.Domain.Phrasing;
using Portcullis.Risk.Features;

namespace Portcullis.Risk.Model;

/// <summary>
/// Adds per-slot effects up to their source feature and says, in plain words with the value, what
/// the feature was for this case: never a bare number.
/// </summary>
internal sealed class Explainer(FeatureLayout layout)
{
    public IReadOnlyList<Contribution> Top(RiskCase c, float[] vector, double[] perSlot, int top)
    {
        var groups = layout.Groups;
        var effects = new (int Group, double Effect)[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            double sum = 0;
            for (var s = groups[g].FirstSlot; s < groups[g].FirstSlot + groups[g].SlotCount; s++)
            {
                sum += perSlot[s];
            }

            effects[g] = (g, sum);
        }

        return [.. effects.Where(e => e.Effect != 0)
            .OrderByDescending(e => Math.Abs(e.Effect)).ThenBy(e => e.Group)
            .Take(top)
            .Select(e => Contribution(c, vector, groups[e.Group], e.Effect))];
    }

    private Contribution Contribution(RiskCase c, float[] vector, FeatureGroup group, double effect)
    {
        var (text, phrase) = Say(c, vector, group);
        return new Contribution(group.Name, text, effect, phrase);
    }

    /// <summary>The feature's sentence in English and, unless it is a note written elsewhere, as a phrase.</summary>
    public (string Text, Phrase? Phrase) Say(RiskCase c, float[] v, FeatureGroup g)
    {
        var name = g.Name;
        if (!name.StartsWith("history ", StringComparison.Ordinal) && !name.EndsWith(" age", StringComparison.Ordinal)
            && layout.Spec.Categoricals.All(k => k.Name != name) && c.NumericNotes.TryGetValue(name, out var note))
        {
            // Notes (the network's) come written by the library that computed them: its English, and its
            // phrase where it made one.
            return (note, c.NumericNotePhrases.GetValueOrDefault(name));
        }

        var phrase = PhraseFor(c, v, g);
        return (ReasonPhrases.Catalogue.Say(phrase), phrase);
    }

    private Phrase PhraseFor(RiskCase c, float[] v, FeatureGroup g)
    {
        var x = v[g.FirstSlot];
        var name = g.Name;
        if (name.StartsWith("history ", StringComparison.Ordinal))
        {
            return History(c, name[8..], v, g.FirstSlot);
        }

        if (name.EndsWith(" age", StringComparison.Ordinal))
        {
            var role = name[..^4];
            return x == CaseEncoder.Missing ? Phrase.Of("Why.NoParty", Role(role))
                : x < 1 ? Phrase.Of("Why.PartyNew", Role(role), PartyKey(c, role))
                : Phrase.Of("Why.PartyAge", Role(role), PartyKey(c, role), Math.Round(x));
        }

        var cat = layout.Spec.Categoricals.FirstOrDefault(k => k.Name == name);
        if (cat is not null)
        {
            var value = CaseEncoder.CategoryValue(c, name).ToString();
            var label = CategoryLabel(name);
            return value.Length == 0 ? Phrase.Of("Why.NotGiven", label)
                : cat.Values.Contains(value) ? Phrase.Of("Why.Category", label, value) : Phrase.Of("Why.RareCategory", label, value);
        }

        return name switch
        {
            "gross kg" => Phrase.Of("Why.GrossKg", c.GrossKg),
            "value" => Phrase.Of("Why.Value", c.ValueEur),
            "packages" => Phrase.Of("Why.Packages", c.Packages),
            "value per kg" => c.GrossKg > 0 && c.ValueEur > 0
                ? Phrase.Of("Why.ValuePerKg", c.ValueEur / c.GrossKg) : Phrase.Of("Why.ValuePerKgUnknown"),
            "booking to departure" => c.BookingToDepartureHours is { } h
                ? Phrase.Of("Why.Booking", h) : Phrase.Of("Why.BookingUnknown"),
            "goods lines" => Phrase.Of("Why.GoodsLines", c.HsCodes.Count),
            "transshipments" => c.Transshipments.Count == 0 ? Phrase.Of("Why.NoTransshipment")
                : Phrase.Of("Why.Transshipments", c.Transshipments.Count, string.Join(", ", c.Transshipments)),
            "reefer" => Phrase.Of(c.Reefer ? "Why.Reefer" : "Why.NotReefer"),
            "seal changed" => Phrase.Of(c.SealChanged ? "Why.SealChanged" : "Why.SealsAsDeclared"),
            "route changed after loading" => Phrase.Of(c.RouteChangedAfterLoading ? "Why.RouteChanged" : "Why.RouteUnchanged"),
            "value per kg vs norm" => v[g.FirstSlot + 1] > 0
                ? Phrase.Of("Why.ValueVsNorm", Math.Exp(x), Hs(c, 6))
                : Phrase.Of("Why.NoNorm", Hs(c, 6)),
            _ => c.Numeric.TryGetValue(name, out var n) ? Phrase.Of("Why.Numeric", name, n) : Phrase.Of("Why.NotGiven", name),
        };
    }

    private Phrase History(RiskCase c, string family, float[] v, int slot)
    {
        var fam = layout.Families.First(f => f.Name == family);
        PhraseArg who = fam.B < 0 ? Component(c, fam.A) : Phrase.Of("Why.Pair", Component(c, fam.A), Component(c, fam.B));
        int n = (int)v[slot], hits = (int)v[slot + 1];
        var declarations = Math.Round(Math.Exp(v[slot + 3]) - 1);
        // The rate as the float it is stored in, shown to three decimals.
        var rate = Math.Round((double)v[slot + 2], 3);
        return n == 0
            ? Phrase.Of("Why.HistoryNone", who, rate, declarations)
            : Phrase.Of("Why.History", who, hits, n, rate, declarations);
    }

    private Phrase Component(RiskCase c, int part) => part switch
    {
        < 5 => Phrase.Of("Why.Category", Role(FeatureLayout.Roles[part]), PartyKey(c, FeatureLayout.Roles[part])),
        FeatureLayout.PartHs2 => Phrase.Of("Why.Hs", Hs(c, 2)),
        FeatureLayout.PartHs4 => Phrase.Of("Why.Hs", Hs(c, 4)),
        FeatureLayout.PartHs6 => Phrase.Of("Why.Hs", Hs(c, 6)),
        FeatureLayout.PartHs => Phrase.Of("Why.Hs", c.HsCode),
        FeatureLayout.PartOrigin => Phrase.Of("Why.Origin", c.OriginCountry),
        FeatureLayout.PartLoading => Phrase.Of("Why.Loading", c.PortOfLoading),
        _ => ExtraComponent(c, layout.ExtraCategoricalColumns[part - FeatureLayout.FixedParts]),
    };

    private static Phrase ExtraComponent(RiskCase c, string column) =>
        c.Categorical.TryGetValue(column, out var value) ? Phrase.Of("Why.Category", column, value) : Phrase.Of("Why.ExtraNotGiven", column);

    private static PhraseArg PartyKey(RiskCase c, string role) => c.Parties.TryGetValue(role, out var p) ? p.Key : Phrase.Of("Why.None");

    // A role the layout names; one it does not know (a future role) is shown as its code.
    private static PhraseArg Role(string role) => ReasonPhrases.English.ContainsKey("Why.Role." + role) ? Phrase.Of("Why.Role." + role) : role;

    private static string Hs(RiskCase c, int digits) => c.HsCode.Length >= digits ? c.HsCode[..digits] : c.HsCode;

    private static PhraseArg CategoryLabel(string source) => source switch
    {
        "origin" or "loading" or "hs2" => Phrase.Of("Why.Label." + source),
        _ when source.StartsWith("cat:", StringComparison.Ordinal) => source[4..],
        _ => source,
    };
}
