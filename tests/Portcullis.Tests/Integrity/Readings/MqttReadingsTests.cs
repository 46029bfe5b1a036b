using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Integrity.Readings;

/// <summary>
/// The MQTT door against a real Mosquitto: readings published with QoS 1 while the broker is
/// stopped and started again mid-stream are all stored, each once.
/// </summary>
public sealed class MqttReadingsTests
{
    /// <summary>Publishes with QoS 1 and tries again (reconnecting) until the broker acknowledged, as a device does.</summary>
    private sealed class Publisher(int port) : IAsyncDisposable
    {
        private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
        private readonly SemaphoreSlim connecting = new(1, 1);

        public int Retries { get; private set; }

        public async Task PublishAsync(string topic, string payload)
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await EnsureConnectedAsync();
                    var result = await client.PublishAsync(message);
                    if (result.IsSuccess)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or MQTTnet.Exceptions.MqttClientNotConnectedException)
                {
                    // The broker is away: try again below.
                }

                Retries++;
                Assert.True(attempt < 1_200, "The broker did not come back within a minute.");
                await Task.Delay(50);
            }
        }

        private async Task EnsureConnectedAsync()
        {
            if (client.IsConnected)
            {
                return;
            }

            await connecting.WaitAsync();
            try
            {
                if (!client.IsConnected)
                {
                    var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-device-gateway")
                        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithCleanStart(true).WithTimeout(TimeSpan.FromSeconds(2)).Build();
                    await client.ConnectAsync(options);
                }
            }
            finally
            {
                connecting.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }

            client.Dispose();
        }
    }

    [Fact]
    public async Task Stopping_and_restarting_mosquitto_mid_stream_loses_and_doubles_nothing()
    {
        const int Readings = 3_000;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false, settings: new Dictionary<string, string?>
        {
            ["Integrity:Mqtt:Host"] = "127.0.0.1",
            ["Integrity:Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Integrity:Mqtt:BatchSize"] = "200",
        });
        await using var publisher = new Publisher(broker.Port);

        // The broker queues for a session only once it exists: wait until Portcullis has subscribed
        // (a probe reading arrives) before the stream starts, as a gateway would after pairing.
        var subscribedBy = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await publisher.PublishAsync("portcullis/v1/readings/test/PROBE:1", """{"device":"PROBE:1","id":"probe","time":"2026-01-01T00:00:00Z","kind":"shock","value":1.5}""");
            await using (var db = host.Database.CreateContext())
            {
                if (await db.SensorReadings.AnyAsync(r => r.DeviceId == "PROBE:1"))
                {
                    break;
                }
            }

            Assert.True(DateTime.UtcNow < subscribedBy, "Portcullis did not subscribe to the broker within 60 s.");
            await Task.Delay(500);
        }

        // Each window of 100 is in flight at once, as a gateway's outbox would be.
        var stopped = false;
        for (var start = 0; start < Readings; start += 100)
        {
            if (!stopped && start >= Readings / 3)
            {
                await broker.StopAsync();
                await Task.Delay(500);
                await broker.StartAgainAsync();
                stopped = true;
            }

            await Task.WhenAll(Enumerable.Range(start, 100).Select(i =>
            {
                var device = "GW:" + (i % 40).ToString(CultureInfo.InvariantCulture);
                var json = $$"""{"device":"{{device}}","id":"{{i}}","time":"2026-01-01T00:00:00Z","kind":"shock","value":{{i % 7}}.5,"lat":-33.9,"lon":-18.4}""";
                return publisher.PublishAsync($"portcullis/v1/readings/test/{device}", json);
            }));
        }

        var ids = new List<string>();
        // Generous: the suite runs test classes in parallel on two cores.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = host.Database.CreateContext();
            ids = await db.SensorReadings.Where(r => r.DeviceId != "PROBE:1").Select(r => r.ReadingId).ToListAsync();
            if (ids.Count >= Readings)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(Enumerable.Range(0, Readings).Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }
}
