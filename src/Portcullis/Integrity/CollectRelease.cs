using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Integrity.Releases;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// REST: the haulier's system (a token of the haulier organisation with the releases:collect scope)
/// fetches the one-time token of a container released to it, once. The token is made here, shown
/// in this answer only, and stored as its SHA-256; a second collect is refused (ask customs for a
/// new release), so a token copied later from a log or a screen cannot be fetched again.
/// </summary>
public static class CollectRelease
{
    public sealed record CollectRequest(string? Container);

    public sealed record CollectedToken(Guid ReleaseId, string ContainerNumber, string Hub, string? DriverId, DateTime ExpiresAt, string Token);

    public static bool MayCollect(CurrentUser? user) => user is not null && user.Role == Roles.TerminalPartner;

    public static async Task<Results<Ok<CollectedToken>, ProblemHttpResult>> CollectAsync(CollectRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, ReleaseTokenKey key, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var container = request.Container?.Trim().ToUpperInvariant() ?? "";
        if (container.Length == 0)
        {
            return TypedResults.Problem("Give the container number whose release token you collect.", statusCode: StatusCodes.Status400BadRequest, title: "Container missing.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var release = await db.ReleaseTokens
            .Where(r => r.ContainerNumber == container && r.HaulierOrganisationId == user.OrganisationId && r.SupersededAt == null)
            .OrderByDescending(r => r.IssuedAt).FirstOrDefaultAsync(cancellationToken);
        if (release is null || !user.CanSeeHub(release.HubCode))
        {
            return TypedResults.Problem($"Container {Echo.Of(container)} was not released to your organisation.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        if (release.CollectedAt is { } collected)
        {
            return TypedResults.Problem($"The release token of {container} was already collected at {collected:yyyy-MM-dd HH:mm} UTC by {release.CollectedBy}; a token is handed out once, ask customs for a new release if it was lost.",
                statusCode: StatusCodes.Status409Conflict, title: "Already collected.");
        }

        if (release.ExpiresAt <= now)
        {
            return TypedResults.Problem($"The release of {container} expired at {release.ExpiresAt:yyyy-MM-dd HH:mm} UTC; ask customs for a new release.", statusCode: StatusCodes.Status409Conflict, title: "Expired.");
        }

        var token = ReleaseTokenFormat.Create(new ReleaseClaims(release.Id, release.ContainerNumber, release.HaulierOrganisationId, release.DriverId, release.ExpiresAt), key.Bytes());
        release.TokenHash = ReleaseTokenFormat.Hash(token);
        release.CollectedAt = now;
        release.CollectedBy = user.Name;
        release.Version++;
        AuditLog.Record(db, clock, user, "release.collect", $"container {container}", $"release {release.Id}");
        return TypedResults.Ok(new CollectedToken(release.Id, release.ContainerNumber, release.HubCode, release.DriverId, release.ExpiresAt, token));
    }
}
