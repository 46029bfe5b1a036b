using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Integrity.Geofences;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Creates or replaces a hub's authorised zones from GeoJSON: the API (supervisors of the hub,
/// administrators) and `portcullis geofences import` call the same function. A zone whose name
/// exists in the hub is replaced (a new version, also when it was retired); every change is
/// audited. The caller commits.
/// </summary>
public static class ImportGeofences
{
    /// <summary>
    /// Hub: the hub the zones belong to; when empty, each feature names its own with the property "hub".
    /// Zones: a GeoJSON FeatureCollection (or one Feature) of Polygons with the properties name and kind.
    /// </summary>
    public sealed record ImportRequest(string? Hub, JsonElement Zones);

    public sealed record ImportResult(int Created, int Replaced, int Unchanged, IReadOnlyList<ListGeofences.GeofenceView> Zones);

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(ImportRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, GeofenceCache cache, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var shapes = GeofenceGeoJson.Read(request.Zones.ValueKind == JsonValueKind.Undefined ? "" : request.Zones.GetRawText());
        if (shapes.Error is not null)
        {
            return TypedResults.Problem(shapes.Error, statusCode: StatusCodes.Status400BadRequest, title: "Zones not readable.");
        }

        var (result, error) = await ApplyAsync(db, clock, user.Name, user.OrganisationId, request.Hub, shapes.Zones, hub => MayEdit(user, hub), cancellationToken);
        if (error is not null)
        {
            return TypedResults.Problem(error, statusCode: error.StartsWith("You ", StringComparison.Ordinal) ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, title: "Zones refused.");
        }

        cache.Invalidate();
        return TypedResults.Ok(result!);
    }

    /// <summary>Supervisors edit the zones of their own hubs; administrators those of every hub.</summary>
    public static bool MayEdit(CurrentUser user, string hub) =>
        !user.IsSystem && (user.Role == Roles.Administrator || user.Role == Roles.Supervisor && user.CanSeeHub(hub));

    public static async Task<(ImportResult? Result, string? Error)> ApplyAsync(PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId,
        string? hub, IReadOnlyList<ZoneShape> shapes, Func<string, bool> mayEdit, CancellationToken cancellationToken)
    {
        var given = string.IsNullOrWhiteSpace(hub) ? null : HubCatalogue.Find(hub.Trim())?.Code;
        if (!string.IsNullOrWhiteSpace(hub) && given is null)
        {
            return (null, $"There is no hub \"{Echo.Of(hub)}\"; use one of {string.Join(", ", HubCatalogue.Codes)}.");
        }

        var placed = new List<(string Hub, ZoneShape Shape)>();
        foreach (var shape in shapes)
        {
            var own = shape.Hub is { Length: > 0 } h ? HubCatalogue.Find(h)?.Code : null;
            if (shape.Hub is { Length: > 0 } && own is null)
            {
                return (null, $"Zone \"{shape.Name}\" names the hub \"{shape.Hub}\"; use one of {string.Join(", ", HubCatalogue.Codes)}.");
            }

            if (given is not null && own is not null && own != given)
            {
                return (null, $"Zone \"{shape.Name}\" belongs to hub {own}, not {given}; import it for its own hub.");
            }

            if ((given ?? own) is not { } code)
            {
                return (null, $"Zone \"{shape.Name}\" has no hub; give the hub (--hub, or \"hub\" in the request) or a \"hub\" property on the feature.");
            }

            if (!mayEdit(code))
            {
                return (null, $"You may not change the zones of hub {code}; a supervisor of that hub or an administrator can.");
            }

            placed.Add((code, shape));
        }

        var hubs = placed.Select(p => p.Hub).Distinct().ToList();
        var existing = await db.Geofences.Where(g => hubs.Contains(g.HubCode)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, replaced = 0, unchanged = 0;
        var touched = new List<Geofence>();
        foreach (var (code, shape) in placed)
        {
            var row = existing.FirstOrDefault(g => g.HubCode == code && string.Equals(g.Name, shape.Name, StringComparison.OrdinalIgnoreCase));
            if (row is null)
            {
                row = new Geofence
                {
                    Id = Guid.CreateVersion7(),
                    HubCode = code,
                    Name = shape.Name,
                    Kind = shape.Kind,
                    Geometry = shape.Geometry,
                    CreatedAt = now,
                    CreatedBy = actor,
                    ChangedAt = now,
                    ChangedBy = actor,
                };
                db.Geofences.Add(row);
                AuditLog.Record(db, clock, actor, organisationId, "geofence.create", $"geofence {code}/{shape.Name}", $"{shape.Kind}: {shape.Geometry}");
                created++;
            }
            else if (row.Kind == shape.Kind && row.Geometry == shape.Geometry && row.RetiredAt is null)
            {
                unchanged++;
            }
            else
            {
                row.Kind = shape.Kind;
                row.Geometry = shape.Geometry;
                row.Version++;
                row.RetiredAt = null;
                row.ChangedAt = now;
                row.ChangedBy = actor;
                AuditLog.Record(db, clock, actor, organisationId, "geofence.replace", $"geofence {code}/{shape.Name}", $"version {row.Version}, {shape.Kind}: {shape.Geometry}");
                replaced++;
            }

            touched.Add(row);
        }

        return (new ImportResult(created, replaced, unchanged, [.. touched.Select(ListGeofences.View)]), null);
    }
}
