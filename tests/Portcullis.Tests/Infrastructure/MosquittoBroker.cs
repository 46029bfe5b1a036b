using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mono.Unix.Native;

namespace Portcullis.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto broker (Debian package <c>mosquitto</c>, which ./test.sh installs) on a free
/// loopback port with persistence in a folder of its own; stopped by its process id with SIGTERM,
/// so that it writes its persistence file as a broker being restarted does, and started again on
/// the same port and folder.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private Process? process;

    private MosquittoBroker(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var broker = new MosquittoBroker(Directory.CreateTempSubdirectory("portcullis-mosquitto-").FullName, FreePort());
        await broker.StartAgainAsync();
        return broker;
    }

    public static string Executable()
    {
        foreach (var candidate in new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Mosquitto is not installed; the MQTT tests need a real broker: run ./test.sh, which installs it (apt-get install mosquitto).");
    }

    public async Task StartAgainAsync()
    {
        var config = Path.Combine(Folder, "mosquitto.conf");
        // Queues unbounded for the test: a real deployment sizes max_queued_messages to its outage budget (docs/INTEGRITY.md).
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {Folder}/
            max_inflight_messages 0
            max_queued_messages 0
            log_dest file {Folder}/mosquitto.log
            {(Environment.UserName == "root" ? "user root" : "")}
            """);
        process = Process.Start(new ProcessStartInfo(Executable(), ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Mosquitto did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                var log = Path.Combine(Folder, "mosquitto.log");
                throw new InvalidOperationException($"Mosquitto did not listen on {Port}: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : await process.StandardError.ReadToEndAsync())}");
            }
        }
    }

    /// <summary>SIGTERM by process id, then waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        Syscall.kill(process.Id, Signum.SIGTERM);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
