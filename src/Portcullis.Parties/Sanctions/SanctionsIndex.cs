using Portcullis.Parties.Names;

namespace Portcullis.Parties.Sanctions;

/// <summary>
/// Blocking for screening: an inverted index from canonical tokens and phonetic keys to the entries' names and
/// aliases, and from identifiers to entries. A party is compared only with the few names that share the rarest
/// tokens or sounds with it (IDF-weighted), never with the whole list. A hand-made index rather than Lucene.Net:
/// the keys are our own (canonical variant spellings, phonetic keys, identifiers), the lists fit in memory
/// (50,000 entries), and a per-thread accumulator keeps one party's look-up at a few microseconds without
/// allocations, where Lucene would add an analyzer chain and a query parser per party.
/// </summary>
internal sealed class SanctionsIndex
{
    private const double KeyWeight = 0.6;

    private readonly Dictionary<string, int[]> byToken;
    private readonly Dictionary<string, int[]> byKey;
    private readonly Dictionary<(string Kind, string Value), int[]> byIdentifier;
    private readonly ThreadLocal<Accumulator> accumulators;

    public SanctionsIndex(IEnumerable<SanctionsEntry> entries)
    {
        Entries = entries.ToArray();
        var names = new List<(int Entry, NameForm Form, bool Alias)>();
        var tokens = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var ids = new Dictionary<(string, string), List<int>>();
        for (var e = 0; e < Entries.Length; e++)
        {
            var entry = Entries[e];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in entry.Aliases.Prepend(entry.Name))
            {
                var form = NameForm.Of(name);
                if (form.IsEmpty || !seen.Add(string.Join(' ', form.Tokens)))
                {
                    continue;
                }

                var id = names.Count;
                names.Add((e, form, names.Count > 0 && names[^1].Entry == e));
                foreach (var token in form.Tokens.Distinct())
                {
                    Post(tokens, token, id);
                }

                foreach (var key in form.Keys.Distinct())
                {
                    Post(keys, key, id);
                }
            }

            foreach (var identifier in entry.Identifiers)
            {
                Post(ids, (identifier.Kind, Identifiers.Normalise(identifier.Kind, identifier.Value)), e);
            }
        }

        Names = [.. names];
        byToken = tokens.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        byKey = keys.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        byIdentifier = ids.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray());
        accumulators = new ThreadLocal<Accumulator>(() => new Accumulator(Names.Length));
    }

    public SanctionsEntry[] Entries { get; }

    public (int Entry, NameForm Form, bool Alias)[] Names { get; }

    /// <summary>The entries holding this identifier (kind and normalised value).</summary>
    public IReadOnlyList<int> EntriesWith(string kind, string normalisedValue) =>
        byIdentifier.TryGetValue((kind, normalisedValue), out var list) ? list : [];

    public bool HasIdentifier(string kind, string normalisedValue) => byIdentifier.ContainsKey((kind, normalisedValue));

    /// <summary>
    /// Up to <paramref name="limit"/> name ids that share tokens or phonetic keys with the query, best first by
    /// IDF weight, keeping only those with at least <paramref name="minShare"/> of the query's weight.
    /// </summary>
    public List<int> Candidates(NameForm query, int limit, double minShare)
    {
        var accumulator = accumulators.Value!;
        var total = 0.0;
        var n = (double)Names.Length + 1;
        for (var t = 0; t < query.Tokens.Length; t++)
        {
            // A token appearing twice in the query counts once.
            if (Array.IndexOf(query.Tokens, query.Tokens[t]) < t)
            {
                continue;
            }

            var tokenPostings = byToken.GetValueOrDefault(query.Tokens[t]);
            var keyPostings = byKey.GetValueOrDefault(query.Keys[t]);
            var idf = Math.Max(0.05, Math.Log(n / (1 + Math.Max(tokenPostings?.Length ?? 0, 1))));
            total += idf;
            // A token in more than one name in twenty (TRADING, MOHAMMED) adds little and costs the most: it counts
            // in the total but is not walked, unless it is all the query has.
            if (tokenPostings is not null && (tokenPostings.Length < (Names.Length / 20) + 64 || query.Tokens.Length == 1))
            {
                accumulator.Add(tokenPostings, idf);
            }

            if (keyPostings is not null && keyPostings.Length < (Names.Length / 20) + 64)
            {
                accumulator.Add(keyPostings, KeyWeight * Math.Max(0.05, Math.Log(n / (1 + keyPostings.Length))));
            }
        }

        return accumulator.Drain(limit, total * minShare);
    }

    private static void Post<TKey>(Dictionary<TKey, List<int>> index, TKey key, int id)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(id);
    }

    /// <summary>Per-thread scores over all names; only the touched slots are read back and reset.</summary>
    private sealed class Accumulator(int size)
    {
        private readonly double[] scores = new double[size];
        private readonly List<int> touched = [];

        public void Add(int[] postings, double weight)
        {
            foreach (var id in postings)
            {
                if (scores[id] == 0)
                {
                    touched.Add(id);
                }

                scores[id] += weight;
            }
        }

        public List<int> Drain(int limit, double minimum)
        {
            var best = new List<int>(Math.Min(limit, touched.Count));
            foreach (var id in touched)
            {
                if (scores[id] >= minimum)
                {
                    best.Add(id);
                }
            }

            if (best.Count > limit)
            {
                best.Sort((a, b) => scores[b].CompareTo(scores[a]));
                best.RemoveRange(limit, best.Count - limit);
            }

            foreach (var id in touched)
            {
                scores[id] = 0;
            }

            touched.Clear();
            return best;
        }
    }
}
