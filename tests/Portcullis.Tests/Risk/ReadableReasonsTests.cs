using Portcullis.Risk;

namespace Portcullis.Tests.Risk;

public sealed class ReadableReasonsTests
{
    [Fact]
    public void A_positive_rule_weight_raises_the_score_with_a_plus_sign()
    {
        var view = ReadableReasons.View(new RiskReason("rule", "new-consignee", "consignee first seen 4 days ago", 0.08));

        Assert.Equal("raises", view.Direction);
        Assert.Equal("+0.08", view.FormattedEffect);
        Assert.Equal("weight", view.Scale);
        Assert.Equal("raises the score: consignee first seen 4 days ago, +0.08", view.Explanation);
    }

    [Fact]
    public void A_negative_model_effect_lowers_the_score_with_a_true_minus_sign()
    {
        var view = ReadableReasons.View(new RiskReason("model", "history hs6", "HS 080390: 0 hits in 83 earlier inspections", -0.0213));

        Assert.Equal("lowers", view.Direction);
        Assert.Equal("\u22120.02", view.FormattedEffect);
        Assert.Equal("log-odds", view.Scale);
        Assert.Equal("lowers the score: HS 080390: 0 hits in 83 earlier inspections, \u22120.02", view.Explanation);
    }

    [Theory]
    [InlineData(0.004, "+0.004")]
    [InlineData(-0.0009, "\u22120.001")]
    [InlineData(0.0, "0.00")]
    [InlineData(1.2345, "+1.23")]
    [InlineData(-0.25, "\u22120.25")]
    public void Small_effects_keep_a_third_decimal_so_they_never_read_as_zero(double effect, string expected) =>
        Assert.Equal(expected, ReadableReasons.Format(effect));

    [Fact]
    public void A_zero_effect_says_it_has_no_effect()
    {
        var view = ReadableReasons.View(new RiskReason("model", "reefer", "not a reefer", 0));

        Assert.Equal("none", view.Direction);
        Assert.Equal("no effect on the score: not a reefer, 0.00", view.Explanation);
    }

    [Fact]
    public void Explain_puts_the_strongest_first_each_way_and_keeps_rules_model_and_evidence_apart()
    {
        RiskReason[] reasons =
        [
            new("rule", "r1", "reefer from ECGYE", 0.4),
            new("model", "consignee age", "consignee first seen 4 days earlier", 0.08),
            new("model", "history hs6", "HS 080390: 0 hits in 83 earlier inspections", -0.02),
            new("model", "gross kg", "gross mass 20,000 kg", -0.3),
            new("alarm", "SealTampered:1", "Open high integrity alarm", 0.3),
            new("sanctions-goods", "RU:XXI:848180", "valve under annex XXI", 0.5),
        ];

        var explanation = ReadableReasons.Explain(reasons, modelVersion: 7, top: 2);

        Assert.Equal(["RU:XXI:848180", "r1"], explanation.Raising.Select(r => r.Name));
        Assert.Equal(["gross kg", "history hs6"], explanation.Lowering.Select(r => r.Name));
        Assert.Equal(["r1", "RU:XXI:848180"], explanation.Rules.Select(r => r.Name));
        Assert.Equal(["consignee age", "history hs6", "gross kg"], explanation.Model.Select(r => r.Name));
        Assert.Equal(["SealTampered:1"], explanation.Evidence.Select(r => r.Name));
        Assert.Equal("model v7", explanation.ModelLabel);
    }

    [Fact]
    public void Without_a_model_the_label_says_rules_only() =>
        Assert.Equal("no active model: rules only", ReadableReasons.Explain(Array.Empty<RiskReason>(), modelVersion: null).ModelLabel);
}
