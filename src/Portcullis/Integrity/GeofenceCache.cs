using Microsoft.EntityFrameworkCore;
using Portcullis.Integrity.Geofences;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// The active zones as the monitor uses them, parsed once. A change on this node invalidates it at
/// once; a change on another node is seen within <see cref="RefreshAfter"/>.
/// </summary>
public sealed class GeofenceCache(TimeProvider clock)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private ZoneMap map = ZoneMap.Empty;
    private DateTime loadedAt = DateTime.MinValue;
    private volatile bool stale = true;

    public void Invalidate() => stale = true;

    public async Task<ZoneMap> GetAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!stale && now - loadedAt < RefreshAfter)
        {
            return map;
        }

        stale = false;
        var rows = await db.Geofences.AsNoTracking().Where(g => g.RetiredAt == null).ToListAsync(cancellationToken);
        map = new ZoneMap([.. rows.Select(r => new Zone(r.Id.ToString("N"), r.HubCode, r.Name, r.Kind, GeofenceGeoJson.ReadGeometry(r.Geometry)))]);
        loadedAt = now;
        return map;
    }
}
