using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Sanctions.Goods;

/// <summary>
/// A sanctioned-goods flag's reason ("HS 720851 (…) is listed in Annex XVII of … (import ban, RU, since
/// 2022-03-16); the goods originate in RU.") as keys and English formats (<c>GoodsWhy.*</c>). The English
/// is what the API and the command line read; the phrase travels in the risk reason so a page says it in
/// the reader's language. Codes, countries, annexes, legal references, dates and the annex's description
/// of the goods are data of the goods file and are text.
/// </summary>
public static class GoodsPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        ["GoodsWhy.Listed.Import"] = "HS {0} ({1}) is listed in {2} of {3} (import ban, {4}, since {5})",
        ["GoodsWhy.Listed.Export"] = "HS {0} ({1}) is listed in {2} of {3} (export restriction, {4}, since {5})",
        ["GoodsWhy.Link.Origin"] = "with origin {0}",
        ["GoodsWhy.Link.Destination"] = "with destination {0}",
        ["GoodsWhy.Link.Port"] = "with a port in {0} on the route",
        ["GoodsWhy.Link.Party"] = "with a party in {0}",
        ["GoodsWhy.Circumvention"] = "{0}; routed via {1} {2}: a known circumvention route.",
        ["GoodsWhy.OriginateIn"] = "{0}; the goods originate in {1}.",
        ["GoodsWhy.GoTo"] = "{0}; the goods go to {1}.",
    });
}
