using Portcullis.Domain.Cargo;
using Portcullis.Parties.Resolution;

namespace Portcullis.Parties.Networks;

/// <summary>
/// Entities linked by what they share: normalised address (postcode and house number, else street,
/// number and city), phone (E.164), e-mail address and domain (free-mail domains never link), and on
/// their consignments the agent (declarant), forwarder, container and booking. Every sighting keeps its
/// first day, so the network can be read as of any day: a question about day D sees only values sighted
/// before D, except the case's own parties, whose declared values come with the case.
/// </summary>
public sealed class EntityNetwork
{
    private readonly Dictionary<Guid, NetworkNode> nodes = [];
    private readonly Dictionary<(LinkKind Kind, string Value), Group> groups = [];
    private readonly Dictionary<Guid, Dictionary<(LinkKind Kind, string Value), DateOnly>> sightings = [];

    // Per entity, only the values it shares with at least one other entity: an importer's hundreds of
    // containers nobody else had are never looked at again (EdgesOf runs once per case).
    private readonly Dictionary<Guid, List<(LinkKind Kind, string Value)>> shared = [];

    public EntityNetwork(NetworkOptions? options = null)
    {
        Options = options ?? new NetworkOptions();
    }

    public NetworkOptions Options { get; }

    public IReadOnlyDictionary<Guid, NetworkNode> Nodes => nodes;

    /// <summary>
    /// The network of stored (or simulated) parties and consignments; <paramref name="entityOf"/> maps a
    /// party to its resolved entity (a party missing from it is its own entity).
    /// </summary>
    public static EntityNetwork From(IEnumerable<Party> parties, IEnumerable<Consignment> consignments, IReadOnlyDictionary<Guid, Guid> entityOf, NetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(consignments);
        ArgumentNullException.ThrowIfNull(entityOf);
        var network = new EntityNetwork(options);
        var names = new Dictionary<Guid, string>();
        foreach (var p in parties)
        {
            network.AddParty(entityOf.GetValueOrDefault(p.Id, p.Id), p);
            names[p.Id] = p.Name;
        }

        foreach (var c in consignments)
        {
            network.AddConsignment(c, entityOf, names);
        }

        return network;
    }

    /// <summary>The entities a consignment's outcome belongs to: its consignee and notify party (the receiving side).</summary>
    public static IEnumerable<Guid> ReceivingEntities(Consignment consignment, IReadOnlyDictionary<Guid, Guid> entityOf)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(entityOf);
        return consignment.Parties.Where(p => p.Role is PartyRole.Consignee or PartyRole.Notify)
            .Select(p => entityOf.GetValueOrDefault(p.PartyId, p.PartyId)).Distinct();
    }

    /// <summary>Adds a party record's contacts as sightings of its entity on the party's first day.</summary>
    public void AddParty(Guid entity, Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var day = DateOnly.FromDateTime(party.FirstSeen);
        AddNode(entity, party.Name, day);
        foreach (var (kind, value) in ContactKeys(party))
        {
            Add(entity, kind, value, value, day);
        }
    }

    /// <summary>
    /// A party record's contacts as the network compares them (address, phone, e-mail address, e-mail
    /// domain; at most one of each): what storage keeps with the party, so that a neighbourhood is read
    /// by these values instead of normalising every party again.
    /// </summary>
    public static IEnumerable<(LinkKind Kind, string Value)> ContactKeys(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var profile = PartyProfile.Of(new PartyInput(party.Id, party.Name, party.CountryCode, party.Eori, party.Street, party.City, party.Postcode, party.Phone, party.Email));
        if (AddressKey(profile) is { Length: > 0 } address)
        {
            yield return (LinkKind.Address, address);
        }

        if (profile.PhoneE164 is { Length: > 0 } phone)
        {
            yield return (LinkKind.Phone, phone);
        }

        if (profile.Email is { Length: > 0 } email)
        {
            yield return (LinkKind.Email, email);
        }

        if (profile.Domain is { Length: > 0 } domain)
        {
            yield return (LinkKind.Domain, domain);
        }
    }

    /// <summary>Adds what the receiving parties of a consignment share with others: agent, forwarder, containers.</summary>
    public void AddConsignment(Consignment consignment, IReadOnlyDictionary<Guid, Guid> entityOf, IReadOnlyDictionary<Guid, string> partyNames)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(partyNames);
        var day = DateOnly.FromDateTime(consignment.ArrivedAt);
        var receivers = ReceivingEntities(consignment, entityOf).ToList();
        foreach (var receiver in receivers)
        {
            foreach (var p in consignment.Parties.Where(p => p.Role is PartyRole.Declarant or PartyRole.Forwarder))
            {
                var other = entityOf.GetValueOrDefault(p.PartyId, p.PartyId);
                if (other != receiver)
                {
                    var kind = p.Role == PartyRole.Declarant ? LinkKind.Agent : LinkKind.Forwarder;
                    Add(receiver, kind, other.ToString("N"), partyNames.GetValueOrDefault(p.PartyId, other.ToString("N")[..8]), day);
                }
            }

            foreach (var e in consignment.Equipment)
            {
                Add(receiver, LinkKind.Container, e.ContainerNumber, e.ContainerNumber, day);
            }
        }
    }

    /// <summary>Adds a node (or widens its first day) without any sighting.</summary>
    public void AddNode(Guid entity, string name, DateOnly firstSeen)
    {
        if (!nodes.TryGetValue(entity, out var node))
        {
            nodes[entity] = new NetworkNode(entity, name, firstSeen);
        }
        else if (firstSeen < node.FirstSeen)
        {
            nodes[entity] = node with { FirstSeen = firstSeen };
        }
    }

    /// <summary>Records that <paramref name="entity"/> had <paramref name="value"/> on <paramref name="day"/> (its first day with it counts).</summary>
    public void Add(Guid entity, LinkKind kind, string value, string display, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || !Options.Kinds.Contains(kind))
        {
            return;
        }

        if (!nodes.ContainsKey(entity))
        {
            AddNode(entity, entity.ToString("N")[..8], day);
        }

        var key = (kind, value);
        if (!sightings.TryGetValue(entity, out var own))
        {
            sightings[entity] = own = [];
        }

        if (own.TryGetValue(key, out var known) && known <= day)
        {
            return;
        }

        own[key] = day;
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group(display);
        }

        var before = group.Count;
        group.Set(entity, day);
        if (group.Count == 2 && before == 1)
        {
            Share(group[0].Entity, key);
            Share(group[1].Entity, key);
        }
        else if (group.Count > before && group.Count > 2)
        {
            Share(entity, key);
        }
    }

    private void Share(Guid entity, (LinkKind Kind, string Value) key)
    {
        if (!shared.TryGetValue(entity, out var list))
        {
            shared[entity] = list = [];
        }

        list.Add(key);
    }

    /// <summary>
    /// The edges of <paramref name="entity"/> as known before <paramref name="day"/>. For a
    /// <paramref name="focus"/> entity (a party of the case being asked about) its own values sighted on
    /// the day itself count too: they are part of the case. A value shared by more than
    /// <see cref="NetworkOptions.MaxSharing"/> entities links nobody. <paramref name="kinds"/>, when
    /// given, keeps only those kinds of link.
    /// </summary>
    public IEnumerable<NetworkEdge> EdgesOf(Guid entity, DateOnly day, bool focus = false, IReadOnlySet<LinkKind>? kinds = null)
    {
        if (!sightings.TryGetValue(entity, out var own) || !shared.TryGetValue(entity, out var keys))
        {
            yield break;
        }

        foreach (var (kind, value) in keys)
        {
            if (kinds is not null && !kinds.Contains(kind))
            {
                continue;
            }

            var since = own[(kind, value)];
            if (since > day || (since == day && !focus))
            {
                continue;
            }

            var group = groups[(kind, value)];
            var count = group.CountBefore(day);
            if (count + (since == day ? 1 : 0) > Options.MaxSharing)
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                var (other, otherSince) = group[i];
                if (other != entity)
                {
                    yield return new NetworkEdge(entity, other, kind, value, group.Display, since > otherSince ? since : otherSince);
                }
            }
        }
    }

    /// <summary>
    /// Breadth-first from the focus entities as of <paramref name="day"/>: each entity reached within
    /// <paramref name="hops"/>, with its distance and the edge it was first reached through; over
    /// <paramref name="kinds"/> of link only, when given.
    /// </summary>
    public Dictionary<Guid, Reach> Explore(IReadOnlyCollection<Guid> focus, DateOnly day, int hops, IReadOnlySet<LinkKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(focus);
        var reached = new Dictionary<Guid, Reach>();
        var frontier = new List<Guid>();
        foreach (var f in focus)
        {
            if (reached.TryAdd(f, new Reach(0, null)))
            {
                frontier.Add(f);
            }
        }

        for (var hop = 1; hop <= hops && frontier.Count > 0; hop++)
        {
            var next = new List<Guid>();
            foreach (var from in frontier)
            {
                // Stable order: the strongest kinds (address, phone) first, so the explanation names them.
                foreach (var edge in EdgesOf(from, day, hop == 1, kinds).OrderBy(e => e.Kind).ThenBy(e => e.B))
                {
                    if (reached.TryAdd(edge.B, new Reach(hop, edge)))
                    {
                        next.Add(edge.B);
                    }
                }
            }

            frontier = next;
        }

        return reached;
    }

    /// <summary>How an entity was reached: its distance and the last edge on the way (null for a focus entity).</summary>
    public sealed record Reach(int Hops, NetworkEdge? Via);

    private static string? AddressKey(PartyProfile profile) =>
        profile is { Postcode: { } postcode, HouseNumber: { } number } ? $"{postcode} {number}"
        : profile is { Street: { } street, HouseNumber: { } n, City: { } city } ? $"{street} {n}, {city}"
        : null;

    /// <summary>The entities that had one value, ordered by the day they first had it.</summary>
    private sealed class Group(string display)
    {
        private readonly List<(Guid Entity, DateOnly Since)> members = [];

        public string Display { get; } = display;

        public void Set(Guid entity, DateOnly since)
        {
            members.RemoveAll(m => m.Entity == entity);
            var at = members.FindIndex(m => m.Since > since);
            members.Insert(at < 0 ? members.Count : at, (entity, since));
        }

        public (Guid Entity, DateOnly Since) this[int index] => members[index];

        public int Count => members.Count;

        /// <summary>How many members were sighted strictly before the day (they come first).</summary>
        public int CountBefore(DateOnly day)
        {
            int lo = 0, hi = members.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (members[mid].Since < day)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
