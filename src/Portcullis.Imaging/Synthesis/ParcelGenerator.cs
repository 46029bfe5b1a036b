using System.Globalization;
using static Portcullis.Imaging.Synthesis.ContainerStructure;

namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Postal parcels for a 140–160 kV dual-energy parcel scanner: a cardboard box on a rubber belt with
/// everyday contents (clothes, books, a phone and charger, bottles, coffee, sweets, vitamin bottles,
/// tulip bulbs) and, in some, ecstasy tablets (discs 7–11 mm, 3–5 mm thick, 1.2–1.4 g/cm³; a slab of
/// stacks in a bag or a loose pile) or a bag of powder. Tablets lie face on to the beam.
/// </summary>
public static class ParcelGenerator
{
    private const double Belt = 60;

    /// <summary>A parcel from <paramref name="seed"/>, with <paramref name="drugs"/> (Tablets or Powder) of about <paramref name="grams"/>, or none.</summary>
    public static ParcelScene Scene(int seed, ConcealmentMethod? drugs = null, double grams = 0)
    {
        var random = new SeededRandom(Seeds.Mix(seed, 53));
        var length = 25 + (random.NextDouble() * 30);
        var width = 18 + (random.NextDouble() * 20);
        var height = 10 + (random.NextDouble() * 20);
        var x0 = 0.0;
        var y0 = 3 + (random.NextDouble() * (Belt - width - 6));
        var s = new List<Solid>
        {
            // Belt, box top and bottom (crossed by every ray), box walls seen edge on along the beam.
            Box(Materials.Rubber, 1.2, -20, 0, length + 20, Belt, 0.8),
            Box(Materials.Cellulose, 0.15, x0, y0, x0 + length, y0 + width, 1.0),
            Box(Materials.Cellulose, 0.15, x0, y0, x0 + 0.5, y0 + width, height),
            Box(Materials.Cellulose, 0.15, x0 + length - 0.5, y0, x0 + length, y0 + width, height),
            Box(Materials.Cellulose, 0.15, x0, y0, x0 + length, y0 + 0.5, height),
            Box(Materials.Cellulose, 0.15, x0, y0 + width - 0.5, x0 + length, y0 + width, height),
        };
        var inside = (X0: x0 + 1, Y0: y0 + 1, X1: x0 + length - 1, Y1: y0 + width - 1, H: height - 1);
        var contents = new List<string>();
        var items = new (string Name, Action Add)[]
        {
            ("clothes", () => Clothes(s, inside, random)),
            ("books", () => Books(s, inside, random)),
            ("phone and charger", () => Phone(s, inside, random)),
            ("bottles", () => Bottle(s, inside, random)),
            ("coffee", () => Coffee(s, inside, random)),
            ("sweets", () => Sweets(s, inside, random)),
            ("vitamin bottle", () => Vitamins(s, inside, random)),
            ("tulip bulbs", () => Bulbs(s, inside, random)),
        };
        var count = 2 + random.Next(0, 4);
        foreach (var index in Enumerable.Range(0, items.Length).OrderBy(_ => random.NextDouble()).Take(count))
        {
            contents.Add(items[index].Name);
            items[index].Add();
        }

        var concealments = new List<Concealment>();
        if (drugs is { } method && grams > 0)
        {
            concealments.Add(method == ConcealmentMethod.Powder ? Powder(inside, grams, random) : Tablets(inside, grams, random));
        }

        return new ParcelScene(Reference(random), length, Belt, s, contents, concealments);
    }

    /// <summary>One dual-energy scan of a parcel (frames low, high) with its truth.</summary>
    public static GeneratedScan Scan(ParcelScene scene, ScannerSettings scanner, int seed, CancellationToken cancellationToken = default)
    {
        var margin = scanner.MarginMm / 10;
        var pitch = scanner.PitchAlongMm / 10;
        var columns = (int)Math.Ceiling((scene.LengthCm + (2 * margin)) / (pitch * scanner.Stretch));
        var edges = Enumerable.Range(0, columns + 1).Select(i => scanner.Reversed ? ((columns - i) * pitch * scanner.Stretch) - margin : (i * pitch * scanner.Stretch) - margin).ToArray();
        var pitchY = scanner.PitchAcrossMm / 10;
        var grid = new PixelGrid(edges, scene.BeltWidthCm - (scanner.VerticalOffsetMm / 10), pitchY, (int)Math.Ceiling(scene.BeltWidthCm / pitchY));
        var frames = RadiographGenerator.Render([.. scene.AllSolids()], grid, scanner, seed, cancellationToken);
        var truths = scene.Concealments.Select(c => new ConcealmentTruth(c.Method, Math.Round(c.Kg, 6), c.Count, RadiographGenerator.BoxOf(grid, c.Bounds))).ToList();
        var truth = new ScanTruth("parcel", 0, seed, scene.Reference, null, string.Join(", ", scene.Contents), scanner, grid.Columns, grid.Rows, scanner.DynamicRange, truths);
        var metadata = RadiographGenerator.Metadata(scene.Reference, scanner, scanner.Reversed ? "reversed" : "forward");
        return new GeneratedScan(new ScanImage(ScanFormat.Png, frames, metadata), truth);
    }

    /// <summary>A random parcel and its scan: drugs (tablets or powder, 20–500 g) in <paramref name="drugShare"/> of seeds.</summary>
    public static GeneratedScan Random(int seed, ScannerSettings? scanner = null, double drugShare = 0.3, CancellationToken cancellationToken = default)
    {
        var random = new SeededRandom(Seeds.Mix(seed, 59));
        var hasDrugs = random.NextDouble() < drugShare;
        var method = random.Next(0, 3) == 0 ? ConcealmentMethod.Powder : ConcealmentMethod.Tablets;
        var grams = Math.Round(20 + (random.NextDouble() * 480));
        var scene = Scene(seed, hasDrugs ? method : null, hasDrugs ? grams : 0);
        var scan = Scan(scene, scanner ?? ScannerSettings.Parcel160kV, seed, cancellationToken);
        return scan with { Truth = scan.Truth with { SceneSeed = seed } };
    }

    private static (double X, double Y) Place(ref (double X0, double Y0, double X1, double Y1, double H) inside, double w, double h, SeededRandom random)
    {
        var x = inside.X0 + (random.NextDouble() * Math.Max(0, inside.X1 - inside.X0 - w));
        var y = inside.Y0 + (random.NextDouble() * Math.Max(0, inside.Y1 - inside.Y0 - h));
        return (x, y);
    }

    private static void Clothes(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        var w = (inside.X1 - inside.X0) * (0.5 + (random.NextDouble() * 0.4));
        var h = (inside.Y1 - inside.Y0) * (0.6 + (random.NextDouble() * 0.4));
        var (x, y) = Place(ref inside, w, h, random);
        var material = random.Next(0, 2) == 0 ? Materials.Cellulose : Materials.Polyethylene;
        s.Add(Box(material, 0.25, x, y, x + w, y + h, inside.H * 0.6, texture: 0.4, cell: 1.2));
    }

    private static void Books(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        var (x, y) = Place(ref inside, 15, 22, random);
        var n = 1 + random.Next(0, 3);
        s.Add(Box(Materials.Cellulose, 0.85, x, y, x + Math.Min(15, inside.X1 - inside.X0), y + Math.Min(22, inside.Y1 - inside.Y0), Math.Min(inside.H, n * 3)));
    }

    private static void Phone(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        var (x, y) = Place(ref inside, 8, 16, random);
        s.Add(Box(Materials.Aluminium, 2.7, x, y, x + 7.2, y + 15, 0.25));
        s.Add(Box(Materials.Copper, 2.0, x + 0.8, y + 2, x + 6.4, y + 10, 0.5));
        s.Add(Box(Materials.Copper, 8.96, x + 1, y + 10.5, x + 6, y + 13.5, 0.05));
        var (cx, cy) = Place(ref inside, 5, 6, random);
        s.Add(Box(Materials.Polyethylene, 1.1, cx, cy, cx + 4.5, cy + 5, 2.6));
        s.Add(new Solid(SolidShape.Disc, Materials.Copper, 8.96 * 0.3, cx + 0.8, cy + 1, cx + 3.7, cy + 3.9, 1.2));
        s.Add(Box(Materials.Steel, 7.85, cx + 1.5, cy + 1.7, cx + 3, cy + 3.2, 1.0));
        s.Add(Box(Materials.Copper, 8.96, cx + 1.3, cy + 5, cx + 1.5, cy + 6.5, 0.1));
    }

    private static void Bottle(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        // A bottle lying along the belt: liquid and a PET wall as tubes seen across their axis.
        var radius = Math.Min(3.5 + (random.NextDouble() * 1.5), inside.H / 2);
        var length = Math.Min(20 + (random.NextDouble() * 10), inside.X1 - inside.X0);
        var (x, y) = Place(ref inside, length, 2 * radius, random);
        s.Add(new Solid(SolidShape.TubeAlong, Materials.Water, 1.0, x, y, x + length, y + (2 * radius), 1, InnerFraction: 0));
        s.Add(new Solid(SolidShape.TubeAlong, Materials.Polyethylene, 1.38, x, y, x + length, y + (2 * radius), 1, InnerFraction: 0.97));
    }

    private static void Coffee(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        var (x, y) = Place(ref inside, 10, 16, random);
        s.Add(new Solid(SolidShape.Ellipsoid, Materials.Beans, 0.42, x, y, x + 10, y + 16, Math.Min(inside.H, 7), Texture: 0.08, TextureCm: 0.4));
        s.Add(Box(Materials.Aluminium, 2.7, x + 0.5, y + 0.5, x + 9.5, y + 15.5, 0.002));
    }

    private static void Sweets(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        var (x, y) = Place(ref inside, 14, 14, random);
        var n = 12 + random.Next(0, 20);
        for (var i = 0; i < n; i++)
        {
            var d = 1.2 + (random.NextDouble() * 1.3);
            var px = x + (random.NextDouble() * 12);
            var py = y + (random.NextDouble() * 12);
            s.Add(new Solid(SolidShape.Ellipsoid, Materials.Sugar, 1.3, px, py, px + d, py + (d * (0.7 + (random.NextDouble() * 0.6))), d * 0.7));
        }
    }

    private static void Vitamins(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        // A standing bottle of calcium tablets: the beam runs down its axis through tablets packed at ~55%.
        var d = 5 + (random.NextDouble() * 2);
        var (x, y) = Place(ref inside, d, d, random);
        var height = Math.Min(inside.H, 9 + (random.NextDouble() * 4));
        s.Add(new Solid(SolidShape.Disc, Materials.Calcium, 1.4 * 0.55, x + 0.2, y + 0.2, x + d - 0.2, y + d - 0.2, height * 0.8));
        s.Add(new Solid(SolidShape.Disc, Materials.Polyethylene, 0.95, x, y, x + d, y + d, 0.4));
        s.Add(new Solid(SolidShape.Disc, Materials.Polyethylene, 0.95, x, y, x + d, y + d, height));
        s.Add(new Solid(SolidShape.Disc, Materials.Polyethylene, -0.95, x + 0.2, y + 0.2, x + d - 0.2, y + d - 0.2, height));
    }

    private static void Bulbs(List<Solid> s, (double X0, double Y0, double X1, double Y1, double H) inside, SeededRandom random)
    {
        var (x, y) = Place(ref inside, 15, 12, random);
        var n = 5 + random.Next(0, 10);
        for (var i = 0; i < n; i++)
        {
            var d = 2.5 + (random.NextDouble() * 1.5);
            var px = x + (random.NextDouble() * 12);
            var py = y + (random.NextDouble() * 9);
            s.Add(new Solid(SolidShape.Ellipsoid, Materials.Fruit, 1.0, px, py, px + d, py + (d * 0.9), d * 0.9, Texture: 0.1, TextureCm: 0.5));
        }
    }

    private static Concealment Tablets(
        (double X0, double Y0, double X1, double Y1, double H) inside, double grams, SeededRandom random)
    {
        var diameter = 0.7 + (random.NextDouble() * 0.4);
        var thickness = 0.3 + (random.NextDouble() * 0.2);
        var density = 1.2 + (random.NextDouble() * 0.2);
        var tabletGrams = Math.PI * diameter * diameter / 4 * thickness * density;
        var count = Math.Max(1, (int)Math.Round(grams / tabletGrams));
        var solids = new List<Solid>();
        if (random.Next(0, 2) == 0)
        {
            // A slab: stacks on a square grid in a bag, as many tablets per stack as the count needs.
            var perStack = Math.Clamp((int)Math.Ceiling(count / 100.0), 1, Math.Max(1, (int)(inside.H * 0.8 / thickness)));
            var stacks = (int)Math.Ceiling(count / (double)perStack);
            var side = (int)Math.Ceiling(Math.Sqrt(stacks));
            var (x, y) = Place(ref inside, side * diameter, side * diameter, random);
            var placed = 0;
            for (var k = 0; k < stacks; k++)
            {
                var n = Math.Min(perStack, count - placed);
                var px = x + (k % side * diameter);
                var py = y + (k / side * diameter);
                solids.Add(new Solid(SolidShape.Disc, Materials.Tablet, density, px, py, px + diameter, py + diameter, n * thickness));
                placed += n;
            }

            solids.Add(new Solid(SolidShape.Box, Materials.Polyethylene, 0.92, x - 0.5, y - 0.5, x + (side * diameter) + 0.5, y + (side * diameter) + 0.5, 0.01));
        }
        else
        {
            // A loose pile: tablets scattered over a patch, overlapping where they lie on one another.
            var radius = Math.Sqrt(count) * diameter * 0.45;
            var (x, y) = Place(ref inside, 2 * radius, 2 * radius, random);
            for (var k = 0; k < count; k++)
            {
                var angle = random.NextDouble() * 2 * Math.PI;
                var r = radius * Math.Sqrt(random.NextDouble());
                var px = x + radius + (r * Math.Cos(angle));
                var py = y + radius + (r * Math.Sin(angle));
                solids.Add(new Solid(SolidShape.Disc, Materials.Tablet, density, px, py, px + diameter, py + diameter, thickness));
            }
        }

        return new Concealment(ConcealmentMethod.Tablets, solids, count * tabletGrams / 1000, count);
    }

    private static Concealment Powder((double X0, double Y0, double X1, double Y1, double H) inside, double grams, SeededRandom random)
    {
        // A pillow of compressed powder: an ellipsoid 3–4 cm thick, 1.5 times as long as wide; volume π/6·a·b·c.
        var density = 0.7 + (random.NextDouble() * 0.3);
        var thick = Math.Min(inside.H * 0.8, 3 + random.NextDouble());
        var volume = grams / density;
        var wide = Math.Sqrt(volume * 6 / Math.PI / thick / 1.5);
        var (x, y) = Place(ref inside, 1.5 * wide, wide, random);
        var solid = new Solid(SolidShape.Ellipsoid, Materials.Drug, density, x, y, x + (1.5 * wide), y + wide, thick);
        var film = new Solid(SolidShape.Ellipsoid, Materials.Polyethylene, 0.92, x, y, x + (1.5 * wide), y + wide, 0.02);
        return new Concealment(ConcealmentMethod.Powder, [solid, film], grams / 1000, 1);
    }

    private static string Reference(SeededRandom random)
    {
        var serial = string.Create(CultureInfo.InvariantCulture, $"{random.Next(0, 100_000_000):D8}");
        return string.Create(CultureInfo.InvariantCulture, $"CP{serial}{Portcullis.Domain.Standards.S10ItemId.CheckDigit(serial)}NL");
    }
}
