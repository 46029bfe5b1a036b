namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>A compact mass of intermediate effective atomic number: a candidate bag of drug salt.</summary>
/// <param name="X0">Box in the analysed image's pixels (left).</param>
/// <param name="Y0">Box (top).</param>
/// <param name="X1">Box (right, exclusive).</param>
/// <param name="Y1">Box (bottom, exclusive).</param>
/// <param name="Slope">The material: excess low-energy residual per unit of excess high-energy attenuation over the ring's
/// thinner half, over the cells holding at least half the peak residual.</param>
/// <param name="Residual">The largest smoothed residual inside: how much of that material lies there.</param>
/// <param name="AreaCm2">The candidate's area.</param>
/// <param name="Grams">Estimated mass from the excess high-energy attenuation.</param>
/// <param name="Thickness">The core's mean excess high-energy attenuation: how thick the material is.</param>
/// <param name="BackHigh">The high-energy attenuation of what lies under and over it (the ring's thinner half).</param>
/// <param name="BesideDense">Whether it lies within reach of metal or mineral (kept out of candidates).</param>
internal sealed record PowderCandidate(int X0, int Y0, int X1, int Y1, double Slope, double Residual, double AreaCm2, double Grams, double Thickness, double BackHigh, bool BesideDense = false);

/// <summary>
/// Bags of drug salt by their material. Cocaine and MDMA are sold as hydrochlorides (10–15% chlorine by mass),
/// which puts their effective atomic number near 9, between organic matter (6–7.5: paper, clothes, food,
/// plastics) and light metals and minerals (13 and up: aluminium, calcium tablets). A dual-energy scanner's low
/// channel loses more to photoelectric absorption the higher that number, so at equal high-energy attenuation
/// a salt attenuates the low channel more than organic matter does and less than a metal.
/// The method: (1) the image's own organic line, the low-energy attenuation L as a function of the high one H
/// (L = aH + bH², b ≤ 0, fitted by least absolute deviations: most of a parcel is organic), so that neither the
/// spectrum nor the detector need be known; (2) the residual R = L − f(H), near zero for organic matter at any
/// thickness and roughly additive over layers; (3) regions where the smoothed R stands out, with metal and
/// mineral (R above 0.4) and 1.5 cm around them kept out; (4) each region judged by its slope ΔR/ΔH against the
/// thinner half of the ring around it, so that what lies under or over the bag cancels: organic matter gives a
/// slope near 0, food with some ash (coffee) about 0.1–0.2, the salts 0.2–0.5, light metal and mineral more.
/// The slope bands are read off our generator's physics (NIST coefficients, a 140–160 kV tube and a sandwich
/// detector, `parcel-materials` in the bench): another detector will move them, which is why the score is a
/// soft weight and the operating point is learned from cleared parcels.
/// Written here because no library offers dual-energy material discrimination for parcel images.
/// </summary>
internal static class PowderFinder
{
    /// <summary>Working cell size: bags are centimetres across and the residual needs averaging against noise.</summary>
    private const double CellMm = 3.0;

    /// <summary>Assumed high-channel mass attenuation of organic salts (cm²/g) for the grams; rough, as for tablets.</summary>
    public const double HighCm2PerGram = 0.18;

    /// <summary>The smallest region kept: 50 g of powder 3 cm thick covers some 20 cm², its stand-out core more than half.</summary>
    private const double MinAreaCm2 = 10;

    /// <summary>How far around metal and mineral cells are kept out of candidates.</summary>
    private const double DenseHaloMm = 15;

    /// <summary>A residual above this is metal or mineral: 500 g of salt 4 cm thick reaches about 0.3.</summary>
    private const double DenseResidual = 0.4;

    /// <summary>
    /// 0–1: how much the candidate looks like a bag of drug salt. The material weight rises from 0 at a slope of
    /// 0.12 (organic matter and food with some ash, such as coffee, stay below) to 1 at 0.30 and falls again from
    /// 0.6 to 0 at 0.9 (light metal and mineral); times the residual, which grows with how much salt lies there,
    /// mapped as s² / (s² + 0.08²); weighed down above the thickness of a bag. A candidate next to metal or
    /// mineral scores 0 when a thick background lies under it: its slope is then not its own.
    /// </summary>
    public static double Score(PowderCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        // Beside metal or mineral, a slope is the candidate's own only where little lies under it: over a thick
        // background the ring's thinner half is the edge of the dense thing itself.
        if ((candidate.BesideDense && candidate.BackHigh > 0.5) || !double.IsFinite(candidate.Slope) || candidate.Thickness <= 0)
        {
            return 0;
        }

        var k = candidate.Slope;
        const double lo = 0.12, hi = 0.30;
        var material = k <= lo ? 0 : k < hi ? (k - lo) / (hi - lo) : k <= 0.6 ? 1 : k < 0.9 ? (0.9 - k) / 0.3 : 0;
        // A bag of powder in a parcel is at most about 5 cm thick (excess high-energy attenuation near 0.9 at
        // 1 g/cm³); a thicker compact mass that reads like this is a stack of mineral tablets, whose slope beam
        // hardening has brought down to the salts' (a bottle of calcium tablets seen down its axis).
        var thickness = candidate.Thickness <= 0.9 ? 1 : Math.Max(0, (1.2 - candidate.Thickness) / 0.3);
        var s = candidate.Residual * material * thickness;
        return s * s / ((s * s) + (0.08 * 0.08));
    }

    /// <summary>The candidates of a dual-energy parcel scan, highest residual first (none for one energy).</summary>
    public static IReadOnlyList<PowderCandidate> Find(ParcelImage image, CancellationToken cancellationToken = default)
    {
        if (image.High is not { } highFull)
        {
            return [];
        }

        var factor = Math.Max(1, (int)Math.Round(CellMm / image.PitchMm));
        var (w, h) = (image.Width / factor, image.Height / factor);
        if (w < 8 || h < 8)
        {
            return [];
        }

        var low = Bin(image.Low, image.Width, factor, w, h);
        var high = Bin(highFull, image.Width, factor, w, h);
        cancellationToken.ThrowIfCancellationRequested();
        var (a, b) = OrganicLine(low, high);
        var residual = new float[low.Length];
        for (var i = 0; i < low.Length; i++)
        {
            residual[i] = (float)(low[i] - ((a * high[i]) + (b * high[i] * high[i])));
        }

        var cellMm = image.PitchMm * factor;
        var r = Filters.Blur(residual, w, h, 4 / cellMm);
        var hs = Filters.Blur(high, w, h, 4 / cellMm);

        // Noise of the residual where little lies: the scale a region must stand out by.
        var noise = Math.Max(0.01, 1.4826 * Filters.MedianAbs(Filters.Subtract(residual, r), 3));
        var threshold = Math.Max(0.04, 4 * noise);
        var labels = new int[w * h];
        var halo = Math.Max(1, (int)Math.Round(DenseHaloMm / cellMm));

        // Metal and mineral (a phone, a charger, a bottle of calcium tablets) leave residuals no bag of salt reaches;
        // they and 1.5 cm around them (where the blurred residual falls off their edge) are kept out, so that a bag
        // lying near them is neither merged into them nor judged by their edge.
        var dense = new byte[w * h];
        for (var i = 0; i < dense.Length; i++)
        {
            dense[i] = r[i] > DenseResidual ? (byte)1 : (byte)0;
        }

        foreach (var i in Filters.Dilate(dense, w, h, halo))
        {
            labels[i] = -1;
        }

        var candidates = new List<PowderCandidate>();
        var next = 0;
        var cellCm2 = cellMm * cellMm / 100;
        var stack = new Stack<int>();
        for (var start = 0; start < labels.Length; start++)
        {
            if (labels[start] != 0 || r[start] < threshold)
            {
                continue;
            }

            next++;
            var cells = new List<int>();
            var besideDense = false;
            stack.Push(start);
            labels[start] = next;
            while (stack.Count > 0)
            {
                var c = stack.Pop();
                cells.Add(c);
                var (cx, cy) = (c % w, c / w);
                foreach (var (nx, ny) in new[] { (cx - 1, cy), (cx + 1, cy), (cx, cy - 1), (cx, cy + 1) })
                {
                    if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[(ny * w) + nx] == -1)
                    {
                        besideDense = true;
                    }

                    if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[(ny * w) + nx] == 0 && r[(ny * w) + nx] >= threshold)
                    {
                        labels[(ny * w) + nx] = next;
                        stack.Push((ny * w) + nx);
                    }
                }
            }

            foreach (var part in Split(cells, r, w, h))
            {
                if (part.Count * cellCm2 >= MinAreaCm2)
                {
                    candidates.Add(Judge(part, labels, r, hs, w, h, factor, cellMm) with { BesideDense = besideDense && Touches(part, labels, w, h) });
                }
            }
        }

        return [.. candidates.OrderByDescending(c => c.Residual)];
    }

    /// <summary>
    /// A region split at its saddles, by flooding from the highest residual down: where two humps meet below half
    /// the lower one's peak they stay apart, otherwise the lower joins the higher. A bag lying against a coffee
    /// packet or a phone's aluminium back is its own candidate then, judged by its own slope.
    /// </summary>
    internal static List<List<int>> Split(List<int> cells, float[] r, int w, int h)
    {
        var order = cells.OrderByDescending(c => r[c]).ToArray();
        var region = new Dictionary<int, int>(cells.Count);
        var peaks = new List<double>();
        var parent = new List<int>();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var roots = new List<int>(8);
        foreach (var c in order)
        {
            roots.Clear();
            var (cx, cy) = (c % w, c / w);
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var (nx, ny) = (cx + dx, cy + dy);
                    if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < w && ny < h && region.TryGetValue((ny * w) + nx, out var id) && !roots.Contains(Find(id)))
                    {
                        roots.Add(Find(id));
                    }
                }
            }

            if (roots.Count == 0)
            {
                region[c] = peaks.Count;
                parent.Add(peaks.Count);
                peaks.Add(r[c]);
                continue;
            }

            var main = roots.MaxBy(i => peaks[i]);
            foreach (var other in roots.Where(i => i != main && r[c] >= 0.5 * peaks[i]))
            {
                parent[other] = main;
            }

            region[c] = main;
        }

        return [.. cells.GroupBy(c => Find(region[c])).Select(g => g.ToList())];
    }

    private static bool Touches(List<int> part, int[] labels, int w, int h)
    {
        foreach (var c in part)
        {
            var (cx, cy) = (c % w, c / w);
            foreach (var (nx, ny) in new[] { (cx - 1, cy), (cx + 1, cy), (cx, cy - 1), (cx, cy + 1) })
            {
                if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[(ny * w) + nx] == -1)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static PowderCandidate Judge(List<int> cells, int[] labels, float[] r, float[] hs, int w, int h, int factor, double cellMm)
    {
        var cellCm2 = cellMm * cellMm / 100;
        var (x0, y0, x1, y1) = (int.MaxValue, int.MaxValue, 0, 0);
        var peak = 0.0;
        foreach (var c in cells)
        {
            var (x, y) = (c % w, c / w);
            (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x + 1), Math.Max(y1, y + 1));
            peak = Math.Max(peak, r[c]);
        }

        // The ring: cells within 1.5 cm of the box that belong to no candidate; its medians are what lies under and over.
        var ring = Math.Max(2, (int)Math.Round(15 / cellMm));
        var ringR = new List<double>();
        var ringH = new List<double>();
        for (var y = Math.Max(0, y0 - ring); y < Math.Min(h, y1 + ring); y++)
        {
            for (var x = Math.Max(0, x0 - ring); x < Math.Min(w, x1 + ring); x++)
            {
                var i = (y * w) + x;
                if (labels[i] == 0 && (x < x0 || x >= x1 || y < y0 || y >= y1))
                {
                    ringR.Add(r[i]);
                    ringH.Add(hs[i]);
                }
            }
        }

        // The thinner half of the ring: where the ring crosses a thicker item (books beside the bag), its median
        // would stand above the bag's own background.
        var ringMedian = Filters.Median(ringH);
        var (backR, backH, thin) = (0.0, 0.0, 0);
        for (var k = 0; k < ringH.Count; k++)
        {
            if (ringH[k] <= ringMedian)
            {
                backR += ringR[k];
                backH += ringH[k];
                thin++;
            }
        }

        (backR, backH) = thin == 0 ? (0, 0) : (backR / thin, backH / thin);
        var dh = 0.0;
        foreach (var c in cells)
        {
            dh += hs[c] - backH;
        }

        var grams = Math.Max(0, dh) * cellCm2 / HighCm2PerGram;
        var (cr, ch, cn) = (0.0, 0.0, 0);
        foreach (var c in cells)
        {
            if (r[c] >= 0.5 * peak)
            {
                cr += r[c] - backR;
                ch += hs[c] - backH;
                cn++;
            }
        }

        return new PowderCandidate(x0 * factor, y0 * factor, x1 * factor, y1 * factor, ch > 1e-6 ? cr / ch : double.PositiveInfinity, peak,
            cells.Count * cellCm2, grams, ch / Math.Max(1, cn), backH);
    }

    /// <summary>
    /// L = aH + bH² through the origin, that is a ratio L/H = a + bH falling with thickness (beam hardening only
    /// lowers a material's low-to-high ratio as it thickens, so b ≤ 0), fitted by least absolute deviations of the
    /// ratio weighted by H (a deviation of the ratio costs H in L): most of a parcel is organic matter, so the fit
    /// follows it, and a bottle of calcium tablets or a phone, alone at the thickest cells, cannot bend it (a least-
    /// squares fit went up through them and took them for organic). Cells below H = 0.03 (air, thin film) are left
    /// out: their ratio is noise.
    /// </summary>
    internal static (double A, double B) OrganicLine(float[] low, float[] high)
    {
        var cells = new List<(double H, double Ratio)>();
        var step = Math.Max(1, high.Length / 4_000);
        for (var i = 0; i < high.Length; i += step)
        {
            if (high[i] > 0.03f)
            {
                cells.Add((high[i], low[i] / high[i]));
            }
        }

        if (cells.Count < 20)
        {
            return (1.5, 0);
        }

        // The cost, minimised over a for each b, is convex in b (a convex function of (a, b) minimised over a):
        // a golden-section search over b in [−0.6, 0] finds it in 30 steps.
        var values = new double[cells.Count];
        var weights = new double[cells.Count];
        (double A, double Cost) At(double b)
        {
            for (var k = 0; k < cells.Count; k++)
            {
                values[k] = cells[k].Ratio - (b * cells[k].H);
                weights[k] = cells[k].H;
            }

            Array.Sort(values, weights);
            var a = WeightedMedian(values, weights);
            var cost = 0.0;
            for (var k = 0; k < values.Length; k++)
            {
                cost += weights[k] * Math.Abs(values[k] - a);
            }

            return (a, cost);
        }

        const double Golden = 0.6180339887;
        var (lo, hi) = (-0.6, 0.0);
        var (x1, x2) = (hi - (Golden * (hi - lo)), lo + (Golden * (hi - lo)));
        var (f1, f2) = (At(x1).Cost, At(x2).Cost);
        for (var iteration = 0; iteration < 30; iteration++)
        {
            if (f1 <= f2)
            {
                (hi, x2, f2) = (x2, x1, f1);
                x1 = hi - (Golden * (hi - lo));
                f1 = At(x1).Cost;
            }
            else
            {
                (lo, x1, f1) = (x1, x2, f2);
                x2 = lo + (Golden * (hi - lo));
                f2 = At(x2).Cost;
            }
        }

        var bestB = (lo + hi) / 2;
        return (At(bestB).A, bestB);
    }

    /// <summary>The weighted median of sorted <paramref name="values"/>.</summary>
    private static double WeightedMedian(double[] values, double[] weights)
    {
        var half = weights.Sum() / 2;
        var sum = 0.0;
        for (var k = 0; k < values.Length; k++)
        {
            sum += weights[k];
            if (sum >= half)
            {
                return values[k];
            }
        }

        return values[^1];
    }

    private static float[] Bin(float[] image, int width, int factor, int w, int h)
    {
        var result = new float[w * h];
        var inv = 1f / (factor * factor);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var sum = 0f;
                for (var dy = 0; dy < factor; dy++)
                {
                    var row = ((y * factor) + dy) * width;
                    for (var dx = 0; dx < factor; dx++)
                    {
                        sum += image[row + (x * factor) + dx];
                    }
                }

                result[(y * w) + x] = sum * inv;
            }
        }

        return result;
    }
}
