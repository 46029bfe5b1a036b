using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Inserts a batch of readings in the caller's transaction and says which were new: the key is
/// (device, reading id) and a conflict is a duplicate, not an error. On SQLite one prepared
/// statement bound by index (<see cref="SqliteRows"/>); on PostgreSQL one statement over arrays
/// (<c>unnest</c>) that returns the keys it inserted. No round trip per reading on either.
/// </summary>
internal static class ReadingRows
{
    private const string Columns = "\"DeviceId\", \"ReadingId\", \"ContainerNumber\", \"Kind\", \"OccurredAt\", \"ReceivedAt\", \"Latitude\", \"Longitude\", \"Seal\", \"SealNumber\", \"DoorOpen\", \"Value\", \"SetPoint\", \"BatteryPercent\", \"Warnings\", \"Raw\", \"Source\", \"Evaluation\"";

    private const int ColumnCount = 18;

    private static readonly string SqliteInsert =
        $"INSERT INTO sensor_readings ({Columns}) VALUES ({string.Join(", ", Enumerable.Range(1, ColumnCount).Select(i => "?" + i))}) ON CONFLICT (\"DeviceId\", \"ReadingId\") DO NOTHING";

    private const string PostgresInsert =
        $"INSERT INTO sensor_readings ({Columns}) SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17) " +
        "ON CONFLICT (\"DeviceId\", \"ReadingId\") DO NOTHING RETURNING \"DeviceId\", \"ReadingId\"";

    /// <summary>For each row, whether it was stored (false: the same device and reading id was stored before).</summary>
    public static async Task<bool[]> InsertNewAsync(PortcullisDb db, IReadOnlyList<StoredReading> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        _ = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Readings are inserted inside the batch's transaction, so that a failure leaves nothing half-written.");
        return db.Database.GetDbConnection() switch
        {
            SqliteConnection sqlite => SqliteRows.InsertNew(sqlite, SqliteInsert, ColumnCount, rows, Value),
            NpgsqlConnection npgsql => await PostgresAsync(npgsql, db, rows, cancellationToken),
            _ => throw new NotSupportedException($"Readings are stored on SQLite and PostgreSQL, not {db.Database.ProviderName}."),
        };
    }

    private static object? Value(StoredReading r, int column) => column switch
    {
        0 => r.DeviceId,
        1 => r.ReadingId,
        2 => r.ContainerNumber,
        3 => r.Kind.ToString(),
        4 => r.OccurredAt,
        5 => r.ReceivedAt,
        6 => r.Latitude,
        7 => r.Longitude,
        8 => r.Seal?.ToString(),
        9 => r.SealNumber,
        10 => r.DoorOpen,
        11 => r.Value,
        12 => r.SetPoint,
        13 => r.BatteryPercent,
        14 => r.Warnings,
        15 => r.Raw,
        16 => r.Source,
        _ => r.Evaluation.ToString(),
    };

    private static async Task<bool[]> PostgresAsync(NpgsqlConnection connection, PortcullisDb db, IReadOnlyList<StoredReading> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresInsert, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        for (var c = 0; c < ColumnCount; c++)
        {
            var type = c switch
            {
                4 or 5 => NpgsqlDbType.TimestampTz,
                6 or 7 or 11 or 12 or 13 => NpgsqlDbType.Double,
                10 => NpgsqlDbType.Boolean,
                _ => NpgsqlDbType.Text,
            };
            var values = new object?[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                values[i] = Value(rows[i], c) ?? DBNull.Value;
            }

            command.Parameters.Add(new NpgsqlParameter("p" + c, NpgsqlDbType.Array | type) { Value = values });
        }

        var stored = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return [.. rows.Select(r => stored.Contains((r.DeviceId, r.ReadingId)))];
    }
}
