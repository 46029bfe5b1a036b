using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// What the monitor remembers about one container between batches: in memory, so that a batch of
/// readings needs no query per reading. Rules read it as it was before the observation at hand;
/// the engine then updates it.
/// </summary>
public sealed class ContainerTrack
{
    public sealed record Fix(double Latitude, double Longitude, DateTime At, string Evidence);

    public sealed record Visit(string Facility, DateTime At, string Evidence);

    public Fix? LastFix { get; set; }

    /// <summary>Loaded and not yet discharged: on a vessel.</summary>
    public bool AtSea { get; set; }

    public (string Place, DateTime At, string Evidence)? LastDischarge { get; set; }

    /// <summary>Gated out and not yet in again: on the road (or rail, barge).</summary>
    public bool OnRoad { get; set; }

    /// <summary>Where it has stood still since (for the stop rule); null while moving or in a zone.</summary>
    public Fix? StopAnchor { get; set; }

    public bool StopRaised { get; set; }

    public Dictionary<string, FenceTracker> Fences { get; } = new(StringComparer.Ordinal);

    public List<Visit> YardVisits { get; } = [];

    public List<(DateTime At, string Evidence)> DoorEvents { get; } = [];

    /// <summary>Seal numbers reported as applied (SealChanged): a declared change is not a mismatch.</summary>
    public HashSet<string> ReportedSeals { get; } = new(StringComparer.Ordinal);

    /// <summary>The last reading of each device, and whether its silence since was raised.</summary>
    public Dictionary<string, (DateTime At, bool Raised)> Devices { get; } = new(StringComparer.Ordinal);

    /// <summary>The doors were opened in a consignee warehouse or depot: the trip is over, silence is normal.</summary>
    public bool Delivered { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>Keeps the lists short: a yard history of weeks is not needed to see a revisit.</summary>
    internal const int MaxHistory = 32;
}
