namespace Portcullis.Imaging.Synthesis;

/// <summary>The space inside a container that cargo may fill (cm, scene coordinates).</summary>
internal sealed record Interior(double X0, double X1, double Floor, double Ceiling, double Width);

/// <summary>
/// The container itself, after ISO 668 outside dimensions and typical builds (no public drawings are
/// copied; plate thicknesses are the common 1.6–2 mm corrugated panels, 4–4.5 mm cross-members every
/// ~30 cm under 28 mm plywood, cast corner fittings). Every ray crosses both side walls; a ray at the
/// height of the floor, roof or a cross-member runs along it across the whole width, so those show
/// as dark lines, as in real scans. A trailer chassis runs under the container.
/// </summary>
internal static class ContainerStructure
{
    public static (List<Solid> Solids, Interior Interior, double Length, double Height) Build(ContainerKind kind, SeededRandom random)
    {
        var length = kind == ContainerKind.Dry20 ? 605.8 : 1219.2;
        var height = kind == ContainerKind.Reefer40HighCube ? 289.6 : 259.1;
        var reefer = kind == ContainerKind.Reefer40HighCube;
        var s = new List<Solid>();
        var steel = Materials.Steel;
        var width = reefer ? 229.0 : 235.0;

        // Bottom side rails (C-sections, both sides): web crossed twice, flanges run across 5 cm each.
        s.Add(Box(steel, 7.85, 0, 0, length, 16, 0.9));
        s.Add(Box(steel, 7.85, 0, 0, length, 0.45, 10));
        s.Add(Box(steel, 7.85, 0, 15.55, length, 16, 10));

        // Trailer chassis: two I-beams below the container (webs crossed, then flanges 15 cm each).
        s.Add(Box(steel, 7.85, 80, -28, length - 10, -2, 1.6));
        s.Add(Box(steel, 7.85, 80, -28, length - 10, -26.8, 30));
        s.Add(Box(steel, 7.85, 80, -3.2, length - 10, -2, 30));

        // Floor cross-members: the ray runs along each one's web and flanges.
        var pitch = 29 + random.NextDouble() * 3;
        for (var x = 20.0; x < length - 20; x += pitch)
        {
            s.Add(Box(steel, 7.85, x, 4, x + 0.45, 16, width));
            s.Add(Box(steel, 7.85, x - 2, 4, x + 2.5, 4.45, width));
        }

        double floorTop, ceiling, frontInner, doorInner;
        if (reefer)
        {
            // Foam under an aluminium T-bar floor; flat walls of aluminium outer and steel inner skins round foam.
            s.Add(Box(Materials.PolyurethaneFoam, 0.045, 15, 16, length - 10, 26, width));
            s.Add(Box(Materials.Aluminium, 0.9, 15, 26, length - 10, 30, width));
            s.Add(Box(Materials.Aluminium, 2.7, 0, 30, length, height - 12, 0.2));
            s.Add(Box(steel, 7.85, 0, 30, length, height - 12, 0.16));
            s.Add(Box(Materials.PolyurethaneFoam, 0.045, 0, 30, length, height - 12, 14));
            s.Add(Box(Materials.PolyurethaneFoam, 0.045, 15, height - 14, length - 10, height - 2, width));
            s.Add(Box(Materials.Aluminium, 2.7, 0, height - 14.1, length, height - 14, width));
            s.Add(Box(Materials.Aluminium, 2.7, 0, height - 1.2, length, height - 1, width));
            floorTop = 30;
            ceiling = height - 14;
            frontInner = Machinery(s, height, width, random);
            doorInner = length - 12;
        }
        else
        {
            s.Add(Box(Materials.Cellulose, 0.7, 6, 16.2, length - 6, 19, width));

            // Corrugated side walls: flats cross 2 × 1.6 mm, the slopes (50°) cross 1.6 mm / cos 50° each.
            s.Add(Box(steel, 7.85, 0, 19, length, height - 8, 0.32));
            for (var x = 16.0; x < length - 16; x += 27.8)
            {
                s.Add(Box(steel, 7.85, x, 19, x + 3, height - 8, 0.18));
                s.Add(Box(steel, 7.85, x + 13.9, 19, x + 16.9, height - 8, 0.18));
            }

            // Roof sheet, run along across the width; front end wall panels seen edge on.
            s.Add(Box(steel, 7.85, 0, height - 3.2, length, height - 3.0, width));
            s.Add(Box(steel, 7.85, 1.5, 16, 1.7, height - 5, width / 2));
            s.Add(Box(steel, 7.85, 5.6, 16, 5.8, height - 5, width / 2));
            floorTop = 19;
            ceiling = height - 8;
            frontInner = 6;
            doorInner = length - 8;
        }

        // Top side rails (square tubes), corner posts, door frame.
        s.Add(Box(steel, 7.85, 0, height - 8, length, height, 1.2));
        s.Add(Box(steel, 7.85, 0, height - 8, length, height - 7.7, 12));
        s.Add(Box(steel, 7.85, 0, 0, 15, height, 2.4));
        s.Add(Box(steel, 7.85, 0, 0, 0.6, height, 30));
        s.Add(Box(steel, 7.85, length - 15, 0, length, height, 2.4));
        s.Add(Box(steel, 7.85, length - 0.6, 0, length, height, 30));
        s.Add(Box(steel, 7.85, length - 12, height - 19, length, height - 18.4, width));
        s.Add(Box(steel, 7.85, length - 12, 9, length, 9.6, width));

        // Corner castings (hollow cast steel, both sides crossed).
        foreach (var x in new[] { 0.0, length - 17.8 })
        {
            s.Add(Box(steel, 7.85, x, 0, x + 17.8, 11.8, 8));
            s.Add(Box(steel, 7.85, x, height - 11.8, x + 17.8, height, 8));
        }

        // Door leaves seen edge on, and the four locking bars (27 mm tubes) in front of them, with cams.
        s.Add(Box(steel, 7.85, length - 3.2, 10, length - 3.0, height - 10, width * 0.9));
        s.Add(new Solid(SolidShape.TubeAcross, steel, 7.85, length + 0.8, 12, length + 3.5, height - 12, 4, InnerFraction: 0.75));
        foreach (var y in new[] { 14.0, height - 22 })
        {
            s.Add(Box(steel, 7.85, length - 1, y, length + 4, y + 8, 12));
        }

        s.Add(Box(steel, 7.85, length + 0.5, height * 0.45, length + 6, (height * 0.45) + 4, 8));
        return (s, new Interior(frontInner, doorInner, floorTop, ceiling, width), length, height);
    }

    /// <summary>
    /// A reefer's machinery unit in the front end: steel frame, compressor, condenser coil and fan
    /// motor below, control box, evaporator coil and fans above, behind an insulated bulkhead. Returns
    /// where the cargo space begins.
    /// </summary>
    private static double Machinery(List<Solid> s, double height, double width, SeededRandom random)
    {
        var steel = Materials.Steel;
        var jitter = (double span) => (random.NextDouble() - 0.5) * span;
        s.Add(Box(steel, 7.85, 0.5, 30, 2.0, height - 14, 6));
        s.Add(Box(steel, 7.85, 36, 30, 38, height - 14, 6));
        s.Add(Box(steel, 7.85, 0.5, 110, 38, 113, 12));
        s.Add(Box(Materials.Aluminium, 2.7, 0, 20, 0.3, height - 10, width));

        // Compressor: cast iron with motor windings, about 45% solid over its outline.
        var cy = 55 + jitter(10);
        s.Add(new Solid(SolidShape.Ellipsoid, steel, 3.4, 8, cy - 32, 34, cy + 32, 45));
        s.Add(Box(Materials.Copper, 8.96, 12, cy - 10, 30, cy + 10, 1.5));

        // Condenser coil: copper tubes and aluminium fins across the whole width.
        s.Add(Box(Materials.Copper, 0.12, 2, 32, 12, 108, width * 0.8, texture: 0.3, cell: 1.5));
        s.Add(Box(Materials.Aluminium, 0.2, 2, 32, 12, 108, width * 0.8));
        s.Add(new Solid(SolidShape.Ellipsoid, steel, 4.0, 16, 82, 32, 106, 22));

        // Control box (sheet steel with electronics) and the evaporator section above.
        s.Add(Box(steel, 7.85, 4, 122, 14, 152, 0.6));
        s.Add(Box(Materials.Copper, 0.3, 5, 124, 13, 150, 30));
        s.Add(Box(Materials.Copper, 0.1, 24, 150, 36, height - 30, width * 0.85, texture: 0.3, cell: 1.5));
        s.Add(Box(Materials.Aluminium, 0.15, 24, 150, 36, height - 30, width * 0.85));
        foreach (var fy in new[] { 200.0, 235.0 })
        {
            s.Add(new Solid(SolidShape.Ellipsoid, steel, 4.5, 14, fy, 24, fy + 18, 18));
        }

        // Insulated bulkhead between the unit and the cargo space.
        s.Add(Box(Materials.PolyurethaneFoam, 0.045, 38, 30, 46, height - 14, width));
        s.Add(Box(Materials.Aluminium, 2.7, 46, 30, 46.15, height - 14, width));
        return 47;
    }

    public static Solid Box(Material material, double density, double x0, double y0, double x1, double y1, double depth, double texture = 0, double cell = 4, int group = 0) =>
        new(SolidShape.Box, material, density, x0, y0, x1, y1, depth, Texture: texture, TextureCm: cell, Group: group);
}
