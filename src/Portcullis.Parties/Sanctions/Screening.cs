using System.Globalization;
using System.Text;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Sanctions;

/// <summary>A party as customs knows it, to be screened.</summary>
public sealed record ScreenedParty(string Name, string? Country, IReadOnlyList<ListIdentifier> Identifiers, string? Address = null, string? BirthDate = null, bool IsPerson = false);

/// <summary>
/// A candidate hit: the entry, a score in [0, 1] and why ("name 0.94 after transliteration, same INN, country RU"),
/// in English and, when the matcher explained it, as the pieces of <see cref="SanctionsPhrases"/> it is said from.
/// </summary>
public sealed record ScreeningHit(SanctionsEntry Entry, double Score, string Explanation, IReadOnlyList<Phrase>? ExplanationPhrases = null)
{
    /// <summary>A hit explained by pieces: the English is theirs.</summary>
    public static ScreeningHit Said(SanctionsEntry entry, double score, IReadOnlyList<Phrase> pieces) => new(entry, score, SanctionsPhrases.Say(pieces), pieces);
}

/// <summary>Screens parties against one or more list versions, built once per version.</summary>
public interface ISanctionsScreener
{
    /// <summary>The best hits at or above <paramref name="threshold"/>, best first, at most <paramref name="max"/>.</summary>
    IReadOnlyList<ScreeningHit> Screen(ScreenedParty party, double threshold, int max = 5);
}

/// <summary>
/// The baseline: a hit only when the folded names are equal (case, accents, punctuation, spacing).
/// The real matcher replaces it; this stays as the benchmark's first baseline.
/// </summary>
public sealed class ExactNameScreener : ISanctionsScreener
{
    private readonly Dictionary<string, List<SanctionsEntry>> byName = new(StringComparer.Ordinal);

    public ExactNameScreener(IEnumerable<SanctionsEntry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var name in entry.Aliases.Prepend(entry.Name))
            {
                var key = Fold(name);
                if (!byName.TryGetValue(key, out var list))
                {
                    byName[key] = list = [];
                }

                list.Add(entry);
            }
        }
    }

    public IReadOnlyList<ScreeningHit> Screen(ScreenedParty party, double threshold, int max = 5) =>
        byName.TryGetValue(Fold(party.Name), out var entries)
            ? entries.Distinct().Take(max).Select(e => ScreeningHit.Said(e, 1.0, [Phrase.Of("SanctionsWhy.EqualAfterFolding")])).ToList()
            : [];

    /// <summary>Upper case, accents removed, anything but letters and digits made one space.</summary>
    public static string Fold(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }

        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
