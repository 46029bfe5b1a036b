using System.Net;
using System.Net.Sockets;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Hosting;

/// <summary>Bad input and a broken environment give one sentence on stderr, exit code 2 and no stack trace.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Version_prints_the_version()
    {
        var result = await CliProcess.RunAsync(CliProcess.TempFolder(), "--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public async Task Unknown_option_is_one_sentence_and_exit_2()
    {
        var result = await CliProcess.RunAsync(CliProcess.TempFolder(), "serve", "--bogus");
        AssertCleanError(result, "--bogus");
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=notaport;Database=x", "malformed")]
    [InlineData("Host=127.0.0.1;Username=u", "names no Database")]
    [InlineData("postgres://", "malformed")]
    public async Task Malformed_connection_string_is_rejected(string connectionString, string expected)
    {
        var result = await CliProcess.RunAsync(CliProcess.TempFolder(), "db", "migrate", "--db", connectionString);
        AssertCleanError(result, expected);
    }

    [Fact]
    public async Task Unreachable_database_is_named_with_the_fix()
    {
        var port = CliProcess.FreePort();
        var result = await CliProcess.RunAsync(CliProcess.TempFolder(), "db", "migrate", "--db", $"Host=127.0.0.1;Port={port};Database=portcullis;Username=portcullis;Timeout=3");
        AssertCleanError(result, "PostgreSQL cannot be reached");
        Assert.Contains("Host and Port", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_in_use_is_named_with_the_fix()
    {
        var folder = CliProcess.TempFolder();
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var result = await CliProcess.RunAsync(folder, "serve", "--urls", $"http://127.0.0.1:{port}", "--db", Path.Combine(folder, "p.db"));
        AssertCleanError(result, "already in use");
    }

    [Fact]
    public async Task Unwritable_data_folder_is_named_with_the_fix()
    {
        var folder = CliProcess.TempFolder();
        var file = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        // A path below a regular file cannot be created, even by root.
        var result = await CliProcess.RunAsync(folder, "db", "migrate", "--db", Path.Combine(file, "data", "portcullis.db"));
        AssertCleanError(result, "data folder");
    }

    [Fact]
    public async Task Bad_simulation_scale_is_rejected()
    {
        var result = await CliProcess.RunAsync(CliProcess.TempFolder(), "simulate", "--scale", "0");
        AssertCleanError(result, "--scale");
    }

    [Fact]
    public async Task Users_add_list_approve_unlock_and_disable_work_against_a_fresh_database()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var add = await CliProcess.RunAsync(folder, "users", "add", "j.devries", "--role", "targeting-analyst", "--hubs", "RTM", "ZWB", "--db", db);
        Assert.Equal(0, add.ExitCode);
        Assert.Matches("One-time password .*: [A-Za-z0-9]{20}", add.Stdout);

        var duplicate = await CliProcess.RunAsync(folder, "users", "add", "j.devries", "--role", "auditor", "--hubs", "RTM", "--db", db);
        AssertCleanError(duplicate, "exists already");

        var badRole = await CliProcess.RunAsync(folder, "users", "add", "p.pilot", "--role", "pilot", "--hubs", "RTM", "--db", db);
        AssertCleanError(badRole, "does not exist");

        Assert.Contains("works once a supervisor approved it", add.Stdout, StringComparison.Ordinal);
        var awaiting = await CliProcess.RunAsync(folder, "users", "list", "--db", db);
        // The table wraps long cells at the console width; the state starts with this word.
        Assert.Contains("awaiting", awaiting.Stdout, StringComparison.Ordinal);
        // The command line approves only an installation's first supervisor, never an analyst.
        AssertCleanError(await CliProcess.RunAsync(folder, "users", "approve", "j.devries", "--db", db), "only the first supervisor");
        Assert.Equal(0, (await CliProcess.RunAsync(folder, "users", "unlock", "j.devries", "--db", db)).ExitCode);

        Assert.Equal(0, (await CliProcess.RunAsync(folder, "users", "disable", "j.devries", "--db", db)).ExitCode);
        var list = await CliProcess.RunAsync(folder, "users", "list", "--db", db);
        Assert.Contains("j.devries", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("disabled", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_start_creates_an_administrator_with_a_one_time_password()
    {
        var folder = CliProcess.TempFolder();
        var port = CliProcess.FreePort();
        using var process = CliProcess.Start(folder, "serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            string? line;
            var seen = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                seen.Add(line);
            }

            Assert.Contains(seen, l => System.Text.RegularExpressions.Regex.IsMatch(l, "created account 'admin' with one-time password [A-Za-z0-9]{20}"));
            Assert.True(File.Exists(Path.Combine(folder, "data", "portcullis.db")));
            using var http = new HttpClient();
            Assert.Equal("Healthy", await http.GetStringAsync($"http://127.0.0.1:{port}/health"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static void AssertCleanError(CliProcess.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr, got:\n{result.Stderr}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
