namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>One candidate area of tablets: its box, how many disc-like blobs it holds, and what they look like.</summary>
internal sealed record TabletCluster(
    int X0,
    int Y0,
    int X1,
    int Y1,
    int Blobs,
    int Densest,
    double Consistency,
    double RelativeRatio,
    double Grams,
    double Evidence);

/// <summary>
/// Tablets are many small discs (7–11 mm) of one size: a difference of Gaussians tuned to that size in
/// millimetres finds their centres, a scale test drops what is clearly larger (sweets, bulbs) or smaller
/// (noise, texture), a curvature test drops the straight edges of other items, and a density count finds where they crowd together. A slab of stacked tablets shows as the
/// same regular texture of touching discs; a loose pile as overlapping ones.
/// </summary>
internal static class TabletFinder
{
    /// <summary>The disc diameter the filters are tuned to (the middle of 7–11 mm).</summary>
    public const double DiameterMm = 9;

    /// <summary>The pitch the filters work at: the tuning scanner's; coarser scans are resampled to it.</summary>
    public const double WorkingPitchMm = 1.5;

    public static IReadOnlyList<TabletCluster> Find(ParcelImage original, double ratioReference, CancellationToken cancellationToken)
    {
        var image = original.AtMostPitch(WorkingPitchMm);
        var clusters = FindOn(image, ratioReference, cancellationToken);
        if (ReferenceEquals(image, original))
        {
            return clusters;
        }

        // Boxes back in the original image's pixels.
        var (sx, sy) = ((double)original.Width / image.Width, (double)original.Height / image.Height);
        return [.. clusters.Select(c => c with
        {
            X0 = (int)Math.Floor(c.X0 * sx),
            Y0 = (int)Math.Floor(c.Y0 * sy),
            X1 = Math.Min(original.Width, (int)Math.Ceiling(c.X1 * sx)),
            Y1 = Math.Min(original.Height, (int)Math.Ceiling(c.Y1 * sy)),
        })];
    }

    private static List<TabletCluster> FindOn(ParcelImage image, double ratioReference, CancellationToken cancellationToken)
    {
        var (w, h) = (image.Width, image.Height);
        // Tuned to a crowd, not a lone disc: touching discs repeat every diameter, and a difference of
        // Gaussians (σ, 1.6σ) passes wavelengths near 4.4σ best.
        var sigma = DiameterMm / 4.4 / image.PitchMm;
        var blurS = Filters.Blur(image.Low, w, h, sigma / 1.6);
        var blurM = Filters.Blur(image.Low, w, h, sigma);
        var blurL = Filters.Blur(image.Low, w, h, sigma * 1.6);
        var blurLL = Filters.Blur(image.Low, w, h, sigma * 2.56);
        cancellationToken.ThrowIfCancellationRequested();
        var small = Filters.Subtract(blurS, blurM);
        var mid = Filters.Subtract(blurM, blurL);
        var large = Filters.Subtract(blurL, blurLL);
        float[]? midHigh = null;
        if (image.High is { } high)
        {
            midHigh = Filters.Subtract(Filters.Blur(high, w, h, sigma), Filters.Blur(high, w, h, sigma * 1.6));
        }

        // Quantum noise sets the floor: measured where the parcel is thin, and growing as exp(A/2) behind
        // thicker matter (fewer photons), so a tablet on a book needs more contrast than one on clothes.
        var noise = 1.4826 * Filters.MedianAbs(small, 7);
        var floor = Math.Max(5 * noise, 0.003);
        var blobs = new List<(int X, int Y, float R, float Ratio)>();
        var reach = Math.Max(1, (int)Math.Round(sigma));
        for (var y = reach; y < h - reach; y++)
        {
            for (var x = reach; x < w - reach; x++)
            {
                var i = (y * w) + x;
                var r = mid[i];
                if (r < floor * MathF.Exp(blurM[i] / 2) || r < 0.7 * large[i] || r < 0.5 * small[i] || !IsPeak(mid, w, x, y, reach) || !IsRound(blurM, w, x, y))
                {
                    continue;
                }

                var ratio = midHigh is null || midHigh[i] <= 1e-4 ? float.NaN : r / midHigh[i];
                blobs.Add((x, y, r, ratio));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Cluster(blobs, image, ratioReference, sigma);
    }

    /// <summary>
    /// A disc curves down alike in every direction; an item's straight edge curves in one only. The Hessian's
    /// two eigenvalues must both be negative and within a factor of four of each other.
    /// </summary>
    private static bool IsRound(float[] map, int w, int x, int y)
    {
        var c = map[(y * w) + x];
        var dxx = map[(y * w) + x + 1] + map[(y * w) + x - 1] - (2 * c);
        var dyy = map[((y + 1) * w) + x] + map[((y - 1) * w) + x] - (2 * c);
        var dxy = (map[((y + 1) * w) + x + 1] + map[((y - 1) * w) + x - 1] - map[((y + 1) * w) + x - 1] - map[((y - 1) * w) + x + 1]) / 4;
        var mean = (dxx + dyy) / 2;
        var root = MathF.Sqrt((((dxx - dyy) / 2) * ((dxx - dyy) / 2)) + (dxy * dxy));
        var (l1, l2) = (mean - root, mean + root);
        return l2 < 0 && l2 < l1 / 4;
    }

    private static bool IsPeak(float[] map, int w, int x, int y, int reach)
    {
        var v = map[(y * w) + x];
        for (var dy = -reach; dy <= reach; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                if ((dx != 0 || dy != 0) && map[((y + dy) * w) + x + dx] > v)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static List<TabletCluster> Cluster(List<(int X, int Y, float R, float Ratio)> blobs, ParcelImage image, double ratioReference, double sigma)
    {
        // Cells of 1 cm; a tablet crowd fills a 5 × 5 cm window with tens of discs, sweets and bulbs with a few.
        var cell = Math.Max(2, (int)Math.Round(10 / image.PitchMm));
        var cols = (image.Width + cell - 1) / cell;
        var rows = (image.Height + cell - 1) / cell;
        var counts = new int[cols * rows];
        foreach (var b in blobs)
        {
            counts[((b.Y / cell) * cols) + (b.X / cell)]++;
        }

        const int Window = 2;
        var density = new int[counts.Length];
        for (var cy = 0; cy < rows; cy++)
        {
            for (var cx = 0; cx < cols; cx++)
            {
                var sum = 0;
                for (var dy = -Window; dy <= Window; dy++)
                {
                    for (var dx = -Window; dx <= Window; dx++)
                    {
                        var (x, y) = (cx + dx, cy + dy);
                        sum += x >= 0 && y >= 0 && x < cols && y < rows ? counts[(y * cols) + x] : 0;
                    }
                }

                density[(cy * cols) + cx] = sum;
            }
        }

        // Connected cells where the crowd is dense enough to be more than a handful of sweets.
        const int MinDensity = 8;
        var label = new int[counts.Length];
        var clusters = new List<TabletCluster>();
        for (var start = 0; start < counts.Length; start++)
        {
            if (label[start] != 0 || density[start] < MinDensity)
            {
                continue;
            }

            var id = clusters.Count + 1;
            var stack = new Stack<int>();
            stack.Push(start);
            label[start] = id;
            var cells = new List<int>();
            while (stack.Count > 0)
            {
                var c = stack.Pop();
                cells.Add(c);
                var (cx, cy) = (c % cols, c / cols);
                foreach (var (nx, ny) in new[] { (cx - 1, cy), (cx + 1, cy), (cx, cy - 1), (cx, cy + 1) })
                {
                    if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && label[(ny * cols) + nx] == 0 && density[(ny * cols) + nx] >= MinDensity)
                    {
                        label[(ny * cols) + nx] = id;
                        stack.Push((ny * cols) + nx);
                    }
                }
            }

            var members = blobs.Where(b => label[((b.Y / cell) * cols) + (b.X / cell)] == id && counts[((b.Y / cell) * cols) + (b.X / cell)] > 0).ToList();
            if (members.Count < 4)
            {
                continue;
            }

            var densest = cells.Max(c => density[c]);
            var responses = members.Select(b => (double)b.R).ToList();
            var median = Filters.Median(responses);
            var spread = Filters.Median(responses.Select(r => Math.Abs(r - median))) / Math.Max(median, 1e-6);
            var ratios = members.Where(b => !float.IsNaN(b.Ratio)).Select(b => (double)b.Ratio).ToList();
            var relative = ratios.Count > 0 && ratioReference > 0 ? Filters.Median(ratios) / ratioReference : double.NaN;
            var pad = (int)Math.Ceiling(sigma * 2.5);
            var x0 = Math.Max(0, members.Min(b => b.X) - pad);
            var y0 = Math.Max(0, members.Min(b => b.Y) - pad);
            var x1 = Math.Min(image.Width, members.Max(b => b.X) + pad + 1);
            var y1 = Math.Min(image.Height, members.Max(b => b.Y) + pad + 1);
            var grams = Mass.Grams(image, x0, y0, x1, y1);
            clusters.Add(new TabletCluster(x0, y0, x1, y1, members.Count, densest, 1 - Math.Min(1, spread), relative, grams, 0));
        }

        return clusters;
    }
}
