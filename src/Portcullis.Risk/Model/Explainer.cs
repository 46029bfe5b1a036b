using System.Globalization;
using Portcullis.Risk.Features;

namespace Portcullis.Risk.Model;

/// <summary>
/// Adds per-slot effects up to their source feature and says, in plain words with the value, what
/// the feature was for this case: never a bare number.
/// </summary>
internal sealed class Explainer(FeatureLayout layout)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

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
            .Select(e => new Contribution(groups[e.Group].Name, Describe(c, vector, groups[e.Group]), e.Effect))];
    }

    public string Describe(RiskCase c, float[] v, FeatureGroup g)
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
            return x == CaseEncoder.Missing ? $"no {role} given"
                : x < 1 ? $"{role} {PartyKey(c, role)} is new (first seen today)"
                : $"{role} {PartyKey(c, role)} first seen {x.ToString("0", Inv)} days earlier";
        }

        var cat = layout.Spec.Categoricals.FirstOrDefault(k => k.Name == name);
        if (cat is not null)
        {
            var value = CaseEncoder.CategoryValue(c, name).ToString();
            var label = CategoryLabel(name);
            return value.Length == 0 ? $"{label} not given"
                : cat.Values.Contains(value) ? $"{label} {value}" : $"{label} {value} (a rare value)";
        }

        return name switch
        {
            "gross kg" => $"gross mass {c.GrossKg.ToString("#,0.#", Inv)} kg",
            "value" => $"declared value EUR {c.ValueEur.ToString("#,0", Inv)}",
            "packages" => $"{c.Packages.ToString(Inv)} packages",
            "value per kg" => c.GrossKg > 0 && c.ValueEur > 0
                ? $"declared value EUR {(c.ValueEur / c.GrossKg).ToString("#,0.##", Inv)} per kg" : "value per kg unknown (no mass or no value)",
            "booking to departure" => c.BookingToDepartureHours is { } h
                ? $"booked {h.ToString("0", Inv)} h before departure" : "booking to departure time unknown",
            "goods lines" => $"{c.HsCodes.Count.ToString(Inv)} goods lines",
            "transshipments" => c.Transshipments.Count == 0 ? "no transshipment"
                : $"{c.Transshipments.Count.ToString(Inv)} transshipments ({string.Join(", ", c.Transshipments)})",
            "reefer" => c.Reefer ? "reefer container" : "not a reefer",
            "seal changed" => c.SealChanged ? "a seal other than the declared one was seen" : "seals as declared",
            "route changed after loading" => c.RouteChangedAfterLoading ? "route changed after loading" : "route unchanged after loading",
            "value per kg vs norm" => v[g.FirstSlot + 1] > 0
                ? $"value per kg {Math.Exp(x).ToString("0.##", Inv)}× the norm for HS {Hs(c, 6)}"
                : $"no price norm yet for HS {Hs(c, 6)}",
            _ when c.NumericNotes.TryGetValue(name, out var note) => note,
            _ => c.Numeric.TryGetValue(name, out var n) ? $"{name} {n.ToString("#,0.##", Inv)}" : $"{name} not given",
        };
    }

    private string History(RiskCase c, string family, float[] v, int slot)
    {
        var fam = layout.Families.First(f => f.Name == family);
        var who = fam.B < 0 ? Component(c, fam.A) : $"{Component(c, fam.A)} × {Component(c, fam.B)}";
        int n = (int)v[slot], hits = (int)v[slot + 1];
        var declarations = Math.Round(Math.Exp(v[slot + 3]) - 1);
        var rate = v[slot + 2].ToString("0.###", Inv);
        var seen = $"{declarations.ToString("0", Inv)} earlier declarations";
        return n == 0
            ? $"{who}: no earlier inspections (smoothed hit rate {rate}, the global rate), {seen}"
            : $"{who}: {hits.ToString(Inv)} hits in {n.ToString(Inv)} earlier inspections (smoothed hit rate {rate}), {seen}";
    }

    private string Component(RiskCase c, int part) => part switch
    {
        < 5 => $"{FeatureLayout.Roles[part]} {PartyKey(c, FeatureLayout.Roles[part])}",
        FeatureLayout.PartHs2 => $"HS {Hs(c, 2)}",
        FeatureLayout.PartHs4 => $"HS {Hs(c, 4)}",
        FeatureLayout.PartHs6 => $"HS {Hs(c, 6)}",
        FeatureLayout.PartHs => $"HS {c.HsCode}",
        FeatureLayout.PartOrigin => $"origin {c.OriginCountry}",
        FeatureLayout.PartLoading => $"port of loading {c.PortOfLoading}",
        _ => ExtraComponent(c, layout.ExtraCategoricalColumns[part - FeatureLayout.FixedParts]),
    };

    private static string ExtraComponent(RiskCase c, string column) =>
        $"{column} {(c.Categorical.TryGetValue(column, out var value) ? value : "(not given)")}";

    private static string PartyKey(RiskCase c, string role) => c.Parties.TryGetValue(role, out var p) ? p.Key : "(none)";

    private static string Hs(RiskCase c, int digits) => c.HsCode.Length >= digits ? c.HsCode[..digits] : c.HsCode;

    private static string CategoryLabel(string source) => source switch
    {
        "origin" => "origin",
        "loading" => "port of loading",
        "hs2" => "HS chapter",
        _ when source.StartsWith("cat:", StringComparison.Ordinal) => source[4..],
        _ => source,
    };
}
