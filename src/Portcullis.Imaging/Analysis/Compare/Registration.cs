namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>
/// Brings the arrival grid onto the origin grid: direction of travel, intensities between energies,
/// vertical offset, and the uneven speed along travel (a shift per strip of columns, smoothed).
/// </summary>
internal static class Registration
{
    // Residual shifts after the extents are matched: speed wobble and extent error, a few centimetres.
    private const int SearchCells = 8;

    private const int StripCells = 48;

    /// <summary>Which of the two arrival grids (as scanned, mirrored) runs the same way as the origin.</summary>
    public static CommonGrid Direction(CommonGrid origin, CommonGrid asScanned, CommonGrid mirrored)
    {
        var reference = ColumnProfile(origin.Cells, origin.Columns, origin.Rows);
        var a = Correlation(reference, ColumnProfile(Match(origin.Cells, asScanned.Cells), asScanned.Columns, asScanned.Rows));
        var b = Correlation(reference, ColumnProfile(Match(origin.Cells, mirrored.Cells), mirrored.Columns, mirrored.Rows));
        return b > a ? mirrored : asScanned;
    }

    /// <summary>
    /// The arrival's attenuation mapped onto the origin's by matching quantiles over the whole grid: the
    /// two scanners' energies differ, but more mass attenuates more in both, so the map is monotone.
    /// </summary>
    public static float[] Match(float[] reference, float[] moving)
    {
        const int q = 200;
        var r = Quantiles(reference, q);
        var m = Quantiles(moving, q);
        var result = new float[moving.Length];
        for (var i = 0; i < moving.Length; i++)
        {
            var value = moving[i];
            var k = Array.BinarySearch(m, value);
            if (k < 0)
            {
                k = ~k;
            }

            if (k <= 0)
            {
                result[i] = r[0] + (value - m[0]);
            }
            else if (k >= q)
            {
                result[i] = r[q - 1] + (value - m[q - 1]);
            }
            else
            {
                var span = m[k] - m[k - 1];
                var t = span > 1e-6f ? (value - m[k - 1]) / span : 0.5f;
                result[i] = r[k - 1] + (t * (r[k] - r[k - 1]));
            }
        }

        return result;
    }

    /// <summary>
    /// The arrival cells resampled at the origin's positions: one vertical shift for the whole scan, a
    /// horizontal shift per column interpolated between strips. Returns the warped cells and the shifts.
    /// </summary>
    public static (float[] Cells, double[] ShiftX, int ShiftY) Warp(float[] origin, float[] arrival, int columns, int rows)
    {
        var dy = BestVerticalShift(origin, arrival, columns, rows);
        var strips = Math.Max(1, columns / StripCells);
        var centres = new double[strips];
        var shifts = new double[strips];
        for (var s = 0; s < strips; s++)
        {
            var u0 = s * columns / strips;
            var u1 = (s + 1) * columns / strips;
            centres[s] = (u0 + u1) / 2.0;
            shifts[s] = BestStripShift(origin, arrival, columns, rows, u0, u1, dy);
        }

        // A median of three removes a strip fooled by a moved load; speed changes slowly along a scan.
        var smooth = new double[strips];
        for (var s = 0; s < strips; s++)
        {
            var window = new[] { shifts[Math.Max(0, s - 1)], shifts[s], shifts[Math.Min(strips - 1, s + 1)] };
            Array.Sort(window);
            smooth[s] = window[1];
        }

        var shiftX = new double[columns];
        for (var u = 0; u < columns; u++)
        {
            var c = u + 0.5;
            if (strips == 1 || c <= centres[0])
            {
                shiftX[u] = smooth[0];
                continue;
            }

            if (c >= centres[^1])
            {
                shiftX[u] = smooth[^1];
                continue;
            }

            var s = 0;
            while (centres[s + 1] < c)
            {
                s++;
            }

            var t = (c - centres[s]) / (centres[s + 1] - centres[s]);
            shiftX[u] = smooth[s] + (t * (smooth[s + 1] - smooth[s]));
        }

        return (Shifted(arrival, shiftX, dy, columns, rows), shiftX, dy);
    }

    /// <summary>Arrival cells read at the origin's positions with the shifts <see cref="Warp"/> found.</summary>
    public static float[] Shifted(float[] arrival, double[] shiftX, int dy, int columns, int rows)
    {
        var cells = new float[columns * rows];
        for (var v = 0; v < rows; v++)
        {
            var sv = Math.Clamp(v + dy, 0, rows - 1);
            for (var u = 0; u < columns; u++)
            {
                var x = Math.Clamp(u + shiftX[u], 0, columns - 1);
                var x0 = (int)x;
                var x1 = Math.Min(columns - 1, x0 + 1);
                var t = (float)(x - x0);
                cells[(v * columns) + u] = ((1 - t) * arrival[(sv * columns) + x0]) + (t * arrival[(sv * columns) + x1]);
            }
        }

        return cells;
    }

    public static double[] ColumnProfile(float[] cells, int columns, int rows)
    {
        var profile = new double[columns];
        for (var v = 0; v < rows; v++)
        {
            for (var u = 0; u < columns; u++)
            {
                profile[u] += cells[(v * columns) + u];
            }
        }

        return profile;
    }

    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = Math.Min(a.Count, b.Count);
        double ma = 0, mb = 0;
        for (var i = 0; i < n; i++)
        {
            ma += a[i];
            mb += b[i];
        }

        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    public static double Correlation(float[] a, float[] b) => Correlation(Array.ConvertAll(a, x => (double)x), Array.ConvertAll(b, x => (double)x));

    private static int BestVerticalShift(float[] origin, float[] arrival, int columns, int rows)
    {
        var ro = new double[rows];
        var ra = new double[rows];
        for (var v = 0; v < rows; v++)
        {
            for (var u = 0; u < columns; u++)
            {
                ro[v] += origin[(v * columns) + u];
                ra[v] += arrival[(v * columns) + u];
            }
        }

        var best = 0;
        var bestCost = double.MaxValue;
        for (var dy = -SearchCells; dy <= SearchCells; dy++)
        {
            double cost = 0;
            for (var v = SearchCells; v < rows - SearchCells; v++)
            {
                var d = ro[v] - ra[v + dy];
                cost += d * d;
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                best = dy;
            }
        }

        return best;
    }

    private static double BestStripShift(float[] origin, float[] arrival, int columns, int rows, int u0, int u1, int dy)
    {
        var costs = new double[(2 * SearchCells) + 1];
        for (var k = 0; k < costs.Length; k++)
        {
            var dx = k - SearchCells;
            double cost = 0;
            for (var v = 0; v < rows; v++)
            {
                var sv = Math.Clamp(v + dy, 0, rows - 1);
                for (var u = u0; u < u1; u++)
                {
                    var su = Math.Clamp(u + dx, 0, columns - 1);
                    var d = origin[(v * columns) + u] - arrival[(sv * columns) + su];
                    cost += d * d;
                }
            }

            costs[k] = cost;
        }

        var best = Array.IndexOf(costs, costs.Min());

        // A parabola through the minimum and its neighbours gives the shift to a fraction of a cell.
        if (best > 0 && best < costs.Length - 1)
        {
            var denominator = costs[best - 1] - (2 * costs[best]) + costs[best + 1];
            if (denominator > 0)
            {
                return best - SearchCells + (0.5 * (costs[best - 1] - costs[best + 1]) / denominator);
            }
        }

        return best - SearchCells;
    }

    private static float[] Quantiles(float[] values, int q)
    {
        // A strided sample is enough for the quantiles and keeps the sort cheap on a full-size grid.
        var step = Math.Max(1, values.Length / 60_000);
        var sample = new float[(values.Length + step - 1) / step];
        for (int i = 0, j = 0; i < values.Length; i += step, j++)
        {
            sample[j] = values[i];
        }

        Array.Sort(sample);
        var result = new float[q];
        for (var k = 0; k < q; k++)
        {
            result[k] = sample[(int)((k + 0.5) / q * (sample.Length - 1))];
        }

        // Strictly increasing so that the inverse lookup is well defined on flat stretches (air).
        for (var k = 1; k < q; k++)
        {
            result[k] = Math.Max(result[k], result[k - 1] + 1e-6f);
        }

        return result;
    }
}
