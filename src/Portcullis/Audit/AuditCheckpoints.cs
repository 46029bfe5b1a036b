using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// A signed statement "the chain had hash H at sequence S at time T". The signing key lives outside
/// the database, so whoever can rewrite the database cannot rewrite the checkpoints to match.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; init; }

    public required long Sequence { get; init; }

    public required string Hash { get; init; }

    public required DateTime At { get; init; }

    /// <summary>Which key signed: first 16 hex characters of SHA-256 over its SubjectPublicKeyInfo.</summary>
    public required string KeyId { get; init; }

    /// <summary>ECDSA P-256/SHA-256 over <see cref="AuditChain.CheckpointPayload"/>, IEEE P1363, base64.</summary>
    public required string Signature { get; init; }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(16);
        builder.Property(c => c.Signature).HasMaxLength(100);
        builder.HasIndex(c => c.Sequence);
    }
}

/// <summary>Writes signed checkpoints of the chain's tail: to the database, then to the external checkpoint log.</summary>
public static class AuditCheckpoints
{
    /// <summary>As below, with the checkpoint log in the keys folder.</summary>
    public static Task<AuditCheckpoint?> WriteAsync(PortcullisDb db, AuditSigningKey key, TimeProvider clock, bool onlyIfMoved, CancellationToken cancellationToken) =>
        WriteAsync(db, key, AuditCheckpointLog.Beside(key), clock, onlyIfMoved, cancellationToken);

    /// <summary>
    /// Signs the current tail. With <paramref name="onlyIfMoved"/>, does nothing when the latest
    /// checkpoint already covers it. Returns the new checkpoint, or null when nothing was written.
    /// Throws <see cref="UserFacingException"/> when the signing key is missing for an existing chain.
    /// </summary>
    public static async Task<AuditCheckpoint?> WriteAsync(PortcullisDb db, AuditSigningKey key, AuditCheckpointLog log, TimeProvider clock, bool onlyIfMoved, CancellationToken cancellationToken)
    {
        await EnsureSigningKeyAsync(db, key, log, clock, cancellationToken);
        var tail = await db.Audit.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (tail is null || tail.Hash.Length == 0)
        {
            return null;
        }

        if (onlyIfMoved)
        {
            var covered = await db.AuditCheckpoints.AsNoTracking().MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
            if (covered >= tail.Sequence)
            {
                return null;
            }
        }

        // The time first, then the key: a key read before a rotation is then never used for a
        // checkpoint dated after the rotation retired it.
        var at = AuditChain.ToMicroseconds(clock.GetUtcNow().UtcDateTime);
        using var signer = key.Private();
        var keyId = AuditChain.KeyId(signer);
        var checkpoint = new AuditCheckpoint
        {
            Sequence = tail.Sequence,
            Hash = tail.Hash,
            At = at,
            KeyId = keyId,
            Signature = AuditChain.Sign(signer, tail.Sequence, tail.Hash, at, keyId),
        };
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        log.Append(checkpoint);
        return checkpoint;
    }

    /// <summary>
    /// The key is born with the chain: created only while there is nothing it should have signed
    /// (no entries, no checkpoints in the database or the external log). Otherwise a missing key is
    /// an error naming the fix, never silently replaced: a new key would vouch for whatever the
    /// database holds now, rewritten or not.
    /// </summary>
    public static async Task EnsureSigningKeyAsync(PortcullisDb db, AuditSigningKey key, AuditCheckpointLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (key.Exists)
        {
            return;
        }

        var entries = await db.Audit.LongCountAsync(cancellationToken);
        var checkpoints = await db.AuditCheckpoints.LongCountAsync(cancellationToken);
        if (entries > 0 || checkpoints > 0 || log.HasCheckpoints())
        {
            var external = log.HasCheckpoints() ? $", and {log.Path} holds checkpoints" : "";
            throw key.Missing($" although the audit log already has {entries} entries and {checkpoints} checkpoints{external}");
        }

        key.CreateFirst(clock);
    }
}

/// <summary>
/// Checkpoints the tail every Audit:CheckpointEverySeconds when it moved, and once more on a
/// clean shutdown: entries after the last checkpoint are the only ones that can be cut off
/// without a trace, so the interval bounds what an attacker can silently remove.
/// </summary>
public sealed partial class AuditCheckpointService(Database database, JobLeases leases, AuditSigningKey key, AuditCheckpointLog log, AuditCheckpointPush push, AuditOptions options, TimeProvider clock, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    public const string Job = "audit.checkpoints";

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.CheckpointEverySeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                await CheckpointAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await CheckpointAsync(last.Token);
            }
            catch (OperationCanceledException)
            {
                // Shutdown must not wait on a slow database; the next start checkpoints instead.
            }
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            // One signer across nodes: checkpoints from every node would be valid, but many of them say nothing more.
            if (!await leases.TryAcquireAsync(Job, JobLeases.For(Interval), cancellationToken))
            {
                return;
            }

            await using var db = database.CreateContext();
            if (await AuditCheckpoints.WriteAsync(db, key, log, clock, onlyIfMoved: true, cancellationToken) is { } checkpoint)
            {
                CheckpointWritten(logger, checkpoint.Sequence, checkpoint.KeyId);
                if (await push.SendAsync(checkpoint, cancellationToken) is { } problem)
                {
                    PushFailed(logger, problem);
                }
            }
        }
        catch (UserFacingException e)
        {
            // A missing key or an unwritable checkpoint log: nothing a retry fixes, so an error for the operator.
            CheckpointImpossible(logger, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CheckpointFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Audit checkpoint written at sequence {Sequence} with key {KeyId}.")]
    private static partial void CheckpointWritten(ILogger logger, long sequence, string keyId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Writing an audit checkpoint failed; it is tried again at the next interval.")]
    private static partial void CheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Audit checkpoint not written: {Problem}")]
    private static partial void CheckpointImpossible(ILogger logger, string problem);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void PushFailed(ILogger logger, string problem);
}
