using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>REST and CLI: the authorised zones of the hubs the caller may see.</summary>
public static class ListGeofences
{
    /// <summary>A zone as the API shows it; Geometry is the Polygon or MultiPolygon as GeoJSON.</summary>
    public sealed record GeofenceView(Guid Id, string Hub, string Name, string Kind, int Version, string Geometry, DateTime ChangedAt, string ChangedBy, DateTime? RetiredAt);

    public static async Task<Results<Ok<IReadOnlyList<GeofenceView>>, ProblemHttpResult>> ListAsync(string? hub, bool? retired, PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (!string.IsNullOrWhiteSpace(hub) && HubCatalogue.Find(hub) is null)
        {
            return TypedResults.Problem($"There is no hub \"{Echo.Of(hub)}\"; use one of {string.Join(", ", HubCatalogue.Codes)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown hub.");
        }

        var rows = await QueryAsync(db, hub, retired == true, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GeofenceView>>([.. rows.Where(g => user.CanSeeHub(g.HubCode)).Select(View)]);
    }

    public static async Task<List<Geofence>> QueryAsync(PortcullisDb db, string? hub, bool includeRetired, CancellationToken cancellationToken)
    {
        var query = db.Geofences.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(hub))
        {
            var code = HubCatalogue.Find(hub)?.Code ?? hub.ToUpperInvariant();
            query = query.Where(g => g.HubCode == code);
        }

        if (!includeRetired)
        {
            query = query.Where(g => g.RetiredAt == null);
        }

        return [.. (await query.ToListAsync(cancellationToken)).OrderBy(g => g.HubCode, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal)];
    }

    public static GeofenceView View(Geofence g) => new(g.Id, g.HubCode, g.Name, Geofences.GeofenceGeoJson.KindName(g.Kind), g.Version, g.Geometry, g.ChangedAt, g.ChangedBy, g.RetiredAt);
}
