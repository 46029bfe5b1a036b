namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>
/// One connected patch (or window) of extra attenuation on the grid, with its mass and <paramref name="Beyond"/>:
/// the kilograms by which it exceeds what the same pair's excess reaches in boxes of its size along the same columns.
/// </summary>
internal sealed record ChangePatch(int U0, int V0, int U1, int V1, double Kg, double Peak, double Beyond = 0);

/// <summary>
/// Differences between two registered grids that settling cannot explain: a cell counts as added only
/// where the arrival exceeds every origin cell within the settling radius (and removed the other way),
/// so a load that slid a few centimetres leaves no change behind.
/// </summary>
internal static class ChangeMap
{
    /// <summary>
    /// Extra attenuation of <paramref name="after"/> over the local maximum of <paramref name="before"/> within
    /// ±<paramref name="radius"/> cells along the container and ±<paramref name="radiusY"/> cells up and down.
    /// </summary>
    public static float[] Excess(float[] after, float[] before, int columns, int rows, int radius, int radiusY)
    {
        var ceiling = MaxFilter(before, columns, rows, radius, radiusY);
        var excess = new float[after.Length];
        for (var i = 0; i < after.Length; i++)
        {
            excess[i] = Math.Max(0, after[i] - ceiling[i]);
        }

        return excess;
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

    /// <summary>
    /// Gaussian blur of <paramref name="sigma"/> cells each way: both scans are brought to one resolution,
    /// coarser than either scanner's own blur, so that a thin steel line drawn sharper by one scanner than by
    /// the other does not leave a difference behind. Mass is conserved by the blur, so kilograms are not.
    /// </summary>
    public static float[] Blur(float[] cells, int columns, int rows, double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new float[(2 * radius) + 1];
        double total = 0;
        for (var k = -radius; k <= radius; k++)
        {
            total += kernel[k + radius] = (float)Math.Exp(-(k * k) / (2 * sigma * sigma));
        }

        for (var k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= (float)total;
        }

        var temp = new float[cells.Length];
        var result = new float[cells.Length];
        for (var v = 0; v < rows; v++)
        {
            var row = v * columns;
            for (var u = 0; u < columns; u++)
            {
                float sum = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * cells[row + Math.Clamp(u + k, 0, columns - 1)];
                }

                temp[row + u] = sum;
            }
        }

        for (var v = 0; v < rows; v++)
        {
            for (var u = 0; u < columns; u++)
            {
                float sum = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * temp[(Math.Clamp(v + k, 0, rows - 1) * columns) + u];
                }

                result[(v * columns) + u] = sum;
            }
        }

        return result;
    }

    /// <summary>
    /// Local contrast of <paramref name="reference"/>: the range (maximum minus minimum) within
    /// <paramref name="radius"/> cells. Where the scan that lacks the change has strong structure (steel edges,
    /// floor and roof lines), the two scanners' energies and blurs disagree in proportion to it.
    /// </summary>
    public static float[] Contrast(float[] reference, int columns, int rows, int radius)
    {
        var high = MaxFilter(reference, columns, rows, radius, radius);
        var negated = Array.ConvertAll(reference, x => -x);
        var low = MaxFilter(negated, columns, rows, radius, radius);
        var result = new float[reference.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = high[i] + low[i];
        }

        return result;
    }

    /// <summary>
    /// Removes excess that runs along a whole row: a floor, roof or chassis line that the two scanners render
    /// differently leaves a thin strip along the container, which no concealment does. The row's background is
    /// the median of block medians within ±<paramref name="halfWindowBlocks"/> blocks of <paramref name="blockCells"/>
    /// cells, so a change shorter than half that window keeps its full size.
    /// </summary>
    public static void RemoveRowLines(float[] excess, int columns, int rows, int blockCells, int halfWindowBlocks)
    {
        var blocks = Math.Max(1, columns / blockCells);
        var medians = new float[blocks];
        var buffer = new float[blockCells + columns];
        var window = new float[(2 * halfWindowBlocks) + 1];
        for (var v = 0; v < rows; v++)
        {
            var row = v * columns;
            for (var b = 0; b < blocks; b++)
            {
                var u0 = b * columns / blocks;
                var u1 = (b + 1) * columns / blocks;
                var n = u1 - u0;
                Array.Copy(excess, row + u0, buffer, 0, n);
                Array.Sort(buffer, 0, n);
                medians[b] = buffer[n / 2];
            }

            for (var b = 0; b < blocks; b++)
            {
                var a = Math.Max(0, b - halfWindowBlocks);
                var z = Math.Min(blocks - 1, b + halfWindowBlocks);
                var n = z - a + 1;
                Array.Copy(medians, a, window, 0, n);
                Array.Sort(window, 0, n);
                var background = window[n / 2];
                if (background <= 0)
                {
                    continue;
                }

                var u0 = b * columns / blocks;
                var u1 = (b + 1) * columns / blocks;
                for (var u = u0; u < u1; u++)
                {
                    excess[row + u] = Math.Max(0, excess[row + u] - background);
                }
            }
        }
    }

    /// <summary>
    /// Mass of a patch from the plain difference <paramref name="after"/> − <paramref name="before"/> summed over
    /// its box widened by <paramref name="margin"/> cells: the blur spreads a change beyond the cells that pass
    /// the threshold, and the excess over the local maximum would understate it.
    /// </summary>
    public static double Kg(ChangePatch patch, float[] after, float[] before, int columns, int rows, int margin, double cellCm2, double massAttenuation)
    {
        double sum = 0;
        for (var v = Math.Max(0, patch.V0 - margin); v < Math.Min(rows, patch.V1 + margin); v++)
        {
            for (var u = Math.Max(0, patch.U0 - margin); u < Math.Min(columns, patch.U1 + margin); u++)
            {
                sum += after[(v * columns) + u] - before[(v * columns) + u];
            }
        }

        return Math.Max(0, sum) * cellCm2 / massAttenuation / 1000;
    }

    /// <summary>
    /// Windows of <paramref name="size"/> cells whose summed excess (below any per-cell threshold too) stands for at
    /// least <paramref name="minimumKg"/>: a change spread thinly over a large area, as bricks in textured cargo or
    /// behind a false wall are, passes where no single cell does. Overlapping windows keep the largest.
    /// </summary>
    public static List<ChangePatch> Windows(double[] sum, int columns, int rows, int size, double minimumKg, double cellCm2, double massAttenuation)
    {
        var step = Math.Max(1, size / 3);
        var found = new List<ChangePatch>();
        for (var v = 0; v + size <= rows; v += step)
        {
            for (var u = 0; u + size <= columns; u += step)
            {
                var kg = SummedArea.Box(sum, columns, u, v, u + size, v + size) * cellCm2 / massAttenuation / 1000;
                if (kg >= minimumKg)
                {
                    found.Add(new ChangePatch(u, v, u + size, v + size, kg, 0));
                }
            }
        }

        var kept = new List<ChangePatch>();
        foreach (var p in found.OrderByDescending(p => p.Kg))
        {
            if (!kept.Any(q => q.U0 < p.U1 && p.U0 < q.U1 && q.V0 < p.V1 && p.V0 < q.V1))
            {
                kept.Add(p);
            }
        }

        return kept;
    }

    /// <summary>
    /// What this pair's excess reaches, without a change, in boxes the size of <paramref name="patch"/> along the
    /// same columns: the median plus <paramref name="deviations"/> robust standard deviations of the excess summed
    /// over such boxes moved up and down (and half a box either way along) between rows <paramref name="top"/> and
    /// <paramref name="bottom"/>, none overlapping the patch. A structure that two scanners render differently (a
    /// reefer's machinery end, a front wall) leaves excess all the way up it, and this is what a change there must
    /// stand out from; a concealment is compact, so the other boxes of its columns do not share it. Zero when fewer
    /// than <paramref name="minimumBoxes"/> boxes fit (a patch nearly as tall as the container).
    /// </summary>
    public static double ColumnBackground(double[] sum, int columns, ChangePatch patch, int top, int bottom, double deviations, int minimumBoxes)
    {
        var w = patch.U1 - patch.U0;
        var h = patch.V1 - patch.V0;
        var stepU = Math.Max(1, w / 2);
        var stepV = Math.Max(1, h / 2);
        var samples = new List<double>();
        for (var u0 = patch.U0 - stepU; u0 <= patch.U0 + stepU; u0 += stepU)
        {
            if (u0 < 0 || u0 + w > columns)
            {
                continue;
            }

            for (var v0 = top; v0 + h <= bottom; v0 += stepV)
            {
                if (!(u0 < patch.U1 && patch.U0 < u0 + w && v0 < patch.V1 && patch.V0 < v0 + h))
                {
                    samples.Add(SummedArea.Box(sum, columns, u0, v0, u0 + w, v0 + h));
                }
            }
        }

        if (samples.Count < minimumBoxes)
        {
            return 0;
        }

        samples.Sort();
        var median = samples[samples.Count / 2];
        var spread = samples.Select(x => Math.Abs(x - median)).Order().ElementAt(samples.Count / 2);
        return median + (deviations * 1.4826 * spread);
    }

    private static float[] MaxFilter(float[] cells, int columns, int rows, int radius, int radiusY)
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
                for (var k = Math.Max(0, v - radiusY); k <= Math.Min(rows - 1, v + radiusY); k++)
                {
                    m = Math.Max(m, temp[(k * columns) + u]);
                }

                result[(v * columns) + u] = m;
            }
        }

        return result;
    }
}
