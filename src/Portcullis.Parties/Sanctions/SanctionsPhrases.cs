using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Sanctions;

/// <summary>
/// The pieces a screening hit's explanation is made of ("name 0.94 after transliteration, same inn
/// 7701234567, country RU"), as keys and English formats. An explanation is a list of pieces said one
/// after the other (each piece brings its own leading separator), so a matcher adds only what it found;
/// the English is what the API and the CLI read, the pieces let a page say it in the reader's language.
/// Identifier kinds, countries and years are codes and stay as they are.
/// </summary>
public static class SanctionsPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        ["SanctionsWhy.Name"] = "name {0:0.00}",
        ["SanctionsWhy.Transliterated"] = " after transliteration",
        ["SanctionsWhy.LegalForm"] = " (legal form {0} removed)",
        ["SanctionsWhy.Alias"] = " on alias \"{0}\"",
        ["SanctionsWhy.SameId"] = ", same {0} {1}",
        ["SanctionsWhy.DifferentId"] = ", different {0}",
        ["SanctionsWhy.Country"] = ", country {0}",
        ["SanctionsWhy.CountryButList"] = ", country {0} but list {1}",
        ["SanctionsWhy.Born"] = ", born {0}",
        ["SanctionsWhy.BornButList"] = ", born {0} but list {1}",
        ["SanctionsWhy.PersonVsOrganisation"] = ", a person against an organisation",
        ["SanctionsWhy.EqualAfterFolding"] = "name equal after folding",
        ["SanctionsWhy.JaroWinkler"] = "Jaro-Winkler {0:0.00} on the folded name",
    });

    /// <summary>The English explanation: the pieces said one after the other.</summary>
    public static string Say(IEnumerable<Phrase> pieces) => string.Concat(pieces.Select(Catalogue.Say));
}
