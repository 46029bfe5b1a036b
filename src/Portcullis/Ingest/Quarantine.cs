using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Ingest;

/// <summary>REST and CLI: what was rejected and why, and replaying it once the cause is fixed.</summary>
public static class Quarantine
{
    public sealed record QuarantineView(Guid Id, Guid ReceiptId, string Format, string Type, string? Reference, string Code, string Reason, string? Where, DateTime QuarantinedAt, string Status, int Retries, bool Replayable, Guid? ResolvedByReceiptId);

    public static async Task<Results<Ok<IReadOnlyList<QuarantineView>>, ProblemHttpResult>> ListAsync(PortcullisDb db, string? status, int? limit, CancellationToken cancellationToken)
    {
        QuarantineStatus? wanted = null;
        if (!string.IsNullOrEmpty(status) && !status.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!Enum.TryParse<QuarantineStatus>(status, ignoreCase: true, out var parsed))
            {
                return TypedResults.Problem($"Status '{Echo.Of(status)}' is not known; use open, resolved, superseded or all.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown status.");
            }

            wanted = parsed;
        }

        return TypedResults.Ok(await QueryAsync(db, wanted ?? (status is null ? QuarantineStatus.Open : null), Math.Clamp(limit ?? 200, 1, 5000), cancellationToken));
    }

    public static async Task<IReadOnlyList<QuarantineView>> QueryAsync(PortcullisDb db, QuarantineStatus? status, int limit, CancellationToken cancellationToken)
    {
        var query = db.Quarantine.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(q => q.Status == s);
        }

        return await query.OrderByDescending(q => q.QuarantinedAt).Take(limit)
            .Select(q => new QuarantineView(q.Id, q.ReceiptId, q.Format.ToString(), q.Type, q.Reference, q.Code, q.Reason, q.Where, q.QuarantinedAt, q.Status.ToString(), q.Retries, q.Payload != null, q.ResolvedByReceiptId))
            .ToListAsync(cancellationToken);
    }

    public static async Task<Results<Ok<Receipts.ReceiptView>, ProblemHttpResult>> RetryAsync(Guid id, IngestPipeline pipeline, HttpContext context, CancellationToken cancellationToken)
    {
        var user = Access.CurrentUser.From(context.User)!;
        var result = await pipeline.RetryAsync(id, new IngestOrigin("retry", user.Name, user.OrganisationId), cancellationToken);
        return result.Match<Results<Ok<Receipts.ReceiptView>, ProblemHttpResult>>(
            receipt => TypedResults.Ok(Receipts.View(receipt)),
            (status, message) => TypedResults.Problem(message, statusCode: status, title: status == 404 ? "Not found." : "Cannot replay."));
    }
}

/// <summary>Either a receipt or an HTTP-like status with one sentence.</summary>
public sealed record RetryResult(IngestReceipt? Receipt, int Status, string? Error)
{
    public T Match<T>(Func<IngestReceipt, T> ok, Func<int, string, T> failed) => Receipt is not null ? ok(Receipt) : failed(Status, Error!);
}
