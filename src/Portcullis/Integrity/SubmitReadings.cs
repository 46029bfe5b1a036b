using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Access;
using Portcullis.Ingest;

namespace Portcullis.Integrity;

/// <summary>
/// REST: readings from partners without a broker (POST /api/v1/readings). The body is read as
/// bytes by the reading reader, not bound to a record: coordinates and temperatures are legitimately
/// negative, and the reader checks every field's range itself, with its position. The answer says
/// what was stored, what was a duplicate, and every rejection with its reason.
/// </summary>
public static class SubmitReadings
{
    public sealed record IssueView(int Index, string Severity, string Code, string Message, int? Line, int? Column);

    public sealed record SubmitAnswer(int Accepted, int Duplicates, int Rejected, int RateLimited, IReadOnlyList<IssueView> Issues);

    public static async Task<Results<Ok<SubmitAnswer>, ProblemHttpResult>> HandleAsync(
        HttpContext context, ReadingPipeline pipeline, ReadingOptions options, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxPayloadBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException)
        {
            return TypedResults.Problem($"The body is larger than {options.MaxPayloadBytes} bytes (Integrity:Readings:MaxPayloadBytes); send readings in smaller batches.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large.");
        }

        var user = CurrentUser.From(context.User)!;
        var outcome = (await pipeline.StoreAsync([new ReadingPayloadIn(body, "http:" + user.OrganisationName)], cancellationToken))[0];
        var issues = outcome.Issues.Select(i => new IssueView(i.Index, i.Issue.Severity == IssueSeverity.Error ? "error" : "warning", i.Issue.Code, i.Issue.Message, i.Issue.Position?.Line, i.Issue.Position?.Column)).ToList();
        if (outcome.PayloadError is { } whole)
        {
            return Problem(whole, issues);
        }

        if (outcome.Accepted + outcome.Duplicates == 0 && outcome.Rejected > 0)
        {
            return Problem(outcome.Issues.First(i => i.Issue.Severity == IssueSeverity.Error).Issue, issues);
        }

        return TypedResults.Ok(new SubmitAnswer(outcome.Accepted, outcome.Duplicates, outcome.Rejected, outcome.RateLimited, issues));
    }

    private static ProblemHttpResult Problem(IngestIssue first, IReadOnlyList<IssueView> issues) => TypedResults.Problem(
        first.ToString(),
        statusCode: StatusCodes.Status400BadRequest,
        title: "No reading was accepted.",
        type: "https://portcullis.example/problems/readings-rejected",
        extensions: new Dictionary<string, object?>
        {
            ["code"] = first.Code,
            ["where"] = first.Position?.ToString(),
            ["issues"] = issues,
        });
}
