using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Integrity;

/// <summary>Partner agreements against a real local HTTP listener: signed, retried, and never more than kind, container, time and a neutral text.</summary>
public sealed class PartnerWebhookTests
{
    private const string Secret = "partner-shared-secret";

    [Fact]
    public async Task A_terminal_with_an_agreement_gets_a_signed_neutral_alarm_about_its_container_after_a_retry()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false, settings: new Dictionary<string, string?>
        {
            ["Integrity:GatePassEverySeconds"] = "0",
            ["Integrity:Agreements:0:Organisation"] = "ECT Delta Terminal",
            ["Integrity:Agreements:0:Facility"] = "ECT-DELTA",
            ["Integrity:Agreements:0:WebhookUrl"] = $"http://127.0.0.1:{port}/hook/",
            ["Integrity:Agreements:0:WebhookSecret"] = Secret,
            ["Integrity:Agreements:1:Organisation"] = "Other Terminal",
            ["Integrity:Agreements:1:Facility"] = "APM-2",
            ["Integrity:Agreements:1:WebhookUrl"] = $"http://127.0.0.1:{port}/other/",
        });
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", DateTime.UtcNow.AddHours(-3), 616161);
        await using (var db = host.Database.CreateContext())
        {
            db.ContainerEvents.Add(new ContainerEvent { Id = Guid.NewGuid(), ContainerNumber = cargo.ContainerNumber, Type = ContainerEventType.Discharge, OccurredAt = DateTime.UtcNow.AddHours(-2), UnLocode = "NLRTM", Facility = "ECT-DELTA", Source = "test" });
            await db.SaveChangesAsync();
        }

        const string Reason = "Seal ES-42 reported tampering while the container is selected for a drugs check.";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            await AlarmStore.RaiseAsync(unit.Db, TimeProvider.System, "test",
                [(new AlarmCandidate(AlarmKind.SealTampered, AlarmSeverity.High, cargo.ContainerNumber, DateTime.UtcNow, Reason, ["reading:ES-42/1"], $"webhook:{cargo.ContainerNumber}", "RTM"), null)], CancellationToken.None);
            await unit.CommitAsync(CancellationToken.None);
        }

        var timeout = TestContext.Current.CancellationToken;
        // The first delivery is refused: the partner must get it again.
        var first = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30), timeout);
        first.Response.StatusCode = 503;
        first.Response.Close();
        var second = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30), timeout);
        using var reader = new StreamReader(second.Request.InputStream);
        var body = await reader.ReadToEndAsync(timeout);
        second.Response.StatusCode = 204;
        second.Response.Close();

        Assert.Equal("/hook/", second.Request.Url!.AbsolutePath);
        var timestamp = second.Request.Headers["X-Portcullis-Timestamp"]!;
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        Assert.Equal(expected, second.Request.Headers["X-Portcullis-Signature"]);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["id", "kind", "containerNumber", "occurredAt", "text"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SealTampered", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal($"Container {cargo.ContainerNumber}: the electronic seal reported tampering.", json.RootElement.GetProperty("text").GetString());
        Assert.DoesNotContain("selected", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ES-42", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Secure_lane_kinds_are_never_shared_with_partners()
    {
        foreach (var kind in new[] { AlarmKind.GateOut, AlarmKind.YardMove, AlarmKind.DoorOpened, AlarmKind.SealChanged, AlarmKind.Loaded, AlarmKind.Silence, AlarmKind.Flood })
        {
            Assert.DoesNotContain(kind, PartnerAlarmHandler.Shared);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
