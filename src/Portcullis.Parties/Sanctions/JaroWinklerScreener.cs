using F23.StringSimilarity;
using Portcullis.Domain.Phrasing;
using Portcullis.Parties.Names;

namespace Portcullis.Parties.Sanctions;

/// <summary>
/// The second baseline for the benchmark: Jaro–Winkler alone on the whole folded name (case, accents and
/// punctuation only, as <see cref="ExactNameScreener.Fold"/>), over the same candidate index as the matcher,
/// so the comparison measures the scoring, not the blocking.
/// </summary>
public sealed class JaroWinklerScreener : ISanctionsScreener
{
    private static readonly JaroWinkler Jw = new();
    private readonly SanctionsIndex index;
    private readonly string[] folded;

    public JaroWinklerScreener(IEnumerable<SanctionsEntry> entries)
        : this(new SanctionsIndex(entries))
    {
    }

    internal JaroWinklerScreener(SanctionsIndex index)
    {
        this.index = index;
        folded = index.Names.Select(n => ExactNameScreener.Fold(n.Form.Original)).ToArray();
    }

    public IReadOnlyList<ScreeningHit> Screen(ScreenedParty party, double threshold, int max = 5)
    {
        var query = NameForm.Of(party.Name);
        var name = ExactNameScreener.Fold(party.Name.Length > NameFolding.MaxLength ? party.Name[..NameFolding.MaxLength] : party.Name);
        var best = new Dictionary<int, double>();
        foreach (var id in index.Candidates(query, 24, 0.2))
        {
            var score = Jw.Similarity(name, folded[id]);
            var entry = index.Names[id].Entry;
            if (score >= threshold && score > best.GetValueOrDefault(entry))
            {
                best[entry] = score;
            }
        }

        return best.OrderByDescending(b => b.Value).Take(max)
            .Select(b => ScreeningHit.Said(index.Entries[b.Key], b.Value, [Phrase.Of("SanctionsWhy.JaroWinkler", b.Value)]))
            .ToList();
    }
}
