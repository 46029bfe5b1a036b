using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// Links new audit entries into the chain as they are saved. Appends are serialised so that two
/// writers never read the same tail: in this process by a semaphore per database, across processes
/// by the database (PostgreSQL: a transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE, which
/// takes the file's write lock). The unique index on Sequence is the last line: a writer that still
/// raced fails instead of forking the chain, and is retried when this code owns the transaction.
/// </summary>
internal static class AuditAppender
{
    // An arbitrary constant: the advisory lock key that every Portcullis process uses for audit appends.
    private const long AdvisoryLockKey = 0x706F_7274_6175_6474;
    private const int Attempts = 5;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private sealed record Tail(long Sequence, string Hash, DateTime At);

    /// <summary>Remembers audit entries in the order they were added, so that they chain in that order.</summary>
    public static void OnTracked(object? sender, EntityTrackedEventArgs e)
    {
        if (e.Entry.Entity is AuditEntry entry && e.Entry.State == EntityState.Added && sender is ChangeTracker { Context: PortcullisDb db })
        {
            db.PendingAudit.Add(entry);
        }
    }

    public static async Task<int> SaveAsync(PortcullisDb db, Func<bool, CancellationToken, Task<int>> save, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var pending = db.PendingAudit.Where(a => db.Entry(a).State == EntityState.Added).ToList();
        if (pending.Count == 0)
        {
            db.PendingAudit.Clear();
            db.PendingViewFacts.Clear();
            return await save(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Resolved before the lock is taken: the queries need not hold up other writers.
        var facts = await AuditViewFacts.StageAsync(db, pending, cancellationToken);
        if (db.Database.CurrentTransaction is not null)
        {
            // The caller's transaction decides when the entries land; the locks it takes are held
            // until then. The in-process gate is not taken: a caller that saves twice in one
            // transaction would otherwise wait for a writer that waits for it.
            await LinkAsync(db, pending, facts, cancellationToken);
            var saved = await save(acceptAllChangesOnSuccess, cancellationToken);
            db.PendingAudit.Clear();
            db.PendingViewFacts.Clear();
            return saved;
        }

        var count = await SerialisedAsync(db, async () =>
        {
            await LinkAsync(db, pending, facts, cancellationToken);
            return await save(false, cancellationToken);
        }, cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            db.ChangeTracker.AcceptAllChanges();
        }

        db.PendingAudit.Clear();
        db.PendingViewFacts.Clear();
        return count;
    }

    /// <summary>
    /// Gives rows written before the chain existed (empty hash, Sequence set by the migration) their
    /// hashes (format 1: their times may go back), in Sequence order, and adds the entry that says
    /// so. Only ever for a log that has never had a sealed row or a checkpoint: once the chain has
    /// begun, a row without a hash was inserted outside Portcullis, and sealing it would launder it.
    /// Returns the number of rows sealed, or null when the log is not a legacy log.
    /// </summary>
    public static async Task<int?> SealLegacyRowsAsync(PortcullisDb db, Action recordSealing, CancellationToken cancellationToken)
    {
        var recorded = false;
        var count = await SerialisedAsync(db, async () =>
        {
            await LockAsync(db, cancellationToken);
            if (await db.Audit.AnyAsync(a => a.Hash != "", cancellationToken) || await db.AuditCheckpoints.AnyAsync(cancellationToken))
            {
                return -1;
            }

            var sealedRows = await SealAsync(db, cancellationToken);
            if (sealedRows > 0)
            {
                if (!recorded)
                {
                    recordSealing();
                    recorded = true;
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            return sealedRows;
        }, cancellationToken);
        return count < 0 ? null : count;
    }

    private static async Task<int> SerialisedAsync(PortcullisDb db, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                try
                {
                    var result = await work();
                    await transaction.CommitAsync(cancellationToken);
                    return result;
                }
                catch (DbUpdateException e) when (attempt < Attempts && IsSequenceConflict(e))
                {
                    // Another process appended between our read of the tail and our insert; read it again.
                    await transaction.RollbackAsync(cancellationToken);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task LinkAsync(PortcullisDb db, List<AuditEntry> pending, List<AuditViewFact> facts, CancellationToken cancellationToken)
    {
        var tail = await LockAndReadTailAsync(db, cancellationToken);
        if (tail is { Hash.Length: 0 } && !await db.Audit.AnyAsync(a => a.Hash != "", cancellationToken))
        {
            // Rows from before the chain: sealing them is an explicit, audited act, never a side effect.
            throw new UserFacingException($"The audit log holds {tail.Sequence} entries from before the hash chain; seal them once with 'portcullis audit seal-legacy --reason R' before anything new is recorded.");
        }

        // A row without a hash after sealed ones was inserted outside Portcullis: it is not sealed
        // here (that would launder it) but chained over as it is, so verify keeps naming it.
        var sequence = tail?.Sequence ?? 0;
        var previous = tail?.Hash ?? AuditChain.Genesis;
        // Times never go back along the chain (format 2), so that a back-dated row slipped in later
        // shows. An entry recorded before a concurrent writer's but saved after it takes that
        // writer's time: it differs by at most the time between recording and saving.
        var notBefore = tail?.At ?? DateTime.MinValue;
        foreach (var entry in pending)
        {
            entry.RaiseAtTo(notBefore);
            notBefore = entry.At;
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.ComputeHash(entry);
            previous = entry.Hash;
        }

        AuditViewFacts.Stamp(facts);
    }

    // Held until the transaction ends, so a second process reads the tail only after our append is committed.
    private static async Task LockAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        if (db is PostgresPortcullisDb)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        }
    }

    // Plain ADO.NET rather than LINQ: an append of one entry is dominated by per-statement costs
    // (docs/BENCHMARKS.md). On PostgreSQL the lock and the read go in one round trip; each statement
    // of the batch takes its own snapshot under READ COMMITTED, so the read sees every append
    // committed before the lock was granted.
    private static async Task<Tail?> LockAndReadTailAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        const string ReadTail = """SELECT "Sequence", "Hash", "At" FROM audit_log ORDER BY "Sequence" DESC LIMIT 1""";
        var postgres = db is PostgresPortcullisDb;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = postgres ? $"SELECT pg_advisory_xact_lock({AdvisoryLockKey}); {ReadTail}" : ReadTail;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (postgres)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        // SQLite keeps the time as text without a kind; both providers store UTC.
        return await reader.ReadAsync(cancellationToken) ? new Tail(reader.GetInt64(0), reader.GetString(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)) : null;
    }

    // Rare (once, after an upgrade from before the chain), so row by row is fine. The database
    // triggers allow exactly this one change: filling the hashes of a row that has none. Format 1:
    // the times of rows from before the chain may go back.
    private static async Task<int> SealAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var first = await db.Audit.AsNoTracking().Where(a => a.Hash == "").MinAsync(a => (long?)a.Sequence, cancellationToken);
        if (first is null)
        {
            return 0;
        }

        var previous = await db.Audit.AsNoTracking().Where(a => a.Sequence < first).OrderByDescending(a => a.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken)
            ?? AuditChain.Genesis;
        var rows = await db.Audit.AsNoTracking().Where(a => a.Sequence >= first).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.PreviousHash = previous;
            var hash = AuditChain.ComputeHash(row, format: 1);
            await db.Audit.Where(a => a.Id == row.Id && a.Hash == "")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PreviousHash, previous).SetProperty(a => a.Hash, hash), cancellationToken);
            previous = hash;
        }

        return rows.Count;
    }

    private static bool IsSequenceConflict(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("audit_log.Sequence", StringComparison.Ordinal),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => pg.ConstraintName == "IX_audit_log_Sequence",
        _ => false,
    };
}
