using System.Collections.Frozen;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Risk;

/// <summary>
/// Every sentence the model's explanations are made of, as a key and its English format. The web UI's
/// <c>Components/Text.resx</c> repeats each English format under the same key and <c>Text.nl.resx</c>
/// translates it (a test holds the three together), so a Dutch page reads "geadresseerde X voor het eerst
/// gezien 4 dagen eerder" where the API answers "consignee X first seen 4 days earlier". Kept here rather
/// than read from the resources because this library knows nothing of the web UI and must still write
/// its English text for the API and the command line.
/// </summary>
public static class ReasonPhrases
{
    public static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["Why.NoParty"] = "no {0} given",
        ["Why.PartyNew"] = "{0} {1} is new (first seen today)",
        ["Why.PartyAge"] = "{0} {1} first seen {2:0} days earlier",
        ["Why.NotGiven"] = "{0} not given",
        ["Why.Category"] = "{0} {1}",
        ["Why.RareCategory"] = "{0} {1} (a rare value)",
        ["Why.GrossKg"] = "gross mass {0:#,0.#} kg",
        ["Why.Value"] = "declared value EUR {0:#,0}",
        ["Why.Packages"] = "{0:0} packages",
        ["Why.ValuePerKg"] = "declared value EUR {0:#,0.##} per kg",
        ["Why.ValuePerKgUnknown"] = "value per kg unknown (no mass or no value)",
        ["Why.Booking"] = "booked {0:0} h before departure",
        ["Why.BookingUnknown"] = "booking to departure time unknown",
        ["Why.GoodsLines"] = "{0:0} goods lines",
        ["Why.NoTransshipment"] = "no transshipment",
        ["Why.Transshipments"] = "{0:0} transshipments ({1})",
        ["Why.Reefer"] = "reefer container",
        ["Why.NotReefer"] = "not a reefer",
        ["Why.SealChanged"] = "a seal other than the declared one was seen",
        ["Why.SealsAsDeclared"] = "seals as declared",
        ["Why.RouteChanged"] = "route changed after loading",
        ["Why.RouteUnchanged"] = "route unchanged after loading",
        ["Why.ValueVsNorm"] = "value per kg {0:0.##}× the norm for HS {1}",
        ["Why.NoNorm"] = "no price norm yet for HS {0}",
        ["Why.Numeric"] = "{0} {1:#,0.##}",
        ["Why.HistoryNone"] = "{0}: no earlier inspections (smoothed hit rate {1:0.###}, the global rate), {2:#,0} earlier declarations",
        ["Why.History"] = "{0}: {1:0} hits in {2:#,0} earlier inspections (smoothed hit rate {3:0.###}), {4:#,0} earlier declarations",
        ["Why.Pair"] = "{0} × {1}",
        ["Why.Hs"] = "HS {0}",
        ["Why.Origin"] = "origin {0}",
        ["Why.Loading"] = "port of loading {0}",
        ["Why.ExtraNotGiven"] = "{0} (not given)",
        ["Why.None"] = "(none)",
        ["Why.Label.origin"] = "origin",
        ["Why.Label.loading"] = "port of loading",
        ["Why.Label.hs2"] = "HS chapter",
        ["Why.Role.consignor"] = "consignor",
        ["Why.Role.consignee"] = "consignee",
        ["Why.Role.notify"] = "notify party",
        ["Why.Role.forwarder"] = "forwarder",
        ["Why.Role.declarant"] = "declarant",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly PhraseCatalogue Catalogue = new(English);
}
