using System.Text;
using Portcullis.Parsing.Yaml;
using Portcullis.Risk.Rules;
using Portcullis.Tests.Parsing;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>
/// Profiles built to cost time or memory are refused in one sentence with a position, before any
/// rule is evaluated: anchors and aliases, and more size, depth, rules or tests than the limits.
/// </summary>
[Trait("Category", "security")]
public sealed class RuleProfileLimitTests
{
    private static RuleProfileIssue Refused(string yaml)
    {
        var read = RuleProfileParser.Read(yaml);
        Assert.False(read.IsValid);
        return Assert.Single(read.Issues);
    }

    private static string Rule(string id, string when) => $"  - id: {id}\n    weight: 0.5\n    reason: x\n    when: {when}\n";

    [Fact]
    public void The_alias_bomb_is_refused_at_its_first_anchor_naming_the_fix()
    {
        var issue = Refused(YamlBombs.AliasBombProfile());

        Assert.Equal(
            "The profile defines the YAML anchor '&l0', and rule profiles allow no anchors or aliases; remove it and write each value out in full.",
            issue.Message);
        Assert.Equal((8, 16), (issue.Line, issue.Column));
    }

    [Fact]
    public void An_alias_to_a_value_is_refused_too()
    {
        var issue = Refused("name: t\nrules:\n" + Rule("r", "{ hub: *h }"));

        Assert.StartsWith("The profile uses the YAML alias '*h'", issue.Message, StringComparison.Ordinal);
        Assert.Equal((6, 18), (issue.Line, issue.Column));
    }

    [Fact]
    public void More_rules_than_the_limit_are_refused_at_the_first_rule_too_many()
    {
        var yaml = new StringBuilder("name: t\nrules:\n");
        for (var i = 0; i <= RuleProfileLimits.MaxRules; i++)
        {
            yaml.Append(Rule($"r{i}", "{ hub: RTM }"));
        }

        var issue = Refused(yaml.ToString());

        Assert.Equal($"The profile has {RuleProfileLimits.MaxRules + 1} rules, more than the limit of {RuleProfileLimits.MaxRules}; split it into several profiles.", issue.Message);
        Assert.Equal((3 + (4 * RuleProfileLimits.MaxRules), 5), (issue.Line, issue.Column));
    }

    [Fact]
    public void More_tests_than_the_limit_are_refused_at_the_rule_that_crosses_it()
    {
        // Each rule: an any (1) of two tests (2) with 1,000 keywords each (2,000): 2,003 tests.
        var keywords = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"w{i}"));
        var when = $"{{ any: [{{ description: {{ contains_any: [{keywords}] }} }}, {{ description: {{ contains_any: [{keywords}] }} }}] }}";
        var yaml = "name: t\nrules:\n" + Rule("a", when) + Rule("b", when) + Rule("c", when);

        Assert.Equal(3 * 2003, RuleProfileLimits.Tests(RuleProfileParser.Parse("name: t\nrules:\n" + Rule("a", when)).Rules[0].When) * 3);
        var issue = Refused(yaml);

        Assert.Equal(
            $"With rule 'c' the profile has more than {RuleProfileLimits.MaxTests} tests (each prefix and keyword counts as one); split it into several profiles or shorten its lists.",
            issue.Message);
        Assert.Equal((14, 11), (issue.Line, issue.Column));
    }

    [Fact]
    public void Conditions_nested_deeper_than_the_limit_are_refused_where_they_go_too_deep()
    {
        // Root, rules, rule and when take 4 levels; each 'all: [ … ]' 2 more.
        var when = string.Concat(Enumerable.Repeat("{ all: [", 15)) + "{ hub: RTM }" + string.Concat(Enumerable.Repeat("] }", 15));

        var issue = Refused("name: t\nrules:\n" + Rule("deep", when));

        Assert.Equal(
            $"The profile nests sections and lists more than {YamlLimits.MaxDepth} levels deep; flatten the conditions (an 'all' inside an 'all' can be one list).",
            issue.Message);
        Assert.Equal(6, issue.Line);
    }

    [Fact]
    public void A_profile_longer_than_the_limit_is_refused_where_the_limit_falls()
    {
        var yaml = "name: t\ndescription: " + new string('x', YamlLimits.MaxDocumentChars) + "\nrules:\n" + Rule("r", "{ hub: RTM }");

        var issue = Refused(yaml);

        Assert.Equal($"The profile is longer than the limit of {YamlLimits.MaxDocumentChars} characters; split it into several profiles.", issue.Message);
        Assert.Equal((2, YamlLimits.MaxDocumentChars - 8 + 1), (issue.Line, issue.Column));
    }
}
