using static Portcullis.Imaging.Synthesis.ContainerStructure;

namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Cargo laid out as it is loaded, at published bulk densities (bananas about 0.38 g/cm³ in their box,
/// pineapples 0.45, cocoa beans 0.55 in jute bags, folded textiles 0.2, sawn softwood 0.5, machinery
/// as steel parts with voids). Chords are across the width: two pallets side by side fill ~2.2 m.
/// Each load unit (pallet, bag stack, carton column, pack, machine) is its own <see cref="Solid.Group"/>.
/// Loads stop 45 cm or more before the doors: the gap where rip-on bags go.
/// </summary>
internal static class CargoLoader
{
    public static List<Solid> Load(Commodity commodity, Interior interior, SeededRandom random)
    {
        var s = new List<Solid>();
        var end = interior.X1 - 45 - (random.NextDouble() * 30);
        switch (commodity)
        {
            case Commodity.Bananas:
                Pallets(s, interior, end, random, boxLength: 40, boxHeight: 24, layers: 8, density: 0.38, Materials.Fruit, texture: 0.35, cell: 3.5);
                break;
            case Commodity.Pineapples:
                Pallets(s, interior, end, random, boxLength: 50, boxHeight: 30, layers: 6, density: 0.45, Materials.Fruit, texture: 0.45, cell: 6);
                break;
            case Commodity.Cocoa:
                Bags(s, interior, end, random);
                break;
            case Commodity.Machinery:
                Machines(s, interior, end, random);
                break;
            case Commodity.Textiles:
                Cartons(s, interior, end, random);
                break;
            case Commodity.Timber:
                Timber(s, interior, end, random);
                break;
            default:
                break;
        }

        return s;
    }

    private static void Pallets(List<Solid> s, Interior interior, double end, SeededRandom random, double boxLength, double boxHeight, int layers, double density, Material fill, double texture, double cell)
    {
        var x = interior.X0 + 3;
        var group = 1;
        var maxLayers = (int)((interior.Ceiling - interior.Floor - 15 - 25) / boxHeight);
        while (x + 120 <= end)
        {
            // Two pallets side by side: 1.0 m and 1.2 m across, the same 1.2 m along.
            var depth = 220 * (0.86 + (random.NextDouble() * 0.06));
            var y = interior.Floor;
            s.Add(Box(Materials.Cellulose, 0.55, x, y, x + 120, y + 2.2, depth * 0.7, group: group));
            foreach (var bx in new[] { x, x + 55, x + 110 })
            {
                s.Add(Box(Materials.Cellulose, 0.55, bx, y + 2.2, bx + 10, y + 12.5, depth * 0.3, group: group));
            }

            s.Add(Box(Materials.Cellulose, 0.55, x, y + 12.5, x + 120, y + 14.7, depth * 0.85, group: group));
            y += 14.7;
            var count = Math.Min(maxLayers, layers - random.Next(0, 2));
            for (var layer = 0; layer < count; layer++)
            {
                for (var bx = x; bx + boxLength <= x + 120.5; bx += boxLength)
                {
                    var d = density * (0.9 + (random.NextDouble() * 0.2));
                    s.Add(Box(fill, d, bx + 0.6, y + 0.6, bx + boxLength - 0.6, y + boxHeight - 0.6, depth, texture, cell, group));
                    s.Add(Box(Materials.Cellulose, 0.12, bx, y, bx + 0.6, y + boxHeight, depth, group: group));
                    s.Add(Box(Materials.Cellulose, 0.12, bx + boxLength - 0.6, y, bx + boxLength, y + boxHeight, depth, group: group));
                    s.Add(Box(Materials.Cellulose, 0.12, bx, y, bx + boxLength, y + 0.6, depth, group: group));
                }

                y += boxHeight;
            }

            x += 120 + 1 + (random.NextDouble() * 5);
            group++;
        }
    }

    private static void Bags(List<Solid> s, Interior interior, double end, SeededRandom random)
    {
        // 60-65 kg jute bags of cocoa beans (~95 × 50 × 25 cm), four across, bonded in alternate layers.
        var y = interior.Floor;
        var layer = 0;
        var group = 1;
        while (y + 25 < interior.Ceiling - 40)
        {
            var offset = layer % 2 == 0 ? 0 : 47.5;
            for (var x = interior.X0 + 2 + offset - (layer % 2 == 0 ? 0 : 95); x < end - 10; x += 95)
            {
                var x0 = Math.Max(interior.X0 + 2, x);
                var x1 = Math.Min(end, x + 95);
                if (x1 - x0 < 30)
                {
                    continue;
                }

                s.Add(new Solid(SolidShape.Ellipsoid, Materials.Beans, 0.55 * (0.9 + (random.NextDouble() * 0.2)), x0 - 4, y - 3, x1 + 4, y + 29, 205, Texture: 0.12, TextureCm: 1.5, Group: group + (int)((x0 - interior.X0) / 190)));
            }

            y += 23 + (random.NextDouble() * 3);
            layer++;
        }
    }

    private static void Cartons(List<Solid> s, Interior interior, double end, SeededRandom random)
    {
        var group = 1;
        for (var x = interior.X0 + 2; x + 60 <= end; x += 61)
        {
            var material = random.NextDouble() < 0.6 ? Materials.Cellulose : Materials.Polyethylene;
            for (var y = interior.Floor; y + 40 <= interior.Ceiling - 10; y += 40)
            {
                s.Add(Box(material, 0.2 * (0.8 + (random.NextDouble() * 0.4)), x + 0.5, y + 0.5, x + 59.5, y + 39.5, 215, 0.2, 2.5, group));
                s.Add(Box(Materials.Cellulose, 0.12, x, y, x + 0.5, y + 40, 215, group: group));
                s.Add(Box(Materials.Cellulose, 0.12, x, y, x + 60, y + 0.5, 215, group: group));
            }

            group++;
        }
    }

    private static void Timber(List<Solid> s, Interior interior, double end, SeededRandom random)
    {
        // Packs of sawn softwood: boards 5 cm thick, stacked flat, 2 packs across and 2 high.
        var group = 1;
        var length = Math.Min(480, end - interior.X0 - 4);
        for (var x = interior.X0 + 2; x + length <= end; x += length + 10)
        {
            for (var pack = 0; pack < 2; pack++)
            {
                var y = interior.Floor + (pack * 106);
                s.Add(Box(Materials.Cellulose, 0.55, x + 20, y, x + 30, y + 6, 220, group: group));
                s.Add(Box(Materials.Cellulose, 0.55, x + length - 30, y, x + length - 20, y + 6, 220, group: group));
                for (var b = 0; b < 19; b++)
                {
                    var by = y + 6 + (b * 5.2);
                    s.Add(Box(Materials.Cellulose, 0.5 * (0.9 + (random.NextDouble() * 0.2)), x + (random.NextDouble() * 8), by, x + length - (random.NextDouble() * 8), by + 5, 218, 0.1, 8, group));
                }

                group++;
            }
        }
    }

    private static void Machines(List<Solid> s, Interior interior, double end, SeededRandom random)
    {
        var steel = Materials.Steel;
        var x = interior.X0 + 10;
        var group = 1;
        while (x + 100 < end)
        {
            var length = Math.Min(end - x, 100 + (random.NextDouble() * 180));
            var height = 80 + (random.NextDouble() * 90);
            var y = interior.Floor;

            // Wooden skid and crate, steel base frame, casing plates crossed twice, internal parts with voids between.
            s.Add(Box(Materials.Cellulose, 0.55, x - 5, y, x + length + 5, y + 10, 120, group: group));
            s.Add(Box(Materials.Cellulose, 0.55, x - 5, y + 10, x + length + 5, y + height + 25, 4, group: group));
            s.Add(new Solid(SolidShape.TubeAlong, steel, 7.85, x, y + 10, x + length, y + 22, 2, InnerFraction: 0.8, Group: group));
            s.Add(Box(steel, 7.85, x, y + 22, x + length, y + height, 1.6, group: group));
            var parts = 2 + random.Next(0, 4);
            for (var p = 0; p < parts; p++)
            {
                var px = x + 10 + (random.NextDouble() * (length - 50));
                var pw = 20 + (random.NextDouble() * 30);
                var py = y + 25 + (random.NextDouble() * (height - 60));
                var ph = 15 + (random.NextDouble() * 30);
                s.Add(random.Next(0, 2) == 0
                    ? Box(steel, 7.85 * (0.3 + (random.NextDouble() * 0.5)), px, py, px + pw, py + ph, 30 + (random.NextDouble() * 60), group: group)
                    : new Solid(SolidShape.Ellipsoid, steel, 5.5, px, py, px + pw, py + ph, 40 + (random.NextDouble() * 40), Group: group));
            }

            s.Add(new Solid(SolidShape.TubeAlong, steel, 7.85, x + 5, y + (height / 2), x + length - 5, y + (height / 2) + 8, 1, Group: group));
            x += length + 20 + (random.NextDouble() * 40);
            group++;
        }
    }
}
