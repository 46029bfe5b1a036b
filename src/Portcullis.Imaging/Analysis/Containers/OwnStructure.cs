namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// The part of a container scan's local excess that the container's own structure explains, read from the scan
/// itself rather than from learnt per-position statistics: floor cross-members, side-wall corrugation and roof bows
/// repeat along the length at a pitch the scan shows (estimated per band of rows, then folded per row over one
/// period with a median, so a bag between two cross-members or a few bays of bricks do not move it). A container
/// built with another pitch than the learnt ones is then judged by its own structure. A band with no clear period
/// (its autocorrelation under <see cref="MinimumPeriodicity"/>) is left as it is. The ends (corner posts, door frame,
/// locking bars) are not modelled: taking out each end column's median also took out a false front wall
/// (docs/BENCHMARKS.md, "containers-5").
/// </summary>
internal static class OwnStructure
{
    /// <summary>The autocorrelation a band's high-passed profile must reach at its period to count as periodic.</summary>
    public const double MinimumPeriodicity = 0.5;

    // Pitches looked for: cross-members (25–35 cm on ISO boxes), corrugation (about 28 cm), roof bows; cargo repeats
    // on a longer scale (cartons, pallets) and lies mostly beyond it.
    private const double MinimumPeriodCm = 15;
    private const double MaximumPeriodCm = 45;

    /// <summary>
    /// The structure (same layout as <paramref name="excess"/>: working bins, row-major), the pitch looked for in each
    /// of <paramref name="bands"/> bands of rows. Both ends are treated alike, so the result does not depend on which
    /// end is the front.
    /// </summary>
    public static float[] Explain(float[] excess, int w, int h, double cmPerBinX, int bands)
    {
        var structure = new float[w * h];
        // The ends hold posts and frames, not the repeating members; the fold uses the columns between them.
        var i0 = (int)Math.Round(w * 0.06);
        var i1 = w - i0;
        var n = i1 - i0;
        var minLag = Math.Max(3, (int)Math.Floor(MinimumPeriodCm / cmPerBinX));
        var maxLag = Math.Min(n / 4, (int)Math.Ceiling(MaximumPeriodCm / cmPerBinX));
        var profile = new double[n];
        var high = new double[n];
        for (var b = 0; b < bands; b++)
        {
            var r0 = b * h / bands;
            var r1 = Math.Max(r0 + 1, (b + 1) * h / bands);
            if (maxLag <= minLag)
            {
                continue;
            }

            Array.Clear(profile);
            for (var y = r0; y < r1; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    profile[x] += excess[(y * w) + i0 + x];
                }
            }

            HighPass(profile, high, Math.Max(2, (int)Math.Round(8 / cmPerBinX)));
            var period = Pitch(high, minLag, maxLag);
            if (period <= 0)
            {
                continue;
            }

            var half = Math.Max(1, (int)(period / 2));
            var members = Members(high, period, i0);
            members.RemoveAll(m => m - half < 0 || m + half >= w);
            for (var y = r0; y < r1; y++)
            {
                FoldRow(excess, structure, y * w, members, period);
            }
        }

        return structure;
    }

    /// <summary>The profile minus its running mean over ±<paramref name="half"/>: narrow members stay, the load's slow changes go.</summary>
    private static void HighPass(double[] profile, double[] high, int half)
    {
        var n = profile.Length;
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + profile[i];
        }

        for (var i = 0; i < n; i++)
        {
            var lo = Math.Max(0, i - half);
            var hi = Math.Min(n, i + half + 1);
            high[i] = profile[i] - ((prefix[hi] - prefix[lo]) / (hi - lo));
        }
    }

    /// <summary>
    /// The period (fractional bins) of a high-passed profile, 0 when it has none: the shortest lag whose autocorrelation is a local peak
    /// within 80 % of the best, refined by the comb fit (the fold over one period that explains most of the profile's
    /// variance) to a twentieth of a bin, since forty periods of an integer guess drift by several bins.
    /// </summary>
    private static double Pitch(double[] high, int minLag, int maxLag)
    {
        var n = high.Length;
        double energy = 0;
        for (var i = 0; i < n; i++)
        {
            energy += high[i] * high[i];
        }

        if (energy <= 1e-12)
        {
            return 0;
        }

        var r = new double[maxLag + 2];
        for (var lag = minLag - 1; lag <= maxLag + 1; lag++)
        {
            double s = 0;
            for (var i = 0; i + lag < n; i++)
            {
                s += high[i] * high[i + lag];
            }

            r[lag] = s / energy * n / (n - lag);
        }

        var best = 0.0;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            best = Math.Max(best, r[lag]);
        }

        if (best < MinimumPeriodicity)
        {
            return 0;
        }

        // A best lag at the edge of the range that is no peak is a longer pattern's flank (cartons, pallets): none.
        var chosen = 0;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            if (r[lag] >= 0.8 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1])
            {
                chosen = lag;
                break;
            }
        }

        if (chosen == 0)
        {
            return 0;
        }

        var period = (double)chosen;
        var explained = double.MinValue;
        for (var p = chosen - 1.0; p <= chosen + 1.0; p += 0.05)
        {
            var e = Explained(high, p);
            if (e > explained)
            {
                (explained, period) = (e, p);
            }
        }

        return period;
    }

    /// <summary>The variance the per-phase means explain when the profile is folded over <paramref name="period"/>.</summary>
    private static double Explained(double[] high, double period)
    {
        var k = Math.Max(3, (int)Math.Round(period));
        Span<double> sum = stackalloc double[k];
        Span<int> count = stackalloc int[k];
        for (var i = 0; i < high.Length; i++)
        {
            var phase = Phase(i, period, k);
            sum[phase] += high[i];
            count[phase]++;
        }

        double e = 0;
        for (var j = 0; j < k; j++)
        {
            if (count[j] > 0)
            {
                e += sum[j] * sum[j] / count[j];
            }
        }

        return e;
    }

    private static int Phase(int i, double period, int bins)
    {
        var f = (i % period) / period;
        return Math.Min(bins - 1, (int)(f * bins));
    }

    /// <summary>
    /// Where each repeat lies (working columns): the fold's strongest phase gives the first, and each next one is
    /// looked for within a quarter period of one period on from the last found, so a scanner's speed wobble or
    /// stretch, which moves forty repeats by several bins, is followed rather than folded across.
    /// </summary>
    private static List<int> Members(double[] high, double period, int i0)
    {
        var k = Math.Max(3, (int)Math.Round(period));
        var sum = new double[k];
        for (var i = 0; i < high.Length; i++)
        {
            sum[Phase(i, period, k)] += high[i];
        }

        var strongest = 0;
        for (var j = 1; j < k; j++)
        {
            if (sum[j] > sum[strongest])
            {
                strongest = j;
            }
        }

        var members = new List<int>();
        var reach = Math.Max(1, (int)(period / 4));
        for (var expected = (strongest + 0.5) * period / k; expected < high.Length; expected += period)
        {
            var centre = (int)Math.Round(expected);
            var best = -1;
            for (var i = Math.Max(0, centre - reach); i <= Math.Min(high.Length - 1, centre + reach); i++)
            {
                if (best < 0 || high[i] > high[best])
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                members.Add(i0 + best);
                expected = best;
            }
        }

        return members;
    }

    /// <summary>
    /// One row, aligned on the repeats: per offset from a repeat the median excess over all repeats (a few bays
    /// holding bricks do not move it), less the median over the offsets (the bays' own level), is what the repeating
    /// structure adds at that offset; each column takes the value at its offset from the nearest repeat.
    /// </summary>
    private static void FoldRow(float[] excess, float[] structure, int rowStart, List<int> members, double period)
    {
        if (members.Count < 3)
        {
            return;
        }

        var half = Math.Max(1, (int)(period / 2));
        var span = (2 * half) + 1;
        var values = new float[members.Count];
        var template = new float[span];
        for (var d = -half; d <= half; d++)
        {
            for (var j = 0; j < members.Count; j++)
            {
                values[j] = excess[rowStart + members[j] + d];
            }

            template[d + half] = ContainerView.Select(values, members.Count / 2);
        }

        var level = ContainerView.Select(((float[])template.Clone()).AsSpan(), span / 2);
        for (var j = 0; j < members.Count; j++)
        {
            var from = j == 0 ? members[j] - half : (members[j - 1] + members[j] + 1) / 2;
            var to = j == members.Count - 1 ? members[j] + half : (members[j] + members[j + 1] + 1) / 2;
            for (var x = from; x < to; x++)
            {
                var d = Math.Clamp(x - members[j], -half, half);
                structure[rowStart + x] = template[d + half] - level;
            }
        }
    }
}
