using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Portcullis.Storage;

namespace Portcullis.Access;

/// <summary>
/// Who is who: sign-in by cookie, bearer token or identity provider, accounts and tokens, and the
/// policies other capabilities put on their endpoints.
/// </summary>
public static class AccessModule
{
    public const string SmartScheme = "portcullis";
    public const string TokenScheme = "ApiToken";
    public const string OidcScheme = "oidc";

    /// <summary>Policy: customs staff who may see cargo data (of their own hubs).</summary>
    public const string CustomsData = "customs-data";

    /// <summary>Policy: account and token administration.</summary>
    public const string Administration = "administration";

    /// <summary>Policy: who-knew reports, auditors and supervisors.</summary>
    public const string Investigators = "who-knew";

    /// <summary>Policy: approving accounts and tokens that see cargo (four eyes), supervisors in person.</summary>
    public const string Approvers = "approvers";

    /// <summary>Rate-limit policy of the sign-in form.</summary>
    public const string SignInRateLimit = "signin";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Accounts>();
        services.AddScoped<ApiTokens>();
        services.AddSingleton<SecondFactor>();

        var authentication = services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
            {
                // Tokens are for the REST API only: a bearer header on a page is ignored, so that a
                // system's token never renders the web UI (whose pages know roles, not scopes).
                o.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api")
                    && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
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
            .AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(Approvers, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsPerson(c.User, Roles.Supervisor)))
            .AddPolicy(Investigators, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsPerson(c.User, Roles.Auditor, Roles.Supervisor)));
        services.AddSingleton<IAuthorizationHandler, EndpointScopeHandler>();
        services.AddCascadingAuthenticationState();
        services.Configure<RateLimiterOptions>(o =>
        {
            // Slows password guessing from one address without locking real users out; the limit is
            // read per request so that configuration set after Build (tests, reloads) applies.
            o.AddPolicy(SignInRateLimit, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Access:SignInsPerMinute", 20);
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
            });
        });
        return services;
    }

    public static void MapAccess(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me.Get).AnyToken().WithTags("Access").WithSummary("The caller's name, role, organisation and hub scope.");

        var accounts = api.MapGroup("/accounts").WithTags("Access");
        accounts.MapGet("/", ManageAccounts.ListAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Lists all accounts (no password material).");
        accounts.MapPost("/", ManageAccounts.CreateAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Creates an account; without a password a one-time password is generated and returned once.");
        accounts.MapPost("/{userName}/disable", ManageAccounts.DisableAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Disables an account and ends its sessions.");
        accounts.MapPost("/{userName}/unlock", ManageAccounts.UnlockAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Ends a lockout after failed sign-ins before its time.");
        accounts.MapPost("/{userName}/approve", ManageAccounts.ApproveAsync).RequireAuthorization(Approvers).PeopleOnly()
            .WithSummary("Supervisors: approves an account whose role sees cargo, risk or selections; not one's own and not one made by oneself.");

        var tokens = api.MapGroup("/tokens").WithTags("Access");
        tokens.MapGet("/", ManageTokens.ListAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Lists API tokens (prefix only, never the secret).");
        tokens.MapPost("/", ManageTokens.CreateAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Creates an API token for a system; the response holds the secret, which is not stored.");
        tokens.MapDelete("/{id:guid}", ManageTokens.RevokeAsync).RequireAuthorization(Administration).PeopleOnly().WithSummary("Revokes an API token at once.");
        tokens.MapPost("/{id:guid}/approve", ManageTokens.ApproveAsync).RequireAuthorization(Approvers).PeopleOnly()
            .WithSummary("Supervisors: approves a token whose role sees cargo, risk or selections; not one made by oneself.");
        api.MapGet("/approvals", Approvals.ListAsync).RequireAuthorization(Approvers).PeopleOnly().WithTags("Access")
            .WithSummary("Supervisors: accounts and tokens waiting for a second person's approval.");

        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/who-knew/{unit}", WhoKnew.GetAsync).RequireAuthorization(Investigators).PeopleOnly()
            .WithSummary("Auditors and supervisors: everyone who could see or did see a unit's selection before its control, in time order.");
    }

    /// <summary>The web UI's form posts (sign-in, sign-out, password), outside the REST API.</summary>
    public static void MapAccountForms(this IEndpointRouteBuilder app)
    {
        // Form posts are units of work like API requests: a sign-in that rehashes a password or a
        // password change is committed once the handler succeeded.
        var account = app.MapGroup("/account").ExcludeFromDescription().AddEndpointFilter(UnitOfWorkFilter.CommitOnSuccess);
        account.MapPost("/signin", SignIn.HandleSignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        // A cross-site form must not be able to sign a person out: the layout's form carries the token.
        account.MapPost("/signout", (Delegate)SignIn.HandleSignOutAsync).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());
        account.MapPost("/password", SignIn.HandlePasswordAsync).RequireAuthorization();
        account.MapPost("/second-factor", SignIn.HandleSecondFactorAsync).RequireAuthorization();
        if (OidcEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            account.MapGet("/signin-external", () =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [OidcScheme])).AllowAnonymous();
        }
    }

    /// <summary>
    /// After authentication: a person still holding a one-time password, or whose role needs a second
    /// factor not yet set up, reaches only the page that fixes it (and sign-out); the API answers 403.
    /// </summary>
    public static void UseAccountSteps(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            var step = user.HasClaim(PortcullisClaims.MustChangePassword, "true") ? "/account/password"
                : user.HasClaim(PortcullisClaims.MustEnrolSecondFactor, "true") ? "/account/second-factor"
                : null;
            var path = context.Request.Path;
            if (step is null || path.StartsWithSegments(step) || path.StartsWithSegments("/account/signout")
                || path.StartsWithSegments("/signin") || path.StartsWithSegments("/account/signin") || path.StartsWithSegments("/culture") || IsInfrastructure(path))
            {
                await next(context);
                return;
            }

            if (path.StartsWithSegments("/api"))
            {
                await Results.Problem(
                    step == "/account/password"
                        ? "The account still has its one-time password; choose your own at /account/password first."
                        : "Your role needs a second factor; set it up at /account/second-factor first.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Finish setting up your account.").ExecuteAsync(context);
                return;
            }

            context.Response.Redirect(step);
        });

    // What the set-up pages themselves need: the framework's scripts, styles and circuit.
    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_blazor")
        || path.StartsWithSegments("/health") || Path.HasExtension(path.Value);

    /// <summary>
    /// Whether the principal is a person (not a system's token) in one of the roles. Selections and
    /// who-knew reports are for people only, whatever role or scopes a token was given.
    /// </summary>
    public static bool IsPerson(ClaimsPrincipal principal, params string[] roles) =>
        CurrentUser.From(principal) is { IsSystem: false } user && roles.Contains(user.Role, StringComparer.Ordinal);

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

        if (!account.IsApproved)
        {
            context.Fail($"The account {account.UserName} waits for a supervisor's approval; ask one to approve it.");
            return;
        }

        if (account.ExternalSubject is null && subject is not null)
        {
            account.ExternalSubject = subject;
        }

        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        Audit.AuditLog.Record(db, clock, account.UserName, account.OrganisationId, "access.signin", "account " + account.UserName, "identity provider");
        await context.HttpContext.RequestServices.GetRequiredService<UnitOfWork>().CommitAsync(context.HttpContext.RequestAborted);

        context.Principal = new ClaimsPrincipal(CurrentUser.IdentityFor(account, OidcScheme));
    }
}
