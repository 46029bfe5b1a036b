using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Portcullis.Access;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>
/// Findings 5 and 10 of the security review: administration leaves a trace and needs a second
/// person for sight of cargo; password guessing is stopped; one-time passwords must be replaced;
/// a second factor can be required.
/// </summary>
[Trait("Category", "security")]
public sealed partial class AdministrationTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    // The per-address limit of the sign-in form is not what these tests are about (the test server gives every request one address).
    public async ValueTask InitializeAsync() => _host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Access:SignInsPerMinute"] = "1000" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_account_that_sees_cargo_works_only_after_a_second_person_a_supervisor_approved_it()
    {
        using var admin = await _host.SignInAsync("admin");
        using var created = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "k.visser", role = "auditor", organisation = "Douane", hubs = new[] { "*" }, password = "tulip-harbour-crane-41" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // Made, but not usable: the sign-in says it waits for approval.
        using var early = await SignInRawAsync(_host.Anonymous(), "k.visser", "tulip-harbour-crane-41");
        Assert.Equal("/signin?error=approval&returnUrl=%2F", early.Headers.Location?.OriginalString);

        // The administrator is not a supervisor; an analyst is not either.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/accounts/k.visser/approve", null)).StatusCode);
        using var analyst = await _host.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/v1/accounts/k.visser/approve", null)).StatusCode);

        using var supervisor = await _host.SignInAsync("supervisor");
        var waiting = await supervisor.GetFromJsonAsync<Approvals.Waiting>("/api/v1/approvals", TestContext.Current.CancellationToken);
        Assert.Contains(waiting!.Accounts, a => a.UserName == "k.visser");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync("/api/v1/accounts/k.visser/approve", null)).StatusCode);
        using var auditor = await _host.SignInAsync("k.visser", "tulip-harbour-crane-41");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/consignments?hub=RTM")).StatusCode);

        // A terminal partner's account sees no cargo: no approval needed.
        using var partner = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "gate.clerk", role = "terminal-partner", organisation = "ECT", hubs = new[] { "RTM" }, password = "tulip-harbour-crane-42" });
        Assert.Equal(HttpStatusCode.Created, partner.StatusCode);
        using var clerk = await _host.SignInAsync("gate.clerk", "tulip-harbour-crane-42");
    }

    [Fact]
    public async Task A_supervisor_cannot_approve_what_they_made_or_their_own_account()
    {
        // The CLI-made account of a supervisor: that supervisor cannot approve it; another one can.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Accounts>().CreateAsync(
                new NewAccount("second.sup", "", Roles.Supervisor, "Douane", ["*"], "tulip-harbour-crane-43"), new AccessActor("supervisor", null), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Portcullis.Storage.UnitOfWork>().CommitAsync(CancellationToken.None);
        }

        using var supervisor = await _host.SignInAsync("supervisor");
        using var refused = await supervisor.PostAsync("/api/v1/accounts/second.sup/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("second supervisor", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_a_role_that_sees_cargo_works_only_after_approval_and_the_maker_cannot_approve_it()
    {
        using var admin = await _host.SignInAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "risk desk", role = "auditor", organisation = "Douane", scopes = new[] { "read" }, hubs = new[] { "*" } }))
            .Content.ReadFromJsonAsync<CreatedApiToken>(TestContext.Current.CancellationToken);
        Assert.True(created!.Token.AwaitingApproval);
        using var system = _host.Anonymous();
        system.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/v1/consignments?hub=RTM")).StatusCode);

        using var supervisor = await _host.SignInAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/v1/tokens/{created.Token.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/consignments?hub=RTM")).StatusCode);
    }

    [Fact]
    public async Task Every_administrative_act_and_sign_in_is_in_the_audit_log()
    {
        using var admin = await _host.SignInAsync("admin");
        await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "j.bakker", role = "targeting-analyst", organisation = "Douane", hubs = new[] { "RTM" } });
        var token = await (await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "ect gate", role = "terminal-partner", organisation = "ECT", scopes = new[] { "ingest" }, hubs = new[] { "RTM" } }))
            .Content.ReadFromJsonAsync<CreatedApiToken>(TestContext.Current.CancellationToken);
        await admin.DeleteAsync($"/api/v1/tokens/{token!.Token.Id}");
        using var supervisor = await _host.SignInAsync("supervisor");
        await supervisor.PostAsync("/api/v1/accounts/j.bakker/approve", null);
        await admin.PostAsync("/api/v1/accounts/j.bakker/disable", null);
        await SignInRawAsync(_host.Anonymous(), "analyst", "not-the-password-1");

        var log = await AuditRowsAsync();
        Assert.Contains(log, e => e.Action == "access.account.create" && e.Actor == "admin" && e.Subject == "account j.bakker" && e.Detail.Contains("one-time password issued", StringComparison.Ordinal) && e.Detail.Contains("awaiting", StringComparison.Ordinal));
        Assert.Contains(log, e => e.Action == "access.token.create" && e.Actor == "admin" && e.Detail.Contains("scopes ingest", StringComparison.Ordinal));
        Assert.Contains(log, e => e.Action == "access.token.revoke" && e.Actor == "admin");
        Assert.Contains(log, e => e.Action == "access.account.approve" && e.Actor == "supervisor" && e.Subject == "account j.bakker");
        Assert.Contains(log, e => e.Action == "access.account.disable" && e.Actor == "admin" && e.Subject == "account j.bakker");
        Assert.Contains(log, e => e.Action == "access.signin" && e.Actor == "supervisor");
        Assert.Contains(log, e => e.Action == "access.signin.failed" && e.Subject == "account analyst" && e.Detail.Contains("wrong password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twenty_five_wrong_passwords_lock_the_account_so_the_right_one_fails_until_an_administrator_unlocks_it()
    {
        using var client = _host.Anonymous();
        for (var i = 0; i < 25; i++)
        {
            using var wrong = await SignInRawAsync(client, "auditor", $"wrong-password-{i}");
            Assert.Equal("/signin?error=invalid&returnUrl=%2F", wrong.Headers.Location?.OriginalString);
        }

        using var right = await SignInRawAsync(client, "auditor", InitialAccounts.DemoPassword);
        Assert.Equal("/signin?error=invalid&returnUrl=%2F", right.Headers.Location?.OriginalString);
        var log = await AuditRowsAsync();
        Assert.Contains(log, e => e.Action == "access.account.lockout" && e.Subject == "account auditor");
        Assert.Contains(log, e => e.Action == "access.signin.failed" && e.Subject == "account auditor" && e.Detail.StartsWith("locked until", StringComparison.Ordinal));

        using var admin = await _host.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/accounts/auditor/unlock", null)).StatusCode);
        using var after = await SignInRawAsync(client, "auditor", InitialAccounts.DemoPassword);
        Assert.Equal("/", after.Headers.Location?.OriginalString);
        Assert.Contains(await AuditRowsAsync(), e => e.Action == "access.account.unlock" && e.Actor == "admin");
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("password1234")]
    [InlineData("qwertyuiop12")]
    [InlineData("analyst12345")]
    public void Weak_and_common_passwords_are_refused_with_a_reason(string password)
    {
        var refusal = Assert.Throws<PasswordRuleException>(() => Accounts.CheckPasswordStrength(password, "analyst"));
        Assert.Equal(PasswordFault.TooEasy, refusal.Fault);
        Assert.Contains("too easy to guess", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tulip-harbour-crane-41")]
    [InlineData("Correct horse battery staple")]
    public void A_passphrase_of_unrelated_words_is_accepted(string password) => Accounts.CheckPasswordStrength(password, "analyst");

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_the_api_or_any_page_answers()
    {
        using var admin = await _host.SignInAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "new.admin", role = "administrator", organisation = "Douane", hubs = new[] { "*" } }))
            .Content.ReadFromJsonAsync<ManageAccounts.CreateAccountResponse>(TestContext.Current.CancellationToken);
        using var client = _host.Anonymous();
        client.DefaultRequestHeaders.Add(Portcullis.Hosting.WebSecurity.CsrfHeader, "tests");
        using var signIn = await SignInRawAsync(client, "new.admin", created!.OneTimePassword!);
        Assert.Equal("/account/password", signIn.Headers.Location?.OriginalString);

        using var api = await client.GetAsync("/api/v1/accounts");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("/account/password", await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var page = await client.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/password", page.Headers.Location?.OriginalString);

        using var weak = await PostFormAsync(client, "/account/password", "/account/password", new() { ["NewPassword"] = "password1234", ["Repeat"] = "password1234" });
        Assert.Equal("/account/password?error=weak", weak.Headers.Location?.OriginalString);
        using var changed = await PostFormAsync(client, "/account/password", "/account/password", new() { ["NewPassword"] = "tulip-harbour-crane-44", ["Repeat"] = "tulip-harbour-crane-44" });
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/accounts")).StatusCode);
    }

    [Fact]
    public async Task A_role_that_needs_a_second_factor_must_set_it_up_and_then_sign_in_with_a_code()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Access:SecondFactorRoles:0"] = Roles.Auditor });
        using var client = host.Anonymous();
        using var signIn = await SignInRawAsync(client, "auditor", InitialAccounts.DemoPassword);
        Assert.Equal("/account/second-factor", signIn.Headers.Location?.OriginalString);
        using var blocked = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);

        var page = await client.GetStringAsync("/account/second-factor", TestContext.Current.CancellationToken);
        var secret = SecretField().Match(page).Groups[1].Value;
        var enrolment = WebUtility.HtmlDecode(EnrolmentField().Match(page).Groups[1].Value);
        // The authenticator app's side, computed by Otp.NET from the key the page showed.
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);
        using var wrong = await PostFormAsync(client, "/account/second-factor", "/account/second-factor", new() { ["Enrolment"] = enrolment, ["Code"] = code == "000000" ? "111111" : "000000" });
        Assert.Equal("/account/second-factor?error=code", wrong.Headers.Location?.OriginalString);
        using var enrolled = await PostFormAsync(client, "/account/second-factor", "/account/second-factor", new() { ["Enrolment"] = enrolment, ["Code"] = code });
        Assert.Equal("/", enrolled.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        // From now on the password alone is not enough; the code used for enrolment cannot be replayed.
        using var fresh = host.Anonymous();
        using var withoutCode = await SignInRawAsync(fresh, "auditor", InitialAccounts.DemoPassword);
        Assert.Equal("/signin?error=invalid&returnUrl=%2F", withoutCode.Headers.Location?.OriginalString);
        using var replayed = await SignInRawAsync(fresh, "auditor", InitialAccounts.DemoPassword, code);
        Assert.Equal("/signin?error=invalid&returnUrl=%2F", replayed.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("""{"name":"gate","role":"terminal-partner","organisation":"ECT","scopes":["ingest"],"hubs":["RTM"],"validDays":-5}""", "out of range")]
    [InlineData("""{"name":"gate","role":"terminal-partner","organisation":"ECT","scopes":["ingest"],"hubs":["RTM"],"validDays":2147483647}""", "out of range")]
    [InlineData("""{"name":"gate\u0000x","role":"terminal-partner","organisation":"ECT","scopes":["ingest"],"hubs":["RTM"]}""", "NUL")]
    [InlineData("""{}""", "missing")]
    public async Task Token_requests_out_of_range_are_refused_in_one_sentence(string body, string expected)
    {
        using var admin = await _host.SignInAsync("admin");
        using var response = await admin.PostAsync("/api/v1/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_megabyte_user_name_is_refused_without_being_echoed_whole()
    {
        using var admin = await _host.SignInAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = new string('x', 1 << 20), role = "auditor", organisation = "Douane", hubs = new[] { "RTM" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(text.Length < 1000, $"The problem body is {text.Length} characters long.");
    }

    private async Task<List<Portcullis.Audit.AuditEntry>> AuditRowsAsync()
    {
        await using var db = _host.Database.CreateContext();
        return await db.Audit.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static Task<HttpResponseMessage> SignInRawAsync(HttpClient client, string userName, string password, string? code = null) =>
        PostFormAsync(client, "/signin", "/account/signin", new() { ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "/", ["Code"] = code ?? "" });

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string postPath, Dictionary<string, string> fields) =>
        ApiHost.PostFormAsync(client, pagePath, postPath, fields);

    [GeneratedRegex("data-testid=\"totp-secret\">([A-Z2-7]+)<")]
    private static partial Regex SecretField();

    [GeneratedRegex("name=\"Enrolment\" value=\"([^\"]+)\"")]
    private static partial Regex EnrolmentField();
}
