using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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

/// <summary>
/// The checkpoint signing key: a PEM file in the keys folder (beside the data-protection keys),
/// created on first use, readable by its owner only; the public half beside it for auditors.
/// </summary>
public sealed class AuditSigningKey(string folder)
{
    public const string PrivateFileName = "audit-signing-key.pem";
    public const string PublicFileName = "audit-signing-key.pub.pem";

    private readonly Lock _gate = new();
    private ECDsa? _key;

    public string Folder { get; } = folder;

    public string PrivateFile => Path.Combine(Folder, PrivateFileName);

    public string PublicFile => Path.Combine(Folder, PublicFileName);

    /// <summary>The private key, created (with its public PEM) if the folder has none yet.</summary>
    public ECDsa Private()
    {
        lock (_gate)
        {
            return _key ??= LoadOrCreate();
        }
    }

    /// <summary>The public key from the public PEM, else derived from the private one; null when neither exists.</summary>
    public ECDsa? Public()
    {
        if (File.Exists(PublicFile))
        {
            return ReadPublic(PublicFile);
        }

        if (!File.Exists(PrivateFile))
        {
            return null;
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PrivateFile));
        return key;
    }

    /// <summary>Reads a PEM public key; throws <see cref="CryptographicException"/> or <see cref="ArgumentException"/> when it is none.</summary>
    public static ECDsa ReadPublic(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private ECDsa LoadOrCreate()
    {
        Directory.CreateDirectory(Folder);
        if (!File.Exists(PrivateFile))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // Written to a private temporary file and moved into place, so that a second process
            // never reads half a key and the key is never readable by others, not even briefly.
            var temporary = PrivateFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temporary, options))
            {
                writer.Write(fresh.ExportPkcs8PrivateKeyPem());
            }

            try
            {
                File.Move(temporary, PrivateFile, overwrite: false);
            }
            catch (IOException)
            {
                // Another process created the key first; use theirs.
                File.Delete(temporary);
            }
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PrivateFile));
        if (!File.Exists(PublicFile))
        {
            File.WriteAllText(PublicFile, key.ExportSubjectPublicKeyInfoPem());
        }

        return key;
    }
}

/// <summary>Writes signed checkpoints of the chain's tail.</summary>
public static class AuditCheckpoints
{
    /// <summary>
    /// Signs the current tail. With <paramref name="onlyIfMoved"/>, does nothing when the latest
    /// checkpoint already covers it. Returns the new checkpoint, or null when nothing was written.
    /// </summary>
    public static async Task<AuditCheckpoint?> WriteAsync(PortcullisDb db, AuditSigningKey key, TimeProvider clock, bool onlyIfMoved, CancellationToken cancellationToken)
    {
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

        var signer = key.Private();
        var keyId = AuditChain.KeyId(signer);
        var at = AuditChain.ToMicroseconds(clock.GetUtcNow().UtcDateTime);
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
        return checkpoint;
    }
}

/// <summary>
/// Checkpoints the tail every Audit:CheckpointEverySeconds when it moved, and once more on a
/// clean shutdown: entries after the last checkpoint are the only ones that can be cut off
/// without a trace, so the interval bounds what an attacker can silently remove.
/// </summary>
public sealed partial class AuditCheckpointService(Database database, JobLeases leases, AuditSigningKey key, AuditOptions options, TimeProvider clock, ILogger<AuditCheckpointService> logger) : BackgroundService
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
            if (await AuditCheckpoints.WriteAsync(db, key, clock, onlyIfMoved: true, cancellationToken) is { } checkpoint)
            {
                CheckpointWritten(logger, checkpoint.Sequence, checkpoint.KeyId);
            }
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
}
