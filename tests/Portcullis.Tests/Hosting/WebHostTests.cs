using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Hosting;

public sealed class WebHostTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Health_reports_the_database_reachable(Provider provider)
    {
        await using var host = await ApiHost.StartAsync(provider, demoAccounts: false);
        using var client = host.Anonymous();
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_every_api_endpoint_and_the_bearer_scheme()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        using var client = host.Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(r => r.StartsWith("/api/v1", StringComparison.Ordinal))
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r.TrimEnd('/'), ":[a-z]+}", "}"))
            .ToHashSet();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            Assert.True(paths.Contains(route), $"{route} is missing from the OpenAPI document; paths: {string.Join(", ", paths)}");
        }

        Assert.Equal("http", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
    }

    [Fact]
    public async Task OpenApi_document_says_for_every_operation_which_token_scope_it_needs()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        using var client = host.Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)).Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("x-token-scope", out _), $"{method} {path} does not say which token scope it needs.");
        }

        string ScopeOf(string path, string method) => document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("x-token-scope").GetString()!;
        Assert.Equal("risk:read", ScopeOf("/api/v1/risk/ranking", "get"));
        Assert.Equal("PeopleOnly", ScopeOf("/api/v1/risk/profiles/{id}/activate", "post"));
        Assert.Equal("AnyToken", ScopeOf("/api/v1/me", "get"));
        Assert.Equal("Signed", ScopeOf("/api/v1/dcsa/events", "post"));
    }

    [Fact]
    public async Task Ui_pages_redirect_anonymous_visitors_to_sign_in()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        using var client = host.Anonymous();
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/signin?ReturnUrl=", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        using var client = host.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = "guess" + i });
            using var response = await client.PostAsync("/account/signin", form);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(20), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/consignments?hub=RTM", "/consignments?hub=RTM")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public void Sign_in_only_returns_to_local_pages(string requested, string expected) =>
        Assert.Equal(expected, Portcullis.Access.SignIn.SafeReturnUrl(requested));
}
