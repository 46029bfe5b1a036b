using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Storage;

/// <summary>
/// The app runs on EF Core's generated compiled models (src/Portcullis/Storage/CompiledModels), so
/// a CLI command does not build the model at start-up. A compiled model is a copy: these tests fail
/// when it no longer matches the model OnModelCreating builds, and name the script that regenerates it.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Fix = "the compiled model is out of date: run src/Portcullis/Storage/CompiledModels/regenerate.sh";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_app_runs_on_the_compiled_model(Provider provider)
    {
        using var db = Context(provider);
        var expected = provider == Provider.Sqlite
            ? typeof(Portcullis.Storage.CompiledModels.Sqlite.SqlitePortcullisDbModel)
            : typeof(Portcullis.Storage.CompiledModels.Postgres.PostgresPortcullisDbModel);
        Assert.IsType(expected, db.Model);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_compiled_model_maps_the_same_tables_columns_keys_indexes_and_conversions(Provider provider)
    {
        using var db = Context(provider);
        var built = db.GetService<IDesignTimeModel>().Model;
        // The migrations differ cannot read a compiled (read-optimised) model, so compare a description.
        var expected = Describe(built);
        var actual = Describe(db.Model);
        var missing = expected.Except(actual).Take(3).ToList();
        var extra = actual.Except(expected).Take(3).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{provider}: {Fix}; built only: {string.Join(" | ", missing)}; compiled only: {string.Join(" | ", extra)}");
        Assert.True(expected.Count > 500, "the description covers every entity");
    }

    private static PortcullisDb Context(Provider provider) =>
        new Database(DatabaseTarget.Resolve(provider == Provider.Sqlite
            ? Path.Combine(Path.GetTempPath(), "portcullis-compiled-model-never-opened.db")
            : "postgres://nobody@127.0.0.1:1/never_opened").Value!).CreateContext();

    /// <summary>Every entity's table, properties (CLR type, column, nullability, the type a converter stores, length), keys, indexes and foreign keys, one line each, sorted.</summary>
    private static List<string> Describe(IModel model) =>
        [.. model.GetEntityTypes().SelectMany(e => (IEnumerable<string>)
            [
                $"{e.Name} table {e.GetTableName()}",
                .. e.GetProperties().Select(p =>
                    $"{e.Name}.{p.Name}: {p.ClrType.Name} -> {p.GetColumnName()} {(p.IsNullable ? "null" : "not null")} {p.GetValueConverter()?.ProviderClrType.Name ?? "-"} {p.GetMaxLength()?.ToString(CultureInfo.InvariantCulture) ?? "-"}"),
                .. e.GetKeys().Select(k => $"{e.Name} key {(k.IsPrimaryKey() ? "primary" : "alternate")} ({Names(k.Properties)})"),
                .. e.GetIndexes().Select(i => $"{e.Name} index {i.GetDatabaseName()} ({Names(i.Properties)}) {(i.IsUnique ? "unique" : "")}"),
                .. e.GetForeignKeys().Select(f => $"{e.Name} foreign key ({Names(f.Properties)}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"),
            ]).Order(StringComparer.Ordinal)];

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));
}
