using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portcullis.Access;

namespace Portcullis.Hosting;

/// <summary>A problem the person at the terminal can fix; its message says what and how.</summary>
public sealed class UserFacingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Turns failures into one sentence on stderr and exit code 2; the stack trace goes to the log
/// file, never to the terminal.
/// </summary>
public static class CliErrors
{
    public const int UsageOrEnvironment = 2;

    /// <summary>A check ran and found a defect, e.g. `audit verify` on a tampered log.</summary>
    public const int VerificationFailed = 3;
    public const int Unexpected = 1;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
        catch (Exception ex)
        {
            var logFile = ErrorLog.Write(ex);
            var (message, code) = Describe(ex);
            Console.Error.WriteLine(message + (code == Unexpected && logFile is not null ? $" Details are in {logFile}." : ""));
            return code;
        }
    }

    public static (string Message, int ExitCode) Describe(Exception ex)
    {
        foreach (var e in Chain(ex))
        {
            switch (e)
            {
                case UserFacingException or AccessRuleException:
                    return (e.Message, UsageOrEnvironment);
                case AddressInUseException:
                    return ($"The address is already in use ({FirstLine(e.Message)}); stop the program that holds the port or choose another with --urls http://127.0.0.1:PORT.", UsageOrEnvironment);
                case PostgresException { SqlState: "28P01" or "28000" } pg:
                    return ($"PostgreSQL refused the sign-in ({pg.MessageText}); correct Username and Password in the connection string.", UsageOrEnvironment);
                case PostgresException { SqlState: "3D000" } pg:
                    return ($"The PostgreSQL database does not exist ({pg.MessageText}); create it with createdb or correct Database= in the connection string.", UsageOrEnvironment);
                case NpgsqlException when e.InnerException is SocketException or TimeoutException || e.Message.Contains("Failed to connect", StringComparison.Ordinal):
                    return ($"PostgreSQL cannot be reached ({FirstLine(e.Message)}); start the server or correct Host and Port in the connection string.", UsageOrEnvironment);
                case SqliteException { SqliteErrorCode: 14 or 8 or 10 or 26 } sqlite:
                    return ($"The SQLite database file cannot be opened or written ({sqlite.Message}); check that the data folder is writable or give another --db path.", UsageOrEnvironment);
                case UnauthorizedAccessException or DirectoryNotFoundException:
                    return ($"The data folder is not writable ({e.Message}); choose another --db path or fix the folder's permissions.", UsageOrEnvironment);
                case IOException io when io.Message.Contains("Not a directory", StringComparison.OrdinalIgnoreCase) || io.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase):
                    return ($"The data folder cannot be created ({e.Message}); choose another --db path.", UsageOrEnvironment);
            }
        }

        return ($"Portcullis stopped on an unexpected error: {FirstLine(ex.Message)}.", Unexpected);
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');
}

/// <summary>Where stack traces go: a log file beside the data, or the temp folder when that is not writable.</summary>
public static class ErrorLog
{
    private static readonly Lock Gate = new();

    public static string? Write(Exception ex) => Write(ex.ToString());

    /// <summary>Appends one entry (a stack trace, or a logged error with its exception); returns the file, or null when no folder is writable.</summary>
    public static string? Write(string entry)
    {
        // Requests fail in parallel; one writer at a time keeps their traces apart.
        lock (Gate)
        {
            return Append(entry);
        }
    }

    private static string? Append(string entry)
    {
        foreach (var folder in new[] { Environment.GetEnvironmentVariable("PORTCULLIS_LOG_DIR"), Path.Combine("data", "logs"), Path.Combine(Path.GetTempPath(), "portcullis") })
        {
            if (string.IsNullOrEmpty(folder))
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(folder);
                var file = Path.GetFullPath(Path.Combine(folder, "portcullis-errors.log"));
                File.AppendAllText(file, $"{PortcullisComposition.SystemClock.GetUtcNow():O} {entry}{Environment.NewLine}");
                return file;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Try the next folder.
            }
        }

        return null;
    }
}
