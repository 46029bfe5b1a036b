using System.Security.Claims;

namespace Portcullis.Access;

/// <summary>Claim types Portcullis puts on every principal, person or system.</summary>
public static class PortcullisClaims
{
    public const string Organisation = "pcl:org";
    public const string OrganisationName = "pcl:org_name";
    public const string Hub = "pcl:hub";
    public const string Scope = "pcl:scope";
    public const string Kind = "pcl:kind";
    public const string SecurityStamp = "pcl:stamp";
    public const string MustChangePassword = "pcl:must_change_password";
    public const string MustEnrolSecondFactor = "pcl:must_enrol_second_factor";
}

/// <summary>Who is asking: what every need-to-know decision starts from.</summary>
public sealed record CurrentUser(Guid Id, string Name, string Role, Guid OrganisationId, string OrganisationName, IReadOnlyList<string> Hubs, IReadOnlyList<string> Scopes, bool IsSystem)
{
    public bool AllHubs => Hubs.Contains("*");

    public bool CanSeeHub(string hubCode) => AllHubs || Hubs.Contains(hubCode, StringComparer.OrdinalIgnoreCase);

    public bool IsCustoms => Roles.Customs.Contains(Role);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Guid.TryParse(principal.FindFirstValue(PortcullisClaims.Organisation), out var organisation))
        {
            return null;
        }

        return new CurrentUser(
            id,
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(ClaimTypes.Role) ?? "",
            organisation,
            principal.FindFirstValue(PortcullisClaims.OrganisationName) ?? "",
            [.. principal.FindAll(PortcullisClaims.Hub).Select(c => c.Value)],
            [.. principal.FindAll(PortcullisClaims.Scope).Select(c => c.Value)],
            principal.FindFirstValue(PortcullisClaims.Kind) == "system");
    }

    /// <summary>The claims of a signed-in person; with <paramref name="mustEnrolSecondFactor"/> (the role needs a second factor not set up yet) only the set-up page answers.</summary>
    public static ClaimsIdentity IdentityFor(Account account, string authenticationType, bool mustEnrolSecondFactor = false)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.GivenName, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
            new(PortcullisClaims.Organisation, account.OrganisationId.ToString()),
            new(PortcullisClaims.OrganisationName, account.Organisation?.Name ?? ""),
            new(PortcullisClaims.Kind, "person"),
            new(PortcullisClaims.SecurityStamp, account.SecurityStamp),
        };
        claims.AddRange(account.Hubs.Select(h => new Claim(PortcullisClaims.Hub, h)));
        if (account.MustChangePassword)
        {
            claims.Add(new Claim(PortcullisClaims.MustChangePassword, "true"));
        }

        if (mustEnrolSecondFactor)
        {
            claims.Add(new Claim(PortcullisClaims.MustEnrolSecondFactor, "true"));
        }

        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }

    public static ClaimsIdentity IdentityFor(ApiToken token, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.Id.ToString()),
            new(ClaimTypes.Name, $"token:{token.Name}"),
            new(ClaimTypes.Role, token.Role),
            new(PortcullisClaims.Organisation, token.OrganisationId.ToString()),
            new(PortcullisClaims.OrganisationName, token.Organisation?.Name ?? ""),
            new(PortcullisClaims.Kind, "system"),
        };
        claims.AddRange(token.Hubs.Select(h => new Claim(PortcullisClaims.Hub, h)));
        claims.AddRange(token.Scopes.Select(s => new Claim(PortcullisClaims.Scope, s)));
        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }
}
