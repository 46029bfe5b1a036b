using Portcullis.Parties.Sanctions.Goods;
using Portcullis.Risk;

namespace Portcullis.Parties;

/// <summary>
/// The sanctioned-goods rule family in risk scoring: the risk engine asks it for the flags of a
/// case and adds each as a reason (source "sanctions-goods", weight
/// <see cref="SanctionsOptions.GoodsWeight"/>) to the rule evidence, next to the profiles' rules.
/// </summary>
public static class SanctionsGoodsRisk
{
    public const string Source = "sanctions-goods";

    public static IReadOnlyList<GoodsFlag> Flags(RiskCase riskCase, SanctionedGoods goods)
    {
        if (riskCase.HsCodes.Count == 0 && riskCase.HsCode.Length == 0)
        {
            return [];
        }

        var route = new[] { riskCase.PlaceOfReceipt, riskCase.PortOfLoading }.Concat(riskCase.Transshipments).Select(CountryOf).OfType<string>().ToList();
        var parties = riskCase.Parties.Values.Select(p => p.Country.Trim().ToUpperInvariant()).Where(c => c.Length == 2).ToList();
        var consignee = riskCase.Parties.TryGetValue("consignee", out var c) && c.Country is { Length: 2 } country ? country.ToUpperInvariant() : null;
        var destination = consignee ?? CountryOf(riskCase.PortOfDischarge) ?? "";
        var codes = riskCase.HsCodes.Count > 0 ? riskCase.HsCodes : [riskCase.HsCode];
        return goods.Evaluate(new GoodsShipment(codes, riskCase.OriginCountry.Trim().ToUpperInvariant(), destination, route, parties, DateOnly.FromDateTime(riskCase.Date)));
    }

    public static IEnumerable<RiskReason> Reasons(IReadOnlyList<GoodsFlag> flags, SanctionsOptions options) =>
        flags.Select(f => new RiskReason(Source, $"{f.Rule.Country}:{f.Rule.Annex}:{f.HsCode}", f.Reason, options.GoodsWeight, f.Why));

    // A UN/LOCODE starts with the country (NLRTM, TRMER); anything else says nothing about a country.
    private static string? CountryOf(string? place) =>
        place is { Length: 5 } p && char.IsAsciiLetterUpper(p[0]) && char.IsAsciiLetterUpper(p[1]) ? p[..2] : null;
}
