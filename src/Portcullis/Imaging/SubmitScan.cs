using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Portcullis.Access;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// REST: <c>POST /api/v1/scans</c>, multipart: <c>file</c> (one scan) or <c>low</c> and <c>high</c>
/// (dual energy as two files), and the fields subjectKind, subject, scanner, site, scannedAt,
/// direction, origin. Fields win over the file's own metadata; the answer says where each came from.
/// Our scanners' tokens (<c>scans:write</c>) and our people send our own scans; a partner
/// administration's token (<c>scans:partner</c>) sends scans marked as that partner's. Neither can
/// claim to be the other.
/// </summary>
public static class SubmitScan
{
    /// <summary>The receipt: the stored scan as its sender may see it (never the control it belongs to).</summary>
    public sealed record Receipt(Guid Id, string SubjectKind, string Subject, string Origin, string? Partner, string Scanner, string? Site, DateTime ScannedAt,
        DateTime ReceivedAt, string Format, bool PreviewOnly, int Width, int Height, int Frames, string? Energy, IReadOnlyList<string> FileHashes,
        IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, string> Sources, bool Duplicate);

    /// <summary>People of customs who may send scans (a hand-held or a scan received by mail); systems by their token's scope.</summary>
    public static IReadOnlyList<string> OwnSenders { get; } = [Roles.ScanAnalyst, Roles.HubInspector, Roles.Supervisor];

    public static async Task<Results<Created<Receipt>, Ok<Receipt>, ProblemHttpResult>> HandleAsync(HttpContext context, PortcullisDb db, IScanStore store, ScanPreviews previews,
        ImagingOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = (2 * options.MaxFileBytes) + (1024 * 1024);
        }

        // The form's own limit follows the scan limits (the host-wide form limit is for small forms).
        context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = (2 * options.MaxFileBytes) + (1024 * 1024), ValueCountLimit = 32 }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return TypedResults.Problem($"The upload is larger than the limit of {options.MaxFileBytes} bytes per file, or not a complete multipart form; send one scan per file.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.");
        }

        var (sender, refusal) = SenderOf(user, form["origin"].ToString());
        if (sender is null)
        {
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        var files = new List<ImportScan.ScanFile>();
        if (form.Files.GetFile("file") is { } single)
        {
            if (form.Files.GetFile("low") is not null || form.Files.GetFile("high") is not null)
            {
                return Invalid("Send either file (one scan) or low and high (dual energy), not both.");
            }

            files.Add(await ReadAsync(single, cancellationToken));
        }
        else if (form.Files.GetFile("low") is { } low && form.Files.GetFile("high") is { } high)
        {
            files.Add(await ReadAsync(low, cancellationToken));
            files.Add(await ReadAsync(high, cancellationToken));
        }
        else
        {
            return Invalid("The form has no scan; send the image as the multipart part 'file', or as 'low' and 'high' for dual energy.");
        }

        DateTimeOffset? scannedAt = null;
        if (form["scannedAt"].ToString() is { Length: > 0 } timeText)
        {
            if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Invalid($"scannedAt '{Echo.Of(timeText)}' is not a time; send it as ISO 8601 UTC, e.g. 2026-03-01T08:15:00Z.");
            }

            scannedAt = parsed;
        }

        var outcome = await ImportScan.RunAsync(db, store, previews, options, clock, new ImportScan.Request(files,
            Field(form, "subjectKind"), Field(form, "subject"), Field(form, "scanner"), Field(form, "site"), scannedAt, Field(form, "direction")), sender, cancellationToken);
        if (outcome.Scan is not { } scan)
        {
            return outcome.TooLarge
                ? TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.")
                : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest, title: "Scan refused.");
        }

        var receipt = ReceiptOf(scan, outcome.Sources, outcome.Duplicate);
        return outcome.Duplicate ? TypedResults.Ok(receipt) : TypedResults.Created($"/api/v1/scans/{scan.Id}", receipt);
    }

    /// <summary>
    /// Who a caller sends scans as. A partner administration's token (role partner-agency, scope
    /// scans:partner) sends the partner's scans under its organisation's name; our scanners' tokens
    /// (scans:write) and our people send our own. A claim of the other origin is refused, not corrected.
    /// </summary>
    public static (ImportScan.Sender? Sender, string? Refusal) SenderOf(CurrentUser user, string? claimedOrigin)
    {
        var claim = string.IsNullOrWhiteSpace(claimedOrigin) ? null : claimedOrigin.Trim().ToLowerInvariant();
        if (claim is not (null or "own" or "partner"))
        {
            return (null, $"origin '{Echo.Of(claimedOrigin)}' is not known; leave it out, or use own or partner as your token allows.");
        }

        if (user.IsSystem && user.Role == Roles.PartnerAgency)
        {
            if (!user.Scopes.Contains(TokenScopes.ScansPartner, StringComparer.Ordinal))
            {
                return (null, "A partner administration's token sends scans with the scope scans:partner; ask the administrator for that scope.");
            }

            return claim == "own"
                ? (null, "A partner administration's token sends the partner's scans; it cannot send them as customs' own (origin own).")
                : (new ImportScan.Sender(user.Name, user.OrganisationId, ScanOrigin.Partner, user.OrganisationName), null);
        }

        if (!OwnSenders.Contains(user.Role, StringComparer.Ordinal) || (user.IsSystem && !user.Scopes.Contains(TokenScopes.ScansWrite, StringComparer.Ordinal)))
        {
            return (null, "Our own scans are sent by scanner tokens with the scope scans:write, or by scan analysts, hub inspectors and supervisors; partner scans by a partner-agency token with scans:partner.");
        }

        return claim == "partner"
            ? (null, "Customs' own scanners and staff send our own scans; a partner's origin scans come with the partner's own token (scans:partner).")
            : (new ImportScan.Sender(user.Name, user.OrganisationId, ScanOrigin.Own, null), null);
    }

    public static Receipt ReceiptOf(Scan scan, IReadOnlyDictionary<string, string> sources, bool duplicate) =>
        new(scan.Id, scan.SubjectKind.ToString(), scan.Subject, scan.Origin.ToString(), scan.Partner, scan.ScannerId, scan.Site, scan.ScannedAt, scan.ReceivedAt,
            scan.Format.ToString(), scan.PreviewOnly, scan.Width, scan.Height, scan.FrameCount, scan.Energy, scan.FileHashes, scan.Warnings, sources, duplicate);

    /// <summary>The multipart form in the OpenAPI document, instead of the plain body <c>AcceptsFile</c> describes.</summary>
    public static RouteHandlerBuilder DescribeForm(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
            foreach (var name in new[] { "file", "low", "high" })
            {
                schema.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            }

            foreach (var name in new[] { "subjectKind", "subject", "scanner", "site", "scannedAt", "direction", "origin" })
            {
                schema.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new OpenApiMediaType { Schema = schema } },
            };
            return Task.CompletedTask;
        });

    private static string? Field(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } value ? value : null;

    private static async Task<ImportScan.ScanFile> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(buffer, cancellationToken);
        return new ImportScan.ScanFile(Path.GetFileName(file.FileName ?? file.Name), buffer.ToArray());
    }

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Scan refused.");
}
