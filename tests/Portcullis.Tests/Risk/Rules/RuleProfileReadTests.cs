using Portcullis.Risk.Rules;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>
/// <see cref="RuleProfileParser.Read"/> returns bad input as issues with 1-based positions instead
/// of throwing; the positions below are counted by hand in the YAML text.
/// </summary>
public sealed class RuleProfileReadTests
{
    private static RuleProfileIssue Single(string yaml)
    {
        var result = RuleProfileParser.Read(yaml);
        Assert.False(result.IsValid);
        Assert.Null(result.Profile);
        return Assert.Single(result.Issues);
    }

    [Fact]
    public void A_good_profile_has_no_issues()
    {
        var result = RuleProfileParser.Read("name: t\nrules:\n  - id: r\n    weight: 0.5\n    reason: x\n    when: { reefer: true }\n");
        Assert.True(result.IsValid);
        Assert.Empty(result.Issues);
        Assert.Equal("t", result.Profile.Name);
        Assert.Equal(("r", 0.5), (result.Profile.Rules.Single().Id, result.Profile.Rules.Single().Weight));
    }

    [Fact]
    public void A_missing_section_is_an_issue_at_the_start_of_the_profile()
    {
        var issue = Single("name: t\n");
        Assert.Equal((1, 1), (issue.Line, issue.Column));
        Assert.StartsWith("The profile has no 'rules'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_text_is_an_issue_at_line_1_column_1()
    {
        var issue = Single("");
        Assert.Equal((1, 1), (issue.Line, issue.Column));
        Assert.StartsWith("The profile is empty", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_an_issue_at_the_key()
    {
        // "owner" is the first character of line 2.
        var issue = Single("name: t\nowner: team\nrules: []\n");
        Assert.Equal((2, 1), (issue.Line, issue.Column));
        Assert.StartsWith("Unknown key 'owner' at the top level of the profile", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_condition_deep_in_a_rule_is_an_issue_at_its_node()
    {
        // Line 6 is "    when: { gross_kg: { greater: 5 } }"; 'greater' starts at column 25.
        var issue = Single("name: t\nrules:\n  - id: r\n    weight: 0.5\n    reason: x\n    when: { gross_kg: { greater: 5 } }\n");
        Assert.Equal((6, 25), (issue.Line, issue.Column));
        Assert.StartsWith("Unknown operator 'greater'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_is_an_issue_too()
    {
        // "    weight: 0.5: 3": the second ': ' at column 16 of line 4 is what YAML cannot read.
        var issue = Single("name: t\nrules:\n  - id: r\n    weight: 0.5: 3\n");
        Assert.Equal((4, 16), (issue.Line, issue.Column));
        Assert.Contains("not valid YAML", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_still_throws_the_same_message_and_position_for_callers_that_want_an_exception()
    {
        const string Bad = "name: t\nrules:\n  - id: r\n    weight: 2\n    reason: x\n    when: { reefer: true }\n";
        var issue = Single(Bad);
        var e = Assert.Throws<RuleProfileException>(() => RuleProfileParser.Parse(Bad));
        // "    weight: 2": the value starts at column 13 of line 4.
        Assert.Equal((4, 13), (issue.Line, issue.Column));
        Assert.Equal((issue.Message, issue.Line, issue.Column), (e.Message, e.Line, e.Column));
    }
}
