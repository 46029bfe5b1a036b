using Portcullis.Domain.Cargo;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Networks;

/// <summary>
/// The network features of many cases, the days in order: the network grows one day at a time (each
/// day's party records and consignments added once), outcomes and watch listings join on the day after
/// they became known, and all cases of a day read one state. Per day it keeps three small indexes over
/// the links known before the day, so a case never walks its two-hop neighbourhood:
/// the entities with a hit, the entities one link from a hit (with that link), and for every entity
/// the young companies one link away. A case then looks only at its own links (one hop) and those
/// indexes (the second hop). The answers are those of <see cref="NetworkHistory.FeaturesOf"/> asked
/// case by case, the explanations included; a test holds the two together.
/// </summary>
public sealed class NetworkTimeline
{
    private readonly EntityNetwork network;
    private readonly NetworkOptions options;

    // The state as of the current day: outcomes known and watch listings made before it.
    private readonly Dictionary<Guid, NetworkOutcome> hits = [];
    private readonly HashSet<Guid> watched = [];

    // Entity → its edges to entities with a hit (links known before the day).
    private Dictionary<Guid, List<NetworkEdge>> nearHit = [];

    // Entity → the young companies it shares a value with (links known before the day).
    private Dictionary<Guid, List<Guid>> youngNear = [];
    private DateOnly day = DateOnly.MinValue;

    private NetworkTimeline(EntityNetwork network)
    {
        this.network = network;
        options = network.Options;
    }

    /// <summary>
    /// Each consignment's features from its receiving entities (consignee, notify) on its arrival day.
    /// <paramref name="entityOf"/> maps a party to its resolved entity (a party missing from it is its
    /// own entity). Outcomes and watch listings count from the day after they became known.
    /// </summary>
    public static Dictionary<Guid, NetworkFeatures> Compute(
        IEnumerable<Party> parties,
        IReadOnlyList<Consignment> consignments,
        IReadOnlyDictionary<Guid, Guid> entityOf,
        IEnumerable<NetworkOutcome> outcomes,
        IEnumerable<WatchListing> watchList,
        NetworkOptions? options,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(consignments);
        ArgumentNullException.ThrowIfNull(entityOf);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(watchList);
        var partyList = parties.ToList();
        // The timeline only answers the features: links of other kinds are never recorded (a container
        // reused by hundreds of shippers would cost time and tell nothing).
        options ??= new NetworkOptions();
        var timeline = new NetworkTimeline(new EntityNetwork(options with { Kinds = options.FeatureKinds }));
        var network = timeline.network;
        var names = new Dictionary<Guid, string>();
        // Nodes first, as EntityNetwork.From does: a node's name and first day come from its party records.
        foreach (var p in partyList)
        {
            network.AddNode(entityOf.GetValueOrDefault(p.Id, p.Id), p.Name, DateOnly.FromDateTime(p.FirstSeen));
            names[p.Id] = p.Name;
        }

        var partiesByDay = partyList.OrderBy(p => p.FirstSeen).GroupBy(p => DateOnly.FromDateTime(p.FirstSeen)).ToDictionary(g => g.Key, g => g.ToList());
        var consignmentsByDay = consignments.GroupBy(c => DateOnly.FromDateTime(c.ArrivedAt)).ToDictionary(g => g.Key, g => g.ToList());
        var days = partiesByDay.Keys.Union(consignmentsByDay.Keys).Order().ToList();
        var outcomeQueue = new Queue<NetworkOutcome>(outcomes.OrderBy(o => o.KnownOn));
        var watchQueue = new Queue<WatchListing>(watchList.OrderBy(w => w.Since));
        var result = new Dictionary<Guid, NetworkFeatures>(consignments.Count);
        foreach (var d in days)
        {
            ct.ThrowIfCancellationRequested();
            // The day's own sightings go in before its cases: the network hides them from everyone
            // but the case's own parties (EdgesOf), which is what the leakage rule asks.
            foreach (var p in partiesByDay.GetValueOrDefault(d) ?? [])
            {
                network.AddParty(entityOf.GetValueOrDefault(p.Id, p.Id), p);
            }

            var today = consignmentsByDay.GetValueOrDefault(d) ?? [];
            foreach (var c in today)
            {
                network.AddConsignment(c, entityOf, names);
            }

            if (today.Count == 0)
            {
                continue;
            }

            timeline.Advance(d, outcomeQueue, watchQueue);
            var focusOf = today.ToDictionary(c => c.Id, c => EntityNetwork.ReceivingEntities(c, entityOf).Order().ToList());
            // A consignee with many consignments on one day has the same features on all of them.
            var distinct = focusOf.Values.DistinctBy(f => string.Join(',', f)).ToList();
            var features = new NetworkFeatures[distinct.Count];
            Parallel.For(0, distinct.Count, new ParallelOptions { CancellationToken = ct }, i => features[i] = timeline.FeaturesOf(distinct[i]));
            var byFocus = new Dictionary<string, NetworkFeatures>(StringComparer.Ordinal);
            for (var i = 0; i < distinct.Count; i++)
            {
                byFocus[string.Join(',', distinct[i])] = features[i];
            }

            foreach (var c in today)
            {
                result[c.Id] = byFocus[string.Join(',', focusOf[c.Id])];
            }
        }

        return result;
    }

    /// <summary>Moves to <paramref name="next"/>: takes in what became known before it and rebuilds the day's indexes.</summary>
    private void Advance(DateOnly next, Queue<NetworkOutcome> outcomes, Queue<WatchListing> watchList)
    {
        day = next;
        while (outcomes.TryPeek(out var o) && o.KnownOn < day)
        {
            // Sorted by day (stable), so the last one taken is the latest known, as NetworkHistory.OutcomeBefore answers.
            hits[o.Entity] = outcomes.Dequeue();
        }

        while (watchList.TryPeek(out var w) && w.Since < day)
        {
            watched.Add(watchList.Dequeue().Entity);
        }

        nearHit = [];
        foreach (var h in hits.Keys)
        {
            foreach (var e in network.EdgesOf(h, day))
            {
                if (!nearHit.TryGetValue(e.B, out var list))
                {
                    nearHit[e.B] = list = [];
                }

                list.Add(e with { A = e.B, B = e.A });
            }
        }

        youngNear = [];
        foreach (var node in network.Nodes.Values)
        {
            if (!IsYoung(node))
            {
                continue;
            }

            foreach (var e in network.EdgesOf(node.Id, day))
            {
                if (!youngNear.TryGetValue(e.B, out var list))
                {
                    youngNear[e.B] = list = [];
                }

                list.Add(node.Id);
            }
        }
    }

    private bool IsYoung(NetworkNode node) => node.FirstSeen < day && node.FirstSeen >= day.AddDays(-options.YoungDays);

    /// <summary>The features of a case whose receiving entities are <paramref name="focus"/> (sorted), on the current day.</summary>
    private NetworkFeatures FeaturesOf(List<Guid> focus)
    {
        if (focus.Count == 0)
        {
            return NetworkFeatures.None;
        }

        // Hop 1 in the order a breadth-first walk meets it (focus in order, each one's edges by kind, then
        // entity), with the edge it is first reached through: the explanation names that edge.
        var focusSet = focus.ToHashSet();
        var first = new Dictionary<Guid, NetworkEdge>();
        var order = new List<Guid>();
        foreach (var f in focus)
        {
            foreach (var edge in network.EdgesOf(f, day, focus: true).OrderBy(e => e.Kind).ThenBy(e => e.B))
            {
                if (!focusSet.Contains(edge.B) && first.TryAdd(edge.B, edge))
                {
                    order.Add(edge.B);
                }
            }
        }

        int? hops = null;
        Phrase? hopsReason = null;
        var hitSelf = focus.Where(hits.ContainsKey).Order().ToList();
        var hitNear = order.Where(hits.ContainsKey).Order().ToList();
        if (hitSelf.Count > 0)
        {
            hops = 0;
            hopsReason = Reason(hitSelf[0], []);
        }
        else if (options.MaxHops >= 1 && hitNear.Count > 0)
        {
            hops = 1;
            hopsReason = Reason(hitNear[0], [first[hitNear[0]]]);
        }
        else if (options.MaxHops >= 2)
        {
            // Second hop: the target is the lowest id among the hits two links away; the walk reaches it
            // from the first hop-1 entity (in walk order) linked to it, through that entity's strongest kind.
            Guid? target = null;
            foreach (var n in order)
            {
                foreach (var e in nearHit.GetValueOrDefault(n) ?? [])
                {
                    if (!focusSet.Contains(e.B) && !first.ContainsKey(e.B) && (target is null || e.B.CompareTo(target.Value) < 0))
                    {
                        target = e.B;
                    }
                }
            }

            if (target is { } t)
            {
                var lead = order.First(n => nearHit.GetValueOrDefault(n)?.Any(e => e.B == t) == true);
                hops = 2;
                hopsReason = Reason(t, [first[lead], nearHit[lead].Where(e => e.B == t).OrderBy(e => e.Kind).First()]);
            }
        }

        // Young companies within two hops, nearest first and then by id, as the walk would list them.
        var young = new Dictionary<Guid, int>();
        foreach (var n in order)
        {
            if (network.Nodes.TryGetValue(n, out var node) && IsYoung(node))
            {
                young[n] = 1;
            }
        }

        foreach (var n in order)
        {
            foreach (var y in youngNear.GetValueOrDefault(n) ?? [])
            {
                if (!focusSet.Contains(y))
                {
                    young.TryAdd(y, 2);
                }
            }
        }

        var youngNodes = young.OrderBy(y => y.Value).ThenBy(y => y.Key).Select(y => network.Nodes[y.Key]).ToList();
        var youngReason = youngNodes.Count == 0 ? null : NetworkPhrases.Young(youngNodes, options.YoungDays);

        var shared = new List<(NetworkEdge Edge, string Name)>();
        foreach (var f in focus)
        {
            foreach (var edge in network.EdgesOf(f, day, focus: true))
            {
                if (edge.Kind <= LinkKind.Domain && !focusSet.Contains(edge.B) && watched.Contains(edge.B) && shared.All(w => w.Edge.B != edge.B))
                {
                    shared.Add((edge, network.Nodes[edge.B].Name));
                }
            }
        }

        var watchReason = shared.Count == 0 ? null : NetworkPhrases.Watched(shared);
        return NetworkFeatures.Of(hops, youngNodes.Count, shared.Count, hopsReason, youngReason, watchReason);
    }

    private Phrase Reason(Guid target, IReadOnlyList<NetworkEdge> path) =>
        NetworkPhrases.Hit(network.Nodes.TryGetValue(target, out var node) ? node.Name : target.ToString("N")[..8], hits[target], path);
}
