namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>Per-cell standing out (robust z) of a view against a learned normal, or against its own rows.</summary>
internal static class Scoring
{
    /// <summary>Per-cell z, and <paramref name="Max"/>: the scan's statistic (with a normal, the top z against the scan's own cells).</summary>
    internal sealed record Cells(double[] Z, bool[] LevelDriven, double[] LevelExcess, double Max, double Gain);

    // Level deviations count less than local excess: whole-load differences (a fuller container) are common.
    private const double LevelWeight = 1.0;

    /// <summary>
    /// How far the worst cell stands out, 0–1 and monotone: z²/(z² + 12²), so 12 scores 0.5 and 40 scores 0.92;
    /// it saturates only beyond a few hundred, so the ranking of strong anomalies survives rounding.
    /// </summary>
    public static double ToScore(double z) => z <= 0 ? 0 : z * z / ((z * z) + 144);

    /// <summary>
    /// The scan statistic in spreads above the median of its group's cleared scans (scored out of sample when
    /// learning): the same number means the same rarity among clean scans of every type and commodity group.
    /// Normals from an older model without calibration use the raw statistic over twelve.
    /// </summary>
    public static double Calibrate(double statistic, ContainerNormal normal) => normal.CalibrationScale > 0
        ? (statistic - normal.CalibrationMedian) / normal.CalibrationScale
        : statistic / 12;

    /// <summary>
    /// The calibrated statistic u as a score, 0–1 and monotone everywhere (scans below their group's median stay
    /// ranked, so a curve can be drawn through them): 0.1·eˡᵘ below the median, 0.1 + 0.9·u²/(u² + 3²) above it,
    /// so the median clean scan scores 0.1, three spreads 0.55 and ten 0.93.
    /// </summary>
    public static double CalibratedScore(double u) => u <= 0 ? 0.1 * Math.Exp(Math.Max(u, -20)) : 0.1 + (0.9 * u * u / ((u * u) + 9));

    public static Cells Score(ContainerView view, ContainerNormal? normal)
    {
        var n = view.CellExcess.Length;
        var z = new double[n];
        var levelDriven = new bool[n];
        var levelExcess = new double[n];
        if (normal is null)
        {
            var rowZ = RowZ(view);
            return new Cells(rowZ, levelDriven, levelExcess, rowZ.Max(), 1);
        }

        var gain = Gain(view, normal);

        // A cell's learned spread from a dozen scans may be small by chance: at least the typical spread of its row.
        var rowScale = new double[ContainerView.GridRows];
        for (var r = 0; r < ContainerView.GridRows; r++)
        {
            var row = normal.ExcessScale.AsSpan(r * ContainerView.GridColumns, ContainerView.GridColumns).ToArray();
            Array.Sort(row);
            rowScale[r] = row[row.Length / 2];
        }

        for (var i = 0; i < n; i++)
        {
            var (r, c) = Math.DivRem(i, ContainerView.GridColumns);
            var z1 = ((view.CellExcess[i] / gain) - normal.ExcessMedian[i]) / Math.Max(rowScale[r], normal.ExcessScale[i]);
            var z2 = LevelWeight * ((view.CellLevel[i] / gain) - normal.LevelMedian[i]) / normal.LevelScale[i];
            if (ContainerView.IsCargoCell(c, r) && normal.RowExcessMedian is { } rem && normal.RowExcessScale is { } res
                && normal.RowLevelMedian is { } rlm && normal.RowLevelScale is { } rls)
            {
                // Among the cargo a load may stand anywhere (a machine, a short pallet row): a cell must also be
                // unlike what the group shows at any cargo position of its height, not only unlike its own place.
                z1 = Math.Min(z1, ((view.CellExcess[i] / gain) - rem[r]) / res[r]);
                z2 = Math.Min(z2, LevelWeight * ((view.CellLevel[i] / gain) - rlm[r]) / rls[r]);
            }

            levelExcess[i] = view.CellLevel[i] - (normal.LevelMedian[i] * gain);
            if (z2 > z1)
            {
                z[i] = z2;
                levelDriven[i] = true;
            }
            else
            {
                z[i] = z1;
            }
        }

        if (normal.CellTail is { } tail)
        {
            Untail(z, tail);
        }

        return new Cells(z, levelDriven, levelExcess, Statistic(z), gain);
    }

    /// <summary>
    /// Divides each cell's z by how heavy that cell's tail is among cleared scans scored out of sample (its
    /// 90th percentile over 1.28, the normal's): where the load's end or a door's header lands varies from
    /// scan to scan, a large z is common and must not count as much as the same z where cells agree.
    /// </summary>
    internal static void Untail(double[] z, double[] tail)
    {
        for (var i = 0; i < z.Length; i++)
        {
            z[i] /= tail[i];
        }
    }

    /// <summary>
    /// How far the worst cell stands out from this scan's own cells: a scanner unlike the learnt ones (energy,
    /// noise, resolution) raises every cell's z alike, a concealment raises a few. The spread is floored at one
    /// (the z scale itself) so a scan that matches its normal closely is not made more alarming.
    /// </summary>
    internal static double Statistic(double[] z)
    {
        var (median, spread) = MedianMad(z);
        return (z.Max() - median) / Math.Max(1, spread);
    }

    /// <summary>Each cell's excess against the median and spread of its own row in this very scan.</summary>
    private static double[] RowZ(ContainerView view)
    {
        var z = new double[view.CellExcess.Length];
        for (var r = 0; r < ContainerView.GridRows; r++)
        {
            var row = view.CellExcess.AsSpan(r * ContainerView.GridColumns, ContainerView.GridColumns).ToArray();
            var (median, scale) = Robust(row);
            scale = Math.Max(scale, 0.03 + (0.1 * Math.Abs(median)));
            for (var c = 0; c < ContainerView.GridColumns; c++)
            {
                var i = (r * ContainerView.GridColumns) + c;
                z[i] = (view.CellExcess[i] - median) / scale;
            }
        }

        return z;
    }

    internal static (double Median, double Scale) MedianMad(double[] values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        return (median, 1.4826 * deviations[deviations.Length / 2]);
    }

    /// <summary>
    /// This scan's attenuation over the normal's, as the median ratio over the cells: another energy, another
    /// encoding's range or a linear file read as such scale attenuation roughly as a whole, a concealment does not.
    /// </summary>
    public static double Gain(ContainerView view, ContainerNormal normal)
    {
        var ratios = new List<double>();
        for (var i = 0; i < view.CellLevel.Length; i++)
        {
            if (normal.LevelMedian[i] > 0.2)
            {
                ratios.Add(view.CellLevel[i] / normal.LevelMedian[i]);
            }
        }

        if (ratios.Count < 10)
        {
            return 1;
        }

        ratios.Sort();
        return Math.Clamp(ratios[ratios.Count / 2], 0.25, 4);
    }

    /// <summary>How unlike the normal the view's levels are (orientation and type choice).</summary>
    public static double Deviation(ContainerView view, ContainerNormal normal)
    {
        var gain = Gain(view, normal);
        double sum = 0;
        for (var i = 0; i < view.CellLevel.Length; i++)
        {
            sum += Math.Min(10, Math.Abs(((view.CellLevel[i] / gain) - normal.LevelMedian[i]) / normal.LevelScale[i]));
        }

        return sum;
    }

    public static (double Median, double Scale) Robust(double[] values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();

        // The 10–90% range as well: where the load reaches a cell in some scans and not in others the
        // distribution is two-humped and the MAD alone calls the minority impossible.
        var lo = sorted[(int)Math.Floor(0.1 * (sorted.Length - 1))];
        var hi = sorted[(int)Math.Ceiling(0.9 * (sorted.Length - 1))];
        return (median, Math.Max(1.4826 * deviations[deviations.Length / 2], (hi - lo) / 2.56));
    }
}
