namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// The learned cell detector: a logistic regression over per-cell features (standing out against the learned
/// normal, contrast with the neighbouring cells, how filled the excess is, the place in the container), trained by
/// <see cref="ContainerLearner"/> to tell cells with a synthetic concealment (<see cref="Insertion"/>) from the cells
/// of cleared scans. Features are standardised with <see cref="Mean"/> and <see cref="Scale"/>; a cell's logit is
/// <see cref="Bias"/> + Σ weight × standardised feature.
/// </summary>
public sealed record ContainerDetector(
    string[] Features,
    double[] Mean,
    double[] Scale,
    double[] Weights,
    double Bias,
    int Positives = 0,
    int Negatives = 0);

/// <summary>Per-cell features for the detector, and its training.</summary>
internal static class Detector
{
    public static readonly string[] Names =
    [
        "z", "excess-z-here", "level-z-here", "excess-z-any-place", "level-z-any-place", "excess-vs-neighbours",
        "level-step-along", "level-step-up", "plateau", "plateau-times-excess-z", "z-vs-neighbours", "doors", "front", "floor", "reefer-front", "z-vs-scan",
    ];

    public static int Count => Names.Length;

    private static readonly (int, int)[] Fours = [(0, 1), (0, -1), (1, 0), (-1, 0)];

    /// <summary>Per cell (canonical, row-major) <see cref="Count"/> features; <paramref name="cells"/> is the scoring against <paramref name="normal"/>.</summary>
    public static float[] Features(ContainerView view, ContainerNormal normal, Scoring.Cells cells)
    {
        const int Cols = ContainerView.GridColumns;
        const int Rows = ContainerView.GridRows;
        var f = Count;
        var n = Cols * Rows;
        var g = cells.Gain;
        var result = new float[n * f];
        var rowScale = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            var row = normal.ExcessScale.AsSpan(r * Cols, Cols).ToArray();
            Array.Sort(row);
            rowScale[r] = row[row.Length / 2];
        }

        var zSorted = cells.Z.Order().ToArray();
        var zMedian = zSorted[zSorted.Length / 2];
        var reefer = view.TypeKey.EndsWith("reefer", StringComparison.Ordinal);
        var neighbours = new List<double>(8);
        for (var r = 0; r < Rows; r++)
        {
            var b0 = r * view.Height / Rows;
            var b1 = Math.Max(b0 + 1, (r + 1) * view.Height / Rows);
            for (var c = 0; c < Cols; c++)
            {
                var i = (r * Cols) + c;
                var ex = view.CellExcess[i] / g;
                var lv = view.CellLevel[i] / g;
                var exHere = (ex - normal.ExcessMedian[i]) / Math.Max(rowScale[r], normal.ExcessScale[i]);
                var lvHere = (lv - normal.LevelMedian[i]) / normal.LevelScale[i];
                var (exAny, lvAny) = (exHere, lvHere);
                if (ContainerView.IsCargoCell(c, r) && normal.RowExcessMedian is { } rem && normal.RowExcessScale is { } res
                    && normal.RowLevelMedian is { } rlm && normal.RowLevelScale is { } rls)
                {
                    exAny = (ex - rem[r]) / res[r];
                    lvAny = (lv - rlm[r]) / rls[r];
                }

                neighbours.Clear();
                var zNeighbours = double.MinValue;
                foreach (var (dr, dc) in Fours)
                {
                    var (nr, nc) = (r + dr, c + dc);
                    if (nr is >= 0 and < Rows && nc is >= 0 and < Cols)
                    {
                        zNeighbours = Math.Max(zNeighbours, cells.Z[(nr * Cols) + nc]);
                    }
                }

                for (var dr = -1; dr <= 1; dr++)
                {
                    for (var dc = -1; dc <= 1; dc++)
                    {
                        var (nr, nc) = (r + dr, c + dc);
                        if ((dr != 0 || dc != 0) && nr is >= 0 and < Rows && nc is >= 0 and < Cols)
                        {
                            neighbours.Add(view.CellExcess[(nr * Cols) + nc] / g);
                        }
                    }
                }

                neighbours.Sort();
                var exNeighbours = ex - neighbours[neighbours.Count / 2];
                double Level(int rr, int cc) => view.CellLevel[(Math.Clamp(rr, 0, Rows - 1) * Cols) + Math.Clamp(cc, 0, Cols - 1)] / g;
                var stepAlong = lv - ((Level(r, c - 1) + Level(r, c + 1)) / 2);
                var stepUp = lv - ((Level(r - 1, c) + Level(r + 1, c)) / 2);

                // How filled the brick-sized excess is: a block of bricks is a plateau, a box edge or a rail a line.
                var a0 = c * view.Width / Cols;
                var a1 = Math.Max(a0 + 1, (c + 1) * view.Width / Cols);
                var peak = view.CellExcess[i];
                double filled = 0;
                for (var y = b0; y < b1; y++)
                {
                    for (var x = a0; x < a1; x++)
                    {
                        var s = view.SmoothedAt(x, y);
                        if (peak > 0.02 && s >= peak / 2)
                        {
                            filled++;
                        }
                    }
                }

                var area = (double)(a1 - a0) * (b1 - b0);
                var o = i * f;
                // Every feature is relative (to the learned spread or to the neighbours): absolute attenuation
                // depends on the scanner, and the load's own structure is large in absolute terms too.
                var spread = Math.Max(rowScale[r], normal.ExcessScale[i]);
                var plateau = filled / area;
                result[o] = Squash(cells.Z[i]);
                result[o + 1] = Squash(exHere);
                result[o + 2] = Squash(lvHere);
                result[o + 3] = Squash(exAny);
                result[o + 4] = Squash(lvAny);
                result[o + 5] = Squash(exNeighbours / spread);
                result[o + 6] = Squash(stepAlong / normal.LevelScale[i]);
                result[o + 7] = Squash(stepUp / normal.LevelScale[i]);
                result[o + 8] = (float)plateau;
                result[o + 9] = Squash(plateau * Math.Max(0, exHere));
                result[o + 10] = Squash(cells.Z[i] - zNeighbours);
                result[o + 11] = c >= Cols * 92 / 100 ? 1 : 0;
                result[o + 12] = c < Cols / 10 ? 1 : 0;
                result[o + 13] = r >= Rows - 2 ? 1 : 0;
                result[o + 14] = reefer && c < 3 ? 1 : 0;
                result[o + 15] = Squash(cells.Z[i] - zMedian);
            }
        }

        return result;
    }

    /// <summary>Per cell the detector's logit (log odds of a concealment in that cell).</summary>
    public static double[] Logits(ContainerDetector detector, float[] features)
    {
        var f = detector.Weights.Length;
        var n = features.Length / f;
        var logits = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = detector.Bias;
            for (var k = 0; k < f; k++)
            {
                s += detector.Weights[k] * ((features[(i * f) + k] - detector.Mean[k]) / detector.Scale[k]);
            }

            logits[i] = s;
        }

        return logits;
    }

    public static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-Math.Clamp(logit, -40, 40)));

    /// <summary>
    /// Weighted, L2-regularised logistic regression by Newton's method; positives and negatives weigh the same in
    /// total (a few hundred inserted cells against tens of thousands of clean ones).
    /// </summary>
    public static ContainerDetector Train(List<float[]> positives, List<float[]> negatives, CancellationToken cancellationToken)
    {
        var f = Count;
        var rows = positives.Count + negatives.Count;
        var mean = new double[f];
        var scale = new double[f];
        foreach (var x in positives.Concat(negatives))
        {
            for (var k = 0; k < f; k++)
            {
                mean[k] += x[k];
            }
        }

        for (var k = 0; k < f; k++)
        {
            mean[k] /= Math.Max(1, rows);
        }

        foreach (var x in positives.Concat(negatives))
        {
            for (var k = 0; k < f; k++)
            {
                scale[k] += (x[k] - mean[k]) * (x[k] - mean[k]);
            }
        }

        for (var k = 0; k < f; k++)
        {
            scale[k] = Math.Max(1e-3, Math.Sqrt(scale[k] / Math.Max(1, rows)));
        }

        var positiveWeight = negatives.Count / (double)Math.Max(1, positives.Count);
        var d = f + 1;
        var beta = new double[d];
        var z = new double[d];
        for (var iteration = 0; iteration < 25; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gradient = new double[d];
            var hessian = new double[d * d];
            void Add(float[] x, double y, double weight)
            {
                z[0] = 1;
                for (var k = 0; k < f; k++)
                {
                    z[k + 1] = (x[k] - mean[k]) / scale[k];
                }

                double s = 0;
                for (var k = 0; k < d; k++)
                {
                    s += beta[k] * z[k];
                }

                var p = Sigmoid(s);
                var wv = weight * p * (1 - p);
                for (var a = 0; a < d; a++)
                {
                    gradient[a] += weight * (p - y) * z[a];
                    for (var b = a; b < d; b++)
                    {
                        hessian[(a * d) + b] += wv * z[a] * z[b];
                    }
                }
            }

            foreach (var x in positives)
            {
                Add(x, 1, positiveWeight);
            }

            foreach (var x in negatives)
            {
                Add(x, 0, 1);
            }

            // A light ridge keeps the weights finite when a feature separates perfectly.
            var ridge = 1e-4 * rows;
            for (var a = 1; a < d; a++)
            {
                gradient[a] += ridge * beta[a];
                hessian[(a * d) + a] += ridge;
            }

            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    hessian[(a * d) + b] = hessian[(b * d) + a];
                }
            }

            var step = Solve(hessian, gradient, d);
            double change = 0;
            for (var k = 0; k < d; k++)
            {
                beta[k] -= step[k];
                change = Math.Max(change, Math.Abs(step[k]));
            }

            if (change < 1e-6)
            {
                break;
            }
        }

        return new ContainerDetector(
            [.. Names],
            [.. mean.Select(v => Math.Round(v, 6))],
            [.. scale.Select(v => Math.Round(v, 6))],
            [.. beta.Skip(1).Select(v => Math.Round(v, 6))],
            Math.Round(beta[0], 6),
            positives.Count,
            negatives.Count);
    }

    /// <summary>Keeps heavy tails from dominating: linear near zero, logarithmic far out, sign kept.</summary>
    private static float Squash(double v) => (float)Math.Asinh(v);

    private static double[] Solve(double[] matrix, double[] vector, int n)
    {
        var a = (double[])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[(row * n) + col]) > Math.Abs(a[(pivot * n) + col]))
                {
                    pivot = row;
                }
            }

            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                {
                    (a[(col * n) + k], a[(pivot * n) + k]) = (a[(pivot * n) + k], a[(col * n) + k]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            var diagonal = a[(col * n) + col];
            if (Math.Abs(diagonal) < 1e-12)
            {
                continue;
            }

            for (var row = col + 1; row < n; row++)
            {
                var factor = a[(row * n) + col] / diagonal;
                for (var k = col; k < n; k++)
                {
                    a[(row * n) + k] -= factor * a[(col * n) + k];
                }

                b[row] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var s = b[row];
            for (var k = row + 1; k < n; k++)
            {
                s -= a[(row * n) + k] * x[k];
            }

            x[row] = Math.Abs(a[(row * n) + row]) < 1e-12 ? 0 : s / a[(row * n) + row];
        }

        return x;
    }
}
