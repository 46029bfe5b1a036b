using Portcullis.Risk;
using Portcullis.Risk.Rules;
using static Portcullis.Tests.Risk.Rules.RuleCases;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>Scores, hits and filled-in reasons, and profiles built in code rather than parsed.</summary>
public sealed class RuleEngineTests
{
    private const string ThreeRules = """
        name: scoring
        rules:
          - id: strong
            weight: 0.5
            reason: strong
            when: { reefer: true }
          - id: never
            weight: 0.3
            reason: never
            when: { hub: ANR }
          - id: weak
            weight: 0.2
            reason: weak
            when: { origin_country: EC }
        """;

    [Fact]
    public void Score_is_the_noisy_or_of_the_fired_weights()
    {
        var result = RuleEngine.Compile(RuleProfileParser.Parse(ThreeRules)).Evaluate(Reefer, Facts);
        Assert.Equal(0.6, result.Score, 12); // 1 − (1 − 0.5)(1 − 0.2)
        Assert.Equal(["strong", "weak"], result.Hits.Select(h => h.RuleId));
        Assert.Equal([0.5, 0.2], result.Hits.Select(h => h.Weight));
    }

    [Fact]
    public void Nothing_fired_scores_zero()
    {
        var result = RuleEngine.Compile(RuleProfileParser.Parse(ThreeRules)).Evaluate(Empty, CaseFacts.None);
        Assert.Equal(0, result.Score);
        Assert.Empty(result.Hits);
    }

    [Fact]
    public void Weight_one_makes_the_score_one()
    {
        var profile = new RuleProfile("p", "", [new Rule("sure", 1, "x", new FlagCondition("reefer", true)), new Rule("b", 0.3, "y", new FlagCondition("reefer", true))]);
        Assert.Equal(1, RuleEngine.Compile(profile).Evaluate(Reefer, Facts).Score, 12);
    }

    [Theory]
    [InlineData("reefer from {port_of_loading} via {transshipments}", "reefer from ECGYE via PAONX, PAMIT")]
    [InlineData("consignee first seen {party_age_days.consignee} days ago", "consignee first seen 12 days ago")]
    [InlineData("{route_ports}", "ECGYE, PAONX, PAMIT, NLRTM")]
    [InlineData("{value_per_kg} EUR/kg, {value_per_kg_ratio} of the norm", "0.4 EUR/kg, 0.42 of the norm")]
    [InlineData("{gross_kg} kg in {packages} packages", "21500 kg in 1080 packages")]
    [InlineData("booked {booking_to_departure_hours} h ahead", "booked 30.25 h ahead")]
    [InlineData("reefer {reefer}, seal {seal_changed}, forwarder listed {party_watch_listed.forwarder}", "reefer yes, seal no, forwarder listed yes")]
    [InlineData("{party_aeo.consignee} / {party_country.consignor} / {party_aeo.notify}", "AEOC / EC / unknown")]
    [InlineData("{categorical.procedure}: {numeric.total_taxes} EUR, {numeric.fob_value}", "4000: 12.5 EUR, unknown")]
    [InlineData("{{literal}} {hub}", "{literal} RTM")]
    [InlineData("{ hs_code } {origin_commodity_count}", "080390 0")]
    [InlineData("no placeholders", "no placeholders")]
    public void Reasons_are_filled_with_the_case(string reason, string expected) => Assert.Equal(expected, Reason(reason));

    [Fact]
    public void Numbers_in_reasons_are_rounded_and_invariant()
    {
        var facts = Facts with { ValuePerKgRatio = 1.0 / 3, PartyAgeDays = new Dictionary<string, double> { ["consignee"] = 200.0 / 3 } };
        Assert.Equal("0.333 66.67", Reason("{value_per_kg_ratio} {party_age_days.consignee}", facts: facts));
    }

    [Fact]
    public void Missing_values_read_unknown()
    {
        Assert.Equal(
            "unknown unknown unknown unknown unknown",
            Reason("{port_of_loading} {transshipments} {party_age_days.consignee} {party_watch_listed.any} {value_per_kg}", Empty, CaseFacts.None));
    }

    [Fact]
    public void Hand_built_profiles_compile()
    {
        var when = new AllCondition(
        [
            new FlagCondition("reefer", true),
            new NumberCondition("gross_kg", NumberOperator.Between, 20_000, 22_000),
            new AnyCondition([new ListCondition("transshipments", ListOperator.CountGte, [], 2), new TextCondition("hub", TextOperator.Eq, ["ANR"])]),
            new NotCondition(new TextCondition("party_aeo.consignee", TextOperator.In, ["AEOF"])),
        ]);
        var profile = new RuleProfile("code", "", [new Rule("a", 0.4, "at {hub}", when)]);
        var hit = Assert.Single(RuleEngine.Compile(profile).Evaluate(Reefer, Facts).Hits);
        Assert.Equal(new RuleHit("a", 0.4, "at RTM"), hit);
    }

    [Fact]
    public void Hand_built_profiles_with_bad_fields_do_not_compile()
    {
        Assert.Throws<ArgumentException>(() => RuleEngine.Compile(new RuleProfile("p", "", [new Rule("a", 0.4, "x", new FlagCondition("reefr", true))])));
        Assert.Throws<ArgumentException>(() => RuleEngine.Compile(new RuleProfile("p", "", [new Rule("a", 0.4, "x", new FlagCondition("hub", true))])));
        Assert.Throws<ArgumentException>(() => RuleEngine.Compile(new RuleProfile("p", "", [new Rule("a", 0.4, "{nope}", new FlagCondition("reefer", true))])));
    }

    [Fact]
    public void Parsed_conditions_have_the_expected_shape()
    {
        var rule = RuleProfileParser.Parse(Profile("all:\n  - port_of_loading: { in: [ECGYE, COBUN] }\n  - not: { value_eur: { between: [1, 5] } }")).Rules.Single();
        var all = Assert.IsType<AllCondition>(rule.When);
        var text = Assert.IsType<TextCondition>(all.Conditions[0]);
        Assert.Equal(("port_of_loading", TextOperator.In), (text.Field, text.Operator));
        Assert.Equal(["ECGYE", "COBUN"], text.Values);
        var not = Assert.IsType<NotCondition>(all.Conditions[1]);
        Assert.Equal(new NumberCondition("value_eur", NumberOperator.Between, 1, 5), not.Inner);
        Assert.Equal(("r", 0.5, "fired"), (rule.Id, rule.Weight, rule.Reason));
    }
}
