using Microsoft.Data.Sqlite;
using Npgsql;
using Portcullis.Access;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh, empty database per test: a temp SQLite file, or a new database on the test cluster.</summary>
/// <remarks>
/// Each provider is migrated once per test run into a template, and once more with the demo
/// accounts added (hashing their passwords is slow by design); every database a
/// test gets is a copy of one: a file copy for SQLite, <c>CREATE DATABASE … TEMPLATE</c> for
/// PostgreSQL, with the same content as migrating afresh. Tests of migrating itself start from
/// <see cref="CreateAsync"/>. Templates are never deleted, like the test databases themselves.
/// </remarks>
public static class TestDatabases
{
    public const string PostgresVariable = "PORTCULLIS_TEST_POSTGRES";

    private const string SqliteFileName = "portcullis.db";

    private static readonly Lazy<Task<string>> SqliteTemplate = new(() => MakeSqliteTemplateAsync(from: null));
    private static readonly Lazy<Task<string>> SqliteDemoTemplate = new(async () => await MakeSqliteTemplateAsync(from: await SqliteTemplate.Value));
    private static readonly Lazy<Task<string>> PostgresTemplate = new(() => MakePostgresTemplateAsync(from: null));
    private static readonly Lazy<Task<string>> PostgresDemoTemplate = new(async () => await MakePostgresTemplateAsync(from: await PostgresTemplate.Value));

    // PostgreSQL copies only a database nobody is connected to: nothing connects to a template after
    // making it, and the copies are made one at a time.
    private static readonly SemaphoreSlim PostgresCopies = new(1, 1);

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    /// <summary>
    /// The audit signing key the demo templates were made with: seeding the demo accounts audits
    /// them, and a chain with entries but no key is an error (docs/AUDIT.md), so every copy of a
    /// demo template gets this key beside it, as `serve --demo` makes the key before seeding.
    /// </summary>
    public static void CopyDemoKeyTo(string keysFolder)
    {
        var source = new Portcullis.Audit.AuditSigningKey(DemoKeys.Value);
        Directory.CreateDirectory(keysFolder);
        foreach (var file in new[] { source.PrivateFile, source.PublicFile, source.RingFile })
        {
            File.Copy(file, Path.Combine(keysFolder, Path.GetFileName(file)));
        }
    }

    private static readonly Lazy<string> DemoKeys = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("portcullis-demo-keys-").FullName;
        new Portcullis.Audit.AuditSigningKey(folder).CreateFirst(TimeProvider.System);
        return folder;
    });

    public static async Task<DatabaseTarget> CreateAsync(Provider provider)
    {
        if (provider == Provider.Sqlite)
        {
            return SqliteTarget(NewSqlitePath());
        }

        var name = NewPostgresName();
        await PostgresAdminAsync($"CREATE DATABASE {name}");
        return PostgresTarget(name);
    }

    public static Task<Database> CreateMigratedAsync(Provider provider) => CopyAsync(provider, provider == Provider.Sqlite ? SqliteTemplate : PostgresTemplate);

    /// <summary>A migrated database with the demo accounts, as <see cref="InitialAccounts.EnsureDemoAccountsAsync"/> makes them.</summary>
    public static Task<Database> CreateWithDemoAccountsAsync(Provider provider) => CopyAsync(provider, provider == Provider.Sqlite ? SqliteDemoTemplate : PostgresDemoTemplate);

    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");

    private static async Task<Database> CopyAsync(Provider provider, Lazy<Task<string>> template)
    {
        var source = await template.Value;
        if (provider == Provider.Sqlite)
        {
            var path = NewSqlitePath();
            File.Copy(source, path);
            return new Database(SqliteTarget(path));
        }

        var name = NewPostgresName();
        await CopyPostgresAsync(source, name);
        return new Database(PostgresTarget(name));
    }

    private static string NewSqlitePath() => Path.Combine(Directory.CreateTempSubdirectory("portcullis-test-").FullName, SqliteFileName);

    private static DatabaseTarget SqliteTarget(string path) => DatabaseTarget.Resolve(path).GetValueOrThrow();

    private static string NewPostgresName() => "pcl_" + Guid.NewGuid().ToString("N")[..16];

    private static DatabaseTarget PostgresTarget(string name, bool pooling = true)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString()) { Database = name, Pooling = pooling };
        return DatabaseTarget.Resolve(builder.ConnectionString).GetValueOrThrow();
    }

    private static async Task PostgresAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task CopyPostgresAsync(string template, string name)
    {
        await PostgresCopies.WaitAsync();
        try
        {
            await PostgresAdminAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        }
        finally
        {
            PostgresCopies.Release();
        }
    }

    /// <summary>Migrates an empty file (<paramref name="from"/> null) or adds the demo accounts to a copy of the migrated one.</summary>
    private static async Task<string> MakeSqliteTemplateAsync(string? from)
    {
        var path = NewSqlitePath();
        if (from is not null)
        {
            File.Copy(from, path);
        }

        var target = SqliteTarget(path);
        await FillAsync(new Database(target), migrate: from is null);

        // Close the pooled connections: the last one to close checkpoints the write-ahead log into
        // the file and deletes it, so that the file alone is the whole database.
        using (var connection = new SqliteConnection(target.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (File.Exists(path + "-wal"))
        {
            throw new InvalidOperationException($"The SQLite template {path} still has a write-ahead log after its connections closed; copies of the file alone would miss what is in it.");
        }

        return path;
    }

    /// <summary>Migrates an empty database (<paramref name="from"/> null) or adds the demo accounts to a copy of the migrated one.</summary>
    private static async Task<string> MakePostgresTemplateAsync(string? from)
    {
        var name = "pcl_template_" + Guid.NewGuid().ToString("N")[..16];
        if (from is null)
        {
            await PostgresAdminAsync($"CREATE DATABASE {name}");
        }
        else
        {
            await CopyPostgresAsync(from, name);
        }

        // Unpooled, so that no connection stays open on the template.
        await FillAsync(new Database(PostgresTarget(name, pooling: false)), migrate: from is null);
        return name;
    }

    private static async Task FillAsync(Database database, bool migrate)
    {
        if (migrate)
        {
            await database.MigrateAsync(CancellationToken.None);
        }
        else
        {
            // An hour back: the template is made at its first use, often inside a test that has just set its
            // clock to "now", and the chain never lets a later entry be earlier than the one before, so
            // template entries dated after that now moved the test's own entries seconds into its future.
            await InitialAccounts.EnsureDemoAccountsAsync(database, new ShiftedClock(TimeSpan.FromHours(-1)), CancellationToken.None);
        }
    }
}
