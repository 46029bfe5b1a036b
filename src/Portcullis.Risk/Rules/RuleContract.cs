namespace Portcullis.Risk.Rules;

/// <summary>An analyst's rule profile as parsed from YAML.</summary>
public sealed record RuleProfile(string Name, string Description, IReadOnlyList<Rule> Rules);

/// <summary>
/// One rule: when its condition holds, it adds its weight (0–1) and says why in plain language.
/// <paramref name="ReasonNl"/> is the same reason in Dutch (YAML <c>reason_nl</c>, optional): Dutch
/// pages show it; the API, the CLI and English pages read <paramref name="Reason"/>.
/// </summary>
public sealed record Rule(string Id, double Weight, string Reason, Condition When, string? ReasonNl = null);

/// <summary>A parsed condition tree; the rule engine evaluates it against a case and its facts.</summary>
public abstract record Condition;

/// <summary>A profile that cannot be read, with where (1-based line and column) and why.</summary>
public sealed class RuleProfileException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>The rules that fired on a case and the rules score they add up to.</summary>
public sealed record RuleResult(double Score, IReadOnlyList<RuleHit> Hits)
{
    public static RuleResult None { get; } = new(0, []);
}

/// <summary>A fired rule with its reason (and its Dutch reason, when the rule has one) filled in for this case.</summary>
public sealed record RuleHit(string RuleId, double Weight, string Reason, string? ReasonNl = null);
