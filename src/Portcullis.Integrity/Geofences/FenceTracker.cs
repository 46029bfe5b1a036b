namespace Portcullis.Integrity.Geofences;

/// <summary>
/// How sure the monitor must be before a container counts as having crossed a fence. GPS fixes of
/// a container on a quay scatter by 5 to 20 m (steel stacks and cranes reflect the signal), so a box
/// standing still near a fence seems to hop across it; open tracking platforms list the false
/// "geofence exit" this causes as their most common complaint.
/// </summary>
/// <param name="BandMetres">Fixes within this distance of the border, on either side, count for neither
/// side. 30 m is about twice the 95th percentile of multipath error on a container terminal.</param>
/// <param name="MinFixes">Consecutive firm fixes on the new side before a crossing counts: one stray
/// fix beyond the band (a reflection of 50 m happens) is not a crossing.</param>
/// <param name="MinDwell">And at least this long between the first and the last of them: a burst of
/// fixes in one second is one observation. Two minutes is shorter than any real move out of a
/// secured area and the gate that follows, so a true exit is still seen within minutes.</param>
public sealed record FenceOptions(double BandMetres = 30, int MinFixes = 3, TimeSpan MinDwell = default)
{
    public static readonly FenceOptions Default = new(30, 3, TimeSpan.FromMinutes(2));
}

public enum FenceSide
{
    Unknown,
    Inside,
    Outside,
}

/// <summary>A confirmed crossing: the side it went to and the first firm fix there.</summary>
public sealed record FenceCrossing(FenceSide To, DateTime At, DateTime ConfirmedAt);

/// <summary>
/// One container against one fence, with hysteresis: the side only changes after
/// <see cref="FenceOptions.MinFixes"/> firm fixes over <see cref="FenceOptions.MinDwell"/>; border
/// fixes neither confirm nor cancel a pending crossing; a firm fix back on the current side cancels
/// it. Fixes are taken in the order given; one older than the last fix taken is ignored (a late
/// fix cannot undo a crossing already confirmed).
/// </summary>
public sealed class FenceTracker
{
    private FenceSide pending;
    private int pendingFixes;
    private DateTime pendingSince;
    private DateTime lastFixAt;

    public FenceSide Side { get; private set; }

    public FenceCrossing? Observe(FixPlacement placement, DateTime at, FenceOptions options)
    {
        if (at < lastFixAt)
        {
            return null;
        }

        lastFixAt = at;
        if (placement == FixPlacement.Border)
        {
            return null;
        }

        var side = placement == FixPlacement.Inside ? FenceSide.Inside : FenceSide.Outside;
        if (Side == FenceSide.Unknown)
        {
            // The first firm fix says where it is, not that it crossed.
            Side = side;
            return null;
        }

        if (side == Side)
        {
            pending = FenceSide.Unknown;
            pendingFixes = 0;
            return null;
        }

        if (pending != side)
        {
            pending = side;
            pendingFixes = 0;
            pendingSince = at;
        }

        pendingFixes++;
        if (pendingFixes < options.MinFixes || at - pendingSince < options.MinDwell)
        {
            return null;
        }

        Side = side;
        pending = FenceSide.Unknown;
        pendingFixes = 0;
        return new FenceCrossing(side, pendingSince, at);
    }
}
