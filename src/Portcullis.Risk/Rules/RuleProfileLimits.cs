namespace Portcullis.Risk.Rules;

/// <summary>
/// What <see cref="RuleProfileParser"/> refuses, on top of the YAML limits (size, depth, no anchors
/// or aliases; see Portcullis.Parsing.Yaml.YamlLimits). Evaluating a profile costs about one step
/// per test and per scanned value for every case scored or replayed on the test bench, so these
/// bound that cost; real profiles hold tens of rules.
/// </summary>
public static class RuleProfileLimits
{
    /// <summary>Most rules in one profile.</summary>
    public const int MaxRules = 500;

    /// <summary>
    /// Most tests in one profile: every field test and every all/any/not counts one, and each value
    /// of a prefix or contains_any list counts one more (those lists are scanned value by value).
    /// </summary>
    public const int MaxTests = 5_000;

    /// <summary>The tests <paramref name="condition"/> counts towards <see cref="MaxTests"/>.</summary>
    public static int Tests(Condition condition) => condition switch
    {
        AllCondition all => 1 + all.Conditions.Sum(Tests),
        AnyCondition any => 1 + any.Conditions.Sum(Tests),
        NotCondition not => 1 + Tests(not.Inner),
        TextCondition { Operator: TextOperator.Prefix or TextOperator.ContainsAny } t => 1 + t.Values.Count,
        ListCondition { Operator: ListOperator.AnyPrefix } l => 1 + l.Values.Count,
        _ => 1,
    };
}
