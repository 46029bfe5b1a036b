using Npgsql;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh, empty database per test: a temp SQLite file, or a new database on the test cluster.</summary>
public static class TestDatabases
{
    public const string PostgresVariable = "PORTCULLIS_TEST_POSTGRES";

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    public static async Task<DatabaseTarget> CreateAsync(Provider provider)
    {
        if (provider == Provider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("portcullis-test-");
            return DatabaseTarget.Resolve(Path.Combine(folder.FullName, "portcullis.db")).GetValueOrThrow();
        }

        var admin = PostgresAdminConnectionString();
        var name = "pcl_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        return DatabaseTarget.Resolve(builder.ConnectionString).GetValueOrThrow();
    }

    public static async Task<Database> CreateMigratedAsync(Provider provider)
    {
        var database = new Database(await CreateAsync(provider));
        await database.MigrateAsync(CancellationToken.None);
        return database;
    }

    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");
}
