using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// REST: on customs release of a container, a supervisor or hub inspector of its hub names the
/// collecting party (a haulier organisation known to Access and, where given, the driver). No token
/// is made yet: the haulier's system collects it once (<see cref="CollectRelease"/>), so nobody at
/// customs ever holds it. A newer release of the same container replaces an unused older one.
/// </summary>
public static class IssueRelease
{
    public sealed record IssueRequest(string? Hub, string? Container, string? Haulier, string? DriverId);

    public sealed record ReleaseView(Guid Id, string Hub, string ContainerNumber, string Haulier, string? DriverId, DateTime IssuedAt, string IssuedBy, DateTime ExpiresAt,
        DateTime? CollectedAt, DateTime? ConsumedAt, string Status);

    public static bool MayIssue(CurrentUser? user) => user is { IsSystem: false } && user.Role is Roles.Supervisor or Roles.HubInspector;

    public static async Task<Results<Created<ReleaseView>, ProblemHttpResult>> IssueAsync(IssueRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, IntegrityOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var result = await RunAsync(db, clock, options, user, request, cancellationToken);
        return result.Value is { } release
            ? TypedResults.Created($"/api/v1/releases/{release.Id}", View(release, clock.GetUtcNow().UtcDateTime))
            : result.Refusal!.ToProblem("The release cannot be issued.");
    }

    public static async Task<Outcome<ReleaseToken>> RunAsync(PortcullisDb db, TimeProvider clock, IntegrityOptions options, CurrentUser user, IssueRequest request, CancellationToken cancellationToken)
    {
        var hub = Domain.Hubs.HubCatalogue.Find(request.Hub?.Trim() ?? "");
        if (hub is null)
        {
            return Refusal.Invalid($"There is no hub '{Echo.Of(request.Hub)}'; use one of {string.Join(", ", Domain.Hubs.HubCatalogue.Codes)}.");
        }

        if (!user.CanSeeHub(hub.Code))
        {
            return Refusal.Forbidden($"Hub {hub.Code} is not one of yours.");
        }

        var container = request.Container?.Trim().ToUpperInvariant() ?? "";
        if (container.Length is < 4 or > 17)
        {
            return Refusal.Invalid("Give the container number (ISO 6346, e.g. MSCU1234565).");
        }

        if (request.DriverId is { Length: > 40 })
        {
            return Refusal.Invalid("The driver id is longer than 40 characters; give the licence or pass number only.");
        }

        var known = await db.ConsignmentEquipment.AnyAsync(e => e.ContainerNumber == container && db.Consignments.Any(c => c.Id == e.ConsignmentId && c.HubCode == hub.Code), cancellationToken);
        if (!known)
        {
            return Refusal.NotFound($"Container {container} is not known at {hub.Code}; check the number and the hub.");
        }

        if (await Parties.SanctionsCases.HoldsReleaseAsync(db, container, cancellationToken))
        {
            return Refusal.Conflict($"Container {container} is a sanctions case (a party on it is a confirmed sanctions hit); it cannot be released until a supervisor withdraws the case.");
        }

        if (await db.Selections.AnyAsync(s => s.Unit == container && s.State != SelectionState.Released && s.State != SelectionState.Closed, cancellationToken))
        {
            return Refusal.Conflict($"Container {container} has a customs control still open; close the control before releasing it.");
        }

        var name = request.Haulier?.Trim() ?? "";
        var haulier = await db.Organisations.SingleOrDefaultAsync(o => o.Name == name, cancellationToken);
        if (haulier is null || haulier.Kind == OrganisationKind.Customs)
        {
            return Refusal.Invalid($"There is no haulier organisation '{Echo.Of(request.Haulier)}'; an administrator makes one by giving the haulier's system a token (role terminal-partner, scope releases:collect).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.ReleaseTokens.Where(r => r.ContainerNumber == container && r.ConsumedAt == null && r.SupersededAt == null && r.ExpiresAt > now).ToListAsync(cancellationToken);
        foreach (var older in open)
        {
            older.SupersededAt = now;
            older.Version++;
            AuditLog.Record(db, clock, user, "release.supersede", $"container {container}", $"release {older.Id} to {older.HaulierName} replaced");
        }

        var release = new ReleaseToken
        {
            Id = Guid.CreateVersion7(),
            HubCode = hub.Code,
            ContainerNumber = container,
            HaulierOrganisationId = haulier.Id,
            HaulierName = haulier.Name,
            DriverId = string.IsNullOrWhiteSpace(request.DriverId) ? null : request.DriverId.Trim(),
            IssuedAt = now,
            IssuedBy = user.Name,
            ExpiresAt = now.AddHours(options.Releases.TokenHours),
        };
        db.ReleaseTokens.Add(release);
        AuditLog.Record(db, clock, user, "release.issue", $"container {container}", $"release {release.Id} to {haulier.Name}{(release.DriverId is null ? "" : $", driver {release.DriverId}")}, valid until {release.ExpiresAt:O}");
        return release;
    }

    public static ReleaseView View(ReleaseToken r, DateTime now) => new(r.Id, r.HubCode, r.ContainerNumber, r.HaulierName, r.DriverId, r.IssuedAt, r.IssuedBy, r.ExpiresAt, r.CollectedAt, r.ConsumedAt,
        r.ConsumedAt is not null ? "consumed" : r.SupersededAt is not null ? "superseded" : r.ExpiresAt <= now ? "expired" : r.CollectedAt is not null ? "collected" : "issued");
}
