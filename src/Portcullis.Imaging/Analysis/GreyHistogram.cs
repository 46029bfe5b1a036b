namespace Portcullis.Imaging.Analysis;

/// <summary>
/// The 16-bit grey-level histogram of a frame and its percentiles: what every analysis family reads its open beam,
/// range and floor from. One copy instead of one per family (containers, comparison, the polarity check).
/// </summary>
internal static class GreyHistogram
{
    public static int[] Of(ushort[] pixels)
    {
        var histogram = new int[65536];
        foreach (var v in pixels)
        {
            histogram[v]++;
        }

        return histogram;
    }

    /// <summary>The smallest grey level with more than <paramref name="q"/> of the <paramref name="total"/> pixels at or below it.</summary>
    public static int Percentile(int[] histogram, long total, double q)
    {
        var target = (long)(total * q);
        long seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen > target)
            {
                return v;
            }
        }

        return histogram.Length - 1;
    }
}
