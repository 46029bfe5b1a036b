using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The alarm page pushes new alarms to the supervisors of their hub, and to no one else.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlarmPageTests(WebServerFixture server)
{
    private const string Password = "harbour-lights-at-dawn-7319";

    [Fact]
    public async Task A_new_alarm_appears_live_for_the_supervisors_of_its_hub_only()
    {
        await AddSupervisorAsync("sup.rtm", "RTM");
        await AddSupervisorAsync("sup.zwb", "ZWB");
        var rotterdam = await server.SignInAsync("sup.rtm", Password);
        var vlissingen = await server.SignInAsync("sup.zwb", Password);
        await rotterdam.GotoAsync("/alarms");
        await vlissingen.GotoAsync("/alarms");
        await Expect(rotterdam.GetByTestId("alarms-live")).ToContainTextAsync("Live:");
        await Expect(vlissingen.GetByTestId("alarms-live")).ToContainTextAsync("Live:");
        await Expect(rotterdam.GetByTestId("alarms-empty")).ToBeVisibleAsync();

        await RaiseAsync("MSCU1234565", "RTM");
        await Expect(rotterdam.GetByTestId("alarm-list")).ToContainTextAsync("MSCU1234565");
        await Expect(rotterdam.GetByTestId("alarm-list")).ToContainTextAsync("seal tampered");

        // A later alarm of its own hub reaches the other supervisor; the Rotterdam one, pushed before it, never did.
        await RaiseAsync("TGHU1234561", "ZWB");
        await Expect(vlissingen.GetByTestId("alarm-list")).ToContainTextAsync("TGHU1234561");
        await Expect(vlissingen.GetByTestId("alarm-list")).Not.ToContainTextAsync("MSCU1234565");
        await Expect(rotterdam.GetByTestId("alarm-list")).Not.ToContainTextAsync("TGHU1234561");
        await rotterdam.Context.CloseAsync();
        await vlissingen.Context.CloseAsync();
    }

    private async Task AddSupervisorAsync(string userName, string hub)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        await accounts.CreateAsync(new NewAccount(userName, userName, Roles.Supervisor, "Douane", [hub], Password), new AccessActor("test-administrator", null), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        await accounts.ApproveAsync(userName, new CurrentUser(Guid.Empty, "test-approver", Roles.Supervisor, Guid.Empty, "Douane", ["*"], [], false), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
    }

    private async Task RaiseAsync(string container, string hub)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        await AlarmStore.RaiseAsync(unit.Db, server.Clock, "test",
            [(new AlarmCandidate(AlarmKind.SealTampered, AlarmSeverity.High, container, server.Clock.GetUtcNow().UtcDateTime, $"Seal on {container} reported tampering.", [], $"browser:{container}", hub), null)], CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }
}
