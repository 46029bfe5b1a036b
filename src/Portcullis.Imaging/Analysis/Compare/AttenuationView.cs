using System.Globalization;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>
/// One scan as attenuation (−ln T, 0 in air) with the object's extent found in the image itself, or the
/// reason the scan cannot be used. Works for log-encoded pixels with a stated range and for linear
/// transmission alike: the open-beam level is taken from the brightest background, never assumed.
/// </summary>
internal sealed class AttenuationView
{
    // Below this attenuation a pixel is air: 0.1 is ~10% absorbed, above every open-beam noise level
    // we know of and below a container's thinnest wall seen edge-on.
    private const float ObjectAttenuation = 0.1f;

    private AttenuationView(float[] pixels, int width, int height, int x0, int x1, int y0, int y1, double? spacingX, double? spacingY, string? direction)
    {
        Pixels = pixels;
        Width = width;
        Height = height;
        X0 = x0;
        X1 = x1;
        Y0 = y0;
        Y1 = y1;
        SpacingX = spacingX;
        SpacingY = spacingY;
        Direction = direction;
    }

    public float[] Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The object's extent: columns X0 ≤ x &lt; X1, rows Y0 ≤ y &lt; Y1.</summary>
    public int X0 { get; }

    public int X1 { get; }

    public int Y0 { get; }

    public int Y1 { get; }

    /// <summary>Millimetres per pixel when the file gives a plausible value.</summary>
    public double? SpacingX { get; }

    public double? SpacingY { get; }

    public string? Direction { get; }

    private double[]? transmissionSums;

    private float[]? noise;

    /// <summary>
    /// Summed-area table of the transmission exp(−A), (Width + 1) × (Height + 1): a cell's mean transmission is
    /// what a coarser detector would have counted there, whereas a mean of −ln T is biased wherever one cell spans
    /// an edge or a few photons. Built once, shared by both directions of the arrival's grid.
    /// </summary>
    public double[] TransmissionSums => transmissionSums ??= SumsOfTransmission();

    /// <summary>
    /// The standard deviation of one pixel's transmission at attenuation band k (bands of <see cref="NoiseBand"/>),
    /// measured from the image itself: the median absolute difference of horizontally neighbouring pixels of
    /// that band inside the object, over √2 · 0.6745 (white noise; structure between two neighbours is rare
    /// enough that the median ignores it). A band with too few pixels to measure takes the darker-most measured
    /// band's value: photon noise falls with transmission but a detector's electronic noise does not, so that
    /// errs towards calling a pixel unreadable.
    /// </summary>
    public float[] Noise => noise ??= MeasureNoise();

    public const float NoiseBand = 0.5f;

    public const int NoiseBands = 32;

    /// <summary>
    /// The darkest transmission a cell of <paramref name="pixels"/> independent pixels still resolves with a
    /// relative error of at most 1 / <paramref name="snr"/>; below it the cell is photon-starved ("cannot tell").
    /// </summary>
    public double ResolvableTransmission(double pixels, double snr)
    {
        var sigma = Noise;
        for (var k = 0; k < NoiseBands; k++)
        {
            // The band's darker edge: the worst case of the band.
            var t = Math.Exp(-(k + 1) * NoiseBand);
            if (sigma[k] / Math.Sqrt(Math.Max(1, pixels)) * snr > t)
            {
                return Math.Exp(-k * NoiseBand);
            }
        }

        return Math.Exp(-NoiseBands * NoiseBand);
    }

    private double[] SumsOfTransmission()
    {
        var w = Width;
        var sum = new double[(w + 1) * (Height + 1)];
        for (var y = 0; y < Height; y++)
        {
            double run = 0;
            var row = y * w;
            var above = y * (w + 1);
            var here = (y + 1) * (w + 1);
            for (var x = 0; x < w; x++)
            {
                run += MathF.Exp(-Pixels[row + x]);
                sum[here + x + 1] = sum[above + x + 1] + run;
            }
        }

        return sum;
    }

    private float[] MeasureNoise()
    {
        var samples = new List<float>[NoiseBands];
        for (var k = 0; k < NoiseBands; k++)
        {
            samples[k] = [];
        }

        // Every other row is plenty (hundreds of thousands of pairs in a container) and halves the cost.
        for (var y = Y0; y < Y1; y += 2)
        {
            var row = y * Width;
            for (var x = X0; x + 1 < X1; x += 2)
            {
                var a = Pixels[row + x];
                var b = Pixels[row + x + 1];
                var k = (int)((a + b) / 2 / NoiseBand);
                if (k is >= 0 and < NoiseBands)
                {
                    samples[k].Add(MathF.Abs(MathF.Exp(-a) - MathF.Exp(-b)));
                }
            }
        }

        var result = new float[NoiseBands];
        var last = 0f;
        for (var k = 0; k < NoiseBands; k++)
        {
            if (samples[k].Count >= 200)
            {
                samples[k].Sort();
                last = samples[k][samples[k].Count / 2] / (MathF.Sqrt(2) * 0.6745f);
            }

            result[k] = last;
        }

        return result;
    }

    // name is "origin" or "arrival": the side a refusal names through its ScanWhy.Side.* phrase.
    public static (AttenuationView? View, Phrase? Problem) From(ScanImage image, string name)
    {
        var side = Phrase.Of("ScanWhy.Side." + name);
        // Dual energy: the last frame is the high energy, the closest to a single-energy portal.
        var frame = image.Frames[^1];
        if (frame.Width < 64 || frame.Height < 32)
        {
            return (null, Phrase.Of("ScanWhy.Refused.SideTooSmall", side, frame.Width, frame.Height));
        }

        var histogram = GreyHistogram.Of(frame.Pixels);

        var total = frame.Pixels.Length;
        if (histogram[0] + histogram[65535] > total * 0.95)
        {
            return (null, Phrase.Of("ScanWhy.Refused.SideSaturatedOrEmpty", side, 100.0 * (histogram[0] + histogram[65535]) / total));
        }

        // The open beam: the brightest 0.2% (air above and around the subject), so a few hot pixels do not set it.
        var air = GreyHistogram.Percentile(histogram, total, 0.998);
        var lut = Table(image.Metadata, air);
        if (lut is null)
        {
            return (null, Phrase.Of("ScanWhy.Refused.SideNoOpenBeam", side));
        }

        var pixels = new float[total];
        for (var i = 0; i < total; i++)
        {
            pixels[i] = lut[frame.Pixels[i]];
        }

        var (x0, x1, y0, y1) = Extent(pixels, frame.Width, frame.Height);
        if (x1 - x0 < frame.Width / 10 || y1 - y0 < frame.Height / 10)
        {
            return (null, Phrase.Of("ScanWhy.Refused.SideBlank", side));
        }

        // A black object is a saturated detector or a subject no beam goes through: no mass can be measured.
        var dark = 0;
        var darkLimit = lut[0] - 0.05f;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (pixels[(y * frame.Width) + x] >= darkLimit)
                {
                    dark++;
                }
            }
        }

        if (dark > (x1 - x0) * (y1 - y0) * 0.3)
        {
            return (null, Phrase.Of("ScanWhy.Refused.SideSaturated", side, 100.0 * dark / ((x1 - x0) * (y1 - y0))));
        }

        return (new AttenuationView(pixels, frame.Width, frame.Height, x0, x1, y0, y1, Plausible(image.Metadata.PixelSpacingX), Plausible(image.Metadata.PixelSpacingY), image.Metadata.Direction), null);
    }

    private static double? Plausible(double? spacing) => spacing is > 0.3 and < 50 ? spacing : null;

    /// <summary>Attenuation for every stored value; null when the image has no open beam to normalise by.</summary>
    private static float[]? Table(ScanMetadata metadata, int air)
    {
        var lut = new float[65536];
        if (metadata.Text.TryGetValue("DynamicRange", out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var range)
            && range is > 10 and < 1e12)
        {
            // Log encoding: T = exp((v / 65535 − 1) · ln R); the air level read from the image removes the
            // scanner's residual gain so that air is 0 whatever the calibration.
            var lnR = Math.Log(range);
            var airAttenuation = (1 - (air / 65535.0)) * lnR;
            for (var v = 0; v < lut.Length; v++)
            {
                lut[v] = (float)(((1 - (v / 65535.0)) * lnR) - airAttenuation);
            }

            return lut;
        }

        // Linear transmission (a scanner or generator that does not say otherwise): T = v / open beam.
        if (air < 256)
        {
            return null;
        }

        for (var v = 0; v < lut.Length; v++)
        {
            lut[v] = (float)-Math.Log(Math.Max(v, 0.5) / air);
        }

        return lut;
    }

    /// <summary>
    /// The object's box: columns where a fifth of the rows absorb (a trailer's thin chassis does not count),
    /// then rows where half of those columns absorb (floor to roof, chassis included).
    /// </summary>
    private static (int X0, int X1, int Y0, int Y1) Extent(float[] pixels, int width, int height)
    {
        var columnCounts = new int[width];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                if (pixels[row + x] > ObjectAttenuation)
                {
                    columnCounts[x]++;
                }
            }
        }

        var (x0, x1) = Span(columnCounts, height / 5);
        if (x1 <= x0)
        {
            return (0, 0, 0, 0);
        }

        var rowCounts = new int[height];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = x0; x < x1; x++)
            {
                if (pixels[row + x] > ObjectAttenuation)
                {
                    rowCounts[y]++;
                }
            }
        }

        var (y0, y1) = Span(rowCounts, (x1 - x0) / 2);
        return (x0, x1, y0, y1);
    }

    // The first and last index whose count passes: the outermost walls set the extent, not gaps in the cargo.
    private static (int First, int End) Span(int[] counts, int minimum)
    {
        var first = Array.FindIndex(counts, c => c > minimum);
        var last = Array.FindLastIndex(counts, c => c > minimum);
        return first < 0 ? (0, 0) : (first, last + 1);
    }
}
