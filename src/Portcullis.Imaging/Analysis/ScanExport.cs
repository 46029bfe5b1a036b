using System.Globalization;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Imaging.Analysis;

/// <summary>
/// How the evaluations hand generated scans to an analysis: as generated (log encoding stated, pitch, scanner and
/// direction in the metadata) or as a plain 16-bit PNG exporter might write them, pixels only (no text keys, no
/// spacing, no direction), in log encoding or re-encoded as linear transmission (value = T × 65535). The analysis
/// will be judged on files from other generators, which need not carry our metadata.
/// </summary>
public enum ScanExport
{
    AsGenerated,
    PlainLog,
    PlainLinear,
}

public static class ScanExports
{
    /// <summary>The export named on a bench's command line (`as-generated`, `plain-log`, `plain-linear`).</summary>
    public static ScanExport Parse(string? name) => name switch
    {
        "plain-log" => ScanExport.PlainLog,
        "plain-linear" => ScanExport.PlainLinear,
        _ => ScanExport.AsGenerated,
    };

    /// <summary>The generated scan as <paramref name="export"/> would deliver it.</summary>
    public static ScanImage Reencode(ScanImage image, ScanExport export)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (export == ScanExport.AsGenerated)
        {
            return image;
        }

        var plain = new ScanMetadata { Subject = image.Metadata.Subject };
        if (export == ScanExport.PlainLog)
        {
            return image with { Metadata = plain };
        }

        var range = double.Parse(image.Metadata.Text["DynamicRange"], CultureInfo.InvariantCulture);
        var frames = image.Frames.Select(f => f with
        {
            Pixels = [.. f.Pixels.Select(v => (ushort)Math.Clamp(Math.Round(RadiographGenerator.Transmission(v, range) * 65535), 0, 65535))],
        });
        return image with { Frames = [.. frames], Metadata = plain };
    }
}
