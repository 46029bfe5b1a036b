using System.Globalization;
using F23.StringSimilarity;
using Portcullis.Domain.Phrasing;
using Portcullis.Parties.Names;

namespace Portcullis.Parties.Sanctions;

/// <summary>
/// Screens parties against list entries: candidates from the token/phonetic index (and every entry sharing an
/// identifier), then a score per entry in [0, 1]: the name similarity (Jaro–Winkler per token on transliterated,
/// folded, variant-normalised tokens without legal forms, aligned as bags so order does not matter) adjusted by
/// identifiers (same INN/OGRN/IMO/LEI/VAT/EORI/passport → at least 0.9; a different number of the same kind →
/// −0.15), country (+0.02 / −0.03), birth year for persons (+0.03 / −0.10) and kind (a person against an
/// organisation −0.05). The explanation lists each part.
/// </summary>
public sealed class SanctionsMatcher : ISanctionsScreener
{
    /// <summary>The threshold chosen on the evaluation set (docs/PARTIES.md): precision ≥ 0.95 with the best recall.</summary>
    public const double DefaultThreshold = 0.88;

    private const int CandidateLimit = 24;
    private const double MinShare = 0.2;

    // Below this a token pair is more likely two different words with a shared ending (-ENKO, -OV) than a misspelling.
    private const double WeakToken = 0.85;

    private static readonly HashSet<string> StrongKinds = new(StringComparer.Ordinal)
    {
        Identifiers.Inn, Identifiers.Ogrn, Identifiers.Imo, Identifiers.Lei, Identifiers.Vat, Identifiers.Eori, Identifiers.Passport,
    };

    private static readonly JaroWinkler Jw = new();
    private readonly SanctionsIndex index;

    public SanctionsMatcher(IEnumerable<SanctionsEntry> entries) => index = new SanctionsIndex(entries);

    internal SanctionsMatcher(SanctionsIndex index) => this.index = index;

    public IReadOnlyList<ScreeningHit> Screen(ScreenedParty party, double threshold, int max = 5)
    {
        var query = NameForm.Of(party.Name);
        List<(string Kind, string Value)> partyIds = [];
        foreach (var identifier in party.Identifiers)
        {
            var value = Identifiers.Normalise(identifier.Kind, identifier.Value);
            if (value.Length > 0 && !partyIds.Contains((identifier.Kind, value)))
            {
                partyIds.Add((identifier.Kind, value));
            }
        }

        // Best name per entry among the candidates (a short list: a linear search beats a dictionary here).
        var best = new List<(int Entry, double Score, int Name)>(CandidateLimit);
        if (!query.IsEmpty)
        {
            foreach (var nameId in index.Candidates(query, CandidateLimit, MinShare))
            {
                var (entry, form, _) = index.Names[nameId];
                var score = NameSimilarity(query, form);
                var at = best.FindIndex(b => b.Entry == entry);
                if (at < 0)
                {
                    best.Add((entry, score, nameId));
                }
                else if (score > best[at].Score)
                {
                    best[at] = (entry, score, nameId);
                }
            }
        }

        foreach (var (kind, value) in partyIds)
        {
            foreach (var entry in index.EntriesWith(kind, value))
            {
                if (best.FindIndex(b => b.Entry == entry) < 0)
                {
                    var (score, name) = BestName(query, entry);
                    best.Add((entry, score, name));
                }
            }
        }

        var hits = new List<ScreeningHit>();
        foreach (var (entryIndex, nameScore, nameId) in best)
        {
            // Scored without words first; the explanation is written only for a hit.
            var entry = index.Entries[entryIndex];
            if (nameScore + 0.05 >= threshold || partyIds.Count > 0)
            {
                var hit = Score(party, partyIds, query, entry, nameScore, nameId, explain: false);
                if (hit.Score >= threshold)
                {
                    hits.Add(Score(party, partyIds, query, entry, nameScore, nameId, explain: true));
                }
            }
        }

        hits.Sort((a, b) => b.Score.CompareTo(a.Score));
        return hits.Count > max ? hits[..max] : hits;
    }

    /// <summary>
    /// Name similarity in [0, 1]: each token of one name takes its best Jaro–Winkler partner in the other (weak
    /// partners below 0.85 count half), both directions averaged with more weight on the shorter name, so a missing
    /// patronymic costs little and an extra word more; a lone token against a longer name is capped below a hit.
    /// </summary>
    internal static double NameSimilarity(NameForm a, NameForm b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        // Every token pair once; rows give a's coverage of b, columns b's coverage of a.
        var rows = a.Tokens.Length;
        var columns = b.Tokens.Length;
        Span<double> pairs = stackalloc double[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var similarity = TokenSimilarity(a.Tokens[i], b.Tokens[j]);

                // A surname is not a patronymic (PETROV and PETROVICH): only patronymics (weight below 1) pair fully.
                pairs[(i * columns) + j] = (a.Weights[i] < 1) == (b.Weights[j] < 1) ? similarity : Math.Min(similarity, 0.75);
            }
        }

        double sumA = 0, weightA = 0, sumB = 0, weightB = 0;
        for (var i = 0; i < rows; i++)
        {
            var best = 0.0;
            for (var j = 0; j < columns; j++)
            {
                best = Math.Max(best, pairs[(i * columns) + j]);
            }

            sumA += a.Weights[i] * Weak(best);
            weightA += a.Weights[i];
        }

        for (var j = 0; j < columns; j++)
        {
            var best = 0.0;
            for (var i = 0; i < rows; i++)
            {
                best = Math.Max(best, pairs[(i * columns) + j]);
            }

            sumB += b.Weights[j] * Weak(best);
            weightB += b.Weights[j];
        }

        var (coverShorter, coverLonger) = rows <= columns ? (sumA / weightA, sumB / weightB) : (sumB / weightB, sumA / weightA);
        var score = (0.65 * coverShorter) + (0.35 * coverLonger);
        if (Math.Min(rows, columns) == 1 && Math.Max(rows, columns) > 1)
        {
            score *= 0.9;
        }

        // Names split differently ("ALQAIDA" against "AL QAIDA"): same letters, other spaces. Only for about equal
        // lengths, or a short name would score on the prefix of a longer one.
        if (rows != columns && Math.Abs(a.Joined.Length - b.Joined.Length) <= 2)
        {
            score = Math.Max(score, 0.97 * Jw.Similarity(a.Joined, b.Joined));
        }

        return score;
    }

    private static double Weak(double similarity) => similarity < WeakToken ? similarity * 0.5 : similarity;

    private static double TokenSimilarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        // An initial against the full word ("V" and "VLADIMIR").
        if (a.Length == 1 || b.Length == 1)
        {
            return a[0] == b[0] ? 0.9 : 0;
        }

        // Numbers must be equal ("NO 1" and "NO 2" are different companies).
        if (char.IsAsciiDigit(a[0]) || char.IsAsciiDigit(b[0]))
        {
            return 0;
        }

        // An upper bound on Jaro from the letters the two tokens share: matching characters must be equal, so
        // there are at most that many. F23 adds the Winkler prefix bonus only above 0.7, so below it the bound
        // bounds Jaro–Winkler too and stands in for it: most token pairs are unrelated, and this spares the
        // library call (and its allocations) for them.
        var bound = JaroBound(a, b);
        return bound < 0.7 ? bound : Jw.Similarity(a, b);
    }

    private static double JaroBound(string a, string b)
    {
        Span<int> counts = stackalloc int[36];
        foreach (var c in a)
        {
            counts[Slot(c)]++;
        }

        var shared = 0;
        foreach (var c in b)
        {
            if (counts[Slot(c)]-- > 0)
            {
                shared++;
            }
        }

        return shared == 0 ? 0 : ((double)shared / a.Length + (double)shared / b.Length + 1) / 3;
    }

    private static int Slot(char c) => c is >= 'A' and <= 'Z' ? c - 'A' : c is >= '0' and <= '9' ? 26 + (c - '0') : 35;

    private (double Score, int Name) BestName(NameForm query, int entry)
    {
        var best = (Score: 0.0, Name: -1);
        for (var id = 0; id < index.Names.Length; id++)
        {
            if (index.Names[id].Entry == entry)
            {
                var score = NameSimilarity(query, index.Names[id].Form);
                if (best.Name < 0 || score > best.Score)
                {
                    best = (score, id);
                }
            }
        }

        return best;
    }

    private ScreeningHit Score(ScreenedParty party, List<(string Kind, string Value)> partyIds, NameForm query, SanctionsEntry entry, double nameScore, int nameId, bool explain)
    {
        // The bonuses and penalties other than the name add at most 0.05 (country and birth year).
        // The pieces of the explanation, only for hits (explain): screening every party must stay cheap.
        var text = explain ? new List<Phrase> { Phrase.Of("SanctionsWhy.Name", nameScore) } : null;
        if (explain && nameId >= 0)
        {
            var (_, form, alias) = index.Names[nameId];
            if (query.Transliterated || form.Transliterated)
            {
                text!.Add(Phrase.Of("SanctionsWhy.Transliterated"));
            }

            var forms = query.LegalForms.Concat(form.LegalForms).Distinct().ToList();
            if (forms.Count > 0)
            {
                text!.Add(Phrase.Of("SanctionsWhy.LegalForm", string.Join(", ", forms)));
            }

            if (alias)
            {
                text!.Add(Phrase.Of("SanctionsWhy.Alias", Shorten(form.Original)));
            }
        }

        var score = nameScore;
        var entryIds = partyIds.Count == 0 ? [] : entry.Identifiers.Select(i => (i.Kind, Value: Identifiers.Normalise(i.Kind, i.Value))).ToList();
        var same = partyIds.Where(p => StrongKinds.Contains(p.Kind) && entryIds.Contains(p)).ToList();
        if (same.Count > 0)
        {
            score = Math.Max(score, 0.9 + 0.1 * score);
            foreach (var (kind, value) in same)
            {
                text?.Add(Phrase.Of("SanctionsWhy.SameId", kind, value));
            }
        }
        else
        {
            var differing = partyIds.Where(p => StrongKinds.Contains(p.Kind) && entryIds.Any(e => e.Kind == p.Kind)).Select(p => p.Kind).Distinct().ToList();
            foreach (var kind in differing)
            {
                // Two numbers of one kind are two legal entities: "Romashka" is the commonest Russian company name.
                score -= 0.15;
                text?.Add(Phrase.Of("SanctionsWhy.DifferentId", kind));
            }
        }

        var country = party.Country?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(country) && entry.Countries.Count > 0)
        {
            if (entry.Countries.Contains(country, StringComparer.Ordinal))
            {
                score += 0.02;
                text?.Add(Phrase.Of("SanctionsWhy.Country", country));
            }
            else
            {
                score -= 0.03;
                text?.Add(Phrase.Of("SanctionsWhy.CountryButList", country, string.Join("/", entry.Countries.Take(3))));
            }
        }

        if (entry.Kind == ListSubjectKind.Person && Year(party.BirthDate) is { } born)
        {
            var listed = entry.BirthDates.Select(Year).Where(y => y is not null).ToList();
            if (listed.Contains(born))
            {
                score += 0.03;
                text?.Add(Phrase.Of("SanctionsWhy.Born", born.ToString(CultureInfo.InvariantCulture)));
            }
            else if (listed.Count > 0)
            {
                score -= 0.10;
                text?.Add(Phrase.Of("SanctionsWhy.BornButList", born.ToString(CultureInfo.InvariantCulture), listed[0]!.Value.ToString(CultureInfo.InvariantCulture)));
            }
        }

        if (party.IsPerson && entry.Kind is ListSubjectKind.Organisation or ListSubjectKind.Vessel)
        {
            score -= 0.05;
            text?.Add(Phrase.Of("SanctionsWhy.PersonVsOrganisation"));
        }

        var rounded = Math.Clamp(Math.Round(score, 4), 0, 1);
        return text is null ? new ScreeningHit(entry, rounded, "") : ScreeningHit.Said(entry, rounded, text);
    }

    private static int? Year(string? date)
    {
        if (string.IsNullOrEmpty(date))
        {
            return null;
        }

        for (var i = 0; i + 4 <= date.Length; i++)
        {
            if (char.IsAsciiDigit(date[i]) && char.IsAsciiDigit(date[i + 1]) && char.IsAsciiDigit(date[i + 2]) && char.IsAsciiDigit(date[i + 3])
                && (i + 4 == date.Length || !char.IsAsciiDigit(date[i + 4])) && (i == 0 || !char.IsAsciiDigit(date[i - 1])))
            {
                return int.Parse(date.AsSpan(i, 4), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;
}
