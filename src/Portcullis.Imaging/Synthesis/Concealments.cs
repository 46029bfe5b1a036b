namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Places drug bricks (~1 kg: about 20 × 10 × 5 cm at 0.8–1.2 g/cm³, each size jittered by up to 8%) in
/// a container as blocks nx × ny × nz (nz along the ray). Where bricks displace something (fruit in a
/// box, foam in a wall) a negative solid removes it, so the image shows the difference, as in reality.
/// </summary>
internal static class Concealments
{
    public static Concealment Place(ConcealmentRequest request, ContainerKind kind, Interior interior, IReadOnlyList<Solid> structure, IReadOnlyList<Solid> cargo, SeededRandom random)
    {
        var density = 0.8 + (random.NextDouble() * 0.4);
        var a = 20 * Jitter(random);
        var b = 10 * Jitter(random);
        var c = 5 * Jitter(random);
        var brickKg = density * a * b * c / 1000;
        var n = Math.Max(1, (int)Math.Round(request.Kg / brickKg));
        var reefer = kind == ContainerKind.Reefer40HighCube;
        switch (request.Method)
        {
            case ConcealmentMethod.Machinery when reefer:
                {
                    var (nx, ny, nz) = Split(n, 3, 8, 4);
                    var x0 = 3 + (random.NextDouble() * (33 - (nx * b)));
                    var y0 = 35 + (random.NextDouble() * (210 - (ny * c)));
                    return Block(request.Method, x0, y0, nx, ny, nz, b, c, a, density, null, 0, 0);
                }

            case ConcealmentMethod.Machinery:
                throw new ArgumentException("Only a reefer has a machinery unit.", nameof(request));

            case ConcealmentMethod.Cargo:
                return InCargo(request, interior, cargo, random, n, a, b, c, density);

            case ConcealmentMethod.Doors:
                {
                    // A sports bag of bricks lying flat in the gap between the load and the doors.
                    var (nx, ny, nz) = Split(n, 2, 6, 6);
                    var x1 = interior.X1 - 2 - (random.NextDouble() * 6);
                    var x0 = x1 - (nx * a);
                    var block = Block(request.Method, x0, interior.Floor + 1, nx, ny, nz, a, c, b, density, null, 0, 0);
                    var bag = new Solid(SolidShape.Box, Materials.Polyethylene, 0.03, x0 - 2, interior.Floor, x1 + 2, interior.Floor + 3 + (ny * c), (nz * b) + 6);
                    return block with { Solids = [.. block.Solids, bag] };
                }

            case ConcealmentMethod.Floor when reefer:
                {
                    var (nx, ny, nz) = Split(n, 10, 2, 20);
                    var x0 = interior.X0 + 30 + (random.NextDouble() * (interior.X1 - interior.X0 - 60 - (nx * a)));
                    return Block(request.Method, x0, 16.2, nx, ny, nz, a, c, b, density, Materials.PolyurethaneFoam, 0.045, 0);
                }

            case ConcealmentMethod.Floor:
                return InFloorBays(request, structure, random, n, a, b, c, density);

            case ConcealmentMethod.Wall when reefer:
                {
                    // Bricks standing in one side wall's foam: 5 cm across the ray.
                    var (nx, ny, _) = Split(n, 12, 8, 1);
                    var x0 = interior.X0 + 20 + (random.NextDouble() * (interior.X1 - interior.X0 - 60 - (nx * a)));
                    var y0 = interior.Floor + 10 + (random.NextDouble() * (interior.Ceiling - interior.Floor - 20 - (ny * b)));
                    return Block(request.Method, x0, y0, nx, ny, 1, a, b, c, density, Materials.PolyurethaneFoam, 0.045, 0);
                }

            default:
                {
                    // A false front wall: bricks standing on end in a compartment closed by a steel sheet.
                    var (nx, ny, nz) = Split(n, 2, 10, 40);
                    var x0 = interior.X0 + 1;
                    var block = Block(ConcealmentMethod.Wall, x0, interior.Floor + 1, nx, ny, nz, b, a, c, density, null, 0, 0);
                    var sheet = new Solid(SolidShape.Box, Materials.Steel, 7.85, x0 + (nx * b) + 1, interior.Floor, x0 + (nx * b) + 1.15, interior.Ceiling, interior.Width);
                    return block with { Solids = [.. block.Solids, sheet] };
                }
        }
    }

    private static Concealment InCargo(ConcealmentRequest request, Interior interior, IReadOnlyList<Solid> cargo, SeededRandom random, int n, double a, double b, double c, double density)
    {
        // Hosts are fillings (fruit in a box, beans in a bag, folded cloth, boards): the bricks take their place.
        var hosts = cargo.Where(s => s.Shape is SolidShape.Box or SolidShape.Ellipsoid && s.Texture > 0 && s.Density > 0
            && s.X1 - s.X0 >= a + 8 && s.Y1 - s.Y0 >= c + 8 && s.Depth >= 30).ToList();
        if (hosts.Count == 0)
        {
            // No filling (machinery, an empty box): a block on the floor between the loads.
            var (fx, fy, fz) = Split(n, 4, 6, 8);
            var end = cargo.Count > 0 ? cargo.Max(s => s.X1) : interior.X1 - 50;
            var fx0 = interior.X0 + 10 + (random.NextDouble() * Math.Max(0, end - interior.X0 - 20 - (fx * a)));
            return Block(request.Method, fx0, interior.Floor, fx, fy, fz, a, c, b, density, null, 0, 0);
        }

        var host = hosts[random.Next(hosts.Count)];
        var fraction = host.Shape == SolidShape.Ellipsoid ? 0.5 : 1;
        var maxX = Math.Max(1, (int)((((host.X1 - host.X0) * fraction) - 2) / a));
        var maxY = Math.Max(1, (int)((((host.Y1 - host.Y0) * fraction) - 2) / c));
        var maxZ = Math.Max(1, (int)(host.Depth * 0.8 / b));
        var (nx, ny, nz) = Split(n, maxX, maxY, maxZ);
        var inset = host.Shape == SolidShape.Ellipsoid ? 0.25 : 0;
        var hx0 = host.X0 + ((host.X1 - host.X0) * inset);
        var hx1 = host.X1 - ((host.X1 - host.X0) * inset);
        var hy0 = host.Y0 + ((host.Y1 - host.Y0) * inset);
        var hy1 = host.Y1 - ((host.Y1 - host.Y0) * inset);
        var x0 = hx0 + 1 + (random.NextDouble() * Math.Max(0, hx1 - hx0 - 2 - (nx * a)));
        var y0 = hy0 + 1 + (random.NextDouble() * Math.Max(0, hy1 - hy0 - 2 - (ny * c)));
        var displaced = host.Texture > 0 ? host.Material : null;
        return Block(request.Method, x0, y0, nx, ny, nz, a, c, b, density, displaced, host.Density, host.Group);
    }

    private static Concealment InFloorBays(ConcealmentRequest request, IReadOnlyList<Solid> structure, SeededRandom random, int n, double a, double b, double c, double density)
    {
        // One brick along x per bay between cross-members (webs found in the structure), two layers, a row across.
        var webs = structure.Where(s => s.Y0 == 4 && s.Y1 == 16 && s.Material == Materials.Steel).Select(s => s.X1).Order().ToList();
        var (bays, ny, nz) = Split(n, 8, 2, 20);
        var first = random.Next(1, Math.Max(2, webs.Count - bays - 1));
        var solids = new List<Solid>();
        for (var k = 0; k < bays; k++)
        {
            var x0 = webs[first + k] + 2.6;
            for (var iy = 0; iy < ny; iy++)
            {
                var y0 = 4.5 + (iy * c);
                solids.Add(new Solid(SolidShape.Box, Materials.Drug, density, x0, y0, x0 + a, y0 + c, nz * b));
            }
        }

        var count = bays * ny * nz;
        return new Concealment(request.Method, solids, count * density * a * b * c / 1000, count);
    }

    /// <summary>nx × ny bricks in the image plane, nz deep along the ray; brick sizes (sx, sy, sz) in cm.</summary>
    private static Concealment Block(ConcealmentMethod method, double x0, double y0, int nx, int ny, int nz, double sx, double sy, double sz, double density, Material? displaced, double displacedDensity, int group)
    {
        var solids = new List<Solid>();
        for (var ix = 0; ix < nx; ix++)
        {
            for (var iy = 0; iy < ny; iy++)
            {
                // Tape and a few millimetres of air between bricks.
                var bx = x0 + (ix * sx);
                var by = y0 + (iy * sy);
                solids.Add(new Solid(SolidShape.Box, Materials.Drug, density, bx + 0.15, by + 0.15, bx + sx - 0.15, by + sy - 0.15, nz * sz, Group: group));
            }
        }

        if (displaced is not null)
        {
            solids.Add(new Solid(SolidShape.Box, displaced, -displacedDensity, x0, y0, x0 + (nx * sx), y0 + (ny * sy), nz * sz, Group: group));
        }

        var count = nx * ny * nz;
        var volume = (sx - 0.3) * (sy - 0.3) * sz;
        return new Concealment(method, solids, count * density * volume / 1000, count);
    }

    /// <summary>Splits about n bricks into a block within the given limits (the block may hold a few more or fewer).</summary>
    private static (int X, int Y, int Z) Split(int n, int maxX, int maxY, int maxZ)
    {
        var z = Math.Clamp((int)Math.Ceiling(Math.Sqrt(n) / 2), 1, maxZ);
        var rest = (int)Math.Ceiling(n / (double)z);
        var y = Math.Clamp((int)Math.Ceiling(Math.Sqrt(rest)), 1, maxY);
        var x = Math.Clamp((int)Math.Ceiling(rest / (double)y), 1, maxX);
        if (x * y * z < n && z < maxZ)
        {
            z = Math.Clamp((int)Math.Ceiling(n / (double)(x * y)), 1, maxZ);
        }

        return (x, y, z);
    }

    private static double Jitter(SeededRandom random) => 0.92 + (random.NextDouble() * 0.16);
}
