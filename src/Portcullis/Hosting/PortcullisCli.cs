using System.CommandLine;
using System.Reflection;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Simulation;
using Portcullis.Storage;

namespace Portcullis.Hosting;

/// <summary>The portcullis command line: one root, one command per use, each built by its capability.</summary>
public static class PortcullisCli
{
    public static Option<string?> DbOption { get; } = new("--db")
    {
        Description = "Database: a SQLite file path (default data/portcullis.db) or a PostgreSQL connection string. Also read from PORTCULLIS_DB.",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Portcullis: customs risk targeting and interdiction for mainports. Web UI, REST API and command line.");
        root.Options.Add(DbOption);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(TokensCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(Ingest.IngestCommand.Create());
        root.Subcommands.Add(Risk.RiskCommand.Create());
        root.Subcommands.Add(Selection.SelectCommand.Create());
        root.Subcommands.Add(Integrity.GeofencesCommand.Create());
        root.Subcommands.Add(Integrity.IntegrityCommand.Create());
        root.Subcommands.Add(Imaging.ScanCommand.Create());
        root.Subcommands.Add(Parties.SanctionsCommand.Create());
        root.Subcommands.Add(Parties.PartiesCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One sentence and exit code 2, as for every other problem the user can fix.
            Console.Error.WriteLine($"{parse.Errors[0].Message.TrimEnd('.')}; run 'portcullis --help' for the commands and options.");
            return CliErrors.UsageOrEnvironment;
        }

        // Our own handler turns exceptions into one sentence and exit code 2; the library's would print a stack trace.
        return await CliErrors.RunAsync(() => parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }

    /// <summary>The database named by --db, else PORTCULLIS_DB, else the default SQLite file.</summary>
    public static DatabaseTarget ResolveDatabase(ParseResult parse)
    {
        var value = parse.GetValue(DbOption) ?? Environment.GetEnvironmentVariable("PORTCULLIS_DB");
        var target = DatabaseTarget.Resolve(value);
        return target.Success ? target.Value! : throw new UserFacingException(target.Error!);
    }

    /// <summary>
    /// Builds the same services as the web host (same configuration, same modules, same clock),
    /// brings the schema up to date, and opens a scope for one command. Background jobs are
    /// registered but never started: a command does its one thing and leaves.
    /// </summary>
    public static async Task<CommandScope> OpenAsync(ParseResult parse, CancellationToken cancellationToken, bool migrate = true)
    {
        var target = ResolveDatabase(parse);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            DisableDefaults = true,
            ApplicationName = typeof(PortcullisCli).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddPortcullisConfiguration(overrides: null);
        // Commands print their own output on stdout; only warnings and errors are logged, on stderr.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddPortcullis(builder.Configuration, target);
        var host = builder.Build();
        var scope = new CommandScope(host);
        try
        {
            if (migrate)
            {
                await MigrateAsync(host.Services, cancellationToken);
            }

            return scope;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Brings the schema up to date and says so when it changed anything: every command and `serve`.
    /// A new database also gets its audit signing key here, before anything is recorded.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<Database>();
        var applied = await database.MigrateAsync(cancellationToken);
        if (applied.Count > 0)
        {
            Console.WriteLine($"Database {database.Target.Description}: applied {applied.Count} migration(s).");
        }

        await using var db = database.CreateContext();
        try
        {
            await AuditCheckpoints.EnsureSigningKeyAsync(db, services.GetRequiredService<AuditSigningKey>(), services.GetRequiredService<AuditCheckpointLog>(), services.GetRequiredService<TimeProvider>(), cancellationToken);
        }
        catch (Exception e) when (e is UserFacingException or IOException or UnauthorizedAccessException)
        {
            // Not this command's business: `audit verify --public-key` must work on a copy without
            // the keys, and a read-only keys folder must not stop a report. Signing a checkpoint
            // reports the missing key where it matters.
        }
    }

    public static string Version =>
        typeof(PortcullisCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
