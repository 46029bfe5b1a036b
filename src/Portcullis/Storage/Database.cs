using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portcullis.Domain.Standards;

namespace Portcullis.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use, with a description that never includes the password.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Description)
{
    public const string DefaultSqlitePath = "data/portcullis.db";

    /// <summary>
    /// Reads the --db option or PORTCULLIS_DB: a PostgreSQL connection string (keywords or a
    /// postgres:// URI) selects PostgreSQL; a SQLite connection string or a plain file path selects
    /// SQLite; nothing selects ./data/portcullis.db.
    /// </summary>
    public static ParseResult<DatabaseTarget> Resolve(string? value)
    {
        value = string.IsNullOrWhiteSpace(value) ? DefaultSqlitePath : value.Trim();

        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromPostgresUri(value);
        }

        if (value.Contains('=', StringComparison.Ordinal))
        {
            return LooksLikePostgres(value) ? FromPostgres(value) : FromSqliteConnectionString(value);
        }

        return FromSqliteConnectionString(new SqliteConnectionStringBuilder { DataSource = value }.ConnectionString);
    }

    private static bool LooksLikePostgres(string value) =>
        value.Contains("Host=", StringComparison.OrdinalIgnoreCase) || value.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    private static ParseResult<DatabaseTarget> FromPostgres(string value)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            return ParseResult<DatabaseTarget>.Fail($"The PostgreSQL connection string is malformed ({FirstSentence(ex.Message)}); write it as Host=HOST;Port=5432;Database=NAME;Username=USER;Password=SECRET.");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            return ParseResult<DatabaseTarget>.Fail("The PostgreSQL connection string names no Host; add Host=HOST to it.");
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            return ParseResult<DatabaseTarget>.Fail("The PostgreSQL connection string names no Database; add Database=NAME to it.");
        }

        var description = $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        return ParseResult<DatabaseTarget>.Ok(new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString, description));
    }

    private static ParseResult<DatabaseTarget> FromPostgresUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return ParseResult<DatabaseTarget>.Fail("The PostgreSQL URI is malformed; write it as postgres://USER:SECRET@HOST:5432/NAME.");
        }

        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = user.Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        return FromPostgres(builder.ConnectionString);
    }

    private static ParseResult<DatabaseTarget> FromSqliteConnectionString(string value)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            return ParseResult<DatabaseTarget>.Fail($"The SQLite connection string is malformed ({FirstSentence(ex.Message)}); give a file path such as data/portcullis.db or Data Source=data/portcullis.db.");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            return ParseResult<DatabaseTarget>.Fail("The SQLite connection string names no file; give a file path such as data/portcullis.db.");
        }

        var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:";
        if (!inMemory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
        }

        // Wait for a writer instead of failing at once with "database is locked".
        builder.DefaultTimeout = 30;
        return ParseResult<DatabaseTarget>.Ok(new DatabaseTarget(DatabaseProvider.Sqlite, builder.ConnectionString, $"SQLite {builder.DataSource}"));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}

/// <summary>Creates contexts for the configured provider and applies migrations.</summary>
public sealed class Database
{
    private readonly DbContextOptions<SqlitePortcullisDb>? _sqlite;
    private readonly DbContextOptions<PostgresPortcullisDb>? _postgres;

    private readonly OutboxSignal? _outboxSignal;

    public Database(DatabaseTarget target, OutboxSignal? outboxSignal = null)
    {
        Target = target;
        _outboxSignal = outboxSignal;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            _sqlite = new DbContextOptionsBuilder<SqlitePortcullisDb>()
                .UseSqlite(target.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
                .AddInterceptors(SqliteTuning.Instance)
                .Options;
        }
        else
        {
            _postgres = new DbContextOptionsBuilder<PostgresPortcullisDb>()
                .UseNpgsql(target.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
                .Options;
        }
    }

    public DatabaseTarget Target { get; }

    public PortcullisDb CreateContext()
    {
        PortcullisDb db = _sqlite is not null ? new SqlitePortcullisDb(_sqlite) : new PostgresPortcullisDb(_postgres!);
        db.OutboxSignal = _outboxSignal;
        return db;
    }

    /// <summary>
    /// Applies pending migrations. EF Core runs each migration in a transaction on both providers,
    /// so a migration that fails leaves the schema as it was before that migration. Parties' contact keys
    /// and audit view entries' facts are filled in after the schema when migrations were applied, or when
    /// <paramref name="fillContactKeys"/> asks (`db migrate`, which so resumes a fill that was interrupted);
    /// not on every command and start-up, where the look for rows without them would read every party and
    /// view entry each time.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken, bool fillContactKeys = false)
    {
        await using var db = CreateContext();
        if (Target.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(Target.ConnectionString);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        // After the schema: parties stored before their contact keys were get them here (libphonenumber
        // normalises phones, which migration SQL cannot).
        if (pending.Count > 0 || fillContactKeys)
        {
            await Parties.PartyContactKeys.BackfillAsync(db, cancellationToken);
            // View entries written before their facts were (the leads resolve them meanwhile, more slowly).
            await Audit.AuditViewFacts.BackfillAsync(db, cancellationToken);
        }

        if (Target.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web UI read while a simulation or ingest writes; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Audit rows without a hash are never sealed here: after the chain began they were inserted
        // outside Portcullis; rows from before it are sealed by `audit seal-legacy`, an audited act.
        return pending;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (path == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
