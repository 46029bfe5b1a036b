namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>One connected patch of extra attenuation on the grid, with its mass.</summary>
internal sealed record ChangePatch(int U0, int V0, int U1, int V1, double Kg, double Peak);

/// <summary>
/// Differences between two registered grids that settling cannot explain: a cell counts as added only
/// where the arrival exceeds every origin cell within the settling radius (and removed the other way),
/// so a load that slid a few centimetres leaves no change behind.
/// </summary>
internal static class ChangeMap
{
    /// <summary>Extra attenuation of <paramref name="after"/> over the local maximum of <paramref name="before"/>.</summary>
    public static float[] Excess(float[] after, float[] before, int columns, int rows, int radius)
    {
        var ceiling = MaxFilter(before, columns, rows, radius);
        var excess = new float[after.Length];
        for (var i = 0; i < after.Length; i++)
        {
            excess[i] = Math.Max(0, after[i] - ceiling[i]);
        }

        return excess;
    }

    public static float[] Smooth(float[] cells, int columns, int rows)
    {
        // A 3-cell binomial kernel each way: 3 cm of smoothing against noise, well below a brick's size.
        var temp = new float[cells.Length];
        var result = new float[cells.Length];
        for (var v = 0; v < rows; v++)
        {
            var row = v * columns;
            for (var u = 0; u < columns; u++)
            {
                var l = cells[row + Math.Max(0, u - 1)];
                var r = cells[row + Math.Min(columns - 1, u + 1)];
                temp[row + u] = (0.25f * l) + (0.5f * cells[row + u]) + (0.25f * r);
            }
        }

        for (var v = 0; v < rows; v++)
        {
            var up = Math.Max(0, v - 1) * columns;
            var down = Math.Min(rows - 1, v + 1) * columns;
            var row = v * columns;
            for (var u = 0; u < columns; u++)
            {
                result[row + u] = (0.25f * temp[up + u]) + (0.5f * temp[row + u]) + (0.25f * temp[down + u]);
            }
        }

        return result;
    }

    /// <summary>
    /// Patches where the excess passes each cell's <paramref name="threshold"/>, each with the mass the excess stands for:
    /// sum of excess attenuation × cell area (cm²) / mass attenuation coefficient (cm²/g).
    /// </summary>
    public static List<ChangePatch> Patches(float[] excess, int columns, int rows, float[] threshold, double cellCm2, double massAttenuation, int minimumCells)
    {
        var labels = new int[excess.Length];
        var patches = new List<ChangePatch>();
        var stack = new Stack<int>();
        var next = 0;
        for (var start = 0; start < excess.Length; start++)
        {
            if (labels[start] != 0 || excess[start] <= threshold[start])
            {
                continue;
            }

            next++;
            labels[start] = next;
            stack.Push(start);
            int u0 = columns, v0 = rows, u1 = 0, v1 = 0, cells = 0;
            double sum = 0, peak = 0;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                var u = i % columns;
                var v = i / columns;
                u0 = Math.Min(u0, u);
                u1 = Math.Max(u1, u + 1);
                v0 = Math.Min(v0, v);
                v1 = Math.Max(v1, v + 1);
                cells++;
                sum += excess[i];
                peak = Math.Max(peak, excess[i]);
                Visit(u > 0 ? i - 1 : -1);
                Visit(u < columns - 1 ? i + 1 : -1);
                Visit(v > 0 ? i - columns : -1);
                Visit(v < rows - 1 ? i + columns : -1);
            }

            if (cells >= minimumCells)
            {
                // Grams from Beer–Lambert (ΔA · cm² / (cm²/g)), reported in kilograms.
                patches.Add(new ChangePatch(u0, v0, u1, v1, sum * cellCm2 / massAttenuation / 1000, peak));
            }
        }

        return patches;

        void Visit(int j)
        {
            if (j >= 0 && labels[j] == 0 && excess[j] > threshold[j])
            {
                labels[j] = next;
                stack.Push(j);
            }
        }
    }

    private static float[] MaxFilter(float[] cells, int columns, int rows, int radius)
    {
        var temp = new float[cells.Length];
        var result = new float[cells.Length];
        for (var v = 0; v < rows; v++)
        {
            var row = v * columns;
            for (var u = 0; u < columns; u++)
            {
                var m = float.MinValue;
                for (var k = Math.Max(0, u - radius); k <= Math.Min(columns - 1, u + radius); k++)
                {
                    m = Math.Max(m, cells[row + k]);
                }

                temp[row + u] = m;
            }
        }

        for (var v = 0; v < rows; v++)
        {
            for (var u = 0; u < columns; u++)
            {
                var m = float.MinValue;
                for (var k = Math.Max(0, v - radius); k <= Math.Min(rows - 1, v + radius); k++)
                {
                    m = Math.Max(m, temp[(k * columns) + u]);
                }

                result[(v * columns) + u] = m;
            }
        }

        return result;
    }
}
