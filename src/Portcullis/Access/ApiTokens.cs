using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Access;

public sealed record NewApiToken(string Name, string Role, string Organisation, IReadOnlyList<string> Scopes, IReadOnlyList<string> Hubs, int? ValidDays);

public sealed record ApiTokenSummary(Guid Id, string Name, string Role, string Organisation, IReadOnlyList<string> Scopes, IReadOnlyList<string> Hubs, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt,
    string? CreatedBy = null, bool AwaitingApproval = false, string? ApprovedBy = null);

/// <summary>The token and its secret; the secret exists only in this object and is never stored.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Token, string Secret);

/// <summary>Bearer tokens for systems: terminals, carriers, scanners and partner agencies.</summary>
public sealed class ApiTokens(PortcullisDb db, TimeProvider clock, Accounts accounts)
{
    /// <summary>Scopes a token can carry; each names one kind of system exchange.</summary>
    public static IReadOnlyList<string> KnownScopes => TokenScopes.All;

    private const string SecretPrefix = "pcl_";

    /// <summary>The longest a token may live; one without an end is allowed, but an end beyond this is a typo.</summary>
    public const int LongestValidDays = 3650;

    public async Task<CreatedApiToken> CreateAsync(NewApiToken request, AccessActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || request.Name.Any(char.IsControl))
        {
            throw new AccessRuleException("A token needs a name of 1 to 100 printable characters that says which system uses it.");
        }

        if (request.Role is null || !Roles.IsKnown(request.Role) || request.Role == Roles.Administrator)
        {
            throw new AccessRuleException($"A token cannot act as '{Echo.Of(request.Role)}'; choose one of {string.Join(", ", Roles.All.Where(r => r != Roles.Administrator))}.");
        }

        if (request.ValidDays is < 1 or > LongestValidDays)
        {
            throw new AccessRuleException($"A validity of {request.ValidDays} days is out of range (validDays, --valid-days); give 1 to {LongestValidDays} days, or leave it out for a token without an end date.");
        }

        var scopes = (request.Scopes ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        var unknown = scopes.FirstOrDefault(s => !KnownScopes.Contains(s));
        if (scopes.Count == 0 || unknown is not null)
        {
            throw new AccessRuleException($"The scope '{Echo.Of(unknown)}' is not known; give one or more of {string.Join(", ", KnownScopes)}.");
        }

        var hubs = Accounts.NormaliseHubs(request.Hubs ?? []);
        var organisation = await accounts.FindOrCreateOrganisationAsync(request.Organisation ?? "", request.Role, cancellationToken);
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = request.Name.Trim(),
            OrganisationId = organisation.Id,
            Role = request.Role,
            Scopes = scopes,
            Hubs = hubs,
            Prefix = secret[..12],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = request.ValidDays is { } days ? now.AddDays(days) : null,
            CreatedBy = actor.Name,
        };
        db.ApiTokens.Add(token);
        Audit.AuditLog.Record(db, clock, actor.Name, actor.OrganisationId, "access.token.create", Subject(token),
            $"role {token.Role}, scopes {string.Join(",", scopes)}, hubs {string.Join(",", hubs)}, organisation {organisation.Name}"
            + (token.ExpiresAt is { } end ? $", valid until {end:O}" : "")
            + (token.IsApproved ? "" : "; awaiting a supervisor's approval"));
        return new CreatedApiToken(Summarise(token, organisation.Name), secret);
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ApiTokens.AsNoTracking().Include(t => t.Organisation).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(t => Summarise(t, t.Organisation!.Name))];
    }

    public async Task<ApiTokenSummary?> RevokeAsync(Guid id, AccessActor actor, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.Include(t => t.Organisation).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return null;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            Audit.AuditLog.Record(db, clock, actor.Name, actor.OrganisationId, "access.token.revoke", Subject(token));
        }

        return Summarise(token, token.Organisation!.Name);
    }

    /// <summary>Four eyes: a supervisor other than the token's maker lets a token that sees cargo work.</summary>
    public async Task<ApiTokenSummary?> ApproveAsync(Guid id, CurrentUser approver, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.Include(t => t.Organisation).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return null;
        }

        Accounts.CheckApprover(approver, token.CreatedBy, null, $"the token '{token.Name}'");
        if (token.IsApproved)
        {
            throw new AccessRuleException($"The token '{token.Name}' needs no approval (any more); nothing was changed.");
        }

        token.ApprovedBy = approver.Name;
        token.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        Audit.AuditLog.Record(db, clock, approver, "access.token.approve", Subject(token), $"role {token.Role}, scopes {string.Join(",", token.Scopes)}, made by {token.CreatedBy}");
        return Summarise(token, token.Organisation!.Name);
    }

    /// <summary>The token for a presented secret when it exists, is not revoked and has not expired.</summary>
    public async Task<ApiToken?> ValidateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.Organisation).SingleOrDefaultAsync(t => t.SecretHash == hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return token is null || token.RevokedAt is not null || token.ExpiresAt <= now || !token.IsApproved ? null : token;
    }

    // The secret has 256 random bits, so a fast unsalted hash is enough: there is nothing to brute-force.
    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiTokenSummary Summarise(ApiToken t, string organisation) =>
        new(t.Id, t.Name, t.Role, organisation, t.Scopes, t.Hubs, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.CreatedBy, !t.IsApproved, t.ApprovedBy);

    private static string Subject(ApiToken t) => $"token {t.Prefix} {Echo.Of(t.Name)}";
}
