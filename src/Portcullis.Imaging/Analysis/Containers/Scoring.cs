namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>Per-cell standing out (robust z) of a view against a learned normal, or against its own rows.</summary>
internal static class Scoring
{
    internal sealed record Cells(double[] Z, bool[] LevelDriven, double[] LevelExcess, double Max, double Gain);

    // Level deviations count less than local excess: whole-load differences (a fuller container) are common.
    private const double LevelWeight = 1.0;

    /// <summary>A z of 6 scores 0.5, 15 scores 0.95; the logistic keeps the score 0–1 and monotone in z.</summary>
    public static double ToScore(double z) => 1 / (1 + Math.Exp(-(z - 6) / 3));

    public static Cells Score(ContainerView view, ContainerNormal? normal)
    {
        var n = view.CellExcess.Length;
        var z = new double[n];
        var levelDriven = new bool[n];
        var levelExcess = new double[n];
        if (normal is null)
        {
            // Without a model: each cell against the median and spread of its row in this very scan.
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

            return new Cells(z, levelDriven, levelExcess, z.Max(), 1);
        }

        var gain = Gain(view, normal);
        for (var i = 0; i < n; i++)
        {
            var z1 = ((view.CellExcess[i] / gain) - normal.ExcessMedian[i]) / normal.ExcessScale[i];
            var z2 = LevelWeight * ((view.CellLevel[i] / gain) - normal.LevelMedian[i]) / normal.LevelScale[i];
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

        return new Cells(z, levelDriven, levelExcess, z.Max(), gain);
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
