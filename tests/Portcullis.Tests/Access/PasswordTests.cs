using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

public sealed class PasswordTests
{
    [Fact]
    public async Task One_time_password_must_be_changed_at_first_sign_in_and_then_only_the_new_one_works()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        CreatedAccount created;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<Accounts>()
                .CreateAsync(new NewAccount("m.jansen", "M. Jansen", Roles.Supervisor, "Douane", ["RTM"], null), new AccessActor("tests", null), CancellationToken.None, seeded: true);
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        }

        Assert.NotNull(created.OneTimePassword);
        using var client = host.Anonymous();
        using var signIn = await PostFormAsync(client, "/signin", "/account/signin", new() { ["UserName"] = "m.jansen", ["Password"] = created.OneTimePassword!, ["ReturnUrl"] = "/" });
        Assert.Equal("/account/password", signIn.Headers.Location?.OriginalString);

        using var tooShort = await PostFormAsync(client, "/account/password", "/account/password", new() { ["NewPassword"] = "short", ["Repeat"] = "short" });
        Assert.Equal("/account/password?error=short", tooShort.Headers.Location?.OriginalString);

        using var changed = await PostFormAsync(client, "/account/password", "/account/password", new() { ["NewPassword"] = "harbour-lights-2026", ["Repeat"] = "harbour-lights-2026" });
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        var me = await client.GetFromJsonAsync<Me.MeResponse>("/api/v1/me");
        Assert.Equal(Roles.Supervisor, me!.Role);

        await host.SignInAsync("m.jansen", "harbour-lights-2026");
        using var fresh = host.Anonymous();
        using var old = await PostFormAsync(fresh, "/signin", "/account/signin", new() { ["UserName"] = "m.jansen", ["Password"] = created.OneTimePassword!, ["ReturnUrl"] = "/" });
        Assert.StartsWith("/signin?error=invalid", old.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody", "portcullis-demo")]
    [InlineData("analyst", "wrong-password-123")]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer(string user, string password)
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var client = host.Anonymous();
        using var response = await PostFormAsync(client, "/signin", "/account/signin", new() { ["UserName"] = user, ["Password"] = password, ["ReturnUrl"] = "/consignments" });
        Assert.Equal("/signin?error=invalid&returnUrl=%2Fconsignments", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_only_as_hashes()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        await using var db = host.Database.CreateContext();
        var hashes = db.Accounts.Select(a => a.PasswordHash).ToList();
        Assert.Equal(8, hashes.Count);
        Assert.All(hashes, h => Assert.DoesNotContain(InitialAccounts.DemoPassword, h!, StringComparison.Ordinal));
        Assert.Equal(8, hashes.Distinct().Count());
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var response = await ApiHost.PostFormAsync(client, formPage, action, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
