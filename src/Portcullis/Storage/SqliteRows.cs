using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Portcullis.Storage;

/// <summary>
/// The SQLite side of <see cref="BulkInsert"/>: binds values by index on one prepared statement
/// through SQLitePCLRaw. Microsoft.Data.Sqlite looks every parameter up by name on every execution,
/// which costs more than the insert itself at ingest rates; no package offers index binding on top
/// of ADO.NET, hence this. Values are written in the same text forms Microsoft.Data.Sqlite and
/// EF Core use (upper-case GUIDs, ISO dates), so EF Core reads them back unchanged.
/// </summary>
internal static class SqliteRows
{
    /// <summary>EF Core's SQLite text form of a DateTime: seconds, then "." and up to seven digits of fraction without trailing zeros.</summary>
    public const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    public static void Insert<T>(SqliteConnection connection, string sql, int columnCount, IEnumerable<T> rows, Func<T, int, object?> value)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < columnCount; i++)
                {
                    Bind(db, statement, i + 1, value(row, i));
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                raw.sqlite3_reset(statement);
            }
        }
    }

    /// <summary>
    /// As <see cref="Insert{T}"/>, for an <c>INSERT ... ON CONFLICT DO NOTHING</c>: tells for each row
    /// whether it was new (a conflicting row changes nothing and is reported false).
    /// </summary>
    public static bool[] InsertNew<T>(SqliteConnection connection, string sql, int columnCount, IReadOnlyList<T> rows, Func<T, int, object?> value)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var inserted = new bool[rows.Count];
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                for (var i = 0; i < columnCount; i++)
                {
                    Bind(db, statement, i + 1, value(rows[r], i));
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                inserted[r] = raw.sqlite3_changes(db) == 1;
                raw.sqlite3_reset(statement);
            }
        }

        return inserted;
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, int index, object? value)
    {
        // Guids and dates are written as UTF-8 on the stack: they are most of the values of a row,
        // and a string each (plus an upper-cased copy) was a measurable share of the insert.
        Span<byte> text = stackalloc byte[40];
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text(statement, index, s),
            Guid g => raw.sqlite3_bind_text(statement, index, Upper(text, g)),
            DateTime d when d.TryFormat(text, out var n, DateTimeFormat, CultureInfo.InvariantCulture) => raw.sqlite3_bind_text(statement, index, text[..n]),
            DateTimeOffset o => raw.sqlite3_bind_text(statement, index, o.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            bool b => raw.sqlite3_bind_int(statement, index, b ? 1 : 0),
            int n => raw.sqlite3_bind_int64(statement, index, n),
            long n => raw.sqlite3_bind_int64(statement, index, n),
            short n => raw.sqlite3_bind_int64(statement, index, n),
            byte n => raw.sqlite3_bind_int64(statement, index, n),
            double f => raw.sqlite3_bind_double(statement, index, f),
            float f => raw.sqlite3_bind_double(statement, index, f),
            decimal m => raw.sqlite3_bind_text(statement, index, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new NotSupportedException($"Bulk insert cannot bind a {value.GetType().Name}; add it to SqliteRows.Bind."),
        };
        Check(db, rc);
    }

    /// <summary>The upper-case "D" form that Microsoft.Data.Sqlite writes.</summary>
    private static ReadOnlySpan<byte> Upper(Span<byte> text, Guid value)
    {
        value.TryFormat(text, out var n);
        var written = text[..n];
        for (var i = 0; i < written.Length; i++)
        {
            if (written[i] is >= (byte)'a' and <= (byte)'f')
            {
                written[i] -= 0x20;
            }
        }

        return written;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
