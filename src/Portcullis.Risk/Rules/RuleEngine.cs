namespace Portcullis.Risk.Rules;

/// <summary>Compiles rule profiles into delegates once, so evaluating a case does no parsing or name lookups.</summary>
public static class RuleEngine
{
    /// <summary>
    /// Compiles <paramref name="profile"/>. Profiles from <see cref="RuleProfileParser"/> always compile;
    /// hand-built ones with an unknown field or a bad reason throw <see cref="ArgumentException"/>.
    /// </summary>
    public static CompiledProfile Compile(RuleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rules = profile.Rules.Select(r => new CompiledRule(
            r,
            ConditionCompiler.Compile(r.When),
            ReasonTemplate.Parse(r.Reason, out var problem, out _) ?? throw new ArgumentException($"Rule '{r.Id}': {problem}", nameof(profile)),
            r.ReasonNl is null ? null : ReasonTemplate.Parse(r.ReasonNl, out var dutchProblem, out _) ?? throw new ArgumentException($"Rule '{r.Id}', reason_nl: {dutchProblem}", nameof(profile))))
            .ToArray();
        return new CompiledProfile(profile, rules);
    }
}

/// <summary>A profile ready to evaluate; immutable and safe to share between threads.</summary>
public sealed class CompiledProfile
{
    private readonly CompiledRule[] _rules;

    internal CompiledProfile(RuleProfile profile, CompiledRule[] rules) => (Profile, _rules) = (profile, rules);

    /// <summary>The profile this was compiled from.</summary>
    public RuleProfile Profile { get; }

    /// <summary>
    /// The rules that fire on <paramref name="c"/>, in profile order, with their reasons filled in,
    /// and their score as a noisy-or of the weights w of the fired rules: <c>score = 1 − Π(1 − w)</c>.
    /// The score stays in [0, 1], never falls when another rule fires, and one strong rule weighs more
    /// than several weak ones (0.5 and 0.2 give 0.6; five rules of 0.1 give 0.41).
    /// </summary>
    public RuleResult Evaluate(RiskCase c, CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(facts);
        List<RuleHit>? hits = null;
        var miss = 1.0;
        foreach (var rule in _rules)
        {
            if (rule.When(c, facts))
            {
                miss *= 1 - rule.Rule.Weight;
                (hits ??= []).Add(new RuleHit(rule.Rule.Id, rule.Rule.Weight, rule.Reason.Fill(c, facts), rule.ReasonNl?.Fill(c, facts, dutch: true)));
            }
        }

        return hits is null ? RuleResult.None : new RuleResult(1 - miss, hits);
    }
}

internal sealed record CompiledRule(Rule Rule, Func<RiskCase, CaseFacts, bool> When, ReasonTemplate Reason, ReasonTemplate? ReasonNl);
