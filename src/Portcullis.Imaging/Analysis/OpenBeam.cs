namespace Portcullis.Imaging.Analysis;

/// <summary>
/// The grey level of the unattenuated beam in a file that does not state it: the air around the object. Air is the
/// brightest thing in a transmission image, but its brightest pixels are not its level: with 1–2% noise per pixel
/// (photon statistics, a linac's pulse-to-pulse dose, detector gain residue: what real scanners show) the 99.9th
/// percentile lies about three noise widths above the air's median, so reading air against it gives air an
/// attenuation of 0.03–0.06, as much as a container's two side walls, and "attenuating" then covers the whole image
/// (an independent generator's noisy scans were refused as blank, cropped or without a body). The median of the
/// brightest edge strip is the air's own level, noise or not.
/// </summary>
internal static class OpenBeam
{
    /// <summary>
    /// The brightest edge strip's median when it is air (at least 70% of the 99.9th percentile: no noise
    /// spreads air that far); otherwise (an image cropped to the object on every side) the 99.9th percentile.
    /// </summary>
    public static int Of(ScanFrame frame, int p999)
    {
        // The strips only: the frame's histogram is the caller's already (its 99.9th percentile).
        if (Polarity.StripMedians(frame) is not var (top, bottom, left, right))
        {
            return p999;
        }

        var air = Math.Max(Math.Max(top, bottom), Math.Max(left, right));
        return air >= 0.7 * p999 ? Math.Min(air, p999) : p999;
    }
}
