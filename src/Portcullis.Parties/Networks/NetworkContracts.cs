namespace Portcullis.Parties.Networks;

/// <summary>What two entities share.</summary>
public enum LinkKind
{
    Address,
    Phone,
    Email,
    Domain,
    Agent,
    Forwarder,
    Container,
    Booking,
}

/// <summary>An entity of the network: a resolved entity (or a party not yet resolved), its name and first day seen.</summary>
public sealed record NetworkNode(Guid Id, string Name, DateOnly FirstSeen);

/// <summary>
/// Two entities that share a value, from the first day both had it (<paramref name="Since"/>: the later of
/// the two sightings). <paramref name="Display"/> is the shared value as people read it (the agent's
/// name rather than its id).
/// </summary>
public sealed record NetworkEdge(Guid A, Guid B, LinkKind Kind, string Value, string Display, DateOnly Since)
{
    /// <summary>The kind of a shared value in words ("phone", "e-mail domain"), as the API names an edge.</summary>
    public static string Word(LinkKind kind) => kind switch
    {
        LinkKind.Email => "e-mail address",
        LinkKind.Domain => "e-mail domain",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// A control that found something on a case of <paramref name="Entity"/>, usable by the network from the
/// day after <paramref name="KnownOn"/> (the leakage rule: only outcomes known before the case's day).
/// </summary>
public sealed record NetworkOutcome(Guid Entity, DateOnly KnownOn, string What = "");

/// <summary>An entity on the watch list from <paramref name="Since"/> (used from the day after).</summary>
public sealed record WatchListing(Guid Entity, DateOnly Since, string Reason = "");

/// <summary>Knobs of the network; the defaults are what the evaluation in docs/PARTIES.md measured.</summary>
public sealed record NetworkOptions
{
    /// <summary>
    /// A value shared by more entities than this (as of the day asked) links nobody: a business centre,
    /// a large forwarder or a leasing company's container tells nothing about who belongs together.
    /// </summary>
    public int MaxSharing { get; init; } = 12;

    /// <summary>A company first seen fewer than this many days before the case's day is young.</summary>
    public int YoungDays { get; init; } = 30;

    /// <summary>
    /// The distance to a past hit is looked for up to this many hops. Each hop multiplies the entities
    /// to visit by up to the values per entity times <see cref="MaxSharing"/>; beyond two hops nearly
    /// everything is near everything through some shared forwarder or container.
    /// </summary>
    public int MaxHops { get; init; } = 2;

    /// <summary>The kinds of link the network records; the graph shows them all.</summary>
    public IReadOnlySet<LinkKind> Kinds { get; init; } = AllKinds;

    /// <summary>
    /// The kinds of link the risk features walk: contacts only by default. A container or a forwarder
    /// is shared by many unrelated traders, so over them nearly every case was within two hops of a past
    /// hit and the distance said nothing (docs/PARTIES.md, "Figures"); fronts of one organisation share
    /// premises, phones and mail domains.
    /// </summary>
    public IReadOnlySet<LinkKind> FeatureKinds { get; init; } = ContactKinds;

    public static IReadOnlySet<LinkKind> AllKinds { get; } = Enum.GetValues<LinkKind>().ToHashSet();

    /// <summary>Address, phone, e-mail address and e-mail domain: what a party declares about itself.</summary>
    public static IReadOnlySet<LinkKind> ContactKinds { get; } = new HashSet<LinkKind> { LinkKind.Address, LinkKind.Phone, LinkKind.Email, LinkKind.Domain };
}
