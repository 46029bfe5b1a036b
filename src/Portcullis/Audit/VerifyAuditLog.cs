using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>Proves the audit log intact, or names the first bad entry: from the CLI, the REST API and tests.</summary>
public static class VerifyAuditLog
{
    /// <summary>Against one public key and the database's own checkpoints only.</summary>
    public static Task<AuditVerification> RunAsync(PortcullisDb db, ECDsa? publicKey, CancellationToken cancellationToken) =>
        RunAsync(db, publicKey is null ? null : AuditKeyRing.Of(publicKey), external: null, cancellationToken);

    /// <summary>
    /// Streams the chain in Sequence order through the verifier; memory stays flat however long the
    /// log. Checkpoints are read first, so that a checkpoint written meanwhile cannot seem to lie
    /// beyond the rows read; the external log is read before the database's checkpoints, so that one
    /// written meanwhile is in the database when it is in the log.
    /// </summary>
    public static async Task<AuditVerification> RunAsync(PortcullisDb db, AuditKeyRing? keys, AuditCheckpointLog? external, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditCheckpoint>? outside = null;
        if (external is not null)
        {
            var (checkpoints, damaged) = await external.ReadAsync(cancellationToken);
            if (damaged is { } line)
            {
                return new AuditVerification(false, 0, 0, null, null, AuditDefect.CheckpointLogDamaged, null, null,
                    $"The external checkpoint log was tampered with: line {line} of {external.Path} is not a signed checkpoint.", checkpoints.Count);
            }

            outside = checkpoints;
        }

        var inside = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var verifier = new AuditChainVerifier(inside, keys, outside);
        await foreach (var row in db.Audit.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!verifier.Add(row))
            {
                break;
            }
        }

        return verifier.Finish();
    }

    /// <summary>
    /// The server's own view: its key ring and, when it exists, its external checkpoint log. Null
    /// with the problem when there are checkpoints but no public key to check them with.
    /// </summary>
    public static async Task<(AuditVerification? Result, string? Problem)> RunWithServerKeysAsync(PortcullisDb db, AuditSigningKey key, AuditCheckpointLog log, CancellationToken cancellationToken)
    {
        var external = log.Exists ? log : null;
        using var keys = key.Ring();
        if (keys is null && (await db.AuditCheckpoints.AnyAsync(cancellationToken) || log.HasCheckpoints()))
        {
            return (null, $"There are signed checkpoints but no public key in {key.Folder}");
        }

        return (await RunAsync(db, keys, external, cancellationToken), null);
    }

    public static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> VerifyAsync(PortcullisDb db, AuditSigningKey key, AuditCheckpointLog log, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (result, problem) = await RunWithServerKeysAsync(db, key, log, cancellationToken);
        if (result is null)
        {
            return TypedResults.Problem(
                $"{problem}; restore {AuditSigningKey.PublicFileName} and {AuditSigningKey.RingFileName} there from backup.",
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Audit public key missing.");
        }

        // Who checked, when, and what they were told, is itself worth knowing later.
        AuditLog.Record(db, clock, CurrentUser.From(context.User)!, "audit.verify", "audit log", result.Summary);
        return TypedResults.Ok(result);
    }
}
