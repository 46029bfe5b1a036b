using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portcullis.Storage;

namespace Portcullis.Access;

public static class AccessSetup
{
    public const string SmartScheme = "portcullis";
    public const string TokenScheme = "ApiToken";
    public const string OidcScheme = "oidc";

    /// <summary>Policy: customs staff who may see cargo data (of their own hubs).</summary>
    public const string CustomsData = "customs-data";

    /// <summary>Policy: account and token administration.</summary>
    public const string Administration = "administration";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Accounts>();
        services.AddScoped<ApiTokens>();

        var authentication = services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(TokenScheme, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "portcullis";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateSecurityStampAsync;
            });

        var oidc = configuration.GetSection("Authentication:Oidc");
        if (!string.IsNullOrEmpty(oidc["Authority"]))
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc["DisplayName"] ?? "Identity provider", o =>
            {
                o.Authority = oidc["Authority"];
                o.ClientId = oidc["ClientId"];
                o.ClientSecret = oidc["ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = "/signin-oidc";
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.RequireHttpsMetadata = !bool.TryParse(oidc["AllowHttp"], out var allowHttp) || !allowHttp;
                o.Scope.Add("email");
                o.Events.OnTokenValidated = MapExternalAccountAsync;
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(CustomsData, p => p.RequireAuthenticatedUser().RequireRole(Roles.Customs))
            .AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>Whether OpenID Connect sign-in is switched on by configuration.</summary>
    public static bool OidcEnabled(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["Authentication:Oidc:Authority"]);

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // A disabled account or a changed password ends existing sessions at their next request.
    private static async Task ValidateSecurityStampAsync(CookieValidatePrincipalContext context)
    {
        var user = CurrentUser.From(context.Principal!);
        var stamp = context.Principal!.FindFirstValue(PortcullisClaims.SecurityStamp);
        var db = context.HttpContext.RequestServices.GetRequiredService<PortcullisDb>();
        var current = user is null
            ? null
            : await db.Accounts.AsNoTracking().Where(a => a.Id == user.Id && !a.Disabled).Select(a => a.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    // People from the identity provider must have an account made by an administrator first: the
    // provider proves who they are, Portcullis decides what they may see.
    private static async Task MapExternalAccountAsync(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Principal?.FindFirstValue("sub");
        var email = context.Principal?.FindFirstValue(ClaimTypes.Email) ?? context.Principal?.FindFirstValue("email");
        var db = context.HttpContext.RequestServices.GetRequiredService<PortcullisDb>();
        var account = await db.Accounts.Include(a => a.Organisation)
            .SingleOrDefaultAsync(a => !a.Disabled && (a.ExternalSubject == subject || (email != null && a.UserName == email.ToLower())), context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.Fail("No Portcullis account is linked to this identity; ask an administrator to create one with your e-mail address as user name.");
            return;
        }

        if (account.ExternalSubject is null && subject is not null)
        {
            account.ExternalSubject = subject;
            await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        }

        context.Principal = new ClaimsPrincipal(CurrentUser.IdentityFor(account, OidcScheme));
    }
}

internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            // Never echo the presented secret: it may be a real token sent to the wrong place.
            return AuthenticateResult.Fail("The bearer token is unknown, revoked or expired.");
        }

        var principal = new ClaimsPrincipal(CurrentUser.IdentityFor(token, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
