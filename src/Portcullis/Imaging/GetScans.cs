using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// REST: one scan's record, the scans of a container or a control, and a scan's 8-bit preview. Each
/// caller sees only what <see cref="ScanAccess"/> allows at this moment; everything else answers as if
/// it did not exist, and every scan shown is logged as a view (view.scan), as selections are.
/// </summary>
public static class GetScans
{
    /// <summary>
    /// A scan as a person of customs sees it. <c>ContainerKnown</c>: whether the container is in the
    /// cargo data yet (a partner's origin scan often arrives before the manifest). <c>Waiting</c>: not
    /// linked to a control yet.
    /// </summary>
    public sealed record ScanView(Guid Id, string SubjectKind, string Subject, bool? ContainerKnown, string Origin, string? Partner, string Scanner, string? Site,
        DateTime ScannedAt, DateTime ReceivedAt, string Format, bool PreviewOnly, int Width, int Height, int Frames, string? Energy, double? PixelSpacingX,
        double? PixelSpacingY, string? Direction, IReadOnlyList<string> FileHashes, Guid? SelectionId, bool Waiting, string SubmittedBy,
        IReadOnlyList<string> Warnings, string Preview);

    public const int ListLimit = 200;

    public static async Task<Results<Ok<ScanView>, Ok<SubmitScan.Receipt>, ProblemHttpResult>> DetailAsync(Guid id, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scan is null || !await ScanAccess.MaySeeAsync(db, user, scan, clock, options, cancellationToken))
        {
            return ScanAccess.NotFound(id);
        }

        AuditLog.RecordView(db, clock, user, "scan", AuditSubject.Of(scan), $"scan {scan.Id}");
        if (user.IsSystem)
        {
            // A sender reads back its receipt; which control the scan serves is not its business.
            return TypedResults.Ok(SubmitScan.ReceiptOf(scan, new Dictionary<string, string>(), false));
        }

        var known = await KnownContainersAsync(db, [scan], cancellationToken);
        return TypedResults.Ok(View(scan, known));
    }

    /// <summary>Scans by container, by control, or waiting for a control (newest first, at most <see cref="ListLimit"/>).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ScanView>>, ProblemHttpResult>> ListAsync(string? container, Guid? selection, bool? waiting, PortcullisDb db, HttpContext context,
        TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var scans = await QueryAsync(db, user, clock, options, container, selection, waiting, cancellationToken);
        if (scans.Error is not null)
        {
            return TypedResults.Problem(scans.Error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request.");
        }

        var known = await KnownContainersAsync(db, scans.Visible, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ScanView>>([.. scans.Visible.Select(s => View(s, known))]);
    }

    /// <summary>The visible scans for the filters, each logged as viewed; the API and the pages read through here.</summary>
    public static async Task<(List<Scan> Visible, string? Error)> QueryAsync(PortcullisDb db, CurrentUser user, TimeProvider clock, SelectionOptions options,
        string? container, Guid? selection, bool? waiting, CancellationToken cancellationToken)
    {
        var query = db.Scans.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(container))
        {
            var (subject, _, error) = ImportScan.NormaliseSubject(ScanSubjectKind.Container, container);
            if (error is not null)
            {
                return ([], error);
            }

            query = query.Where(s => s.SubjectKind == ScanSubjectKind.Container && s.Subject == subject);
        }

        if (selection is { } selectionId)
        {
            query = query.Where(s => s.SelectionId == selectionId);
        }

        if (waiting == true)
        {
            query = query.Where(s => s.SelectionId == null);
        }

        var found = await query.OrderByDescending(s => s.ScannedAt).Take(ListLimit).ToListAsync(cancellationToken);
        var visible = await ScanAccess.VisibleAsync(db, user, found, clock, options, cancellationToken);
        foreach (var scan in visible)
        {
            AuditLog.RecordView(db, clock, user, "scan", AuditSubject.Of(scan), $"scan {scan.Id} in a list");
        }

        return (visible, null);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PreviewAsync(Guid id, PortcullisDb db, ScanPreviews previews, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scan is null || !await ScanAccess.MaySeeAsync(db, user, scan, clock, options, cancellationToken))
        {
            return ScanAccess.NotFound(id);
        }

        byte[] png;
        try
        {
            png = await previews.GetAsync(scan, cancellationToken);
        }
        catch (ScanStoreException e)
        {
            // Never a wrong picture: a damaged original is named, with the fix.
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Scan file damaged.");
        }

        AuditLog.RecordView(db, clock, user, "scan", AuditSubject.Of(scan), $"scan {scan.Id}: preview");
        return TypedResults.File(png, "image/png");
    }

    public static ScanView View(Scan s, IReadOnlySet<string> knownContainers) =>
        new(s.Id, s.SubjectKind.ToString(), s.Subject, s.SubjectKind == ScanSubjectKind.Container ? knownContainers.Contains(s.Subject) : null, s.Origin.ToString(), s.Partner,
            s.ScannerId, s.Site, s.ScannedAt, s.ReceivedAt, s.Format.ToString(), s.PreviewOnly, s.Width, s.Height, s.FrameCount, s.Energy, s.PixelSpacingX, s.PixelSpacingY,
            s.Direction, s.FileHashes, s.SelectionId, s.SelectionId is null, s.SubmittedBy, s.Warnings, $"/api/v1/scans/{s.Id}/preview");

    /// <summary>Which of the scans' containers the cargo data knows (from a manifest, a gate event…).</summary>
    private static async Task<IReadOnlySet<string>> KnownContainersAsync(PortcullisDb db, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        var numbers = scans.Where(s => s.SubjectKind == ScanSubjectKind.Container).Select(s => s.Subject).Distinct().ToList();
        if (numbers.Count == 0)
        {
            return new HashSet<string>();
        }

        return (await db.Equipment.AsNoTracking().Where(e => numbers.Contains(e.ContainerNumber)).Select(e => e.ContainerNumber).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }
}
