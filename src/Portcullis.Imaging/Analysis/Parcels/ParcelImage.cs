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

        return (new ParcelImage(w, h, low, high, pitch, fromFile, range is not null), null);
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
