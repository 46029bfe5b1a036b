using Portcullis.Domain.Cargo;

namespace Portcullis.Parties.Networks;

/// <summary>The network features of many consignments at once, each as of its own arrival day.</summary>
public static class CaseNetworks
{
    /// <summary>
    /// Builds the network of all the parties and consignments (sightings keep their days, so later ones
    /// are invisible to earlier cases) and computes each consignment's features from its receiving
    /// entities (consignee, notify) on its arrival day. Outcomes and watch listings count from the day
    /// after they became known.
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
        ArgumentNullException.ThrowIfNull(consignments);
        var history = new NetworkHistory(EntityNetwork.From(parties, consignments, entityOf, options), outcomes, watchList);
        var features = new NetworkFeatures[consignments.Count];
        // A consignee with many consignments on one day has the same features on all of them.
        var memo = new System.Collections.Concurrent.ConcurrentDictionary<(string Focus, DateOnly Day), NetworkFeatures>();
        Parallel.For(0, consignments.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var c = consignments[i];
            var focus = EntityNetwork.ReceivingEntities(c, entityOf).Order().ToList();
            var day = DateOnly.FromDateTime(c.ArrivedAt);
            features[i] = memo.GetOrAdd((string.Join(',', focus), day), _ => history.FeaturesOf(focus, day));
        });
        var result = new Dictionary<Guid, NetworkFeatures>(consignments.Count);
        for (var i = 0; i < consignments.Count; i++)
        {
            result[consignments[i].Id] = features[i];
        }

        return result;
    }
}
