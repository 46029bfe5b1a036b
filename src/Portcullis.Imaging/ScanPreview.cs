using OpenCvSharp;

namespace Portcullis.Imaging;

/// <summary>
/// The 8-bit preview of a scan frame: downsampled to at most <see cref="MaxWidth"/> pixels wide,
/// windowed automatically between the 1st and 99th percentile (a few saturated or dead pixels must
/// not flatten the contrast), encoded as PNG. Derived and rebuildable: never evidence, never analysed.
/// </summary>
public static class ScanPreview
{
    public const int MaxWidth = 1200;

    /// <summary>The PNG bytes of the preview of <paramref name="frame"/>.</summary>
    public static byte[] Render(ScanFrame frame, int maxWidth = MaxWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        using var source = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_16UC1, frame.Pixels);
        var scale = Math.Min(1.0, (double)maxWidth / frame.Width);
        var width = Math.Max(1, (int)Math.Round(frame.Width * scale));
        var height = Math.Max(1, (int)Math.Round(frame.Height * scale));
        using var small = new Mat();
        // INTER_AREA averages the pixels a preview pixel covers, so thin dense lines do not alias away.
        Cv2.Resize(source, small, new Size(width, height), 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Nearest);
        small.GetArray(out ushort[] pixels);
        var (low, high) = Window(pixels);
        using var eight = new Mat();
        // A linear window as one saturating conversion: value → (value − low) · 255 / (high − low).
        var alpha = 255.0 / Math.Max(1, high - low);
        small.ConvertTo(eight, MatType.CV_8UC1, alpha, -low * alpha);
        // Fast compression: the preview is rebuilt from the original whenever it is missing.
        return eight.ImEncode(".png", new ImageEncodingParam(ImwriteFlags.PngCompression, 1));
    }

    /// <summary>
    /// The automatic window: the 1st and 99th percentile of the values (by histogram, so linear in the
    /// pixel count). A flat image answers its one value for both ends.
    /// </summary>
    public static (int Low, int High) Window(ReadOnlySpan<ushort> pixels, double lowPercentile = 0.01, double highPercentile = 0.99)
    {
        if (pixels.IsEmpty)
        {
            return (0, 0);
        }

        var histogram = new int[65536];
        foreach (var value in pixels)
        {
            histogram[value]++;
        }

        var lowRank = (long)Math.Floor(lowPercentile * (pixels.Length - 1));
        var highRank = (long)Math.Floor(highPercentile * (pixels.Length - 1));
        int low = -1, high = -1;
        long seen = 0;
        for (var value = 0; value < histogram.Length; value++)
        {
            seen += histogram[value];
            if (low < 0 && seen > lowRank)
            {
                low = value;
            }

            if (seen > highRank)
            {
                high = value;
                break;
            }
        }

        return (low, high);
    }
}
