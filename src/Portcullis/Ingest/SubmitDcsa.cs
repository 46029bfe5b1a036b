using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Ingest;

/// <summary>
/// REST: DCSA Track &amp; Trace and IoT events. Two doors: the subscriber side of a DCSA callback
/// (POST /api/v1/dcsa/events), authenticated by the Notification-Signature HMAC over the body with
/// the subscription's shared secret, as publishers send it; and an upload of event files by a
/// signed-in user or a token with the ingest scope.
/// </summary>
public static class SubmitDcsa
{
    public static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> UploadAsync(
        HttpContext context, IngestPipeline pipeline, IngestOptions options, string? name, CancellationToken cancellationToken) =>
        await IngestAsync(context, pipeline, options, SubmitEdifact.Origin(context, name), verify: null, cancellationToken);

    public static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> CallbackAsync(
        HttpContext context, IngestPipeline pipeline, IngestOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.DcsaSharedSecret))
        {
            return TypedResults.Problem("DCSA callbacks are not switched on here; the operator sets Ingest:DcsaSharedSecret to the subscription's secret.", statusCode: StatusCodes.Status401Unauthorized, title: "Not accepted.");
        }

        var secret = Encoding.UTF8.GetBytes(options.DcsaSharedSecret);
        var header = context.Request.Headers[DcsaSignature.HeaderName].ToString();
        return await IngestAsync(context, pipeline, options, new IngestOrigin("dcsa-callback", "dcsa-callback"), body => DcsaSignature.Verify(header, body, secret), cancellationToken);
    }

    private static async Task<Results<Accepted<Receipts.ReceiptView>, ProblemHttpResult>> IngestAsync(
        HttpContext context, IngestPipeline pipeline, IngestOptions options, IngestOrigin origin, Func<byte[], IngestIssue?>? verify, CancellationToken cancellationToken)
    {
        var spooled = await Spool.RequestBodyAsync(context, options, cancellationToken);
        if (spooled.Path is null)
        {
            return TypedResults.Problem(spooled.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.");
        }

        try
        {
            if (verify is not null && verify(await File.ReadAllBytesAsync(spooled.Path, cancellationToken)) is { } refused)
            {
                // Nothing of an unsigned body is stored: it is not known to come from the publisher.
                return TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status401Unauthorized, title: "Signature not valid.", extensions: new Dictionary<string, object?> { ["code"] = refused.Code });
            }

            return SubmitEdifact.Answer(await pipeline.IngestDcsaAsync(spooled.Path, origin, cancellationToken));
        }
        finally
        {
            Spool.Delete(spooled.Path);
        }
    }
}
