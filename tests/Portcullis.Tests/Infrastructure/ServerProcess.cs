using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Portcullis.Tests.Infrastructure;

/// <summary>`portcullis serve` as its own operating-system process on a free loopback port, as an operator runs it.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    public IReadOnlyList<string> Output => _output;

    public static async Task<ServerProcess> StartAsync(string folder, string db, IReadOnlyDictionary<string, string> environment)
    {
        var port = CliProcess.FreePort();
        var process = CliProcess.Start(folder, environment, "serve", "--urls", $"http://127.0.0.1:{port}", "--db", db);
        var server = new ServerProcess(process, $"http://127.0.0.1:{port}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            {
                server._output.Add(line);
                if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
                {
                    // Keep draining, or a full pipe would block the server's console writes.
                    _ = Task.Run(async () =>
                    {
                        while (await process.StandardOutput.ReadLineAsync() is { } more)
                        {
                            lock (server._output)
                            {
                                server._output.Add(more);
                            }
                        }
                    });
                    _ = process.StandardError.ReadToEndAsync();
                    return server;
                }
            }

            throw new InvalidOperationException($"The server stopped before it was ready:\n{string.Join('\n', server._output)}\n{await process.StandardError.ReadToEndAsync()}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGTERM, as systemd or an orchestrator stops a node: the host shuts down cleanly.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>An HTTP client with its own cookie jar; cookies are not port-specific, so one jar serves every node on 127.0.0.1.</summary>
    public static HttpClient Client(CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(Portcullis.Hosting.WebSecurity.CsrfHeader, "tests");
        return client;
    }

    /// <summary>Signs in through the real form on this node; the cookie lands in <paramref name="cookies"/>.</summary>
    public async Task SignInAsync(CookieContainer cookies, string userName, string password)
    {
        using var client = Client(cookies);
        var page = await client.GetStringAsync($"{BaseUrl}/signin");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        });
        var response = await client.PostAsync($"{BaseUrl}/account/signin", form);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in of {userName} on {BaseUrl} failed: {(int)response.StatusCode}");
        }
    }

    // No .NET API sends SIGTERM to another process; Process.Kill sends SIGKILL, which skips shutdown.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
