namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>
/// Grams from attenuation: the excess of the low-energy attenuation over the box's surroundings, times
/// the pixel area, over the mass attenuation coefficient of organic matter in a parcel scanner's low
/// channel. Assumption: 0.20 cm²/g (organic matter near 60 keV, the effective energy of a 140–160 kV
/// tube's low channel behind a parcel); a harder beam reads light, a softer one heavy.
/// </summary>
internal static class Mass
{
    public const double OrganicCm2PerGram = 0.20;

    public static double Grams(ParcelImage image, int x0, int y0, int x1, int y1)
    {
        var (w, h) = (image.Width, image.Height);
        var ring = Math.Max(2, (int)Math.Round(8 / image.PitchMm));
        var around = new List<double>();
        for (var y = Math.Max(0, y0 - ring); y < Math.Min(h, y1 + ring); y += 2)
        {
            for (var x = Math.Max(0, x0 - ring); x < Math.Min(w, x1 + ring); x += 2)
            {
                if (x < x0 || x >= x1 || y < y0 || y >= y1)
                {
                    around.Add(image.Low[(y * w) + x]);
                }
            }
        }

        // The upper quartile of the ring: the box holds the drugs and whatever lies under or over them, and the
        // ring's thinner parts are gaps between those items; a lower quartile counted the items as drugs
        // (grams 2.5–5 times too high on the tuning scanner, 0.6 times with the upper quartile).
        var sorted = around.Order().ToArray();
        var background = sorted.Length == 0 ? 0 : sorted[sorted.Length * 3 / 4];
        var excess = 0.0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                excess += Math.Max(0, image.Low[(y * w) + x] - background);
            }
        }

        var pixelCm2 = image.PitchMm * image.PitchMm / 100;
        return excess * pixelCm2 / OrganicCm2PerGram;
    }

    /// <summary>
    /// Low over high attenuation of the parcel's thin, mostly organic matter (belt, cardboard, clothes):
    /// the image's own reference for "organic", so a scanner's energies need not be known.
    /// </summary>
    public static double RatioReference(ParcelImage image)
    {
        if (image.High is not { } high)
        {
            return double.NaN;
        }

        var ratios = new List<double>();
        for (var i = 0; i < high.Length; i += 5)
        {
            if (high[i] is > 0.05f and < 1.5f)
            {
                ratios.Add(image.Low[i] / high[i]);
            }
        }

        return Filters.Median(ratios);
    }
}
