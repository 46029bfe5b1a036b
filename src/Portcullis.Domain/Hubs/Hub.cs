namespace Portcullis.Domain.Hubs;

public enum HubKind
{
    Seaport,
    Airport,
    FlowerAuction,
    Postal,
}

/// <summary>One of the five mainport areas of the national plan, or the postal centre.</summary>
public sealed class Hub
{
    /// <summary>Short stable code used in URLs, scopes and configuration (RTM, ZWB, NZK, SPL, FLW, POST).</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required HubKind Kind { get; init; }

    public List<HubLocation> Locations { get; init; } = [];
}

/// <summary>
/// A place that belongs to a hub. The same UN/LOCODE can belong to two hubs (Amsterdam is both
/// a North Sea Canal port and the home of Schiphol airport), so the key is hub plus code.
/// </summary>
public sealed class HubLocation
{
    public required string HubCode { get; init; }

    public required string UnLocode { get; init; }

    public required string Name { get; init; }

    public required double Latitude { get; init; }

    public required double Longitude { get; init; }
}
