using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portcullis.Storage;

/// <summary>
/// Gives every SQLite connection a 64 MB page cache. The default 2 MB holds a fraction of the
/// indexes that ingest writes into, so batched inserts into the event and consignment tables
/// spent most of their time re-reading index pages from the file.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public static readonly SqliteTuning Instance = new();

    private const string Pragmas = "PRAGMA cache_size = -65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
