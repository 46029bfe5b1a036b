using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portcullis.Imaging;

/// <summary>
/// What an analysis shows on a scan in the viewer: boxes with a score and a heatmap, from one source
/// (e.g. "cargo-consistency") at one version. Coordinates are pixels of the original image.
/// </summary>
public sealed record ScanOverlay(string Source, string Version, IReadOnlyList<OverlayRegion> Regions, OverlayHeatmap? Heatmap = null)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>An overlay from JSON, or the reason it is not one (never throws for bad input).</summary>
    public static (ScanOverlay? Overlay, string? Problem) Parse(string json, int width, int height)
    {
        ScanOverlay? overlay;
        try
        {
            overlay = JsonSerializer.Deserialize<ScanOverlay>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, $"not an overlay ({e.Message})");
        }

        if (overlay is null || string.IsNullOrWhiteSpace(overlay.Source) || overlay.Regions is null)
        {
            return (null, "an overlay needs a source and a list of regions");
        }

        foreach (var r in overlay.Regions)
        {
            if (r.X0 < 0 || r.Y0 < 0 || r.X1 > width || r.Y1 > height || r.X1 <= r.X0 || r.Y1 <= r.Y0 || !double.IsFinite(r.Score))
            {
                return (null, $"region ({r.X0},{r.Y0})–({r.X1},{r.Y1}) is not inside the {width}×{height} image");
            }
        }

        if (overlay.Heatmap is { } h && (h.Columns < 1 || h.Rows < 1 || h.Columns > 4096 || h.Rows > 4096 || h.Scores is null || h.Scores.Count != h.Columns * h.Rows))
        {
            return (null, "the heatmap needs columns × rows scores");
        }

        return (overlay, null);
    }
}

/// <summary>A box in original-image pixels (x1, y1 exclusive) with its score (0–1), kind, and an optional label and mass.</summary>
public sealed record OverlayRegion(int X0, int Y0, int X1, int Y1, double Score, string Kind, string? Label = null, double? Kg = null);

/// <summary>A coarse grid of scores (0–1) over the whole image, row-major, drawn stretched to the image.</summary>
public sealed record OverlayHeatmap(int Columns, int Rows, IReadOnlyList<double> Scores);

/// <summary>Where the viewer finds a scan's overlays; the analysis issue adds its own source (several may be registered).</summary>
public interface IScanOverlaySource
{
    Task<IReadOnlyList<ScanOverlay>> ForScanAsync(Scan scan, CancellationToken cancellationToken);
}

/// <summary>
/// Overlays as JSON files in the derived folder (<c>derived/overlays/&lt;scan id&gt;/*.json</c>): what an
/// analysis run writes until its results live with the scan; rebuildable by running it again.
/// A file that is not an overlay is skipped: a broken analysis output must not hide the scan.
/// </summary>
public sealed class StoredOverlayFiles(DiskScanStore store) : IScanOverlaySource
{
    public string FolderOf(Guid scanId) => Path.Combine(store.DerivedFolder, "overlays", scanId.ToString("D"));

    public async Task<IReadOnlyList<ScanOverlay>> ForScanAsync(Scan scan, CancellationToken cancellationToken)
    {
        var folder = FolderOf(scan.Id);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var overlays = new List<ScanOverlay>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (new FileInfo(file).Length > 4 * 1024 * 1024)
            {
                continue;
            }

            var (overlay, _) = ScanOverlay.Parse(await File.ReadAllTextAsync(file, cancellationToken), scan.Width, scan.Height);
            if (overlay is not null)
            {
                overlays.Add(overlay);
            }
        }

        return overlays;
    }
}
