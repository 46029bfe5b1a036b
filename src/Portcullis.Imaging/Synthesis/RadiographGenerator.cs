using System.Globalization;

namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Renders container scenes as a scanner would see them. No public cargo-scan simulator or image set
/// exists, so this is written from physics: Beer–Lambert along every ray for a polyenergetic beam
/// (<see cref="Spectrum"/>), NIST attenuation coefficients (<see cref="AttenuationTable"/>), the
/// container's steel and the cargo's bulk densities, then the detector's blur, noise, gain bands and
/// dark offset, and the scanner's pitch, speed, offset and direction of travel.
/// </summary>
public static class RadiographGenerator
{
    /// <summary>
    /// One scan of <paramref name="scene"/>: a 16-bit PNG-format image (two frames, low energy first, for
    /// a dual-energy scanner) and its truth. <paramref name="seed"/> drives noise, gain and speed variation.
    /// </summary>
    public static GeneratedScan Container(ContainerScene scene, ScannerSettings scanner, int seed, CancellationToken cancellationToken = default)
    {
        var grid = Grid(scene.LengthCm, scene.HeightCm, scanner, seed);
        var frames = Render([.. scene.AllSolids()], grid, scanner, seed, cancellationToken);
        var boxes = scene.Concealments.Select(c => new ConcealmentTruth(c.Method, Math.Round(c.Kg, 3), c.Count, BoxOf(grid, c.Bounds))).ToList();
        var truth = new ScanTruth("container", 0, seed, scene.ContainerNumber, scene.IsoType, scene.Commodity.ToString(), scanner, grid.Columns, grid.Rows, scanner.DynamicRange, boxes);
        var metadata = Metadata(scene.ContainerNumber, scanner, scanner.Reversed ? "door end first" : "front end first");
        return new GeneratedScan(new ScanImage(ScanFormat.Png, frames, metadata), truth);
    }

    /// <summary>A scene and a scan from one seed: the demo's and the tests' shortcut.</summary>
    public static GeneratedScan Random(int seed, ContainerKind kind, ScannerSettings scanner, Commodity? commodity = null, int concealments = 1, CancellationToken cancellationToken = default)
    {
        var scene = SceneBuilder.Random(seed, kind, commodity, concealments);
        var scan = Container(scene, scanner, seed, cancellationToken);
        return scan with { Truth = scan.Truth with { SceneSeed = seed } };
    }

    internal static PixelGrid Grid(double lengthCm, double heightCm, ScannerSettings scanner, int seed)
    {
        var margin = scanner.MarginMm / 10;
        var pitch = scanner.PitchAlongMm / 10;
        var travel = lengthCm + (2 * margin);
        var phase = new SeededRandom(Seeds.Mix(seed, 7)).NextDouble() * 2 * Math.PI;
        var edges = new List<double> { 0 };
        while (edges[^1] < travel)
        {
            var k = edges.Count - 1;
            var speed = scanner.Stretch * (1 + (scanner.SpeedWobble * Math.Sin((2 * Math.PI * k / 700) + phase)));
            edges.Add(edges[^1] + (pitch * speed));
        }

        // Travelling the other way, the scan starts past the door end: the same columns, mirrored.
        var end = edges[^1];
        var x = edges.Select(e => scanner.Reversed ? end - margin - e : e - margin).ToArray();
        var pitchY = scanner.PitchAcrossMm / 10;
        var rows = (int)Math.Ceiling((heightCm + (2 * margin)) / pitchY);
        return new PixelGrid(x, heightCm + margin - (scanner.VerticalOffsetMm / 10), pitchY, rows);
    }

    internal static ScanFrame[] Render(IReadOnlyList<Solid> solids, PixelGrid grid, ScannerSettings scanner, int seed, CancellationToken cancellationToken)
    {
        var spectra = scanner.Spectra();
        var transmissions = Projector.Project(solids, grid, spectra, textureSeed: 0, cancellationToken);
        var frames = new ScanFrame[spectra.Count];
        for (var k = 0; k < spectra.Count; k++)
        {
            Detector.Degrade(transmissions[k], grid.Columns, grid.Rows, scanner, new SeededRandom(Seeds.Mix(seed, k, 31)));
            frames[k] = new ScanFrame(grid.Columns, grid.Rows, Detector.Encode(transmissions[k], scanner.DynamicRange), spectra[k].Label);
        }

        return frames;
    }

    internal static PixelBox BoxOf(PixelGrid grid, (double X0, double Y0, double X1, double Y1) bounds)
    {
        var columns = grid.ColumnsOf(bounds.X0, bounds.X1) ?? (0, -1);
        var rows = grid.RowsOf(bounds.Y0, bounds.Y1) ?? (0, -1);
        return new PixelBox(columns.First, rows.First, columns.Last + 1, rows.Last + 1);
    }

    internal static ScanMetadata Metadata(string subject, ScannerSettings scanner, string direction) => new()
    {
        Subject = subject,
        Scanner = scanner.Name,
        Energy = scanner.EnergyLabel,
        PixelSpacingX = scanner.PitchAlongMm,
        PixelSpacingY = scanner.PitchAcrossMm,
        Direction = direction,
        Text = new Dictionary<string, string>
        {
            ["Encoding"] = "log transmission: T = exp((value / 65535 - 1) * ln(DynamicRange))",
            ["DynamicRange"] = scanner.DynamicRange.ToString("R", CultureInfo.InvariantCulture),
            ["Generator"] = "Portcullis synthetic radiograph (not a real scan)",
        },
    };

    /// <summary>The transmission a stored pixel value stands for.</summary>
    public static double Transmission(ushort value, double dynamicRange) => Detector.Decode(value, dynamicRange);
}
