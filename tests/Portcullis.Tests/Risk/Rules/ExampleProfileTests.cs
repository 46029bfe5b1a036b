using Portcullis.Risk;
using Portcullis.Risk.Rules;
using static Portcullis.Tests.Risk.Rules.RuleCases;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>docs/rules/example-profile.yaml parses, uses every field, and scores the reefer as written.</summary>
public sealed class ExampleProfileTests
{
    private static RuleProfile Example() =>
        RuleProfileParser.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", "example-profile.yaml")));

    private static IEnumerable<string> Fields(Condition c) => c switch
    {
        AllCondition all => all.Conditions.SelectMany(Fields),
        AnyCondition any => any.Conditions.SelectMany(Fields),
        NotCondition not => Fields(not.Inner),
        TextCondition t => [t.Field],
        ListCondition l => [l.Field],
        NumberCondition n => [n.Field],
        FlagCondition f => [f.Field],
        _ => [],
    };

    [Fact]
    public void Example_uses_every_field_of_the_catalogue()
    {
        var profile = Example();
        Assert.Equal("Rotterdam reefer lanes", profile.Name);
        var used = profile.Rules.SelectMany(r => Fields(r.When)).Select(f => RuleFields.Find(f)!.Name).ToHashSet();
        var unused = RuleFields.All.Select(f => f.Name).Except(used).ToList();
        Assert.True(unused.Count == 0, "unused: " + string.Join(", ", unused));
    }

    [Fact]
    public void Example_scores_the_banana_reefer()
    {
        var result = RuleEngine.Compile(Example()).Evaluate(Reefer, Facts);
        string[] expected =
        [
            "reefer-andes-new-consignee", "panama-transshipment-fruit", "watch-listed-forwarder", "low-value-per-kg", "late-booking",
            "route-changed-after-loading", "cover-load-keywords", "new-origin-commodity", "long-route", "inland-receipt-rotterdam",
            "customs-procedure-and-taxes",
        ];
        Assert.Equal(expected, result.Hits.Select(h => h.RuleId));
        var miss = (1 - 0.35) * (1 - 0.25) * (1 - 0.5) * (1 - 0.2) * (1 - 0.15) * (1 - 0.3) * (1 - 0.2) * (1 - 0.15) * (1 - 0.1) * (1 - 0.05) * (1 - 0.05);
        Assert.Equal(1 - miss, result.Score, 12);
        Assert.Equal("reefer from ECGYE via PAONX, PAMIT, consignee first seen 12 days ago", result.Hits[0].Reason);
    }

    [Fact]
    public void Every_shipped_rule_reads_in_Dutch_too_with_Dutch_values()
    {
        var profile = Example();
        Assert.All(profile.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.ReasonNl), r.Id));

        var hits = RuleEngine.Compile(profile).Evaluate(Reefer, Facts).Hits.ToDictionary(h => h.RuleId);
        Assert.Equal("koelcontainer uit ECGYE via PAONX, PAMIT, geadresseerde voor het eerst gezien 12 dagen geleden", hits["reefer-andes-new-consignee"].ReasonNl);
        // Numbers with a decimal comma in Dutch; the English keeps its point.
        var low = hits["low-value-per-kg"];
        Assert.Matches(@"^declared value \d+\.\d+ EUR/kg is \d+\.\d+ times the norm for HS 080390$", low.Reason);
        Assert.Equal(low.Reason.Replace("declared value", "aangegeven waarde", StringComparison.Ordinal).Replace(" times the norm for HS ", " keer de norm voor goederencode ", StringComparison.Ordinal).Replace('.', ','), low.ReasonNl);
        // A value the case lacks is "onbekend" in the Dutch reason, "unknown" in the English one.
        Assert.Equal("in het binnenland ontvangen in ECMEC voor RTM", hits["inland-receipt-rotterdam"].ReasonNl);
        var unknown = RuleEngine.Compile(RuleProfileParser.Parse("name: t\nrules:\n  - id: r\n    weight: 0.5\n    reason: \"age {party_age_days.notify}, reefer {reefer}\"\n    reason_nl: \"leeftijd {party_age_days.notify}, koel {reefer}\"\n    when: { reefer: true }\n"))
            .Evaluate(Reefer, Facts).Hits.Single();
        Assert.Equal(("age unknown, reefer yes", "leeftijd onbekend, koel ja"), (unknown.Reason, unknown.ReasonNl));
    }

    [Fact]
    public void Example_is_quiet_on_an_empty_case_and_on_a_plain_aeo_import()
    {
        var compiled = RuleEngine.Compile(Example());
        Assert.Empty(compiled.Evaluate(Empty, CaseFacts.None).Hits);
        var plain = Reefer with
        {
            Reefer = false,
            OriginCountry = "NZ",
            PortOfLoading = "NZTRG",
            Transshipments = ["SGSIN"],
            HsCode = "081050",
            HsCodes = ["081050"],
            Description = "Kiwifruit",
            BookingToDepartureHours = 400,
            RouteChangedAfterLoading = false,
            PlaceOfReceipt = "",
            Categorical = new Dictionary<string, string>(),
            Parties = new Dictionary<string, RiskParty> { ["consignee"] = new("NL-1", Country: "NL", Aeo: "AEOF") },
        };
        var facts = new CaseFacts { ValuePerKgRatio = 1.1, PartyAgeDays = new Dictionary<string, double> { ["consignee"] = 3000 }, OriginCommodityCount = 800 };
        Assert.Empty(compiled.Evaluate(plain, facts).Hits);
    }
}
