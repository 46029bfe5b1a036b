using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Portcullis.Storage;

/// <summary>
/// Inserts many rows of one entity type, driven by the EF Core model (table and column names, value
/// converters, provider type mappings), inside the context's current transaction: on SQLite with one
/// prepared INSERT bound by index, on PostgreSQL with one binary COPY. Hand-written because EF Core
/// has no bulk insert and change tracking costs more than the insert itself for simulated and
/// ingested traffic. Only scalar and owned single-valued properties are written: callers insert
/// child collections as their own rows.
/// </summary>
public static class BulkInsert
{
    // Table and columns per model and entity type: worked out once, not on every flush.
    private static readonly ConcurrentDictionary<(IModel, Type), object> Tables = new();

    public static async Task<int> InsertAsync<T>(PortcullisDb db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        // COPY and the prepared INSERT both run in the connection's open transaction.
        _ = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction, so that a failure leaves nothing half-written.");
        var table = (Table<T>)Tables.GetOrAdd((db.Model, typeof(T)), _ => Table<T>.Of(db));
        switch (db.Database.GetDbConnection())
        {
            case SqliteConnection sqlite:
                SqliteRows.Insert(sqlite, table.SqliteInsert, table.Columns.Count, rows, (row, i) => table.Columns[i].Get(row));
                break;

            case NpgsqlConnection npgsql:
                await CopyAsync(npgsql, table, rows, cancellationToken);
                break;

            default:
                throw new NotSupportedException($"Bulk inserts support SQLite and PostgreSQL, not {db.Database.ProviderName}.");
        }

        return rows.Count;
    }

    /// <summary>
    /// Binary COPY: one stream of rows instead of a round trip per row. A failure (a duplicate key)
    /// aborts the COPY and the caller's transaction, so nothing of it stays.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, Table<T> table, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(table.PostgresCopy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                var value = column.Get(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else if (column.PostgresType is { } type)
                {
                    await importer.WriteAsync(value, type, cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    // Get: the value as the provider stores it (value converters applied), or null. PostgresType: the
    // type PostgreSQL's COPY must be told, as EF Core's mapping would bind it.
    private sealed record Column<T>(string Name, Func<T, object?> Get, NpgsqlDbType? PostgresType);

    private sealed record Table<T>(IReadOnlyList<Column<T>> Columns, string SqliteInsert, string PostgresCopy)
    {
        public static Table<T> Of(PortcullisDb db)
        {
            var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = ColumnsOf<T>(entityType, db.Database.GetDbConnection() is NpgsqlConnection);
            var name = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
            var list = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            return new Table<T>(
                columns,
                $"INSERT INTO {name} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})",
                $"COPY {name} ({list}) FROM STDIN (FORMAT BINARY)");
        }
    }

    private static List<Column<T>> ColumnsOf<T>(IEntityType entityType, bool postgres)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = new List<Column<T>>();
        foreach (var property in entityType.GetProperties())
        {
            var getter = property.GetGetter();
            columns.Add(MakeColumn<T>(property, table, e => getter.GetClrValue(e!), postgres));
        }

        // Owned types split into the owner's table (the route of a consignment) are columns too.
        foreach (var navigation in entityType.GetNavigations().Where(n => !n.IsCollection && n.TargetEntityType.IsOwned()))
        {
            var owner = navigation.GetGetter();
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()))
            {
                var getter = property.GetGetter();
                columns.Add(MakeColumn<T>(property, table, e => owner.GetClrValue(e!) is { } owned ? getter.GetClrValue(owned) : null, postgres));
            }
        }

        return columns;
    }

    private static Column<T> MakeColumn<T>(IProperty property, StoreObjectIdentifier table, Func<T, object?> clr, bool postgres)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var converter = mapping.Converter;
        Func<T, object?> get = converter is null ? clr : row => clr(row) is { } value ? converter.ConvertToProvider(value) : null;
        NpgsqlDbType? type = null;
        if (postgres)
        {
            // The parameter EF Core would bind for this column carries the exact PostgreSQL type.
            using var command = new NpgsqlCommand();
            if (mapping.CreateParameter(command, "p", null, nullable: true) is NpgsqlParameter { NpgsqlDbType: var dbType } && dbType != NpgsqlDbType.Unknown)
            {
                type = dbType;
            }
        }

        return new Column<T>(property.GetColumnName(table)!, get, type);
    }
}
