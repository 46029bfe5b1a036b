using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Ingest;

/// <summary>
/// REST: air cargo as airlines, handlers and forwarders send it. IATA Cargo-XML (XFWB, XFZB, XFFM;
/// one message or several one after another) and ONE Record logistics objects (JSON-LD). Answers
/// as the EDIFACT upload does: 202 with the receipt, or 400 naming where and why nothing landed.
/// </summary>
public static class SubmitAir
{
    public static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> CargoXmlAsync(
        HttpContext context, IngestPipeline pipeline, IngestOptions options, string? name, CancellationToken cancellationToken) =>
        await IngestAsync(context, options, path => pipeline.IngestCargoXmlAsync(path, SubmitEdifact.Origin(context, name), cancellationToken), cancellationToken);

    public static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> OneRecordAsync(
        HttpContext context, IngestPipeline pipeline, IngestOptions options, string? name, CancellationToken cancellationToken) =>
        await IngestAsync(context, options, path => pipeline.IngestOneRecordAsync(path, SubmitEdifact.Origin(context, name), cancellationToken), cancellationToken);

    private static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> IngestAsync(
        HttpContext context, IngestOptions options, Func<string, Task<IngestReceipt>> ingest, CancellationToken cancellationToken)
    {
        var spooled = await Spool.RequestBodyAsync(context, options, cancellationToken);
        if (spooled.Path is null)
        {
            return TypedResults.Problem(spooled.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.");
        }

        try
        {
            return SubmitEdifact.Answer(await ingest(spooled.Path));
        }
        finally
        {
            Spool.Delete(spooled.Path);
        }
    }
}
