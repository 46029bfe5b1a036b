namespace Portcullis.Integrity.Geofences;

/// <summary>The authorised zones known to the monitor; immutable, replaced whole when a zone changes.</summary>
public sealed class ZoneMap(IReadOnlyList<Zone> zones)
{
    public static readonly ZoneMap Empty = new([]);

    public IReadOnlyList<Zone> Zones { get; } = zones;

    /// <summary>The first zone that covers the fix (inside or within the band), or null.</summary>
    public Zone? Covering(double latitude, double longitude, double bandMetres)
    {
        foreach (var zone in Zones)
        {
            if (zone.Covers(latitude, longitude, bandMetres))
            {
                return zone;
            }
        }

        return null;
    }
}
