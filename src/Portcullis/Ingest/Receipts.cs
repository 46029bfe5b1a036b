using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Storage;

namespace Portcullis.Ingest;

/// <summary>REST: receipts, for the sender that submitted them and for the people who run ingest.</summary>
public static class Receipts
{
    public sealed record ReceiptView(
        Guid Id,
        string Format,
        string Channel,
        string? FileName,
        string? Sender,
        DateTime ReceivedAt,
        long SizeBytes,
        string Sha256,
        string Status,
        int Accepted,
        int Duplicates,
        int Rejected,
        IReadOnlyList<ReceiptLine> Lines,
        IReadOnlyList<ReceiptIssue> Issues);

    public static ReceiptView View(IngestReceipt r) =>
        new(r.Id, r.Format.ToString(), r.Channel, r.FileName, r.Sender, r.ReceivedAt, r.SizeBytes, r.Sha256, r.Status.ToString(), r.Accepted, r.Duplicates, r.Rejected, r.Lines, r.Issues);

    /// <summary>Operators see every receipt; a sender only those of its own organisation, because receipts name what was sent.</summary>
    public static bool SeesAll(CurrentUser user) => user.Role is Roles.Administrator or Roles.Supervisor;

    public static async Task<Ok<IReadOnlyList<ReceiptView>>> ListAsync(PortcullisDb db, HttpContext context, int? limit, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var query = db.IngestReceipts.AsNoTracking();
        if (!SeesAll(user))
        {
            query = query.Where(r => r.OrganisationId == user.OrganisationId);
        }

        var receipts = await query.OrderByDescending(r => r.ReceivedAt).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReceiptView>>([.. receipts.Select(View)]);
    }

    public static async Task<Results<Ok<ReceiptView>, ProblemHttpResult>> GetAsync(Guid id, PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var receipt = await db.IngestReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return receipt is null || (!SeesAll(user) && receipt.OrganisationId != user.OrganisationId)
            ? TypedResults.Problem($"There is no receipt {id} for your organisation.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(View(receipt));
    }
}
