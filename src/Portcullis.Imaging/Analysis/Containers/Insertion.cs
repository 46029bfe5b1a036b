namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Synthetic concealments put into a cleared scan's attenuation map: examples no scene generator made, for learning
/// a detector from cleared scans only and for checking the analysis on them. Beer–Lambert makes attenuation
/// (−ln T) additive along a ray, so a packed stack of bricks adds its mass attenuation coefficient × density × path
/// length; where it takes the place of cargo, the cargo's share of that path goes. Shapes, sizes, places and edge
/// blur are drawn widely on purpose, so that nothing learnt from them is one generator's shapes.
/// </summary>
public static class Insertion
{
    /// <summary>Where a synthetic concealment goes, in the canonical frame (front end at column 0, roof at row 0).</summary>
    public enum Place
    {
        Doors,
        Floor,
        Wall,
        Cargo,
        Machinery,
    }

    /// <summary>
    /// One insertion: the added attenuation per canonical working bin, and the mass it stands for (the footprint
    /// may be clamped to what fits the place, so this may differ from the mass asked for).
    /// </summary>
    public sealed record Added(float[] Delta, double Kg, Place Place);

    // Inner width of a container (cm): the path of a ray across the load, for the cargo a concealment displaces.
    private const double InnerWidthCm = 235;

    /// <summary>
    /// A random concealment of 2–40 kg (log-uniform) of a powder packed at 1.1–1.3 g/cm³ into
    /// <paramref name="view"/>'s canonical frame. <paramref name="mu"/> is the mass attenuation coefficient (cm²/g)
    /// at the beam's effective energy in the view's attenuation scale.
    /// </summary>
    public static Added Random(ContainerView view, double mu, Random random)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(random);
        var reefer = view.TypeKey.EndsWith("reefer", StringComparison.Ordinal);
        var places = reefer ? new[] { Place.Doors, Place.Floor, Place.Wall, Place.Cargo, Place.Machinery } : [Place.Doors, Place.Floor, Place.Wall, Place.Cargo];
        var place = places[random.Next(places.Length)];
        var kg = Math.Exp(Uniform(random, Math.Log(2), Math.Log(40)));
        return Make(view, mu, random, place, kg);
    }

    /// <summary>A concealment of <paramref name="kg"/> at <paramref name="place"/>, shape and position drawn from <paramref name="random"/>.</summary>
    public static Added Make(ContainerView view, double mu, Random random, Place place, double kg)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(random);
        var density = Uniform(random, 1.1, 1.3);
        var volume = kg * 1000 / density;
        var lengthCm = view.Width * view.CmPerBinX;
        var heightCm = view.Height * view.CmPerBinY;

        // Footprint in the image (along × up, cm), path across the container (cm), and where it sits (fractions).
        double w, h, depth, along, up;
        var displaces = false;
        switch (place)
        {
            case Place.Floor:
                // Between cross-members or in the floor's insulation: low and long, across much of the width.
                h = Uniform(random, 4, 12);
                depth = Uniform(random, 30, 220);
                w = Math.Clamp(volume / (h * depth), 8, 400);
                along = Uniform(random, 0.08, 0.92);
                up = 1 - (Uniform(random, 0.01, 0.07) * 259 / heightCm);
                break;
            case Place.Wall:
                if (random.NextDouble() < 0.5)
                {
                    // A layer behind a side wall's lining: thin across, large in the image.
                    depth = Uniform(random, 2, 8);
                    var area = volume / depth;
                    var aspect = Math.Exp(Uniform(random, Math.Log(0.3), Math.Log(4)));
                    w = Math.Clamp(Math.Sqrt(area * aspect), 10, 600);
                    h = Math.Clamp(area / w, 10, heightCm * 0.9);
                    along = Uniform(random, 0.05, 0.95);
                    up = Uniform(random, 0.15, 0.85);
                }
                else
                {
                    // Behind a false front wall: a slab across the whole width, a few centimetres along the length.
                    depth = Uniform(random, 120, 230);
                    w = Uniform(random, 4, 20);
                    h = Math.Clamp(volume / (w * depth), 10, heightCm * 0.9);
                    along = Uniform(random, 0.02, 0.1);
                    up = Uniform(random, 0.2, 0.8);
                }

                break;
            case Place.Machinery:
                depth = Uniform(random, 5, 40);
                (w, h) = Footprint(random, volume / depth, 8, 45, heightCm * 0.8);
                along = Uniform(random, 0.005, 0.04);
                up = Uniform(random, 0.1, 0.9);
                break;
            case Place.Doors:
                // A rip-on bag just inside the doors, mostly low.
                depth = Uniform(random, 5, 30);
                (w, h) = Footprint(random, volume / depth, 8, 60, heightCm * 0.6);
                along = Uniform(random, 0.93, 0.99);
                up = Uniform(random, 0.5, 0.95);
                break;
            default:
                depth = Uniform(random, 5, 30);
                (w, h) = Footprint(random, volume / depth, 8, 150, heightCm * 0.7);
                along = Uniform(random, 0.1, 0.9);
                up = Uniform(random, 0.1, 0.85);
                displaces = random.NextDouble() < 0.5;
                break;
        }

        var cx = along * lengthCm / view.CmPerBinX;
        var cy = up * heightCm / view.CmPerBinY;
        var halfW = Math.Max(1, w / view.CmPerBinX / 2);
        var halfH = Math.Max(1, h / view.CmPerBinY / 2);
        cx = Math.Clamp(cx, halfW, view.Width - halfW);
        cy = Math.Clamp(cy, halfH, view.Height - halfH);
        var shape = new float[view.Width * view.Height];
        var kind = random.Next(3);
        if (kind == 0)
        {
            Fill(shape, view, cx - halfW, cy - halfH, cx + halfW, cy + halfH, ellipse: false);
        }
        else if (kind == 1)
        {
            Fill(shape, view, cx - halfW, cy - halfH, cx + halfW, cy + halfH, ellipse: true);
        }
        else
        {
            // A loose pile: a few bricks' rectangles around the centre, overlapping.
            var pieces = random.Next(2, 5);
            for (var k = 0; k < pieces; k++)
            {
                var pw = halfW * Uniform(random, 0.4, 0.8);
                var ph = halfH * Uniform(random, 0.4, 0.8);
                var px = cx + (Uniform(random, -0.5, 0.5) * halfW);
                var py = cy + (Uniform(random, -0.5, 0.5) * halfH);
                Fill(shape, view, px - pw, py - ph, px + pw, py + ph, ellipse: false);
            }
        }

        // The scanner's point spread: a blur of random width (three box passes approximate a Gaussian).
        var sigma = Uniform(random, 0.3, 2.5);
        Blur(shape, view.Width, view.Height, sigma);

        // Scaled so that the shape holds the footprint's area whatever its outline (a pile's overlapping bricks
        // are thicker where they overlap): the mass put in is density × depth × footprint, blur or not.
        var covered = shape.Sum() * view.CmPerBinX * view.CmPerBinY;
        if (covered > 0)
        {
            var fill = (float)(w * h / covered);
            for (var i = 0; i < shape.Length; i++)
            {
                shape[i] *= fill;
            }
        }

        var perCm = mu * density;
        var delta = new float[shape.Length];
        var noise = NoiseOf(view, (int)cx, (int)cy);
        for (var y = 0; y < view.Height; y++)
        {
            for (var x = 0; x < view.Width; x++)
            {
                var i = (y * view.Width) + x;
                if (shape[i] <= 0.001f)
                {
                    continue;
                }

                var add = perCm * depth;
                if (displaces)
                {
                    // In place of cargo: the load's attenuation per cm of path over the concealment's depth goes.
                    add = Math.Max(0.2 * add, add - (view.At(x, y) / InnerWidthCm * depth));
                }

                var d = add * shape[i];
                // Fewer photons behind the added mass: the noise of −ln T grows by √(e^Δ) − its old share.
                var sd = noise * Math.Sqrt(Math.Min(9, Math.Exp(d) - 1));
                delta[i] = (float)(d + (sd * Gaussian(random)));
            }
        }

        // The mass the insertion stands for: the footprint may have been clamped to the place's limits.
        return new Added(delta, density * depth * w * h / 1000, place);
    }

    private static (double W, double H) Footprint(Random random, double area, double min, double max, double maxH)
    {
        var aspect = Math.Exp(Uniform(random, Math.Log(0.33), Math.Log(3)));
        var w = Math.Clamp(Math.Sqrt(area * aspect), min, max);
        var h = Math.Clamp(area / w, min, Math.Max(min, maxH));
        return (w, h);
    }

    private static void Fill(float[] shape, ContainerView view, double x0, double y0, double x1, double y1, bool ellipse)
    {
        var (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
        var (rx, ry) = (Math.Max(0.5, (x1 - x0) / 2), Math.Max(0.5, (y1 - y0) / 2));
        for (var y = Math.Max(0, (int)Math.Floor(y0)); y < Math.Min(view.Height, (int)Math.Ceiling(y1)); y++)
        {
            for (var x = Math.Max(0, (int)Math.Floor(x0)); x < Math.Min(view.Width, (int)Math.Ceiling(x1)); x++)
            {
                var inside = !ellipse || (Math.Pow((x + 0.5 - cx) / rx, 2) + Math.Pow((y + 0.5 - cy) / ry, 2) <= 1);
                if (inside)
                {
                    shape[(y * view.Width) + x] = 1;
                }
            }
        }
    }

    private static void Blur(float[] image, int w, int h, double sigma)
    {
        // Three box passes of width r give a Gaussian of variance 3·((2r+1)² − 1)/12.
        var r = (int)Math.Round((Math.Sqrt((4 * sigma * sigma) + 1) - 1) / 2);
        if (r < 1)
        {
            return;
        }

        var line = new float[Math.Max(w, h)];
        for (var pass = 0; pass < 3; pass++)
        {
            for (var y = 0; y < h; y++)
            {
                BoxLine(image, y * w, 1, w, r, line);
            }

            for (var x = 0; x < w; x++)
            {
                BoxLine(image, x, w, h, r, line);
            }
        }
    }

    private static void BoxLine(float[] image, int start, int stride, int n, int r, float[] line)
    {
        for (var i = 0; i < n; i++)
        {
            line[i] = image[start + (i * stride)];
        }

        double sum = 0;
        for (var i = -r; i <= r; i++)
        {
            sum += line[Math.Clamp(i, 0, n - 1)];
        }

        for (var i = 0; i < n; i++)
        {
            image[start + (i * stride)] = (float)(sum / ((2 * r) + 1));
            sum += line[Math.Min(n - 1, i + r + 1)] - line[Math.Max(0, i - r)];
        }
    }

    /// <summary>The pixel noise of −ln T near (x, y): the median horizontal step over a small patch, as one pixel's spread.</summary>
    private static double NoiseOf(ContainerView view, int cx, int cy)
    {
        var steps = new List<float>();
        for (var y = Math.Max(0, cy - 10); y < Math.Min(view.Height, cy + 10); y++)
        {
            for (var x = Math.Max(0, cx - 20); x < Math.Min(view.Width - 1, cx + 20); x++)
            {
                steps.Add(Math.Abs(view.At(x + 1, y) - view.At(x, y)));
            }
        }

        if (steps.Count == 0)
        {
            return 0;
        }

        steps.Sort();
        return steps[steps.Count / 2] / (0.6745 * Math.Sqrt(2));
    }

    private static double Uniform(Random random, double lo, double hi) => lo + (random.NextDouble() * (hi - lo));

    private static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
