using System.Runtime.InteropServices;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Resolution;

/// <summary>How eagerly to link. The defaults are the ones measured in docs/BENCHMARKS.md.</summary>
public sealed record ResolutionOptions
{
    /// <summary>Pairs scoring at least this (sum of log2(m/u)) are links.</summary>
    public double LinkThreshold { get; init; } = 16;

    /// <summary>A link this strong merges two clusters on its own; weaker ones need support (see <see cref="MinLinkDensity"/>).</summary>
    public double StrongLink { get; init; } = 26;

    /// <summary>Two clusters of two or more joined by weak links only merge when this share of their member pairs is linked: no cluster grows through one weak link.</summary>
    public double MinLinkDensity { get; init; } = 0.3;

    /// <summary>Blocks larger than this are not compared pairwise (a business centre with dozens of tenants says nothing by itself, and its pairs would swamp the EM estimate).</summary>
    public int MaxBlock { get; init; } = 50;

    public int RandomPairs { get; init; } = 200_000;

    public int Seed { get; init; } = 17;
}

/// <summary>A decision an analyst took, kept when the model reruns: these two parties are (not) one entity.</summary>
public sealed record ResolutionConstraint(Guid A, Guid B, bool SameEntity);

/// <summary>One scored link between two parties, with the weight of each field.</summary>
public sealed record PartyLink(int A, int B, double Score, IReadOnlyList<LinkEvidence> Evidence);

/// <summary>"same phone +31101234567" with weight 17.2: one line of a link's explanation; <c>Phrase</c> is the same line for a page in the reader's language.</summary>
public sealed record LinkEvidence(string Field, string Text, double Weight, Phrase? Phrase = null)
{
    public override string ToString() => $"{Text} (w {Weight:+0.0;-0.0})";
}

/// <summary>
/// Entity resolution of a set of party records: blocking keys so that only parties sharing a
/// postcode and house number, phone, e-mail, domain, EORI, IBAN or a name key are compared;
/// Fellegi–Sunter weights estimated from these very records by EM; links above a threshold clustered
/// strongest first with a cap on chaining; analysts' constraints applied first and never overruled.
/// Pure: records in, clusters and explained links out.
/// </summary>
public sealed class EntityResolver(ResolutionOptions options)
{
    public EntityResolution Resolve(IReadOnlyList<PartyInput> parties, IReadOnlyList<ResolutionConstraint>? constraints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var profiles = new PartyProfile[parties.Count];
        Parallel.For(0, parties.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => profiles[i] = PartyProfile.Of(parties[i]));
        var blocks = Blocks(profiles, out var keysOf, out var skippedBlocks);

        var candidateCounts = new Dictionary<int, long>();
        var pairs = 0L;
        ForEachPair(profiles, blocks, keysOf, cancellationToken, () => new Dictionary<int, long>(), (local, _, _, pattern) =>
        {
            CollectionsMarshal.GetValueRefOrAddDefault(local, pattern, out _)++;
        }, local =>
        {
            lock (candidateCounts)
            {
                foreach (var (pattern, count) in local)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(candidateCounts, pattern, out _) += count;
                    pairs += count;
                }
            }
        });

        var model = MatchModel.Estimate(candidateCounts, RandomCounts(profiles));
        var scores = new double[1 << (3 * Comparison.Fields)];
        foreach (var pattern in candidateCounts.Keys)
        {
            scores[pattern] = model.Score(pattern);
        }

        var links = new List<(int A, int B, double Score, int Pattern)>();
        ForEachPair(profiles, blocks, keysOf, cancellationToken, () => new List<(int, int, double, int)>(), (local, a, b, pattern) =>
        {
            if (scores[pattern] >= options.LinkThreshold)
            {
                local.Add((a, b, scores[pattern], pattern));
            }
        }, local =>
        {
            lock (links)
            {
                links.AddRange(local);
            }
        });

        // Strongest first, ties in a fixed order, so a run is reproducible whatever the threads did.
        links.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var index = new Dictionary<Guid, int>(parties.Count);
        for (var i = 0; i < parties.Count; i++)
        {
            index.TryAdd(parties[i].Id, i);
        }

        var clusters = new Clustering(parties.Count, options);
        var kept = clusters.Run(links, constraints ?? [], index);
        var explained = kept.Select(l => new PartyLink(l.A, l.B, l.Score, Explain(model, l.Pattern, profiles[l.A], profiles[l.B]))).ToList();
        return new EntityResolution(parties, clusters.Entities(), explained, model, pairs, skippedBlocks);
    }

    public static IReadOnlyList<LinkEvidence> Explain(MatchModel model, int pattern, PartyProfile a, PartyProfile b)
    {
        ArgumentNullException.ThrowIfNull(model);
        var evidence = new List<LinkEvidence>();
        for (var f = 0; f < Comparison.Fields; f++)
        {
            var level = Comparison.Level(pattern, f);
            if (level != 0)
            {
                var said = Comparison.Say(f, level, a, b);
                evidence.Add(new LinkEvidence(Comparison.FieldNames[f], LinkPhrases.Catalogue.Say(said), Math.Round(model.Weight(f, level), 1), said));
            }
        }

        return [.. evidence.OrderByDescending(e => Math.Abs(e.Weight))];
    }

    /// <summary>The blocking keys of one party, hashed: cheap to sort and group for a million records.</summary>
    public static IEnumerable<string> Keys(PartyProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Postcode is not null && p.HouseNumber is not null)
        {
            yield return "P" + p.Postcode + "|" + p.HouseNumber;
        }

        if (p.PhoneTail is not null || p.PhoneE164 is not null)
        {
            yield return "T" + (p.PhoneTail ?? p.PhoneE164);
        }

        if (p.MailUser is not null)
        {
            yield return "U" + p.MailUser;
        }

        if (p.Email is not null)
        {
            yield return "E" + p.Email;
        }

        if (p.Domain is not null)
        {
            yield return "D" + p.Domain;
        }

        if (p.Eori is not null)
        {
            yield return "O" + p.Eori;
        }

        foreach (var iban in p.Ibans)
        {
            yield return "I" + iban;
        }

        // The longest name word with its letters sorted survives case, legal forms and a swapped pair of letters.
        var longest = p.Name.Split(' ').MaxBy(w => w.Length);
        if (longest is { Length: >= 4 })
        {
            var letters = longest.ToCharArray();
            Array.Sort(letters);
            yield return "N" + new string(letters);
        }
    }

    private Block[] Blocks(PartyProfile[] profiles, out ulong[][] keysOf, out int skipped)
    {
        keysOf = new ulong[profiles.Length][];
        var entries = new List<(ulong Key, int Party)>(profiles.Length * 4);
        for (var i = 0; i < profiles.Length; i++)
        {
            var keys = Keys(profiles[i]).Select(Hash).Distinct().ToArray();
            Array.Sort(keys);
            keysOf[i] = keys;
            foreach (var key in keys)
            {
                entries.Add((key, i));
            }
        }

        entries.Sort();
        var blocks = new List<Block>();
        var members = entries.Select(e => e.Party).ToArray();
        var skippedKeys = new HashSet<ulong>();
        skipped = 0;
        for (var start = 0; start < entries.Count;)
        {
            var end = start + 1;
            while (end < entries.Count && entries[end].Key == entries[start].Key)
            {
                end++;
            }

            var size = end - start;
            if (size > options.MaxBlock)
            {
                skipped++;
                skippedKeys.Add(entries[start].Key);
            }
            else if (size > 1)
            {
                blocks.Add(new Block(entries[start].Key, new ArraySegment<int>(members, start, size)));
            }

            start = end;
        }

        // A skipped block's key is no shared key: otherwise a pair whose smallest shared key is a
        // common name word ("INDUSTRIES") would never be compared in the block of its postcode.
        if (skippedKeys.Count > 0)
        {
            for (var i = 0; i < keysOf.Length; i++)
            {
                if (Array.Exists(keysOf[i], skippedKeys.Contains))
                {
                    keysOf[i] = Array.FindAll(keysOf[i], k => !skippedKeys.Contains(k));
                }
            }
        }

        return [.. blocks];
    }

    private static void ForEachPair<T>(PartyProfile[] profiles, Block[] blocks, ulong[][] keysOf, CancellationToken cancellationToken, Func<T> init, Action<T, int, int, int> visit, Action<T> done)
    {
        Parallel.For(0, blocks.Length, new ParallelOptions { CancellationToken = cancellationToken }, init, (b, _, local) =>
        {
            var block = blocks[b];
            var members = block.Members;
            for (var x = 0; x < members.Count; x++)
            {
                for (var y = x + 1; y < members.Count; y++)
                {
                    var (i, j) = members[x] < members[y] ? (members[x], members[y]) : (members[y], members[x]);

                    // A pair in several blocks is compared in the block of its smallest shared key only.
                    if (SmallestSharedKey(keysOf[i], keysOf[j]) != block.Key)
                    {
                        continue;
                    }

                    visit(local, i, j, Comparison.Compare(profiles[i], profiles[j]));
                }
            }

            return local;
        }, done);
    }

    // FNV-1a over the key's characters; never 0, which marks "no shared key".
    private static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash == 0 ? 1 : hash;
    }

    private static ulong SmallestSharedKey(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return a[i];
            }

            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 0;
    }

    private Dictionary<int, long> RandomCounts(PartyProfile[] profiles)
    {
        var counts = new Dictionary<int, long>();
        if (profiles.Length < 2)
        {
            return counts;
        }

        var random = new Random(options.Seed);
        for (var n = 0; n < options.RandomPairs; n++)
        {
            var i = random.Next(profiles.Length);
            var j = random.Next(profiles.Length - 1);
            j = j >= i ? j + 1 : j;
            CollectionsMarshal.GetValueRefOrAddDefault(counts, Comparison.Compare(profiles[i], profiles[j]), out _)++;
        }

        return counts;
    }

    private readonly record struct Block(ulong Key, ArraySegment<int> Members);
}

/// <summary>The outcome: an entity number per party (index as given), the links kept, the model and what blocking did.</summary>
public sealed record EntityResolution(
    IReadOnlyList<PartyInput> Parties,
    int[] EntityOf,
    IReadOnlyList<PartyLink> Links,
    MatchModel Model,
    long ComparedPairs,
    int SkippedBlocks);
