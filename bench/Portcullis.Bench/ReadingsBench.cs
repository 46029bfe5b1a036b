using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// `readings-mqtt`: sensor readings from a real Mosquitto broker (started here on a free loopback
/// port, stopped by its PID) through the subscriber and the reading pipeline into a fresh SQLite
/// database, with the seal evaluator raising alarms for the 1 % of readings that are tampered
/// seals on known containers. Throughput: publish --readings as fast as QoS 1 allows and time
/// until the last one is committed and acknowledged. Latency (--rate R --seconds S): publish at a
/// steady R readings/s and report p50/p99/max from publish to commit.
/// </summary>
public static class ReadingsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var readings = 300_000;
        var perMessage = 1;
        var rate = 0;
        var seconds = 20;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--readings": readings = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--per-message": perMessage = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --readings, --per-message, --rate and --seconds.");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("portcullis-readings-bench-").FullName;
        var port = FreePort();
        var broker = await StartBrokerAsync(folder, port);
        try
        {
            var database = new Database(DatabaseTarget.Resolve(Path.Combine(folder, "bench.db")).GetValueOrThrow());
            await database.MigrateAsync(CancellationToken.None);
            var containers = await SeedContainersAsync(database, 200);
            var options = new ReadingOptions { MaxPerDevicePerMinute = 1_000_000 };
            var pipeline = new ReadingPipeline(database, new IntegrityMonitor(new GeofenceCache(TimeProvider.System), TimeProvider.System), TimeProvider.System, options, new DeviceRateLimiter(options));
            var latencies = new List<double>();
            pipeline.Committed = payloads =>
            {
                var now = Stopwatch.GetTimestamp();
                lock (latencies)
                {
                    foreach (var p in payloads)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(SentAt(p.Utf8Json.Span), now).TotalMilliseconds);
                    }
                }
            };
            var mqtt = new MqttOptions { Host = "127.0.0.1", Port = port };
            var subscriber = new MqttReadingSubscriber(pipeline, new JobLeases(database, TimeProvider.System), mqtt, new DeviceRateLimiter(options), TimeProvider.System, NullLogger<MqttReadingSubscriber>.Instance);
            await subscriber.StartAsync(CancellationToken.None);

            using var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-publisher")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
            while (subscriber.Acknowledged == 0)
            {
                // Warm-up: one message, so the subscriber is connected and subscribed before timing starts.
                await PublishAsync(client, Payload(100_000_000, 1, containers, Stopwatch.GetTimestamp()));
                await Task.Delay(200);
            }

            var baseline = subscriber.Acknowledged;
            lock (latencies)
            {
                latencies.Clear();
            }

            var messages = rate > 0 ? rate * seconds / perMessage : readings / perMessage;
            var clock = Stopwatch.StartNew();
            if (rate > 0)
            {
                // Paced: every 10 ms the messages due by then, so the rate is steady, not bursty.
                var perTick = Math.Max(1, rate / perMessage / 100);
                var sent = 0;
                while (sent < messages)
                {
                    var due = (int)Math.Min(messages, (long)(clock.Elapsed.TotalSeconds * rate / perMessage) + perTick);
                    var batch = new List<Task>();
                    for (; sent < due; sent++)
                    {
                        batch.Add(PublishAsync(client, Payload(sent, perMessage, containers, Stopwatch.GetTimestamp())));
                    }

                    await Task.WhenAll(batch);
                    await Task.Delay(10);
                }
            }
            else
            {
                var window = new List<Task>(2_000);
                for (var m = 0; m < messages; m++)
                {
                    window.Add(PublishAsync(client, Payload(m, perMessage, containers, Stopwatch.GetTimestamp())));
                    if (window.Count == 2_000)
                    {
                        await Task.WhenAll(window);
                        window.Clear();
                    }
                }

                await Task.WhenAll(window);
            }

            var published = clock.Elapsed;
            while (subscriber.Acknowledged - baseline < messages)
            {
                await Task.Delay(5);
            }

            clock.Stop();
            await subscriber.StopAsync(CancellationToken.None);
            var total = messages * perMessage;
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{total:N0} readings in {messages:N0} MQTT messages ({perMessage} per message), QoS 1, Mosquitto on loopback, SQLite"));
            Console.WriteLine(string.Create(inv, $"published in {published.TotalSeconds:F2} s; all committed and acknowledged after {clock.Elapsed.TotalSeconds:F2} s: {total / clock.Elapsed.TotalSeconds:N0} readings/s"));
            await using (var db = database.CreateContext())
            {
                Console.WriteLine(string.Create(inv, $"stored {db.SensorReadings.Count() - 1:N0} readings, {db.IntegrityAlarms.Count():N0} alarms raised"));
            }

            lock (latencies)
            {
                latencies.Sort();
                if (latencies.Count > 0)
                {
                    double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
                    Console.WriteLine(string.Create(inv, $"publish to commit: p50 {At(0.50):F1} ms, p99 {At(0.99):F1} ms, max {latencies[^1]:F1} ms ({latencies.Count:N0} messages)"));
                }
            }

            return 0;
        }
        finally
        {
            broker.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task PublishAsync(IMqttClient client, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("portcullis/v1/readings/bench/gw")
            .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>One message: an array of readings whose first id carries the publish timestamp ("seq-ticks").</summary>
    private static byte[] Payload(int message, int perMessage, string[] containers, long sentAt)
    {
        var text = new StringBuilder("[");
        for (var k = 0; k < perMessage; k++)
        {
            var n = (message * perMessage) + k;
            var container = containers[(n & int.MaxValue) % containers.Length];
            var body = n % 100 == 7
                ? $"\"kind\":\"seal\",\"seal\":\"tampered\",\"container\":\"{container}\""
                : $"\"kind\":\"reefer\",\"value\":-18.{n % 10},\"setPoint\":-18,\"container\":\"{container}\"";
            text.Append(CultureInfo.InvariantCulture, $"{(k == 0 ? "" : ",")}{{\"device\":\"DEV:{n % 5000}\",\"id\":\"{n}-{sentAt}\",\"time\":\"2026-01-01T00:00:00Z\",{body},\"lat\":51.9,\"lon\":4.1,\"battery\":80}}");
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    private static long SentAt(ReadOnlySpan<byte> payload)
    {
        var start = payload.IndexOf("\"id\":\""u8) + 6;
        var dash = payload[start..].IndexOf((byte)'-');
        var end = payload[(start + dash)..].IndexOf((byte)'"');
        return long.Parse(Encoding.UTF8.GetString(payload.Slice(start + dash + 1, end - 1)), CultureInfo.InvariantCulture);
    }

    private static async Task<string[]> SeedContainersAsync(Database database, int count)
    {
        await using var db = database.CreateContext();
        var numbers = new List<string>();
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var number = Portcullis.Domain.Standards.ContainerNumber.Create("BNCU", 'U', 100_000 + i).Value;
            var id = Guid.NewGuid();
            numbers.Add(number);
            db.Equipment.Add(new Equipment { ContainerNumber = number, SizeType = "45R1", Reefer = true });
            db.Consignments.Add(new Consignment
            {
                Id = id,
                Reference = "BENCH" + i,
                Kind = ConsignmentKind.SeaContainer,
                Direction = Direction.Import,
                HubCode = "RTM",
                BookedAt = at,
                DepartedAt = at,
                ArrivedAt = at,
                OriginCountry = "EC",
                Route = new Route { PortOfLoading = "ECGYE", PortOfDischarge = "NLRTM" },
                Equipment = [new ConsignmentEquipment { ConsignmentId = id, ContainerNumber = number }],
            });
        }

        await db.SaveChangesAsync();
        return [.. numbers];
    }

    private sealed class Broker(Process process) : IDisposable
    {
        public void Dispose()
        {
            Mono.Unix.Native.Syscall.kill(process.Id, Mono.Unix.Native.Signum.SIGTERM);
            process.WaitForExit(10_000);
            process.Dispose();
        }
    }

    private static async Task<Broker> StartBrokerAsync(string folder, int port)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location {folder}/\nmax_inflight_messages 0\nmax_queued_messages 0\n{(Environment.UserName == "root" ? "user root" : "")}\n");
        var process = Process.Start(new ProcessStartInfo(File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto", ["-c", config]))
            ?? throw new InvalidOperationException("Mosquitto did not start; install the mosquitto package.");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new Broker(process);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"Mosquitto did not listen on {port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
