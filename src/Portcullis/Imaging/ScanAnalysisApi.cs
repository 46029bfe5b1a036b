using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Imaging.Analysis;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// REST: a scan's stored analysis (<c>GET /api/v1/scans/{id}/analysis</c>, need-to-know exactly as the
/// scan itself, logged as a view) with the comparisons of the pairs it is part of whose other scan the
/// caller may see too; and the re-run (<c>POST /api/v1/scans/{id}/analyze</c>, scan analysts and
/// supervisors, audited), e.g. after a new model.
/// </summary>
public static class ScanAnalysisApi
{
    public sealed record RegionView(int X0, int Y0, int X1, int Y1, double Score, string Kind, double? Kg, int? Count, string Label);

    /// <summary>One stored analysis or comparison; <c>CannotAnalyse</c> holds the refusal, then the score is null.</summary>
    public sealed record AnalysisView(Guid Id, Guid ScanId, Guid? OriginScanId, string Family, string Version, string ModelVersion, double? Score, bool Alarm, string? Change, double? Kg,
        string? RegionsImage, IReadOnlyList<RegionView> Regions, IReadOnlyList<string> Reasons, AnalysisHeatmap? Heatmap, double Milliseconds, string? CannotAnalyse,
        DateTime AnalysedAt, string RequestedBy);

    public sealed record ScanAnalysisView(AnalysisView Analysis, IReadOnlyList<AnalysisView> Comparisons);

    public static async Task<Results<Ok<ScanAnalysisView>, ProblemHttpResult>> GetAsync(Guid id, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scan is null || !await ScanAccess.MaySeeAsync(db, user, scan, clock, options, cancellationToken))
        {
            return ScanAccess.NotFound(id);
        }

        if (await AnalyzeScan.LatestAsync(db, id, cancellationToken) is not { } analysis)
        {
            return TypedResults.Problem($"Scan {id} has not been analysed yet; it is analysed when stored, or run POST /api/v1/scans/{id}/analyze.",
                statusCode: StatusCodes.Status404NotFound, title: "Not analysed yet.");
        }

        var comparisons = await VisibleComparisonsAsync(db, user, scan, clock, options, cancellationToken);
        AuditLog.RecordView(db, clock, user, "scan", AuditSubject.Of(scan), $"scan {scan.Id}: analysis");
        return TypedResults.Ok(new ScanAnalysisView(View(analysis), [.. comparisons.Select(View)]));
    }

    public static async Task<Results<Ok<ScanAnalysisView>, ProblemHttpResult>> RerunAsync(Guid id, PortcullisDb db, IScanStore store, ScanAnalysisModel model, HttpContext context,
        TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scan is null || !await ScanAccess.MaySeeAsync(db, user, scan, clock, options, cancellationToken))
        {
            return ScanAccess.NotFound(id);
        }

        var stored = await AnalyzeScan.RunAsync(db, store, model, clock, scan, user.Name, cancellationToken);
        var a = stored.Analysis;
        AuditLog.Record(db, clock, user, "scan.analysed", AuditSubject.Of(scan),
            $"scan {scan.Id}: {a.Family} {a.Version} with model {a.ModelVersion}: " + (a.CannotAnalyse ?? string.Create(CultureInfo.InvariantCulture, $"score {a.Score:0.00}{(a.Alarm ? ", alarm" : "")}")));
        var comparisons = await VisibleComparisonsAsync(db, user, scan, clock, options, cancellationToken);
        if (stored.Comparison is { } fresh && await MaySeeBothAsync(db, user, fresh, clock, options, cancellationToken))
        {
            comparisons.RemoveAll(c => c.OriginScanId == fresh.OriginScanId && c.ScanId == fresh.ScanId);
            comparisons.Insert(0, fresh);
        }

        return TypedResults.Ok(new ScanAnalysisView(View(a), [.. comparisons.Select(View)]));
    }

    public static AnalysisView View(ScanAnalysis a) =>
        new(a.Id, a.ScanId, a.OriginScanId, a.Family, a.Version, a.ModelVersion, a.Score, a.Alarm, a.Change, a.Kg, a.RegionsImage,
            [.. a.Regions.Select(r => new RegionView(r.X0, r.Y0, r.X1, r.Y1, r.Score, r.Kind, r.Kg, r.Count, StoredAnalysisOverlays.Label(r)))], a.Reasons, a.Heatmap, a.Milliseconds,
            a.CannotAnalyse, a.AnalysedAt, a.RequestedBy);

    // A comparison shows both scans: readable only where both are.
    private static async Task<List<ScanAnalysis>> VisibleComparisonsAsync(PortcullisDb db, CurrentUser user, Scan scan, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var visible = new List<ScanAnalysis>();
        foreach (var comparison in await AnalyzeScan.ComparisonsAsync(db, scan.Id, cancellationToken))
        {
            if (await MaySeeBothAsync(db, user, comparison, clock, options, cancellationToken))
            {
                visible.Add(comparison);
            }
        }

        return visible;
    }

    private static async Task<bool> MaySeeBothAsync(PortcullisDb db, CurrentUser user, ScanAnalysis comparison, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var ids = new[] { comparison.ScanId, comparison.OriginScanId!.Value };
        var scans = await db.Scans.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        return scans.Count == 2 && (await ScanAccess.VisibleAsync(db, user, scans, clock, options, cancellationToken)).Count == 2;
    }
}
