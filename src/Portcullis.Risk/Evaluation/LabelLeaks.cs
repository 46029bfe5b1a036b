using System.Globalization;
using System.Text.Json.Serialization;

namespace Portcullis.Risk.Evaluation;

/// <summary>What kind of evidence says a feature may carry the label.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabelLeakKind>))]
public enum LabelLeakKind
{
    /// <summary>The feature's name is, or contains, the name of an outcome column.</summary>
    Name,

    /// <summary>Values of the feature that are only ever hits, over many cases.</summary>
    PureValues,

    /// <summary>The feature alone explains most of the label (categorical: uncertainty coefficient; numeric: AUC).</summary>
    Determines,
}

/// <summary>One feature that looks like the answer rather than a clue, with the evidence in one sentence.</summary>
public sealed record LabelLeak(string Feature, LabelLeakKind Kind, string Message);

/// <summary>Thresholds of <see cref="LabelLeaks"/>; the defaults flag outcome sub-classes and copies of the label, not strong honest features.</summary>
public sealed record LabelLeakOptions
{
    /// <summary>A value counts only with at least this many labelled cases: small groups are pure by chance.</summary>
    public int MinSupport { get; init; } = 30;

    /// <summary>
    /// Pure-hit values are flagged when, together, they hold at least this share of the window's hits.
    /// An outcome sub-class ("critical fraud") holds a large share; an honest feature value that is
    /// always a hit over 30+ cases is itself rare enough to deserve a look.
    /// </summary>
    public double PureHitShare { get; init; } = 0.05;

    /// <summary>
    /// A pure-hit value must also be implausible under the base rate: the chance that its cases are
    /// all hits when each is a hit with the window's hit rate must be below this.
    /// </summary>
    public double PureChance { get; init; } = 1e-6;

    /// <summary>Categorical: the share of the label's entropy the feature removes (Theil's U) at or above which it nearly determines the label.</summary>
    public double UncertaintyCoefficient { get; init; } = 0.8;

    /// <summary>Numeric: an AUC this far from 0.5 (either way) means one threshold nearly separates hits from the rest.</summary>
    public double Auc { get; init; } = 0.98;
}

/// <summary>
/// Finds features that are nearly a function of the label in a training window, or named like an
/// outcome column: a model that sees such a feature learns the answer, and a backtest with it
/// reports a precision nobody will get in operation. Warnings, not errors: an analyst may know the
/// feature is legitimate, but must be told.
/// </summary>
public static class LabelLeaks
{
    /// <summary>Words that name an outcome in the datasets we read, whatever the mapping calls its columns.</summary>
    public static readonly IReadOnlyList<string> OutcomeWords = ["hit", "fraud", "illicit", "label", "outcome", "seized", "seizure", "revenue", "finding"];

    /// <summary>
    /// Checks the extra categorical and numeric features of the labelled cases in the window.
    /// <paramref name="outcomeColumns"/> are the source's outcome column names, when known (a CSV
    /// mapping's hit, inspected, seized and revenue columns); <see cref="OutcomeWords"/> are always checked.
    /// </summary>
    public static IReadOnlyList<LabelLeak> Find(IEnumerable<RiskCase> labelled, IEnumerable<string>? outcomeColumns = null, LabelLeakOptions? options = null)
    {
        options ??= new LabelLeakOptions();
        var cases = labelled.Where(c => c.Label is not null).ToList();
        var outcomeNames = (outcomeColumns ?? []).Select(Normalise).Where(n => n.Length > 0).Concat(OutcomeWords).Distinct(StringComparer.Ordinal).ToList();
        var leaks = new List<LabelLeak>();
        var categorical = cases.SelectMany(c => c.Categorical.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var numeric = cases.SelectMany(c => c.Numeric.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var feature in categorical.Concat(numeric))
        {
            if (NameMatch(feature, outcomeNames) is { } outcome)
            {
                leaks.Add(new LabelLeak(feature, LabelLeakKind.Name,
                    $"Feature '{feature}' is named like the outcome column '{outcome}'; if it records what the inspection found, remove it from the mapping, because a model that sees it learns the answer."));
            }
        }

        var hits = cases.Count(c => c.Label!.Hit);
        if (hits == 0 || hits == cases.Count)
        {
            return leaks;
        }

        foreach (var feature in categorical)
        {
            leaks.AddRange(CheckCategorical(feature, cases, hits, options));
        }

        foreach (var feature in numeric)
        {
            if (CheckNumeric(feature, cases, options) is { } leak)
            {
                leaks.Add(leak);
            }
        }

        return leaks;
    }

    private static IEnumerable<LabelLeak> CheckCategorical(string feature, List<RiskCase> cases, int hits, LabelLeakOptions options)
    {
        // Cases without the feature form their own group ("not given" is a value to a tree model too).
        var groups = cases.GroupBy(c => c.Categorical.TryGetValue(feature, out var v) ? v : "", StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count(), Hits: g.Count(c => c.Label!.Hit)))
            .ToList();
        var baseRate = (double)hits / cases.Count;

        var pure = groups
            .Where(g => g.Count >= options.MinSupport && g.Hits == g.Count && Math.Pow(baseRate, g.Count) < options.PureChance)
            .OrderByDescending(g => g.Count)
            .ToList();
        var pureHits = pure.Sum(g => g.Hits);
        if (pure.Count > 0 && pureHits >= options.PureHitShare * hits)
        {
            var first = pure[0];
            var more = pure.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" and {pure.Count - 1} more such values") : "";
            yield return new LabelLeak(feature, LabelLeakKind.PureValues, string.Create(CultureInfo.InvariantCulture,
                $"Feature '{feature}' value '{first.Value}' is a hit in all {first.Count:N0} labelled cases{more} ({pureHits:N0} of {hits:N0} hits, base hit rate {baseRate:P1}); a value that is only ever a hit is usually an outcome column, so check it and remove it from the mapping if it is."));
            yield break;
        }

        // Rare values are pooled: each alone would look like it determines its few labels.
        var pooled = groups.Where(g => g.Count >= options.MinSupport)
            .Append((Value: "(rare)", Count: groups.Where(g => g.Count < options.MinSupport).Sum(g => g.Count), Hits: groups.Where(g => g.Count < options.MinSupport).Sum(g => g.Hits)))
            .Where(g => g.Count > 0)
            .ToList();
        var hLabel = Entropy(baseRate);
        var hGiven = pooled.Sum(g => (double)g.Count / cases.Count * Entropy((double)g.Hits / g.Count));
        var u = (hLabel - hGiven) / hLabel;
        if (u >= options.UncertaintyCoefficient)
        {
            yield return new LabelLeak(feature, LabelLeakKind.Determines, string.Create(CultureInfo.InvariantCulture,
                $"Feature '{feature}' alone explains {u:P0} of the label's uncertainty in the training window ({cases.Count:N0} labelled cases); it is nearly a function of the outcome, so check that it was known before the inspection and remove it from the mapping if not."));
        }
    }

    private static LabelLeak? CheckNumeric(string feature, List<RiskCase> cases, LabelLeakOptions options)
    {
        var given = cases.Where(c => c.Numeric.ContainsKey(feature)).ToList();
        var hits = given.Count(c => c.Label!.Hit);
        if (given.Count < options.MinSupport || hits == 0 || hits == given.Count)
        {
            return null;
        }

        var auc = Ranking.Auc(given.Select(c => c.Numeric[feature]).ToList(), given.Select(c => c.Label!.Hit).ToList());
        var separation = Math.Max(auc, 1 - auc);
        return separation < options.Auc
            ? null
            : new LabelLeak(feature, LabelLeakKind.Determines, string.Create(CultureInfo.InvariantCulture,
                $"Feature '{feature}' alone separates hits from no-hits with AUC {separation:F3} in the training window ({given.Count:N0} labelled cases); it is nearly a function of the outcome, so check that it was known before the inspection and remove it from the mapping if not."));
    }

    private static double Entropy(double p) => p <= 0 || p >= 1 ? 0 : -(p * Math.Log2(p)) - ((1 - p) * Math.Log2(1 - p));

    private static string? NameMatch(string feature, List<string> outcomeNames)
    {
        var name = Normalise(feature);
        var tokens = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return outcomeNames.FirstOrDefault(o => o == name || tokens.Contains(o) || (o.Contains('_', StringComparison.Ordinal) && name.Contains(o, StringComparison.Ordinal)));
    }

    /// <summary>Lower case, every run of other characters than letters and digits one underscore: "Critical Fraud" → "critical_fraud".</summary>
    internal static string Normalise(string name)
    {
        var chars = new System.Text.StringBuilder(name.Length);
        foreach (var ch in name.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                chars.Append(ch);
            }
            else if (chars.Length > 0 && chars[^1] != '_')
            {
                chars.Append('_');
            }
        }

        return chars.ToString().TrimEnd('_');
    }
}
