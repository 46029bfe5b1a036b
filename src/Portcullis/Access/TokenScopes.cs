using Microsoft.AspNetCore.Authorization;

namespace Portcullis.Access;

/// <summary>
/// What a system's token may do. A token is let through an endpoint only when its role passes the
/// endpoint's role policy <em>and</em> its scopes include the one the endpoint declares; people
/// (cookie or identity-provider sign-in) are governed by their role alone.
/// </summary>
public static class TokenScopes
{
    /// <summary>Read cargo data: traffic, consignments, containers.</summary>
    public const string Read = "read";

    /// <summary>Read risk scores, reasons, rankings, profiles, models, drift and the watch list.</summary>
    public const string RiskRead = "risk:read";

    /// <summary>Draft rule profiles, run the test bench, train models, edit the watch list (never activate).</summary>
    public const string RiskWrite = "risk:write";

    /// <summary>Score a case that is not stored (a pre-arrival query from a partner system).</summary>
    public const string RiskScore = "risk:score";

    /// <summary>Submit EDIFACT and DCSA files and read the sender's own receipts.</summary>
    public const string Ingest = "ingest";

    /// <summary>Read and acknowledge the secure-lane orders released to a terminal; verify release tokens at its gate.</summary>
    public const string OrdersRead = "orders:read";

    /// <summary>A haulier's system collects the one-time release tokens of containers customs released to its organisation.</summary>
    public const string ReleasesCollect = "releases:collect";

    /// <summary>Our own scanner systems delivering images.</summary>
    public const string ScansWrite = "scans:write";

    /// <summary>A partner customs administration delivering origin scans (the scan is marked as the partner's).</summary>
    public const string ScansPartner = "scans:partner";

    /// <summary>Seal and sensor feeds (the integrity capability opens endpoints for it).</summary>
    public const string EventsWrite = "events:write";

    public static IReadOnlyList<string> All { get; } = [Read, RiskRead, RiskWrite, RiskScore, Ingest, OrdersRead, ReleasesCollect, ScansWrite, ScansPartner, EventsWrite];
}

/// <summary>How an endpoint treats bearer tokens.</summary>
public enum TokenAccess
{
    /// <summary>A token needs <see cref="EndpointScope.Scope"/> among its scopes.</summary>
    Scope,

    /// <summary>No token may call it: selections, inspections, administration and activation are acts of people.</summary>
    PeopleOnly,

    /// <summary>Every valid token may call it (who am I, the hub list): it reveals nothing a token's holder does not know.</summary>
    AnyToken,

    /// <summary>Not called with a token at all: the body's signature authenticates the sender (webhooks).</summary>
    Signed,
}

/// <summary>
/// An endpoint's declaration of the scope it needs; also the authorization requirement that enforces it.
/// <see cref="Scope"/> may name several scopes separated by spaces (as OAuth writes them): any one of them admits.
/// </summary>
public sealed record EndpointScope(TokenAccess Access, string? Scope = null) : IAuthorizationRequirement
{
    public override string ToString() => Access == TokenAccess.Scope ? Scope! : Access.ToString();

    /// <summary>The scopes that admit a token (one, or the alternatives of <see cref="EndpointScopes.RequireAnyScope"/>).</summary>
    public IReadOnlyList<string> Scopes => Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Whether a caller with these facts passes the declaration.</summary>
    public bool Admits(CurrentUser user) => !user.IsSystem || Access switch
    {
        TokenAccess.Scope => Scopes.Any(s => user.Scopes.Contains(s, StringComparer.Ordinal)),
        TokenAccess.AnyToken => true,
        _ => false,
    };
}

/// <summary>Declaring scopes on endpoints. Every endpoint under /api/v1 declares one; those that do not are people-only (fail closed).</summary>
public static class EndpointScopes
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!TokenScopes.All.Contains(scope, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{scope}' is not a token scope; add it to TokenScopes.All first.", nameof(scope));
        }

        return builder.Declare(new EndpointScope(TokenAccess.Scope, scope));
    }

    /// <summary>
    /// Tokens with any one of the scopes pass: one endpoint that two kinds of systems call, each with
    /// its own scope (our scanners and partner administrations sending scans); the handler tells them apart.
    /// </summary>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        if (scopes.Length == 0 || scopes.Any(s => !TokenScopes.All.Contains(s, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"'{string.Join(", ", scopes)}' are not all token scopes; add them to TokenScopes.All first.", nameof(scopes));
        }

        return builder.Declare(new EndpointScope(TokenAccess.Scope, string.Join(' ', scopes)));
    }

    public static TBuilder PeopleOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Declare(new EndpointScope(TokenAccess.PeopleOnly));

    public static TBuilder AnyToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Declare(new EndpointScope(TokenAccess.AnyToken));

    public static TBuilder SignedBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new EndpointScope(TokenAccess.Signed));

    /// <summary>
    /// For a route group: an endpoint in it that declared nothing gets <see cref="TokenAccess.PeopleOnly"/>,
    /// so forgetting a declaration never opens an endpoint to tokens (the access tests name it too).
    /// </summary>
    public static void PeopleOnlyUnlessDeclared(this RouteGroupBuilder group) =>
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<EndpointScope>().Any())
            {
                var declaration = new EndpointScope(TokenAccess.PeopleOnly);
                endpoint.Metadata.Add(new AuthorizationPolicyBuilder().AddRequirements(declaration).Build());
            }
        });

    private static TBuilder Declare<TBuilder>(this TBuilder builder, EndpointScope declaration)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(declaration).RequireAuthorization(p => p.AddRequirements(declaration));
}

/// <summary>Enforces <see cref="EndpointScope"/> for tokens; people pass (their role policy decides).</summary>
internal sealed class EndpointScopeHandler : AuthorizationHandler<EndpointScope>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EndpointScope requirement)
    {
        if (CurrentUser.From(context.User) is { } user && requirement.Admits(user))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
