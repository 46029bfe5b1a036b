using Portcullis.Risk.Rules;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>Every kind of profile mistake, with the 1-based line and column of the node at fault.</summary>
public sealed class RuleProfileErrorTests
{
    private static RuleProfileException Fails(string yaml) => Assert.Throws<RuleProfileException>(() => RuleProfileParser.Parse(yaml));

    private static void At(RuleProfileException e, int line, int column, string mentions)
    {
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_error_reports_its_position()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5: 3
            """);
        At(e, 4, 16, "not valid YAML");
    }

    [Fact]
    public void Duplicate_yaml_key()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when: { hub: RTM, hub: ANR }
            """);
        At(e, 6, 23, "The key 'hub' appears twice");
    }

    [Fact]
    public void Unknown_top_level_key()
    {
        var e = Fails("""
            name: t
            owner: targeting team
            rules: []
            """);
        At(e, 2, 1, "Unknown key 'owner'");
        Assert.Contains("name, description, rules", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rule_key_is_reported_before_the_missing_one()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                wieght: 0.5
                reason: x
                when: { reefer: true }
            """);
        At(e, 4, 5, "Unknown key 'wieght' in rule 'r'");
    }

    [Fact]
    public void Unknown_field_suggests_the_closest()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when:
                  all:
                    - reefer: true
                    - port_of_loadng: { in: [ECGYE] }
            """);
        At(e, 9, 11, "write 'port_of_loading' if that is what you meant");
    }

    [Fact]
    public void Far_off_field_lists_the_known_ones()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when: { shipping_line: MSC }
            """);
        At(e, 6, 13, "Unknown field 'shipping_line'");
        Assert.Contains("origin_country, place_of_receipt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_party_role()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when:
                  party_age_days.shipper: { lt: 30 }
            """);
        At(e, 7, 7, "consignor, consignee, notify, forwarder, declarant");
    }

    [Fact]
    public void Unknown_operator_lists_the_operators_of_the_field_type()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when:
                  gross_kg: { greater: 5 }
            """);
        At(e, 7, 19, "Unknown operator 'greater'");
        Assert.Contains("lt, lte, gt, gte, eq, between", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_operator_on_a_list_field_is_unknown()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when:
                  transshipments: { in: [PAONX] }
            """);
        At(e, 7, 25, "any_in, none_in, count_gte, prefix");
    }

    [Theory]
    [InlineData("gross_kg: { lt: heavy }", 23, "must be a number")]
    [InlineData("gross_kg: { lt: \"30\" }", 23, "quoted")]
    [InlineData("reefer: \"yes\"", 15, "write true or false")]
    [InlineData("reefer: maybe", 15, "write true or false")]
    [InlineData("origin_country: { eq: [EC, CO] }", 29, "single value")]
    [InlineData("transshipments: { count_gte: 1.5 }", 36, "whole number")]
    [InlineData("value_eur: { between: [10] }", 29, "two numbers")]
    [InlineData("value_eur: { between: [50, 10] }", 29, "lower number first")]
    [InlineData("value_eur: [10, 50]", 18, "between")]
    [InlineData("hub: { in: [] }", 18, "'hub: in' has an empty list")]
    [InlineData("hub:", 11, "'hub' has no value")]
    public void Wrong_value_type(string condition, int column, string mentions)
    {
        var e = Fails(RuleCases.Profile(condition));
        // Profile() puts the condition on line 7 after six spaces: column = 7 + index in the condition.
        At(e, 7, column, mentions);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-0.2")]
    public void Weight_outside_zero_to_one(string weight)
    {
        var e = Fails($"""
            name: t
            rules:
              - id: r
                weight: {weight}
                reason: x
                when: {"{"} reefer: true {"}"}
            """);
        At(e, 4, 13, "above 0 and at most 1");
    }

    [Fact]
    public void Weight_that_is_not_a_number()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: high
                reason: x
                when: { reefer: true }
            """);
        At(e, 4, 13, "must be a number");
    }

    [Theory]
    [InlineData("id", "    weight: 0.5\n    reason: x\n    when: { reefer: true }")]
    [InlineData("weight", "    id: r\n    reason: x\n    when: { reefer: true }")]
    [InlineData("reason", "    id: r\n    weight: 0.5\n    when: { reefer: true }")]
    [InlineData("when", "    id: r\n    weight: 0.5\n    reason: x")]
    public void Missing_rule_keys_point_at_the_rule(string missing, string body)
    {
        // The first key of the rule sits on line 4 after "  - ", at column 5.
        var e = Fails("name: t\nrules:\n  - id: first\n    weight: 0.1\n    reason: ok\n    when: { reefer: true }\n  -" + body[3..]);
        At(e, 7, 5, $"no '{missing}'");
    }

    [Fact]
    public void Missing_name_and_rules()
    {
        At(Fails("description: d\nrules: []\n"), 1, 1, "no 'name'");
        At(Fails("name: t\n"), 1, 1, "no 'rules'");
        At(Fails("name: t\nrules: []\n"), 2, 8, "non-empty list");
    }

    [Fact]
    public void Duplicate_rule_ids_point_at_the_second()
    {
        var e = Fails("""
            name: t
            rules:
              - id: seal
                weight: 0.4
                reason: x
                when: { seal_changed: true }
              - id: seal
                weight: 0.2
                reason: y
                when: { reefer: true }
            """);
        At(e, 7, 9, "'seal' is used twice");
    }

    [Theory]
    [InlineData("all")]
    [InlineData("any")]
    public void Empty_combinator(string combinator)
    {
        var e = Fails($"""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: x
                when:
                  not:
                    {combinator}: []
            """);
        At(e, 8, 9, $"'{combinator}' has no conditions");
    }

    [Fact]
    public void Reason_placeholder_naming_no_field()
    {
        var e = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: "from {port_of_loading} to {port_of_dischrge}"
                when: { reefer: true }
            """);
        At(e, 5, 13, "'{port_of_dischrge}' names no field; write 'port_of_discharge' if that is what you meant");
    }

    [Fact]
    public void A_Dutch_reason_is_checked_as_the_English_one_and_may_not_be_empty()
    {
        var misspelt = Fails("""
            name: t
            rules:
              - id: r
                weight: 0.5
                reason: "from {port_of_loading}"
                reason_nl: "uit {port_of_lading}"
                when: { reefer: true }
            """);
        At(misspelt, 6, 16, "'{port_of_lading}' names no field; write 'port_of_loading' if that is what you meant");
        var empty = Fails("name: t\nrules:\n  - id: r\n    weight: 0.5\n    reason: x\n    reason_nl: \"\"\n    when: { reefer: true }\n");
        At(empty, 6, 16, "The 'reason_nl' of rule 'r' is empty");
    }

    [Fact]
    public void Unclosed_reason_placeholder()
    {
        var e = Fails("name: t\nrules:\n  - id: r\n    weight: 0.5\n    reason: from {port_of_loading\n    when: { reefer: true }\n");
        At(e, 5, 13, "never closed");
    }

    [Fact]
    public void Validate_and_TryParse_report_without_throwing()
    {
        const string Bad = "name: t\nrules:\n  - id: r\n    weight: 2\n    reason: x\n    when: { reefer: true }\n";
        var check = RuleProfileParser.Validate(Bad);
        Assert.False(check.IsValid);
        Assert.Equal((4, 13), (check.Line, check.Column));
        Assert.False(RuleProfileParser.TryParse(Bad, out var none, out var error));
        Assert.Null(none);
        Assert.Equal(4, error!.Line);
        Assert.True(RuleProfileParser.TryParse(RuleCases.Profile("reefer: true"), out var profile, out _));
        Assert.Equal("r", profile!.Rules.Single().Id);
    }
}
