using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>Proves the audit log intact, or names the first bad entry: from the CLI, the REST API and tests.</summary>
public static class VerifyAuditLog
{
    /// <summary>
    /// Streams the chain in Sequence order through the verifier; memory stays flat however long the
    /// log. Checkpoints are read first, so that a checkpoint written meanwhile cannot seem to lie
    /// beyond the rows read.
    /// </summary>
    public static async Task<AuditVerification> RunAsync(PortcullisDb db, ECDsa? publicKey, CancellationToken cancellationToken)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var verifier = new AuditChainVerifier(checkpoints, publicKey);
        await foreach (var row in db.Audit.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!verifier.Add(row))
            {
                break;
            }
        }

        return verifier.Finish();
    }

    public static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> VerifyAsync(PortcullisDb db, AuditSigningKey key, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var publicKey = key.Public();
        if (publicKey is null && await db.AuditCheckpoints.AnyAsync(cancellationToken))
        {
            return TypedResults.Problem(
                $"There are signed checkpoints but no public key {AuditSigningKey.PublicFileName} in the server's keys folder; restore it from backup.",
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Audit public key missing.");
        }

        var result = await RunAsync(db, publicKey, cancellationToken);
        // Who checked, when, and what they were told, is itself worth knowing later.
        AuditLog.Record(db, clock, CurrentUser.From(context.User)!, "audit.verify", "audit log", result.Summary);
        return TypedResults.Ok(result);
    }
}
