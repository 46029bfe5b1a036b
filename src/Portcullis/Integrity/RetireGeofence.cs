using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>REST: a zone stops authorising anything (a terminal closed, a warehouse moved); audited, the row stays.</summary>
public static class RetireGeofence
{
    public sealed record RetireRequest(string Reason);

    public static async Task<Results<Ok<ListGeofences.GeofenceView>, ProblemHttpResult>> RetireAsync(Guid id, RetireRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, GeofenceCache cache, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var zone = await db.Geofences.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (zone is null || !user.CanSeeHub(zone.HubCode) && user.Role != Roles.Administrator)
        {
            return TypedResults.Problem($"There is no zone {id} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        if (!ImportGeofences.MayEdit(user, zone.HubCode))
        {
            return TypedResults.Problem($"You may not change the zones of hub {zone.HubCode}; a supervisor of that hub or an administrator can.", statusCode: StatusCodes.Status403Forbidden, title: "Not yours.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("Say why the zone is retired in a reason.", statusCode: StatusCodes.Status400BadRequest, title: "Reason missing.");
        }

        if (zone.RetiredAt is not null)
        {
            return TypedResults.Problem($"Zone {zone.Name} was already retired at {zone.RetiredAt:yyyy-MM-dd HH:mm} UTC.", statusCode: StatusCodes.Status409Conflict, title: "Already retired.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        zone.RetiredAt = now;
        zone.ChangedAt = now;
        zone.ChangedBy = user.Name;
        zone.Version++;
        AuditLog.Record(db, clock, user, "geofence.retire", $"geofence {zone.HubCode}/{zone.Name}", request.Reason.Trim());
        cache.Invalidate();
        return TypedResults.Ok(ListGeofences.View(zone));
    }
}
