using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Portcullis.Hosting;

/// <summary>
/// The one exception handler of the web host. A request the binder could not read (malformed JSON,
/// a value of the wrong type, a missing required parameter) answers 400 with one sentence naming
/// the field; anything else is a defect: its stack trace goes to the log through ILogger (event
/// 1001, so to the error log, never into the answer) and the caller gets a 500 problem with the
/// trace id to report.
/// </summary>
public sealed partial class RequestFailures(IProblemDetailsService problems, ILogger<RequestFailures> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        int status;
        string title, detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            title = "Invalid request.";
            detail = Describe(bad);
            LogRejected(logger, httpContext.Request.Method, httpContext.Request.Path, detail);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            title = "Portcullis failed on this request.";
            detail = $"Portcullis failed on this request; the error is logged under {traceId}, give that id when you report it.";
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path, traceId);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The binder's complaint as one sentence: the JSON path when the body was at fault, the parameter otherwise.</summary>
    public static string Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { } path })
        {
            var field = path.TrimStart('$').TrimStart('.');
            return field.Length == 0
                ? "The request body is not valid JSON; send one JSON object."
                : $"{Echo.Of(field)} has a value of the wrong type or form; send it as the API document (/openapi/v1.json) describes.";
        }

        return exception.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The request body is too large; send less."
            : $"{Echo.Of(exception.Message.TrimEnd('.'))}; correct the request and send it again.";
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId}).")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Refused an unreadable request {Method} {Path}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string detail);
}
