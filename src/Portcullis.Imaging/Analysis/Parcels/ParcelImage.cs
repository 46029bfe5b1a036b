using System.Globalization;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>
/// A parcel scan as attenuation maps (A = −ln T, T relative to the brightest background of the image
/// itself), one per energy, low energy first, with the pixel pitch the analysis works in.
/// </summary>
internal sealed record ParcelImage(int Width, int Height, float[] Low, float[]? High, double PitchMm, bool PitchFromFile, bool LogEncoded)
{
    public bool IsDualEnergy => High is not null;

    /// <summary>The log encoding's range was not stated but estimated from the image's noise (<see cref="GuessLogRange"/>).</summary>
    public bool RangeGuessed { get; init; }

    /// <summary>The log encoding's range the pixels were read with (null: read as linear transmission).</summary>
    public double? Range { get; init; }

    /// <summary>What a parcel scanner's belt shows is 30–150 cm long; pitch assumed when the file does not say.</summary>
    public const double DefaultPitchMm = 1.5;

    private const int MinSide = 48;
    private const int MaxSide = 6000;

    /// <summary>
    /// The same scan on a finer grid (bicubic), so that filters tuned in millimetres see a tablet over as many
    /// samples as on the tuning scanner; a coarse pitch left a 9 mm disc four pixels wide, too few for a
    /// difference of Gaussians and a curvature test to tell a disc from noise. Finer scans are returned as they are.
    /// </summary>
    public ParcelImage AtMostPitch(double pitchMm)
    {
        if (PitchMm <= pitchMm * 1.05)
        {
            return this;
        }

        var factor = PitchMm / pitchMm;
        var (w, h) = ((int)Math.Round(Width * factor), (int)Math.Round(Height * factor));
        return this with
        {
            Width = w,
            Height = h,
            Low = Filters.Resize(Low, Width, Height, w, h),
            High = High is null ? null : Filters.Resize(High, Width, Height, w, h),
            PitchMm = PitchMm * Width / w,
        };
    }

    /// <summary>The attenuation maps, or the one sentence that says why this is not a parcel scan we can read.</summary>
    public static (ParcelImage? Image, Phrase? Problem) From(ScanImage scan)
    {
        var frames = scan.Frames;
        if (frames.Count == 0)
        {
            return (null, Phrase.Of("ScanWhy.Refused.NoImage"));
        }

        var (w, h) = (frames[0].Width, frames[0].Height);
        if (frames.Any(f => f.Width != w || f.Height != h || f.Pixels.Length != w * h))
        {
            return (null, Phrase.Of("ScanWhy.Refused.FramesDiffer"));
        }

        if (w < MinSide || h < MinSide)
        {
            return (null, Phrase.Of("ScanWhy.Refused.ParcelTooSmall", w, h, MinSide));
        }

        if (w > MaxSide || h > MaxSide)
        {
            return (null, Phrase.Of("ScanWhy.Refused.ParcelTooLarge", w, h, MaxSide));
        }

        var (pitch, fromFile) = Pitch(scan.Metadata);
        var extentCm = Math.Max(w, h) * pitch / 10;
        if (fromFile && (extentCm < 10 || extentCm > 400))
        {
            return (null, Phrase.Of("ScanWhy.Refused.ParcelExtent", extentCm));
        }

        var range = DynamicRange(scan.Metadata);
        var guessed = false;
        if (range is null && !StatesLinear(scan.Metadata) && GuessLogRange(frames[0], frames.Count > 1 ? frames[1] : null) is { } estimate)
        {
            (range, guessed) = (estimate, true);
        }

        var problem = Exposure(frames[0].Pixels);
        if (problem is not null)
        {
            return (null, problem);
        }

        var low = Attenuation(frames[0].Pixels, range);
        var high = frames.Count > 1 ? Attenuation(frames[1].Pixels, range) : null;
        if (!HasObject(low))
        {
            return (null, Phrase.Of("ScanWhy.Refused.BlankBelt"));
        }

        return (new ParcelImage(w, h, low, high, pitch, fromFile, range is not null) { RangeGuessed = guessed, Range = range }, null);
    }

    private static (double Pitch, bool FromFile) Pitch(ScanMetadata metadata)
    {
        var x = metadata.PixelSpacingX;
        var y = metadata.PixelSpacingY ?? x;
        x ??= y;
        if (x is { } px && y is { } py && px is >= 0.1 and <= 10 && py is >= 0.1 and <= 10)
        {
            // Both axes are resampled to one pitch only when they differ a lot; a few percent does not change a tablet's class.
            return (Math.Sqrt(px * py), true);
        }

        return (DefaultPitchMm, false);
    }

    /// <summary>The log encoding's range when the file states it and it is plausible; otherwise pixels are read as linear.</summary>
    private static double? DynamicRange(ScanMetadata metadata)
    {
        foreach (var (key, value) in metadata.Text)
        {
            if (key.Equals("DynamicRange", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var range)
                && range is > 10 and < 1e12)
            {
                return range;
            }
        }

        return null;
    }

    /// <summary>The file says its pixels are linear transmission (an `Encoding` text naming it).</summary>
    private static bool StatesLinear(ScanMetadata metadata) =>
        metadata.Text.TryGetValue("Encoding", out var encoding) && encoding.Contains("linear", StringComparison.OrdinalIgnoreCase);

    /// <summary>Noise growth (ln σ per unit of (open − v)/65535) above which a file is read as log-encoded: ln R / 2 for a range R of about 400.</summary>
    private const double LogSlope = 3;

    /// <summary>
    /// The log range of a file that states neither its encoding nor its range, when its noise says it is log-encoded
    /// (<see cref="FitNoise"/>); null when it reads as linear transmission. The range is e^(2 × slope), kept within
    /// 10³–10⁶; when the parcel is too thin to show the noise's growth over enough of the scale (fewer than 6 bands, or
    /// its attenuation spanning less than 15% of it), 10⁵ is assumed, what 16-bit log-encoded scanners commonly span.
    /// </summary>
    internal static double? GuessLogRange(ScanFrame frame, ScanFrame? other = null)
    {
        // Whether the noise grows toward dark is decided on the pixels where the other energy's frame is smooth (texture
        // fakes the growth far less there); how fast it grows is read from all of them, as before: the selection halves
        // the pixels, and ranges read from it cost our held-out plain log files 3 of 90 finds at 5% and 8 at 1%.
        var decision = FitNoise(frame.Pixels, frame.Width, frame.Height, other?.Pixels);
        if (decision is null || decision.Slope < LogSlope)
        {
            return null;
        }

        var fit = other is null ? decision : FitNoise(frame.Pixels, frame.Width, frame.Height) ?? decision;
        return fit.Span >= 0.15 && fit.Bands >= 6 ? Math.Exp(Math.Clamp(2 * fit.Slope, Math.Log(1e3), Math.Log(1e6))) : 1e5;
    }

    /// <summary>
    /// How a file that does not state its encoding stores transmission, read from its quantum noise. The noise of a
    /// pixel is Poisson in the quanta it counts: σ_T grows as √T, so in linear transmission the stored values' noise
    /// shrinks toward dark (as √v), while in a log encoding (v = 65535·(1 + ln T / ln R)) it grows toward dark, as
    /// exp(A/2) with A = ln R · (open − v) / 65535. The slope of ln σ_v against (open − v) / 65535 is then ln R / 2
    /// for a log file and negative for a linear one: its sign says which, and its size gives the unknown range.
    /// σ_v is read from the absolute second difference along rows (a row's gain and a smooth thickness cancel in it)
    /// in bands of the stored value, by its lower quartile (edges and texture lift mostly the upper part).
    /// With a second energy's frame (<paramref name="other"/>, same size), a band counts only its pixels where that
    /// frame's own second difference is at most the band's median: an object's texture (a slab of tablets filling the
    /// darker bands, found on parcels from an independent generator) shows in both frames, while the two frames'
    /// quantum noise is independent, so this drops most texture without choosing pixels by this frame's noise (not a
    /// texture whose value fixes its curvature, as a regular pattern's would). Without it a textured slab lifted the
    /// darker bands' lower quartile and a linear file read as log.
    /// Null when the image has no usable noise (a noiseless or heavily filtered file): it is then read as linear.
    /// </summary>
    internal static NoiseFit? FitNoise(ushort[] pixels, int width, int height, ushort[]? other = null)
    {
        // 48 bands of the stored value; a band counts with 200 pixels or more; its σ is read from the lower quartile of
        // the differences, which the edges and texture of objects (a minority of a band's pixels) barely reach.
        const int Bands = 48, MinPixels = 200;
        const double Quantile = 0.25;
        var open = Percentile(pixels, 0.995);
        if (open < 1000)
        {
            return null;
        }

        // Twice the second difference is an integer: one histogram of it per band of stored value, so that a band's
        // quantile needs no sorting (larger differences, edges all of them, share the last bin).
        const int Cap = 4096;
        var histograms = new int[Bands * Cap];
        var counts = new int[Bands];
        var rowStep = Math.Max(1, (int)Math.Ceiling(width * (double)height / 200_000));
        var otherMedian = other is not null && other.Length == pixels.Length ? OtherMedians(pixels, other, width, height, open, rowStep, Bands, Cap) : null;
        for (var y = 0; y < height; y += rowStep)
        {
            var row = pixels.AsSpan(y * width, width);
            for (var x = 1; x < width - 1; x++)
            {
                int a = row[x - 1], v = row[x], c = row[x + 1];
                if (a == 0 || c == 0 || v == 0 || a == ushort.MaxValue || v == ushort.MaxValue || c == ushort.MaxValue)
                {
                    continue;
                }

                var band = Math.Max(0, open - v) * Bands / 65536;
                if (band < Bands && (otherMedian is null || OtherDifference(other!, (y * width) + x) <= otherMedian[band]))
                {
                    histograms[(band * Cap) + Math.Min(Cap - 1, Math.Abs((2 * v) - a - c))]++;
                    counts[band]++;
                }
            }
        }

        var points = new List<(double U, double LnSigma, double Weight)>();
        for (var b = 0; b < Bands; b++)
        {
            if (counts[b] < MinPixels)
            {
                continue;
            }

            var target = (long)(Quantile * counts[b]);
            long seen = 0;
            var k = 0;
            for (; k < Cap; k++)
            {
                seen += histograms[(b * Cap) + k];
                if (seen > target)
                {
                    break;
                }
            }

            if (k > 0)
            {
                points.Add(((b + 0.5) / Bands, Math.Log(k / 2.0), Math.Sqrt(counts[b])));
            }
        }

        if (points.Count < 3)
        {
            return null;
        }

        var sw = points.Sum(p => p.Weight);
        var mu = points.Sum(p => p.Weight * p.U) / sw;
        var ml = points.Sum(p => p.Weight * p.LnSigma) / sw;
        var sxx = points.Sum(p => p.Weight * (p.U - mu) * (p.U - mu));
        var sxy = points.Sum(p => p.Weight * (p.U - mu) * (p.LnSigma - ml));
        if (sxx <= 0)
        {
            return null;
        }

        return new NoiseFit(sxy / sxx, Math.Exp(points[0].LnSigma), points.Count, points[^1].U);
    }

    /// <summary>Per band of this frame's value, the median of the other frame's absolute second difference (doubled, capped) at the same pixels.</summary>
    private static int[] OtherMedians(ushort[] pixels, ushort[] other, int width, int height, int open, int rowStep, int bands, int cap)
    {
        var histograms = new int[bands * cap];
        var counts = new int[bands];
        for (var y = 0; y < height; y += rowStep)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var band = Math.Max(0, open - pixels[(y * width) + x]) * bands / 65536;
                if (band < bands)
                {
                    histograms[(band * cap) + Math.Min(cap - 1, OtherDifference(other, (y * width) + x))]++;
                    counts[band]++;
                }
            }
        }

        var medians = new int[bands];
        for (var b = 0; b < bands; b++)
        {
            long seen = 0;
            var k = 0;
            for (; k < cap - 1; k++)
            {
                seen += histograms[(b * cap) + k];
                if (2 * seen >= counts[b])
                {
                    break;
                }
            }

            medians[b] = k;
        }

        return medians;
    }

    private static int OtherDifference(ushort[] other, int i) => Math.Abs((2 * other[i]) - other[i - 1] - other[i + 1]);

    /// <summary>The fitted growth of ln σ per unit of (open − v)/65535, the air's σ, how many bands and the darkest band used.</summary>
    internal sealed record NoiseFit(double Slope, double AirSigma, int Bands, double Span);

    private static int Percentile(ushort[] pixels, double q)
    {
        var histogram = new int[65536];
        foreach (var p in pixels)
        {
            histogram[p]++;
        }

        var target = (long)(pixels.Length * q);
        long seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= target)
            {
                return v;
            }
        }

        return 65535;
    }

    private static Phrase? Exposure(ushort[] pixels)
    {
        var min = ushort.MaxValue;
        var max = ushort.MinValue;
        var atMax = 0;
        var atZero = 0;
        foreach (var p in pixels)
        {
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }

        foreach (var p in pixels)
        {
            atMax += p == max ? 1 : 0;
            atZero += p == 0 ? 1 : 0;
        }

        if (max - min < 64)
        {
            return Phrase.Of("ScanWhy.Refused.BlankNoContrast");
        }

        if (atZero > pixels.Length / 2)
        {
            return Phrase.Of("ScanWhy.Refused.SaturatedBlack");
        }

        if (atMax > pixels.Length * 0.9)
        {
            return Phrase.Of("ScanWhy.Refused.SaturatedBright");
        }

        return null;
    }

    /// <summary>
    /// −ln T with T = 1 at the brightest background. The open-beam level is the 99.5th percentile of the
    /// image's transmission (air or the empty belt), so a scanner's gain and offset do not matter.
    /// </summary>
    private static float[] Attenuation(ushort[] pixels, double? range)
    {
        var lnRange = range is { } r ? Math.Log(r) : 0;
        var table = new float[65536];
        for (var v = 0; v < table.Length; v++)
        {
            // ln T of each stored value, so that the per-pixel work is a lookup.
            table[v] = range is null ? (float)Math.Log(Math.Max(v, 0.5) / 65535.0) : (float)(((v / 65535.0) - 1) * lnRange);
        }

        var histogram = new int[65536];
        foreach (var p in pixels)
        {
            histogram[p]++;
        }

        var target = (long)(pixels.Length * 0.995);
        long seen = 0;
        var open = 65535;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= target)
            {
                open = v;
                break;
            }
        }

        var lnOpen = table[open];
        var a = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            a[i] = Math.Max(0, lnOpen - table[pixels[i]]);
        }

        return a;
    }

    private static bool HasObject(float[] a)
    {
        var attenuating = 0;
        foreach (var v in a)
        {
            attenuating += v > 0.05f ? 1 : 0;
        }

        return attenuating > a.Length / 200;
    }
}
