using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

/// <summary>
/// The real application (real DI, real database, real authentication) on an in-memory test server.
/// Nothing of Portcullis is replaced.
/// </summary>
public sealed partial class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Database database)
    {
        _app = app;
        Database = database;
    }

    public Database Database { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiHost> StartAsync(Provider provider, bool demoAccounts = true, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var database = demoAccounts ? await TestDatabases.CreateWithDemoAccountsAsync(provider) : await TestDatabases.CreateMigratedAsync(provider);

        // The background planner (and the integrity monitor) would act on the tests' own fixtures at random moments; tests that want them switch them on.
        // Info logs of every refused request (thousands in the access matrix) would bury the failures.
        // Own keys per host: on PostgreSQL the default (data/keys) would be shared by every test
        // database, and one external checkpoint log must hold the checkpoints of one database only.
        var merged = new Dictionary<string, string?>
        {
            ["Selection:RunEverySeconds"] = "0",
            ["Integrity:MonitorSeconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["KeysFolder"] = Directory.CreateTempSubdirectory("portcullis-keys-").FullName,
        };
        if (demoAccounts)
        {
            TestDatabases.CopyDemoKeyTo(merged["KeysFolder"]!);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var app = PortcullisWeb.Build(new WebOptions(database.Target, [], Settings: merged), b =>
        {
            b.WebHost.UseTestServer();
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return new ApiHost(app, database);
    }

    public HttpClient Anonymous() => new(new CookieContainerHandler { InnerHandler = _app.GetTestServer().CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    /// <summary>Signs in through the real HTML form (antiforgery token included) and returns the cookie-carrying client.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = InitialAccounts.DemoPassword)
    {
        var client = Anonymous();
        using var response = await PostFormAsync(client, "/signin", "/account/signin", new() { ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        // What a same-origin script sends on API writes (WebSecurity.CsrfHeader); tests of that rule remove it.
        client.DefaultRequestHeaders.Add(WebSecurity.CsrfHeader, "tests");
        return client;
    }

    /// <summary>Posts a form of the web UI as a browser does: the antiforgery token from the form's page, then the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken(await client.GetStringAsync(formPage));
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, form);
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string AntiforgeryToken(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    /// <summary>A client with a fresh API token acting in the given role.</summary>
    public async Task<HttpClient> WithTokenAsync(string role, string hubs = "*", string scope = "read")
    {
        await using var scope1 = _app.Services.CreateAsyncScope();
        var tokens = scope1.ServiceProvider.GetRequiredService<ApiTokens>();
        var created = await tokens.CreateAsync(new NewApiToken($"test {role} {Guid.NewGuid():N}", role, "Test organisation", [scope], [hubs], null), TestAdministrator, CancellationToken.None);
        await scope1.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        if (created.Token.AwaitingApproval)
        {
            await tokens.ApproveAsync(created.Token.Id, TestSupervisor, CancellationToken.None);
            await scope1.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return client;
    }

    /// <summary>Who makes the tests' tokens; the audit log names them.</summary>
    public static AccessActor TestAdministrator { get; } = new("test-administrator", null);

    /// <summary>The second person who approves the tests' tokens that see cargo (four eyes); not a stored account.</summary>
    public static CurrentUser TestSupervisor { get; } = new(Guid.Empty, "test-supervisor", Roles.Supervisor, Guid.Empty, "Douane", ["*"], [], false);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
