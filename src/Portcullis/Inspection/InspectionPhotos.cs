using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Inspection;

/// <summary>
/// REST: photos of a physical inspection, sent as the raw request body (image/jpeg or image/png,
/// up to 10 MB) and kept with their SHA-256 so that evidence can be shown to be unaltered.
/// </summary>
public static class InspectionPhotos
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static Task<Results<Created<GetSelections.PhotoView>, ProblemHttpResult>> UploadAsync(Guid id, string? fileName, HttpRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken) =>
        AddAsync(db, clock, options, CurrentUser.From(context.User)!, id, fileName, request.Body, cancellationToken);

    /// <summary>Adds a photo from its bytes: the API's raw body and the inspection page's file field both come here; the caller commits.</summary>
    public static async Task<Results<Created<GetSelections.PhotoView>, ProblemHttpResult>> AddAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user,
        Guid id, string? fileName, Stream body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var selection = await db.Selections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (selection is null || !Visibility.CanSee(selection, user, now, Visibility.InspectionWindow(options)))
        {
            return Visibility.NotFound(id);
        }

        if (user.Role != Roles.HubInspector)
        {
            return TypedResults.Problem("Only hub inspectors add inspection photos.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        if (selection.State is not (SelectionState.PhysicalInspection or SelectionState.Closed))
        {
            return InspectionSteps.Conflict($"Photos belong to a physical inspection; this control is {InspectionWorkflow.Describe(selection.State)}.", "Not possible in this state.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TypedResults.Problem($"The photo is larger than {MaxBytes / (1024 * 1024)} MB; send a smaller JPEG or PNG.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var type = Sniff(bytes);
        if (type is null)
        {
            return TypedResults.Problem("The body is not a JPEG or PNG image; send the photo's bytes as the request body.", statusCode: StatusCodes.Status400BadRequest, title: "Not an image.");
        }

        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? $"photo.{(type == "image/png" ? "png" : "jpg")}" : fileName.Trim());
        var photo = new InspectionPhoto
        {
            Id = Guid.CreateVersion7(),
            SelectionId = id,
            FileName = name.Length > 200 ? name[..200] : name,
            ContentType = type,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedBy = user.Name,
            UploadedAt = now,
        };
        db.InspectionPhotos.Add(photo);
        AuditLog.Record(db, clock, user, "inspection.photo", AuditSubject.Of(selection), $"selection {id}: {photo.FileName} sha256 {photo.Sha256}");
        return TypedResults.Created($"/api/v1/selections/{id}/photos/{photo.Id}", new GetSelections.PhotoView(photo.Id, photo.FileName, photo.ContentType, photo.Sha256, photo.UploadedAt, photo.UploadedBy));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, Guid photoId, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var selection = await db.Selections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var photo = selection is null || !Visibility.CanSee(selection, user, clock.GetUtcNow().UtcDateTime, Visibility.InspectionWindow(options))
            ? null
            : await db.InspectionPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.SelectionId == id, cancellationToken);
        if (photo is null)
        {
            return TypedResults.Problem($"There is no photo {photoId} of a selection you may see now.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        AuditLog.Record(db, clock, user, "view.finding", AuditSubject.Of(selection!), $"selection {id}: photo {photo.FileName}");
        return TypedResults.File(photo.Content, photo.ContentType, photo.FileName);
    }

    private static string? Sniff(byte[] bytes) =>
        bytes is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : bytes is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? "image/png"
        : null;
}
