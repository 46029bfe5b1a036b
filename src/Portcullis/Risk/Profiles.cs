using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Risk.Rules;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// REST and CLI: analysts' rule profiles. Analysts import drafts (YAML, checked on the way in, with
/// line and column on error); supervisors activate a version, which retires the version before it
/// and is audited; export returns the YAML exactly as it was written.
/// </summary>
public static class Profiles
{
    public sealed record ImportRequest(string Yaml, string Reason, IReadOnlyList<string>? Hubs, DateTime? ValidFrom, DateTime? ValidTo);

    public sealed record ActivateRequest(string Reason);

    public sealed record ProfileView(Guid Id, string Name, int Version, string Status, string Author, DateTime CreatedAt, string ChangeReason,
        IReadOnlyList<string> Hubs, DateTime? ValidFrom, DateTime? ValidTo, string? ActivatedBy, DateTime? ActivatedAt, int Rules);

    public sealed record ProfileDetail(ProfileView Profile, string Yaml);

    public static async Task<Ok<IReadOnlyList<ProfileView>>> ListAsync(PortcullisDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ProfileView>>([.. (await db.RuleProfiles.AsNoTracking().OrderBy(p => p.Name).ThenByDescending(p => p.Version).ToListAsync(cancellationToken)).Select(View)]);

    public static async Task<Results<Ok<ProfileDetail>, ProblemHttpResult>> GetAsync(Guid id, PortcullisDb db, CancellationToken cancellationToken)
    {
        var profile = await db.RuleProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return profile is null
            ? TypedResults.Problem($"There is no rule profile version {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(new ProfileDetail(View(profile), profile.Yaml));
    }

    public static async Task<Results<Created<ProfileView>, ProblemHttpResult>> ImportAsync(ImportRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var result = await ImportDraftAsync(db, clock, user.Name, user.OrganisationId, request, cancellationToken);
        return result.Profile is { } created
            ? TypedResults.Created($"/api/v1/risk/profiles/{created.Id}", View(created))
            : TypedResults.Problem(result.Error, statusCode: StatusCodes.Status400BadRequest, title: "The rule profile cannot be imported.");
    }

    public sealed record ImportResult(RuleProfileVersion? Profile, string? Error);

    /// <summary>Checks and stores a draft; the error names line and column for a YAML problem.</summary>
    public static async Task<ImportResult> ImportDraftAsync(PortcullisDb db, TimeProvider clock, string author, Guid? organisationId, ImportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return new(null, "A change reason is required; say why this version exists.");
        }

        if (request.ValidFrom is { } from && request.ValidTo is { } to && to <= from)
        {
            return new(null, "validTo is not after validFrom; give a validity period that ends after it starts.");
        }

        var read = RuleProfileParser.Read(request.Yaml ?? "");
        if (!read.IsValid)
        {
            var e = read.Issues[0];
            return new(null, $"Line {e.Line}, column {e.Column}: {e.Message}");
        }

        var parsed = read.Profile;

        var hubs = (request.Hubs ?? []).Select(h => h.Trim().ToUpperInvariant()).Where(h => h.Length > 0).Distinct().ToList();
        var known = await db.Hubs.Select(h => h.Code).ToListAsync(cancellationToken);
        if (hubs.FirstOrDefault(h => !known.Contains(h)) is { } unknown)
        {
            return new(null, $"Hub '{unknown}' is not known; use one of {string.Join(", ", known)} or leave hubs empty for all.");
        }

        var version = (await db.RuleProfiles.Where(p => p.Name == parsed.Name).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0) + 1;
        var profile = new RuleProfileVersion
        {
            Id = Guid.CreateVersion7(),
            Name = parsed.Name,
            Version = version,
            Yaml = request.Yaml!,
            Author = author,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ChangeReason = request.Reason.Trim(),
            Hubs = hubs,
            ValidFrom = request.ValidFrom,
            ValidTo = request.ValidTo,
            Status = ProfileStatus.Draft,
        };
        db.RuleProfiles.Add(profile);
        AuditLog.Record(db, clock, author, organisationId, "risk.profile.import", $"profile {profile.Name} v{version}", request.Reason.Trim());
        return new(profile, null);
    }

    public static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> ActivateAsync(Guid id, ActivateRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var activated = await ActivateVersionAsync(db, clock, user.Name, user.OrganisationId, id, request.Reason, cancellationToken);
        return activated.Value is { } profile ? TypedResults.Ok(View(profile)) : activated.Refusal!.ToProblem("Cannot activate.");
    }

    public static async Task<Outcome<RuleProfileVersion>> ActivateVersionAsync(PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId, Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid("A reason is required to activate a profile; say why it should take effect.");
        }

        var profile = await db.RuleProfiles.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return Refusal.NotFound($"There is no rule profile version {id}.");
        }

        if (profile.Status == ProfileStatus.Active)
        {
            return Refusal.Conflict($"Profile {profile.Name} v{profile.Version} is already active.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var previous in await db.RuleProfiles.Where(p => p.Name == profile.Name && p.Status == ProfileStatus.Active).ToListAsync(cancellationToken))
        {
            previous.Status = ProfileStatus.Retired;
        }

        profile.Status = ProfileStatus.Active;
        profile.ActivatedBy = actor;
        profile.ActivatedAt = now;
        AuditLog.Record(db, clock, actor, organisationId, "risk.profile.activate", $"profile {profile.Name} v{profile.Version}", reason.Trim());
        Outbox.Add(db, clock, new ProfileActivated(profile.Id, profile.Name, profile.Version));
        return profile;
    }

    public static ProfileView View(RuleProfileVersion p) =>
        new(p.Id, p.Name, p.Version, p.Status.ToString(), p.Author, p.CreatedAt, p.ChangeReason, p.Hubs, p.ValidFrom, p.ValidTo, p.ActivatedBy, p.ActivatedAt, CountRules(p.Yaml));

    private static int CountRules(string yaml) => RuleProfileParser.Read(yaml).Profile?.Rules.Count ?? 0;
}
