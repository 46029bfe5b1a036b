using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Hosting;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>Findings 12 and 13 of the security review: headers, the cookie behind a TLS proxy, cross-site writes, and 401 before 415.</summary>
[Trait("Category", "security")]
public sealed class WebSecurityTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApiHost.StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Anonymous_upload_with_a_wrong_content_type_is_401_not_415()
    {
        using var anonymous = _host.Anonymous();
        using var response = await anonymous.PostAsync("/api/v1/ingest/edifact", new StringContent("<xml/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var supervisor = await _host.SignInAsync("supervisor");
        using var refused = await supervisor.PostAsync("/api/v1/ingest/edifact", new StringContent("<xml/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/EDIFACT", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_answers_carry_nosniff_no_referrer_and_no_store()
    {
        using var analyst = await _host.SignInAsync("analyst");
        foreach (var path in new[] { "/api/v1/traffic", "/api/v1/consignments?hub=RTM", "/api/v1/risk/ranking?hub=RTM", "/api/v1/selections?hub=RTM" })
        {
            using var response = await analyst.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be stored by a browser or proxy.");
        }
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_that_allows_only_our_own_scripts()
    {
        using var anonymous = _host.Anonymous();
        using var page = await anonymous.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Cookie_is_secure_behind_a_known_TLS_proxy_and_only_then()
    {
        await using var proxied = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Security:KnownProxies:0"] = "127.0.0.1" }, configure: FromLoopback);
        Assert.Contains("secure", await SignInCookieAsync(proxied), StringComparison.OrdinalIgnoreCase);

        // The same forwarded header from a proxy nobody named is not believed.
        await using var unconfigured = await ApiHost.StartAsync(Provider.Sqlite, configure: FromLoopback);
        Assert.DoesNotContain("secure", await SignInCookieAsync(unconfigured), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token()
    {
        using var analyst = await _host.SignInAsync("analyst");
        using var forged = await analyst.PostAsync("/account/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/me")).StatusCode);

        var token = ApiHost.AntiforgeryToken(await analyst.GetStringAsync("/"));
        using var real = await analyst.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Cookie_authenticated_api_writes_need_the_custom_header()
    {
        using var supervisor = await _host.SignInAsync("supervisor");
        supervisor.DefaultRequestHeaders.Remove(WebSecurity.CsrfHeader);
        // What a cross-site form can send: text/plain, no custom header.
        using var forged = await supervisor.PostAsync("/api/v1/ingest/edifact", new StringContent(Ingest.IngestFiles.GateIn("CSRF1"), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains(WebSecurity.CsrfHeader, await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        supervisor.DefaultRequestHeaders.Add(WebSecurity.CsrfHeader, "portcullis");
        using var allowed = await supervisor.PostAsync("/api/v1/ingest/edifact", new StringContent(Ingest.IngestFiles.GateIn("CSRF1"), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);

        // Systems' tokens are not sent by browsers on their own: no header needed.
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", TokenScopes.Ingest);
        using var system = await terminal.PostAsync("/api/v1/ingest/edifact", new StringContent(Ingest.IngestFiles.GateIn("CSRF2"), Encoding.UTF8, "application/EDIFACT"));
        Assert.Equal(HttpStatusCode.Accepted, system.StatusCode);
    }

    private static void FromLoopback(WebApplicationBuilder builder) => builder.Services.AddTransient<IStartupFilter, LoopbackConnection>();

    private static async Task<string> SignInCookieAsync(ApiHost host)
    {
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await ApiHost.PostFormAsync(client, "/signin", "/account/signin", new() { ["UserName"] = "analyst", ["Password"] = InitialAccounts.DemoPassword, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("\n", response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("portcullis=", StringComparison.Ordinal)));
    }

    // The in-memory test server has no TCP peer; a real proxy on this machine would connect from loopback.
    private sealed class LoopbackConnection : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
