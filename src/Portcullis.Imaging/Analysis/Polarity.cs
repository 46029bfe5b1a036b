namespace Portcullis.Imaging.Analysis;

/// <summary>
/// Whether a frame is dark at all four edges. Every scanner images air around its subject (before and after it
/// along travel, above it, and the belt's sides for a parcel), and in a transmission image air is the brightest
/// thing there is. A frame whose four edges are all near its darkest value shows attenuation bright (an export
/// for display, or a writer that stored attenuation instead of transmission) or is cropped to the object on every
/// side; either way no analysis can measure transmission against it, and reading it as transmission would give a
/// confident nonsense score. One sentence names it instead of "saturated" or "no open beam", which sent the
/// sender looking for the wrong fault.
/// </summary>
public static class Polarity
{
    /// <summary>
    /// An edge counts as dark when its median lies in the lowest fifth of the frame's own range (0.5th to 99.5th
    /// percentile). The range, not full scale: a log encoding puts air a little below full scale and the densest
    /// cargo far above zero, so an inverted log image has its air at 2% of full scale and its darkest object at a third.
    /// </summary>
    private const double DarkShare = 0.2;

    /// <summary>The frame's range must be at least this many grey levels: below it the image is blank, which other checks name.</summary>
    private const int MinRange = 1000;

    public static bool EdgesDark(ScanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (Edges(frame) is not var (low, bright, top, bottom, left, right) || bright - low < MinRange)
        {
            return false;
        }

        var limit = low + (DarkShare * (bright - low));
        return top < limit && bottom < limit && left < limit && right < limit;
    }

    /// <summary>The frame's range (0.5th and 99.5th percentile) and the median of each edge strip; null for a frame too small to have edges.</summary>
    internal static (int Low, int Bright, int Top, int Bottom, int Left, int Right)? Edges(ScanFrame frame)
    {
        if (StripMedians(frame) is not var (top, bottom, left, right))
        {
            return null;
        }

        var histogram = GreyHistogram.Of(frame.Pixels);
        var (low, bright) = (GreyHistogram.Percentile(histogram, frame.Pixels.Length, 0.005), GreyHistogram.Percentile(histogram, frame.Pixels.Length, 0.995));
        return (low, bright, top, bottom, left, right);
    }

    /// <summary>The median of each edge strip (top, bottom, left, right); null for a frame too small to have edges.</summary>
    internal static (int Top, int Bottom, int Left, int Right)? StripMedians(ScanFrame frame)
    {
        var (w, h) = (frame.Width, frame.Height);
        if (w < 8 || h < 8 || frame.Pixels.Length < w * h)
        {
            return null;
        }

        // Strips of 3% of the side (at least 2 pixels): wide enough that a thin bright or dark line at the very edge
        // (a detector's first row, a belt's rim) does not decide, narrow enough to stay in the air margin.
        var sx = Math.Max(2, w * 3 / 100);
        var sy = Math.Max(2, h * 3 / 100);
        return (StripMedian(frame, 0, 0, w, sy), StripMedian(frame, 0, h - sy, w, h), StripMedian(frame, 0, 0, sx, h), StripMedian(frame, w - sx, 0, w, h));
    }

    private static int StripMedian(ScanFrame frame, int x0, int y0, int x1, int y1)
    {
        var values = new ushort[(x1 - x0) * (y1 - y0)];
        var n = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                values[n++] = frame.Pixels[(y * frame.Width) + x];
            }
        }

        Array.Sort(values);
        return values[values.Length / 2];
    }
}
