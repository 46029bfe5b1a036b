using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Resolution;

/// <summary>
/// What a link between two party records shares, field by field ("same phone +31101234567"), as keys
/// and English formats: one key per field and agreement level of <see cref="Comparison"/>
/// (<c>LinkWhy.{field}.{level}</c>), and the analyst's merge. The English is the stored evidence the API
/// reads; the phrase lets the party page say it in the reader's language. Names, numbers and codes
/// compared are text.
/// </summary>
public static class LinkPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        ["LinkWhy.name.1"] = "names equal",
        ["LinkWhy.name.2"] = "names close ({0:0.00}: '{1}' / '{2}')",
        ["LinkWhy.name.3"] = "names similar ({0:0.00}: '{1}' / '{2}')",
        ["LinkWhy.name.4"] = "names differ ('{0}' / '{1}')",
        ["LinkWhy.address.1"] = "same address {0} {1}",
        ["LinkWhy.address.2"] = "same postcode and house number {0} {1}",
        ["LinkWhy.address.3"] = "same street and number {0} {1}",
        ["LinkWhy.address.4"] = "addresses differ",
        ["LinkWhy.phone.1"] = "same phone {0}",
        ["LinkWhy.phone.2"] = "phones differ",
        ["LinkWhy.e-mail.1"] = "same e-mail {0}",
        ["LinkWhy.e-mail.2"] = "same mail domain {0}",
        ["LinkWhy.e-mail.3"] = "e-mail differs",
        ["LinkWhy.e-mail.4"] = "same free-mail mailbox name {0} ({1} / {2})",
        ["LinkWhy.EORI.1"] = "same EORI {0}",
        ["LinkWhy.EORI.2"] = "EORIs differ",
        ["LinkWhy.IBAN.1"] = "same IBAN {0}",
        ["LinkWhy.country.1"] = "same country {0}",
        ["LinkWhy.country.2"] = "countries differ ({0} / {1})",
        ["LinkWhy.Analyst"] = "merged by an analyst",
        ["LinkWhy.AnalystMerge"] = "merged by {0} on {1}: {2}",
    });
}
