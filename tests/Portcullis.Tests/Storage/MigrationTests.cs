using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Hubs;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Storage;

public sealed class MigrationTests
{
    private static readonly string[] CoreTables =
    [
        "hubs", "hub_locations", "parties", "transport_movements", "transport_calls", "consignments", "consignment_parties",
        "goods_lines", "equipment", "consignment_equipment", "container_events", "organisations", "accounts", "api_tokens", "simulation_ground_truth",
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrations_create_the_schema_and_seed_the_hubs(Provider provider)
    {
        var database = new Database(await TestDatabases.CreateAsync(provider));
        var applied = await database.MigrateAsync(CancellationToken.None);
        Assert.NotEmpty(applied);

        await using var db = database.CreateContext();
        var tables = await TablesAsync(db);
        foreach (var table in CoreTables)
        {
            Assert.Contains(table, tables);
        }

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var hubs = await db.Hubs.Include(h => h.Locations).OrderBy(h => h.Code).ToListAsync();
        Assert.Equal(["FLW", "NZK", "POST", "RTM", "SPL", "ZWB"], hubs.Select(h => h.Code));
        Assert.Contains(hubs.Single(h => h.Code == "ZWB").Locations, l => l.UnLocode == "NLVLI");
        Assert.Equal(HubCatalogue.All.Sum(h => h.Locations.Count), hubs.Sum(h => h.Locations.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrating_twice_is_a_no_op(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        Assert.Empty(await database.MigrateAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_model_has_no_changes_missing_from_the_migrations(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model differs from its migrations: add a migration for both providers.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failed_migration_leaves_the_database_as_it_was(Provider provider)
    {
        var database = new Database(await TestDatabases.CreateAsync(provider));
        await using (var db = database.CreateContext())
        {
            // A table in the way makes the initial migration fail part-way, after earlier tables were created.
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE container_events (blocking_column integer)");
        }

        await Assert.ThrowsAnyAsync<DbException>(() => database.MigrateAsync(CancellationToken.None));

        await using var after = database.CreateContext();
        var tables = (await TablesAsync(after)).Where(t => !t.StartsWith("__ef", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(["container_events"], tables);
    }

    private static async Task<List<string>> TablesAsync(PortcullisDb db)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
