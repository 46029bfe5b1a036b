using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Hosting;

/// <summary>
/// Several processes on one database behave as one system: a change made by a command or by one
/// node reaches every running node through the outbox; background jobs run on one node at a time;
/// the audit chain stays one chain; a sign-in made on one node is honoured by the other.
/// </summary>
public sealed partial class ScaleOutTests
{
    private const string ScorePayload = """{"hub":"RTM","originCountry":"EC","portOfLoading":"ECGYE","portOfDischarge":"NLRTM","goods":[{"hsCode":"080390","description":"bananas","grossKg":20000,"valueEur":15000}],"containers":[{"number":"MSCU1234565","reefer":true}]}""";

    private static readonly TimeSpan Reach = TimeSpan.FromSeconds(60);

    private static string Profile(string name) => $"name: {name}\nrules:\n  - id: reefer\n    weight: 0.3\n    reason: reefer box\n    when: {{ reefer: true }}\n";

    private static Dictionary<string, string> NodeSettings(string keys) => new()
    {
        ["PORTCULLIS_KeysFolder"] = keys,
        ["PORTCULLIS_Outbox__PollSeconds"] = "1",
        ["PORTCULLIS_Risk__ScoreEverySeconds"] = "1",
        ["PORTCULLIS_Audit__CheckpointEverySeconds"] = "1",
        ["PORTCULLIS_Selection__RunEverySeconds"] = "1",
    };

    [Fact]
    public async Task A_profile_activated_from_the_command_line_reaches_a_running_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var token = await CliProcess.RunAsync(folder, "tokens", "add", "desk", "--role", "targeting-analyst", "--org", "Customs", "--scope", "risk:score", "--hubs", "RTM", "--db", db);
        Assert.True(token.ExitCode == 0, token.Stderr);
        var secret = SecretLine().Match(token.Stdout).Groups[1].Value;
        var tokenId = GuidIn().Match(token.Stdout).Value;
        // A token that sees risk works after a supervisor approved it: the installation's first
        // supervisor is approved by the machine's operator, then approves the token.
        var boss = await CliProcess.RunWithInputAsync(folder, null, "tulip-harbour-crane-45", "users", "add", "boss", "--role", "supervisor", "--hubs", "*", "--password-stdin", "--db", db);
        Assert.True(boss.ExitCode == 0, boss.Stderr);
        var first = await CliProcess.RunAsync(folder, "users", "approve", "boss", "--db", db);
        Assert.True(first.ExitCode == 0, first.Stderr);
        await using var server = await ServerProcess.StartAsync(folder, db, NodeSettings(Path.Combine(folder, "keys")));
        var cookies = new System.Net.CookieContainer();
        await server.SignInAsync(cookies, "boss", "tulip-harbour-crane-45");
        using (var supervisor = ServerProcess.Client(cookies))
        {
            using var approved = await supervisor.PostAsync($"{server.BaseUrl}/api/v1/tokens/{tokenId}/approve", null, ct);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Empty((await ScoreAsync(client, server.BaseUrl, ct)).Profiles);

        var yaml = Path.Combine(folder, "cli-profile.yaml");
        await File.WriteAllTextAsync(yaml, Profile("from-the-cli"), ct);
        var imported = await CliProcess.RunAsync(folder, "risk", "profile", "import", yaml, "--reason", "test", "--db", db);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var id = GuidIn().Match(imported.Stdout).Value;
        var activated = await CliProcess.RunAsync(folder, "risk", "profile", "activate", id, "--reason", "test", "--db", db);
        Assert.True(activated.ExitCode == 0, activated.Stderr);

        var seen = await EventuallyAsync(async () => (await ScoreAsync(client, server.BaseUrl, ct)).Profiles.Contains("from-the-cli v1"), ct);
        Assert.True(seen, $"The running server did not use the profile within {Reach.TotalSeconds} s.");
        var score = await ScoreAsync(client, server.BaseUrl, ct);
        Assert.Equal(0.3, score.RuleScore, 6);
    }

    [Fact]
    public async Task Two_nodes_on_one_PostgreSQL_database_behave_as_one_system()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = CliProcess.TempFolder();
        var target = await TestDatabases.CreateAsync(Provider.Postgres);
        var database = new Database(target);
        await database.MigrateAsync(ct);
        // As `serve --demo` does: the signing key exists before seeding writes the first audit entries.
        new Portcullis.Audit.AuditSigningKey(Path.Combine(folder, "shared-keys")).CreateFirst(TimeProvider.System);
        await InitialAccounts.EnsureDemoAccountsAsync(database, TimeProvider.System, ct);
        var settings = NodeSettings(Path.Combine(folder, "shared-keys"));
        await using var a = await ServerProcess.StartAsync(folder, target.ConnectionString, settings);
        await using var b = await ServerProcess.StartAsync(folder, target.ConnectionString, settings);

        // A sign-in made on node A is a valid session on node B (shared data-protection keys).
        var cookies = new CookieContainer();
        await a.SignInAsync(cookies, "supervisor", InitialAccounts.DemoPassword);
        using var http = ServerProcess.Client(cookies);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{b.BaseUrl}/api/v1/risk/profiles", ct)).StatusCode);

        // A change made through node A is used by A at once and by B within the poll.
        var created = await http.PostAsJsonAsync($"{a.BaseUrl}/api/v1/risk/profiles", new { yaml = Profile("two-nodes"), reason = "test" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profileId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var activated = await http.PostAsJsonAsync($"{a.BaseUrl}/api/v1/risk/profiles/{profileId}/activate", new { reason = "test" }, ct);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Contains("two-nodes v1", (await ScoreAsync(http, a.BaseUrl, ct)).Profiles);
        Assert.True(await EventuallyAsync(async () => (await ScoreAsync(http, b.BaseUrl, ct)).Profiles.Contains("two-nodes v1"), ct), "Node B never used the profile activated on node A.");

        // Each background job has one holder among the two nodes, and keeps it while that node lives.
        string[] jobs = ["risk.scoring", "selection.planner", "audit.checkpoints"];
        Assert.True(await EventuallyAsync(async () => (await LeasesAsync(database, ct)).Keys.Intersect(jobs).Count() == jobs.Length, ct), "Not every job took a lease.");
        var before = await LeasesAsync(database, ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var after = await LeasesAsync(database, ct);
        foreach (var job in jobs)
        {
            Assert.Contains(PidOf(before[job]), new[] { a.Pid, b.Pid });
            Assert.Equal(before[job], after[job]);
        }

        // Both nodes append to the audit chain at once: still one gapless, verifiable chain.
        var imports = Enumerable.Range(0, 12).Select(i => http.PostAsJsonAsync($"{(i % 2 == 0 ? a : b).BaseUrl}/api/v1/risk/profiles", new { yaml = Profile($"concurrent-{i}"), reason = "concurrency" }, ct));
        Assert.All(await Task.WhenAll(imports), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await using (var db = database.CreateContext())
        {
            var sequences = await db.Audit.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(ct);
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
            Assert.Equal(12, await db.Audit.CountAsync(e => e.Action == "risk.profile.import" && e.Detail == "concurrency", ct));
        }

        var verify = await CliProcess.RunAsync(folder, new Dictionary<string, string> { ["PORTCULLIS_KeysFolder"] = settings["PORTCULLIS_KeysFolder"] }, "audit", "verify", "--db", target.ConnectionString);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("intact", verify.Stdout, StringComparison.OrdinalIgnoreCase);

        // Stopping the node that holds the jobs hands them to the other.
        var holder = PidOf(after["risk.scoring"]) == a.Pid ? a : b;
        var survivor = holder == a ? b : a;
        await holder.StopAsync();
        Assert.True(
            await EventuallyAsync(async () => (await LeasesAsync(database, ct)).Where(l => jobs.Contains(l.Key)).All(l => PidOf(l.Value) == survivor.Pid), ct),
            "The surviving node did not take the jobs over.");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{survivor.BaseUrl}/api/v1/risk/profiles", ct)).StatusCode);
    }

    private sealed record Score(double RuleScore, IReadOnlyList<string> Profiles);

    private static async Task<Score> ScoreAsync(HttpClient client, string baseUrl, CancellationToken ct)
    {
        using var content = new StringContent(ScorePayload, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync($"{baseUrl}/api/v1/risk/score", content, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new Score(json.GetProperty("ruleScore").GetDouble(), [.. json.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()!)]);
    }

    private static async Task<Dictionary<string, string>> LeasesAsync(Database database, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        return await db.JobLeases.AsNoTracking().Where(l => l.ExpiresAt > now).ToDictionaryAsync(l => l.Name, l => l.Holder, ct);
    }

    // A holder is machine/pid/random (NodeIdentity).
    private static int PidOf(string holder) => int.Parse(holder.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls until the condition holds or <see cref="Reach"/> has passed; a bound, not a speed measurement.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Reach)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250, ct);
        }

        return false;
    }

    [GeneratedRegex(@"Secret \(shown once.*\): (\S+)")]
    private static partial Regex SecretLine();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidIn();
}
