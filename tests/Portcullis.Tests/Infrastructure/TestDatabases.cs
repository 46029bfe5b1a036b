using Microsoft.Data.Sqlite;
using Npgsql;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh, empty database per test: a temp SQLite file, or a new database on the test cluster.</summary>
/// <remarks>
/// Migrating takes longer than most tests that need a migrated database, so each provider is
/// migrated once per test run into a template, and every migrated database is a copy of it: a file
/// copy for SQLite, <c>CREATE DATABASE … TEMPLATE</c> for PostgreSQL. A copy is byte for byte what
/// migrating an empty database gives; tests of migrating itself start from <see cref="CreateAsync"/>.
/// </remarks>
public static class TestDatabases
{
    public const string PostgresVariable = "PORTCULLIS_TEST_POSTGRES";

    private const string SqliteFileName = "portcullis.db";

    private static readonly Lazy<Task<string>> SqliteTemplate = new(MigrateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(MigratePostgresTemplateAsync);

    // PostgreSQL copies only a database nobody is connected to: nothing connects to the template after
    // migrating it, and the copies are made one at a time.
    private static readonly SemaphoreSlim PostgresCopies = new(1, 1);

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

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

    public static async Task<Database> CreateMigratedAsync(Provider provider)
    {
        if (provider == Provider.Sqlite)
        {
            var template = await SqliteTemplate.Value;
            var path = NewSqlitePath();
            File.Copy(template, path);
            return new Database(SqliteTarget(path));
        }

        var templateName = await PostgresTemplate.Value;
        var name = NewPostgresName();
        await PostgresCopies.WaitAsync();
        try
        {
            await PostgresAdminAsync($"CREATE DATABASE {name} TEMPLATE {templateName}");
        }
        finally
        {
            PostgresCopies.Release();
        }

        return new Database(PostgresTarget(name));
    }

    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");

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

    private static async Task<string> MigrateSqliteTemplateAsync()
    {
        var path = NewSqlitePath();
        var target = SqliteTarget(path);
        await new Database(target).MigrateAsync(CancellationToken.None);

        // Close the pooled connections: the last one to close checkpoints the write-ahead log into
        // the file and deletes it, so that the file alone is the whole migrated database.
        using (var connection = new SqliteConnection(target.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (File.Exists(path + "-wal"))
        {
            throw new InvalidOperationException($"The SQLite template {path} still has a write-ahead log after its connections closed; copies of the file alone would miss the migrations in it.");
        }

        return path;
    }

    private static async Task<string> MigratePostgresTemplateAsync()
    {
        var name = "pcl_template_" + Guid.NewGuid().ToString("N")[..16];
        await PostgresAdminAsync($"CREATE DATABASE {name}");

        // Unpooled, so that no connection stays open on the template: PostgreSQL copies only an unused database.
        await new Database(PostgresTarget(name, pooling: false)).MigrateAsync(CancellationToken.None);
        return name;
    }
}
