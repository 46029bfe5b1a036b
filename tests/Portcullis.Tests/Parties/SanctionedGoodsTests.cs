using Portcullis.Parties.Sanctions.Goods;
using Portcullis.Tests.Components;

namespace Portcullis.Tests.Parties;

/// <summary>The sanctioned-goods rule family on the built-in excerpt of the EU annexes.</summary>
public sealed class SanctionedGoodsTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    [Fact]
    public void Hot_rolled_steel_from_Russia_is_flagged_with_its_annex()
    {
        var flags = SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "RU", "NL", ["RU"], ["RU", "NL"], Day));

        var flag = Assert.Single(flags);
        Assert.Equal("720851", flag.HsCode);
        Assert.Equal("Annex XVII", flag.Rule.Annex);
        Assert.Equal("HS 720851 (flat-rolled products of iron or non-alloy steel (hot-rolled)) is listed in Annex XVII of Council Regulation (EU) No 833/2014 Art. 3g (import ban, RU, since 2022-03-16); the goods originate in RU.", flag.Reason);
    }

    [Fact]
    public void Steel_routed_through_Turkey_with_Russian_origin_is_flagged_as_circumvention()
    {
        var flags = SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["72085100"], "RU", "NL", ["TR"], ["TR", "NL"], Day));

        var flag = Assert.Single(flags);
        Assert.EndsWith("routed via TR with origin RU: a known circumvention route.", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Steel_routed_through_Turkey_from_a_Russian_consignor_is_flagged_even_with_another_declared_origin()
    {
        var flags = SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "TR", "NL", ["TR"], ["RU", "NL"], Day));

        Assert.EndsWith("routed via TR with a party in RU: a known circumvention route.", Assert.Single(flags).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_is_said_in_Dutch_with_its_codes_and_reference_as_they_are()
    {
        var origin = Assert.Single(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "RU", "NL", ["RU"], ["RU", "NL"], Day)));
        var circumvention = Assert.Single(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "TR", "NL", ["TR"], ["RU", "NL"], Day)));
        var export = Assert.Single(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["854231"], "NL", "BY", ["NL"], ["NL", "BY"], Day)));

        Assert.Equal(
            "goederencode 720851 (flat-rolled products of iron or non-alloy steel (hot-rolled)) staat in Annex XVII van Council Regulation (EU) No 833/2014 Art. 3g (invoerverbod, RU, sinds 2022-03-16); de goederen komen uit RU.",
            PhraseAssert.SaidInDutch(origin.Why, origin.Reason));
        Assert.EndsWith("; via TR met een partij in RU: een bekende omzeilingsroute.", PhraseAssert.SaidInDutch(circumvention.Why, circumvention.Reason), StringComparison.Ordinal);
        var chips = PhraseAssert.SaidInDutch(export.Why, export.Reason);
        Assert.Contains("(uitvoerbeperking, BY, sinds ", chips, StringComparison.Ordinal);
        Assert.EndsWith("; de goederen gaan naar BY.", chips, StringComparison.Ordinal);
    }

    [Fact]
    public void Steel_from_Brazil_and_bananas_from_Russia_are_not_flagged()
    {
        Assert.Empty(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "BR", "NL", ["BR"], ["BR", "NL"], Day)));
        Assert.Empty(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["080390"], "RU", "NL", ["RU"], ["RU"], Day)));
        // Through Turkey without any link to Russia or Belarus: an ordinary Turkish export.
        Assert.Empty(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "TR", "NL", ["TR"], ["TR", "NL"], Day)));
    }

    [Fact]
    public void Export_rows_look_at_the_destination_and_Belarus_has_its_own_annexes()
    {
        var chips = SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["854231"], "NL", "BY", ["NL"], ["NL", "BY"], Day));
        Assert.Equal("Annex Va", Assert.Single(chips).Rule.Annex);
        Assert.Empty(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["854231"], "RU", "NL", ["RU"], ["NL"], Day)));
    }

    [Fact]
    public void A_rule_before_its_date_does_not_apply()
    {
        Assert.Empty(SanctionedGoods.BuiltIn.Evaluate(new GoodsShipment(["720851"], "RU", "NL", ["RU"], ["RU"], new DateOnly(2022, 3, 1))));
    }

    [Fact]
    public void A_bad_goods_file_names_the_line_and_the_fix()
    {
        var (goods, error) = SanctionedGoods.Parse(new StringReader("code,direction,country,annex,reference,date,description\n7208,import,RU,Annex XVII,Reg 833/2014,2022-03-16,steel\n72A8,import,RU,Annex XVII,Reg 833/2014,2022-03-16,steel\n"));

        Assert.Null(goods);
        Assert.Equal("line 3: the code '72A8' is not 2 to 10 digits; give a CN/HS code prefix such as 7208.", error);
    }

    [Fact]
    public void Quoted_cells_keep_their_commas_and_an_unclosed_quote_names_its_line()
    {
        var (goods, error) = SanctionedGoods.Parse(new StringReader("# comment\ncode,direction,country,annex,reference,date,description\n8542,export,RU,Annex XXIII,\"Regulation (EU) No 833/2014, Art. 3k\",2022-04-08,\"integrated circuits, listed items\"\n"));
        Assert.Null(error);
        var rule = Assert.Single(goods!.Rules);
        Assert.Equal("Regulation (EU) No 833/2014, Art. 3k", rule.Reference);
        Assert.Equal("integrated circuits, listed items", rule.Description);

        var (broken, problem) = SanctionedGoods.Parse(new StringReader("code,direction,country,annex,reference,date,description\n8542,export,RU,Annex XXIII,ref,2022-04-08,ok\n8517,export,RU,\"Annex XXIII,ref,2022-04-08,phones\n"));
        Assert.Null(broken);
        Assert.StartsWith("line 3: ", problem, StringComparison.Ordinal);
    }
}
