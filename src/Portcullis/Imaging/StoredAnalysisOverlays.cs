using System.Globalization;
using Portcullis.Imaging.Analysis;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// The viewer's overlays from stored analyses: the scan's newest analysis (boxes with kind, score and
/// kilograms, and its heatmap), and the change regions of the newest comparison of each pair whose
/// regions lie in this scan (added mass in the arrival scan, removed mass in the origin scan).
/// Refusals draw nothing: the viewer panel shows their sentence.
/// </summary>
public sealed class StoredAnalysisOverlays(Database database) : IScanOverlaySource
{
    public async Task<IReadOnlyList<ScanOverlay>> ForScanAsync(Scan scan, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var overlays = new List<ScanOverlay>();
        if (await AnalyzeScan.LatestAsync(db, scan.Id, cancellationToken) is { CannotAnalyse: null } analysis)
        {
            overlays.Add(Overlay(scan, analysis, analysis.Family));
        }

        foreach (var comparison in await AnalyzeScan.ComparisonsAsync(db, scan.Id, cancellationToken))
        {
            var inThisScan = comparison.RegionsImage == "origin" ? comparison.OriginScanId == scan.Id : comparison.ScanId == scan.Id;
            if (comparison.CannotAnalyse is null && inThisScan)
            {
                overlays.Add(Overlay(scan, comparison, "compare"));
            }
        }

        return overlays;
    }

    // Regions outside the image (an analyser's rounding at the edge) are clipped, so the overlay stays drawable.
    internal static ScanOverlay Overlay(Scan scan, ScanAnalysis analysis, string source)
    {
        var regions = analysis.Regions
            .Select(r => r with { X0 = Math.Clamp(r.X0, 0, scan.Width - 1), Y0 = Math.Clamp(r.Y0, 0, scan.Height - 1), X1 = Math.Clamp(r.X1, 1, scan.Width), Y1 = Math.Clamp(r.Y1, 1, scan.Height) })
            .Where(r => r.X1 > r.X0 && r.Y1 > r.Y0 && double.IsFinite(r.Score))
            .Select(r => new OverlayRegion(r.X0, r.Y0, r.X1, r.Y1, r.Score, r.Kind, Label(r), r.Kg))
            .ToList();
        var heatmap = analysis.Heatmap is { Columns: > 0 and <= 4096, Rows: > 0 and <= 4096 } h && h.Scores.Count == h.Columns * h.Rows ? new OverlayHeatmap(h.Columns, h.Rows, h.Scores) : null;
        return new ScanOverlay(source, analysis.Version, regions, heatmap);
    }

    public static string Label(AnalysisRegion r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Kind} {r.Score:0.00}{(r.Kg is { } kg ? kg < 1 ? $", {kg * 1000:0} g" : $", {kg:0.#} kg" : "")}{(r.Count is { } n ? $", about {n}" : "")}");
}
