using Portcullis.Domain.Cargo;

namespace Portcullis.Parties.Networks;

/// <summary>The network features of many consignments at once, each as of its own arrival day.</summary>
public static class CaseNetworks
{
    /// <summary>
    /// Computes each consignment's features from its receiving entities (consignee, notify) on its
    /// arrival day, the days in order with the network grown one day at a time (<see cref="NetworkTimeline"/>).
    /// Outcomes and watch listings count from the day after they became known.
    /// </summary>
    public static Dictionary<Guid, NetworkFeatures> Compute(
        IEnumerable<Party> parties,
        IReadOnlyList<Consignment> consignments,
        IReadOnlyDictionary<Guid, Guid> entityOf,
        IEnumerable<NetworkOutcome> outcomes,
        IEnumerable<WatchListing> watchList,
        NetworkOptions? options,
        CancellationToken ct) =>
        NetworkTimeline.Compute(parties, consignments, entityOf, outcomes, watchList, options, ct);
}
