using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portcullis.Storage;

/// <summary>
/// Inserts many rows of one entity type with a single prepared INSERT, driven by the EF Core model
/// (table and column names, value converters, provider type mappings), inside the context's current
/// transaction. Hand-written because EF Core has no bulk insert and change tracking costs more than
/// the insert itself for simulated and ingested traffic. Only scalar and owned single-valued
/// properties are written: callers insert child collections as their own rows.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> InsertAsync<T>(PortcullisDb db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction, so that a failure leaves nothing half-written.");
        var columns = Columns<T>(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."));
        var sql = db.GetService<ISqlGenerationHelper>();
        var entityType = db.Model.FindEntityType(typeof(T))!;
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            var text =
                $"INSERT INTO {sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema())} " +
                $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})";
            SqliteRows.Insert(sqlite, text, columns.Count, rows, (row, i) =>
            {
                var value = columns[i].Get(row);
                return value is null ? null : columns[i].Mapping.Converter?.ConvertToProvider(value) ?? value;
            });
            return rows.Count;
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema())} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = columns[i].Mapping.CreateParameter(command, "@p" + i, null, nullable: true);
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Get(row);
                parameters[i].Value = (value is null ? null : columns[i].Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return rows.Count;
    }

    private sealed record Column<T>(string Name, Func<T, object?> Get, RelationalTypeMapping Mapping);

    private static List<Column<T>> Columns<T>(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = new List<Column<T>>();
        foreach (var property in entityType.GetProperties())
        {
            var getter = property.GetGetter();
            columns.Add(new Column<T>(property.GetColumnName(table)!, e => getter.GetClrValue(e!), (RelationalTypeMapping)property.GetTypeMapping()));
        }

        // Owned types split into the owner's table (the route of a consignment) are columns too.
        foreach (var navigation in entityType.GetNavigations().Where(n => !n.IsCollection && n.TargetEntityType.IsOwned()))
        {
            var owner = navigation.GetGetter();
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()))
            {
                var getter = property.GetGetter();
                columns.Add(new Column<T>(property.GetColumnName(table)!, e => owner.GetClrValue(e!) is { } owned ? getter.GetClrValue(owned) : null, (RelationalTypeMapping)property.GetTypeMapping()));
            }
        }

        return columns;
    }
}
