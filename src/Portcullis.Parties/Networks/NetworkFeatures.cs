using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Networks;

/// <summary>
/// The network's risk features of a case on day D, each with its plain-word explanation (null when
/// there is nothing to say). Computed only from links and outcomes known before D.
/// </summary>
/// <param name="HopsToOutcome">Hops to the nearest entity with a hit known before D (0: a party of the case itself); null when none within <see cref="NetworkOptions.MaxHops"/>.</param>
/// <param name="YoungNearby">Companies first seen in the <see cref="NetworkOptions.YoungDays"/> days before D within two hops.</param>
/// <param name="WatchListedContacts">Watch-listed entities sharing an address, phone or e-mail (address or domain) with a party of the case.</param>
/// <param name="HopsReason">"2 hops from X, which had a cocaine hit known on 2026-10-03, via the same phone …"; null without a hit in reach.</param>
/// <param name="YoungReason">The young companies counted, by name; null when none.</param>
/// <param name="WatchReason">The shared contacts and the watch-listed entities; null when none.</param>
/// <param name="HopsPhrase">The hops' explanation as a phrase (<see cref="NetworkPhrases"/>), so a page can say it in the reader's language.</param>
/// <param name="YoungPhrase">The same for the young companies.</param>
/// <param name="WatchPhrase">The same for the watch list.</param>
public sealed record NetworkFeatures(
    int? HopsToOutcome, int YoungNearby, int WatchListedContacts,
    string? HopsReason, string? YoungReason, string? WatchReason,
    Phrase? HopsPhrase = null, Phrase? YoungPhrase = null, Phrase? WatchPhrase = null)
{
    public static NetworkFeatures None { get; } = new(null, 0, 0, null, null, null);

    /// <summary>The features with their explanations as phrases, the English text said from them.</summary>
    public static NetworkFeatures Of(int? hops, int young, int watched, Phrase? hopsPhrase, Phrase? youngPhrase, Phrase? watchPhrase) =>
        new(hops, young, watched, Say(hopsPhrase), Say(youngPhrase), Say(watchPhrase), hopsPhrase, youngPhrase, watchPhrase);

    private static string? Say(Phrase? phrase) => phrase is null ? null : NetworkPhrases.Catalogue.Say(phrase);

    /// <summary>The model's column names (extra numeric features of a risk case); stable, stored with trained models.</summary>
    public const string HopsColumn = "network hops to a positive control", YoungColumn = "network young companies within 2 hops", WatchColumn = "network contacts shared with the watch list";

    /// <summary>The features as extra numeric columns; "no positive control within reach" is one more hop than the search goes.</summary>
    public IReadOnlyDictionary<string, double> Columns(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [HopsColumn] = HopsToOutcome ?? options.MaxHops + 1,
            [YoungColumn] = YoungNearby,
            [WatchColumn] = WatchListedContacts,
        };
    }

    /// <summary>The explanation of each column that has one, for the score's reasons.</summary>
    public IReadOnlyDictionary<string, string> Notes()
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (HopsReason is { } h)
        {
            notes[HopsColumn] = h;
        }

        if (YoungReason is { } y)
        {
            notes[YoungColumn] = y;
        }

        if (WatchReason is { } w)
        {
            notes[WatchColumn] = w;
        }

        return notes;
    }

    /// <summary>The explanations of <see cref="Notes"/> as phrases, where they were made as phrases.</summary>
    public IReadOnlyDictionary<string, Phrase> NotePhrases()
    {
        var phrases = new Dictionary<string, Phrase>(StringComparer.Ordinal);
        foreach (var (column, phrase) in new[] { (HopsColumn, HopsPhrase), (YoungColumn, YoungPhrase), (WatchColumn, WatchPhrase) })
        {
            if (phrase is not null)
            {
                phrases[column] = phrase;
            }
        }

        return phrases;
    }
}

/// <summary>
/// Outcomes and watch-list entries with the day each became known, and the network's features of a case
/// as of a day. The leakage rule: an outcome known on day K, a watch listing made on day K and a link
/// first sighted on day K are all used from day K + 1 on (only the case's own declared values count on
/// its own day). Immutable once built; read from any number of threads.
/// </summary>
public sealed class NetworkHistory
{
    private readonly Dictionary<Guid, NetworkOutcome> firstOutcome = [];
    private readonly Dictionary<Guid, List<NetworkOutcome>> outcomes = [];
    private readonly Dictionary<Guid, WatchListing> watch = [];

    public NetworkHistory(EntityNetwork network, IEnumerable<NetworkOutcome> outcomes, IEnumerable<WatchListing> watchList)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(watchList);
        Network = network ?? throw new ArgumentNullException(nameof(network));
        foreach (var o in outcomes.OrderBy(o => o.KnownOn))
        {
            if (!this.outcomes.TryGetValue(o.Entity, out var list))
            {
                this.outcomes[o.Entity] = list = [];
                firstOutcome[o.Entity] = o;
            }

            list.Add(o);
        }

        foreach (var w in watchList)
        {
            if (!watch.TryGetValue(w.Entity, out var known) || w.Since < known.Since)
            {
                watch[w.Entity] = w;
            }
        }
    }

    public EntityNetwork Network { get; }

    /// <summary>The latest outcome of the entity known before the day, if any.</summary>
    public NetworkOutcome? OutcomeBefore(Guid entity, DateOnly day)
    {
        if (!firstOutcome.TryGetValue(entity, out var first) || first.KnownOn >= day)
        {
            return null;
        }

        return outcomes[entity].LastOrDefault(o => o.KnownOn < day);
    }

    /// <summary>Whether the entity was on the watch list before the day.</summary>
    public bool WatchListedBefore(Guid entity, DateOnly day) => watch.TryGetValue(entity, out var w) && w.Since < day;

    /// <summary>The features of a case whose parties are the <paramref name="focus"/> entities, on <paramref name="day"/>.</summary>
    public NetworkFeatures FeaturesOf(IReadOnlyCollection<Guid> focus, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(focus);
        if (focus.Count == 0)
        {
            return NetworkFeatures.None;
        }

        var options = Network.Options;
        var reached = Network.Explore(focus, day, Math.Max(2, options.MaxHops), options.FeatureKinds);
        int? hops = null;
        Phrase? hopsReason = null;
        // Nearest first; among equals the lowest id, so the explanation does not depend on hashing order.
        foreach (var (id, reach) in reached.OrderBy(r => r.Value.Hops).ThenBy(r => r.Key))
        {
            if (reach.Hops > options.MaxHops || OutcomeBefore(id, day) is not { } outcome)
            {
                continue;
            }

            hops = reach.Hops;
            hopsReason = HopsReason(reached, id, outcome);
            break;
        }

        var young = reached
            .Where(r => r.Value.Hops is > 0 and <= 2 && Network.Nodes.TryGetValue(r.Key, out var n) && n.FirstSeen < day && n.FirstSeen >= day.AddDays(-options.YoungDays))
            .OrderBy(r => r.Value.Hops).ThenBy(r => r.Key)
            .Select(r => Network.Nodes[r.Key])
            .ToList();
        var youngReason = young.Count == 0 ? null : NetworkPhrases.Young(young, options.YoungDays);

        var watched = new List<(NetworkEdge Edge, string Name)>();
        foreach (var f in focus)
        {
            foreach (var edge in Network.EdgesOf(f, day, focus: true, options.FeatureKinds))
            {
                if (edge.Kind <= LinkKind.Domain && !focus.Contains(edge.B) && WatchListedBefore(edge.B, day) && watched.All(w => w.Edge.B != edge.B))
                {
                    watched.Add((edge, Network.Nodes[edge.B].Name));
                }
            }
        }

        var watchReason = watched.Count == 0 ? null : NetworkPhrases.Watched(watched);
        return NetworkFeatures.Of(hops, young.Count, watched.Count, hopsReason, youngReason, watchReason);
    }

    private Phrase HopsReason(Dictionary<Guid, EntityNetwork.Reach> reached, Guid target, NetworkOutcome outcome)
    {
        // Walk back to the case's party: the edges in the order one travels from the case.
        var path = new List<NetworkEdge>();
        for (var at = target; reached[at].Via is { } via; at = via.A)
        {
            path.Add(via);
        }

        path.Reverse();
        return NetworkPhrases.Hit(Network.Nodes.TryGetValue(target, out var node) ? node.Name : target.ToString("N")[..8], outcome, path);
    }
}
