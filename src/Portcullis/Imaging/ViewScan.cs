using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Inspection;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// Opening a scan in the viewer (the pages <c>/scans/{id}</c> and <c>/scans/compare</c>): need-to-know
/// through <see cref="ScanAccess"/>, one audited view per scan opened (the frame requests that follow
/// are not audited again), its overlays, and the selection's scan verdict through the same function
/// as <c>POST /api/v1/selections/{id}/verdict</c>.
/// </summary>
public static class ViewScan
{
    /// <summary>A scan as the viewer shows it; <c>Selection</c> is null when it is not linked yet.</summary>
    public sealed record Opened(Scan Scan, IReadOnlyList<ScanOverlay> Overlays, SelectionCase? Selection, ScanAnalysis? Analysis = null);

    /// <summary>The scan, or null when there is none the user may see now; records the view on the caller's unit of work.</summary>
    public static async Task<Opened?> OpenAsync(PortcullisDb db, CurrentUser user, Guid id, TimeProvider clock, SelectionOptions options, IEnumerable<IScanOverlaySource> sources, CancellationToken cancellationToken)
    {
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scan is null || !await ScanAccess.MaySeeAsync(db, user, scan, clock, options, cancellationToken))
        {
            return null;
        }

        var selection = scan.SelectionId is { } selectionId
            ? await db.Selections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == selectionId, cancellationToken)
            : null;
        AuditLog.RecordView(db, clock, user, "scan", AuditSubject.Of(scan), $"scan {scan.Id}" + (selection is null ? "" : $" of selection {selection.Id}"));
        var overlays = new List<ScanOverlay>();
        foreach (var source in sources)
        {
            overlays.AddRange(await source.ForScanAsync(scan, cancellationToken));
        }

        return new Opened(scan, overlays, selection, await AnalyzeScan.LatestAsync(db, scan.Id, cancellationToken));
    }


    /// <summary>Whether the viewer offers the verdict buttons: the workflow's roles, on a control that waits for a verdict.</summary>
    public static bool OffersVerdict(CurrentUser user, SelectionCase? selection) =>
        selection is { State: SelectionState.Scanned } && InspectionWorkflow.RolesFor(InspectionStep.GiveVerdict).Contains(user.Role);

    /// <summary>
    /// Gives the scan verdict through <see cref="InspectionSteps.VerdictAsync"/> (the API's function) and
    /// answers the refusal sentence, or null when it was accepted; the caller's unit of work commits.
    /// </summary>
    public static async Task<string?> GiveVerdictAsync(Guid selectionId, int version, string verdict, string? note, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var result = await InspectionSteps.VerdictAsync(selectionId, new InspectionSteps.VerdictRequest(version, verdict, note), db, context, clock, options, cancellationToken);
        return result.Result switch
        {
            ProblemHttpResult problem => problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The verdict was refused.",
            _ => null,
        };
    }
}
