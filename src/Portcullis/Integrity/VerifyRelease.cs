using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Integrity.Releases;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// REST: the terminal, before gate-out, sends the token the driver presents together with the
/// container and the haulier (and driver) in front of it. A valid token is consumed: a second
/// verification of it fails. Every refusal is audited in a transaction of its own (the request's
/// own unit of work is discarded on refusal), so replays and guesses leave a trace.
/// </summary>
public static class VerifyRelease
{
    public sealed record VerifyRequest(string? Token, string? Container, string? Haulier, string? DriverId);

    public sealed record Verified(Guid ReleaseId, string ContainerNumber, string Haulier, string? DriverId, DateTime VerifiedAt, DateTime GateOutBy);

    public static async Task<Results<Ok<Verified>, ProblemHttpResult>> VerifyAsync(VerifyRequest request, PortcullisDb db, Database database, HttpContext context, TimeProvider clock,
        ReleaseTokenKey key, IntegrityOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var result = await RunAsync(db, clock, key, options, user, request, cancellationToken);
        if (result.Value is { } release)
        {
            return TypedResults.Ok(new Verified(release.Id, release.ContainerNumber, release.HaulierName, release.DriverId, release.ConsumedAt!.Value, release.ConsumedAt.Value.AddHours(options.Releases.GateWindowHours)));
        }

        await using (var audit = database.CreateContext())
        {
            AuditLog.Record(audit, clock, user, "release.verify.refused", $"container {Echo.Of(request.Container)}", result.Refusal!.Detail);
            await audit.SaveChangesAsync(cancellationToken);
        }

        return result.Refusal.ToProblem("The release token is not valid.");
    }

    public static async Task<Outcome<ReleaseToken>> RunAsync(PortcullisDb db, TimeProvider clock, ReleaseTokenKey key, IntegrityOptions options, CurrentUser user, VerifyRequest request, CancellationToken cancellationToken)
    {
        var (parsed, problem) = ReleaseTokenFormat.Parse(request.Token);
        if (parsed is null)
        {
            return Refusal.Invalid(problem!);
        }

        var container = request.Container?.Trim().ToUpperInvariant() ?? "";
        if (container.Length == 0 || string.IsNullOrWhiteSpace(request.Haulier))
        {
            return Refusal.Invalid("Give the container and the haulier in front of the gate with the token; the token is valid only for both.");
        }

        var release = await db.ReleaseTokens.SingleOrDefaultAsync(r => r.Id == parsed.ReleaseId, cancellationToken);
        // A token whose hash is not stored (never collected, forged, or of another deployment) is unknown, whatever its shape.
        if (release?.TokenHash is not { } hash || !user.CanSeeHub(release.HubCode)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(ReleaseTokenFormat.Hash(request.Token!))))
        {
            return Refusal.NotFound("The release token is not known for your terminal; the haulier must present the token it collected from Portcullis.");
        }

        if (!ReleaseTokenFormat.Matches(parsed, new ReleaseClaims(release.Id, release.ContainerNumber, release.HaulierOrganisationId, release.DriverId, release.ExpiresAt), key.Bytes()))
        {
            // The stored release no longer matches what was signed: the row was changed behind Portcullis's back.
            return Refusal.Conflict("The release token does not match its release; do not release the container and call customs.");
        }

        if (release.ConsumedAt is { } consumed)
        {
            return Refusal.Conflict($"The release token was already used at {consumed:yyyy-MM-dd HH:mm} UTC by {release.ConsumedBy}; a token is valid once, do not release the container again.");
        }

        if (release.SupersededAt is not null)
        {
            return Refusal.Conflict("The release token was replaced by a newer release of the container; the haulier must present the new one.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (release.ExpiresAt <= now)
        {
            return Refusal.Conflict($"The release token expired at {release.ExpiresAt:yyyy-MM-dd HH:mm} UTC; the haulier asks customs for a new release.");
        }

        if (!string.Equals(release.ContainerNumber, container, StringComparison.Ordinal))
        {
            return Refusal.Conflict($"The release token is for another container than {Echo.Of(container)}; do not release this container.");
        }

        if (!string.Equals(release.HaulierName, request.Haulier.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Conflict($"The release token was issued to another haulier than {Echo.Of(request.Haulier)}; do not release the container to them.");
        }

        if (release.DriverId is { } driver && !string.Equals(driver, request.DriverId?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Conflict("The release token is bound to another driver; check the driver's licence or pass number against the one customs named.");
        }

        release.ConsumedAt = now;
        release.ConsumedBy = user.Name;
        release.Version++;
        AuditLog.Record(db, clock, user, "release.verify", $"container {release.ContainerNumber}", $"release {release.Id} consumed; gate-out by {now.AddHours(options.Releases.GateWindowHours):O}");
        return release;
    }
}
