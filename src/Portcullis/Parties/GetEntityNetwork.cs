using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Parties.Networks;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// REST and pages: an entity's neighbourhood in the network (up to two hops), computed from the parties
/// and consignments of the caller's hubs only (need to know: nothing of other hubs' cargo shapes what a
/// person sees). Entities come from <see cref="IPartyEntities"/>; outcomes from the recorded controls.
/// </summary>
public static class GetEntityNetwork
{
    public sealed record NodeView(Guid Id, string Name, int Hops, DateOnly FirstSeen, bool HitKnown, bool WatchListed);

    public sealed record EdgeView(Guid From, Guid To, string Kind, string Value, DateOnly Since);

    /// <summary>
    /// The entities shown and the links among them. <paramref name="Rings"/>: the hops shown, fewer than
    /// asked when a ring was cut to the limit; <paramref name="Reached"/>: the entities within them, more
    /// than the nodes when the last ring was cut.
    /// </summary>
    public sealed record NetworkView(Guid EntityId, DateOnly AsOf, IReadOnlyList<NodeView> Nodes, IReadOnlyList<EdgeView> Edges, int Rings, int Reached);

    /// <summary>The most entities the API answers with unless asked for fewer: a busy importer's two hops are thousands of entities, which nobody reads as a graph and which take seconds to read.</summary>
    public const int MaxLimit = 500;

    /// <summary>Targeting analysts, supervisors and auditors (the risk readers), in any of their hubs.</summary>
    public static bool MayRead(CurrentUser? user) => user is { Role: Roles.TargetingAnalyst or Roles.Supervisor or Roles.Auditor };

    public static async Task<Results<Ok<NetworkView>, ProblemHttpResult>> HandleAsync(
        Guid id, int? hops, int? limit, PortcullisDb db, IPartyEntities entities, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (hops is < 1 or > 2)
        {
            return TypedResults.Problem($"hops must be 1 or 2, not {hops}; leave it out for 2.", statusCode: StatusCodes.Status400BadRequest, title: "Bad hops.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.Problem($"limit must be 1 to {MaxLimit} entities, not {limit}; leave it out for {MaxLimit}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad limit.");
        }

        var user = CurrentUser.From(context.User)!;
        var view = await FindAsync(db, entities, id, hops ?? 2, user, clock, limit ?? MaxLimit, cancellationToken);
        if (view is null)
        {
            return TypedResults.Problem($"There is no entity {id} on consignments of your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        AuditLog.Record(db, clock, user, "view.network", $"entity {id}", $"{view.Nodes.Count} of {view.Reached} entities, {view.Edges.Count} links");
        return TypedResults.Ok(view);
    }

    /// <summary>
    /// The neighbourhood as the API shows it, as of tomorrow (everything known today counts), cut to
    /// <paramref name="limit"/> entities when given (<see cref="Neighbourhood"/>); null when the entity is
    /// on no consignment of the user's hubs. Reads only the entities within reach and the holders of their
    /// values (<see cref="EntityNeighbourhood"/>, through the stored contact keys).
    /// </summary>
    public static Task<NetworkView?> FindAsync(PortcullisDb db, IPartyEntities entities, Guid entityId, int hops, CurrentUser user, TimeProvider clock, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return EntityNeighbourhood.FindAsync(db, entities, entityId, hops, user, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1), limit, cancellationToken);
    }

    /// <summary>The same neighbourhood from the whole network of the user's hubs: the reference the neighbourhood read is tested and measured against.</summary>
    internal static async Task<NetworkView?> FindInWholeNetworkAsync(PortcullisDb db, IPartyEntities entities, Guid entityId, int hops, CurrentUser user, TimeProvider clock, int? limit, CancellationToken cancellationToken)
    {
        var own = await entities.PartiesOfAsync(entityId, cancellationToken);
        if (own.Count == 0)
        {
            return null;
        }

        var known = await LoadAsync(db, entities, user, clock, cancellationToken);
        return own.Any(known.EntityOf.ContainsKey) ? Neighbourhood(known.History, entityId, hops, known.AsOf, limit) : null;
    }

    /// <summary>What the network of a user's hubs is built from, as of tomorrow (everything known today counts).</summary>
    internal sealed record KnownNetwork(NetworkHistory History, IReadOnlyDictionary<Guid, Guid> EntityOf, DateOnly AsOf);

    /// <summary>
    /// The whole network from the parties and consignments of the user's hubs, with the hits and watch
    /// listings on them: seconds at a week of traffic, so requests read a neighbourhood instead
    /// (<see cref="FindAsync"/>); kept as the reference for tests and the bench.
    /// </summary>
    internal static async Task<KnownNetwork> LoadAsync(PortcullisDb db, IPartyEntities entities, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visible = db.Consignments.AsNoTracking().Where(c => c.RetractedAt == null);
        if (!user.AllHubs)
        {
            var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
            visible = visible.Where(c => hubs.Contains(c.HubCode));
        }

        // Both in a fixed order: an entity's name is its earliest party's and an agent reads as its name on
        // its first consignment, whatever order storage returns rows in.
        var consignments = (await visible.Include(c => c.Parties).Include(c => c.Equipment).AsSplitQuery().ToListAsync(cancellationToken))
            .OrderBy(c => c.ArrivedAt).ThenBy(c => c.Id).ToList();
        var partyIds = consignments.SelectMany(c => c.Parties).Select(p => p.PartyId).ToHashSet();
        var parties = (await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToListAsync(cancellationToken))
            .OrderBy(p => p.FirstSeen).ThenBy(p => p.Id).ToList();
        var entityOf = await entities.EntitiesOfAsync(partyIds, cancellationToken);
        var ids = consignments.Select(c => c.Id).ToHashSet();
        var hits = await db.DeclarationOutcomes.AsNoTracking().Where(o => o.Inspected && o.Hit == true).Select(o => new { o.ConsignmentId, o.KnownAt }).ToListAsync(cancellationToken);
        var byId = consignments.ToDictionary(c => c.Id);
        var outcomes = hits.Where(h => ids.Contains(h.ConsignmentId))
            .SelectMany(h => EntityNetwork.ReceivingEntities(byId[h.ConsignmentId], entityOf).Select(e => new NetworkOutcome(e, DateOnly.FromDateTime(h.KnownAt))));
        var watched = (await db.WatchList.AsNoTracking().Where(w => w.RemovedAt == null).Select(w => new { w.PartyId, w.AddedAt }).ToListAsync(cancellationToken))
            .Where(w => entityOf.ContainsKey(w.PartyId))
            .Select(w => new WatchListing(entityOf[w.PartyId], DateOnly.FromDateTime(w.AddedAt)));
        var history = new NetworkHistory(EntityNetwork.From(parties, consignments, entityOf), outcomes, watched);
        return new KnownNetwork(history, entityOf, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1));
    }

    /// <summary>
    /// The entities within <paramref name="hops"/> and every link among them, nearest first. With
    /// <paramref name="limit"/>, at most that many entities: rings are shown whole while they fit, and the
    /// first ring that does not is cut and is the last one shown, its entities with a hit or a watch
    /// listing first, then by name and id, so that what an analyst most needs to see is never the part
    /// left out. <see cref="NetworkView.Reached"/> counts the entities of the rings shown before the cut.
    /// </summary>
    public static NetworkView Neighbourhood(NetworkHistory history, Guid entityId, int hops, DateOnly asOf, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var network = history.Network;
        var reached = network.Explore([entityId], asOf, hops);
        var nodes = reached.OrderBy(r => r.Value.Hops).ThenBy(r => network.Nodes.TryGetValue(r.Key, out var n) ? n.Name : "", StringComparer.Ordinal).ThenBy(r => r.Key)
            .Select(r => network.Nodes.TryGetValue(r.Key, out var n)
                ? new NodeView(r.Key, n.Name, r.Value.Hops, n.FirstSeen, history.OutcomeBefore(r.Key, asOf) is not null, history.WatchListedBefore(r.Key, asOf))
                : new NodeView(r.Key, "", r.Value.Hops, asOf, false, false))
            .ToList();
        var count = nodes.Count;
        var last = hops;
        if (limit is { } most && nodes.Count > most)
        {
            last = Enumerable.Range(0, hops + 1).First(h => h == hops || nodes.Count(n => n.Hops <= h) > most);
            nodes = [.. nodes.Where(n => n.Hops <= last)];
            count = nodes.Count;
            var inner = nodes.Count(n => n.Hops < last);
            // Stable: within the flagged and the others the order above (name, then id) holds.
            var kept = nodes.Where(n => n.Hops == last).OrderByDescending(n => n.HitKnown || n.WatchListed).Take(Math.Max(0, most - inner)).Select(n => n.Id).ToHashSet();
            nodes = [.. nodes.Where(n => n.Hops < last || kept.Contains(n.Id))];
        }

        var shown = nodes.Select(n => n.Id).ToHashSet();
        var edges = new Dictionary<(Guid, Guid, LinkKind, string), EdgeView>();
        foreach (var from in shown)
        {
            foreach (var e in network.EdgesOf(from, asOf, focus: from == entityId))
            {
                if (shown.Contains(e.B))
                {
                    var (a, b) = e.A.CompareTo(e.B) < 0 ? (e.A, e.B) : (e.B, e.A);
                    edges.TryAdd((a, b, e.Kind, e.Value), new EdgeView(a, b, NetworkEdge.Word(e.Kind), e.Display, e.Since));
                }
            }
        }

        return new NetworkView(entityId, asOf, nodes, [.. edges.Values.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Value, StringComparer.Ordinal).ThenBy(e => e.From).ThenBy(e => e.To)], last, count);
    }
}
