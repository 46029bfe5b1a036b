using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Access;

namespace Portcullis.Ingest;

/// <summary>
/// REST: a partner posts an EDIFACT interchange file as the request body. 202 with the receipt when
/// anything landed or everything was a duplicate; 400 with a problem body naming where and why when
/// nothing could be accepted. Rejected messages are in quarantine either way.
/// </summary>
public static class SubmitEdifact
{
    public static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> HandleAsync(
        HttpContext context, IngestPipeline pipeline, IngestOptions options, string? name, CancellationToken cancellationToken)
    {
        var spooled = await Spool.RequestBodyAsync(context, options, cancellationToken);
        if (spooled.Path is null)
        {
            return TypedResults.Problem(spooled.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.");
        }

        try
        {
            var receipt = await pipeline.IngestEdifactAsync(spooled.Path, Origin(context, name), null, cancellationToken);
            return Answer(receipt);
        }
        finally
        {
            Spool.Delete(spooled.Path);
        }
    }

    public static IngestOrigin Origin(HttpContext context, string? name)
    {
        var user = CurrentUser.From(context.User)!;
        return new IngestOrigin("api", user.Name, user.OrganisationId, string.IsNullOrWhiteSpace(name) ? null : Path.GetFileName(name));
    }

    /// <summary>202 when the sender has nothing to fix for what landed; 400 naming the first rejection when nothing landed.</summary>
    public static Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult> Answer(IngestReceipt receipt)
    {
        if (receipt.Status != ReceiptStatus.Rejected)
        {
            return TypedResults.Accepted($"/api/v1/ingest/receipts/{receipt.Id}", Receipts.View(receipt));
        }

        var first = receipt.Issues.FirstOrDefault(i => i.Severity == "error");
        var detail = first is null ? "Nothing in the submission could be accepted." : first.Where is null ? first.Message : $"{first.Message} ({first.Where})";
        return TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Nothing was accepted.",
            type: "https://portcullis.example/problems/ingest-rejected",
            extensions: new Dictionary<string, object?>
            {
                ["receiptId"] = receipt.Id,
                ["code"] = first?.Code,
                ["where"] = first?.Where,
                ["issues"] = receipt.Issues,
            });
    }
}
