using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.OpenApi;

namespace Portcullis.Hosting;

/// <summary>Settings of section "Security": the TLS proxy in front of Portcullis.</summary>
public sealed class WebSecurityOptions
{
    /// <summary>Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed; empty = none is.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of such proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// Browser-facing protections: security headers, forwarded headers from a known TLS proxy (so that
/// the sign-in cookie is Secure behind it), and the rule that cookie-authenticated API writes carry
/// a header no cross-site form or simple request can set.
/// </summary>
public static class WebSecurity
{
    /// <summary>The header a signed-in person's script must send on API writes (CORS never lets another site set it).</summary>
    public const string CsrfHeader = "X-Requested-With";

    // Blazor Server needs its own script and a same-origin WebSocket; MudBlazor sets inline styles,
    // hence 'unsafe-inline' for styles only. Nothing may frame the app or post forms elsewhere.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Security").Get<WebSecurityOptions>() ?? new WebSecurityOptions();
        services.AddSingleton(options);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator names is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Security:KnownProxies holds '{proxy}', which is not an IP address; give addresses such as 10.0.0.5."));
            }

            foreach (var network in options.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Security:KnownNetworks holds '{network}', which is not a CIDR network; give networks such as 10.0.0.0/8."));
            }
        });
        return services;
    }

    /// <summary>Before authentication: the scheme a proxy saw decides whether the cookie is Secure.</summary>
    public static void UseForwardedHeadersAndSecurityHeaders(this WebApplication app)
    {
        // With no proxy named the middleware would believe every sender's X-Forwarded-Proto, so it
        // runs only when the operator has named the proxies.
        var options = app.Services.GetRequiredService<WebSecurityOptions>();
        if (options.KnownProxies.Count > 0 || options.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                // Answers and pages carry cargo, risk and selections: no browser or proxy may keep them.
                // Static assets set their own caching and are not data.
                if (context.Request.Path.StartsWithSegments("/api") || !headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// After authorization: a person's (cookie) write to the API needs <see cref="CsrfHeader"/>, which
    /// a cross-site form or a simple cross-site request cannot send. Tokens are not sent by browsers
    /// on their own, so they need nothing more.
    /// </summary>
    public static void UseApiWriteProtection(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api")
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
                && Access.CurrentUser.From(context.User) is { IsSystem: false }
                && string.IsNullOrEmpty(context.Request.Headers[CsrfHeader]))
            {
                await Results.Problem(
                    $"A signed-in browser session may change data through the API only with the header {CsrfHeader}; send it (any value), or use a bearer token.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Missing request header.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>
    /// Declares a raw request body (a file) in the OpenAPI document and answers 415 for other content
    /// types — after authorization, so that an anonymous caller learns nothing but 401. Routing's own
    /// content-type matching (Accepts) would answer 415 before anyone is authenticated.
    /// </summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder builder, params string[] contentTypes)
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var type = context.HttpContext.Request.ContentType;
            var mediaType = type is null ? null : type.Split(';')[0].Trim();
            if (mediaType is null || !contentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                return Results.Problem(
                    $"The body's content type is '{mediaType ?? "missing"}'; send it as {string.Join(" or ", contentTypes)}.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported content type.");
            }

            return await next(context);
        });
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var body = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() };
            foreach (var contentType in contentTypes)
            {
                body.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            operation.RequestBody = body;
            return Task.CompletedTask;
        });
    }
}
