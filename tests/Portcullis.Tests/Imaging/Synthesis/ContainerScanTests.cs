using Portcullis.Imaging.Synthesis;

namespace Portcullis.Tests.Imaging.Synthesis;

public sealed class ContainerScanTests
{
    // NIST XCOM μ/ρ at 1 MeV (cm²/g): H 0.1263, C 0.06361, O 0.06372, Cl 0.06128. The drug mix (cocaine
    // hydrochloride with a sugar cut) is H 6.5%, C 59.2%, O 25.4%, Cl 8.9% by mass; polyethylene (the bag) is H 14.37%, C 85.63%.
    private const double DrugMuAt1MeV = (0.065 * 0.1263) + (0.592 * 0.06361) + (0.254 * 0.06372) + (0.089 * 0.06128);
    private const double PolyethyleneMuAt1MeV = (0.1437 * 0.1263) + (0.8563 * 0.06361);

    private static readonly ScannerSettings Mono1MeV = ScannerSettings.Portal6MV.Ideal() with { MonoEnergyMeV = 1.0 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Bricks_lower_transmission_inside_their_box_by_their_mass_thickness_and_nowhere_else()
    {
        var empty = SceneBuilder.Build(4, ContainerKind.Dry20, Commodity.Empty, []);
        var loaded = SceneBuilder.WithConcealment(empty, new ConcealmentRequest(ConcealmentMethod.Doors, 10), 9);
        var without = RadiographGenerator.Container(empty, Mono1MeV, 1, Token);
        var with = RadiographGenerator.Container(loaded, Mono1MeV, 1, Token);
        var concealment = loaded.Concealments[0];
        var box = with.Truth.Concealments[0].Box;

        // Expected inside a brick: exp(−(μ_drug·ρ·depth + μ_PE·ρ_bag·depth_bag)), from the scene's own bricks and bag.
        var brick = concealment.Solids.First(s => s.Material == Materials.Drug);
        var bag = concealment.Solids.Single(s => s.Material == Materials.Polyethylene);
        var expected = Math.Exp(-((DrugMuAt1MeV * brick.Density * brick.Depth) + (PolyethyleneMuAt1MeV * bag.Density * bag.Depth)));

        var ratios = new List<double>();
        var frameWith = with.Image.Frames[0];
        var frameWithout = without.Image.Frames[0];
        for (var y = box.Y0 + 1; y < box.Y1 - 1; y++)
        {
            for (var x = box.X0 + 1; x < box.X1 - 1; x++)
            {
                ratios.Add(RadiographGenerator.Transmission(frameWith[x, y], Mono1MeV.DynamicRange) / RadiographGenerator.Transmission(frameWithout[x, y], Mono1MeV.DynamicRange));
            }
        }

        ratios.Sort();
        Assert.InRange(ratios[ratios.Count / 2] / expected, 0.99, 1.01);

        // Outside the box widened by the bag's 2 cm (4 columns, 5 rows at 5 × 4.5 mm), not one pixel changes.
        for (var y = 0; y < frameWith.Height; y++)
        {
            for (var x = 0; x < frameWith.Width; x++)
            {
                if (x < box.X0 - 5 || x >= box.X1 + 5 || y < box.Y0 - 6 || y >= box.Y1 + 6)
                {
                    Assert.Equal(frameWithout[x, y], frameWith[x, y]);
                }
            }
        }
    }

    [Theory]
    [InlineData(ContainerKind.Reefer40HighCube, 11)]
    [InlineData(ContainerKind.Dry20, 12)]
    [InlineData(ContainerKind.Dry40, 13)]
    public void Truth_boxes_lie_inside_the_image_and_match_the_bricks_at_the_scanners_pitch(ContainerKind kind, int seed)
    {
        var scanner = ScannerSettings.Portal6MV with { PitchAlongMm = 10, PitchAcrossMm = 9 };
        var scene = SceneBuilder.Random(seed, kind, concealments: 3);
        var scan = RadiographGenerator.Container(scene, scanner, seed, Token);
        Assert.Equal(3, scan.Truth.Concealments.Count);
        for (var i = 0; i < 3; i++)
        {
            var box = scan.Truth.Concealments[i].Box;
            var (x0, y0, x1, y1) = scene.Concealments[i].Bounds;
            Assert.InRange(box.X0, 0, scan.Image.Width - 1);
            Assert.InRange(box.X1, box.X0 + 1, scan.Image.Width);
            Assert.InRange(box.Y0, 0, scan.Image.Height - 1);
            Assert.InRange(box.Y1, box.Y0 + 1, scan.Image.Height);

            // 1 cm per column, 0.9 cm per row: the box spans the bricks' size in pixels, plus at most one partial pixel each side.
            Assert.InRange(box.X1 - box.X0, (x1 - x0) / 1.0, ((x1 - x0) / 1.0) + 2);
            Assert.InRange(box.Y1 - box.Y0, (y1 - y0) / 0.9, ((y1 - y0) / 0.9) + 2);

            // Column of the bricks' left edge: (x0 + 30 cm margin) / 1 cm.
            Assert.Equal((int)Math.Floor(x0 + 30), box.X0);
            Assert.Equal(Math.Round(scene.Concealments[i].Kg, 3), scan.Truth.Concealments[i].Kg);
            Assert.True(scan.Truth.Concealments[i].Kg > 0.5);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_pixels_and_another_seed_other_pixels()
    {
        var scanner = ScannerSettings.Mobile4MV with { PitchAlongMm = 12, PitchAcrossMm = 12 };
        var a = RadiographGenerator.Random(21, ContainerKind.Dry20, scanner, cancellationToken: Token);
        var b = RadiographGenerator.Random(21, ContainerKind.Dry20, scanner, cancellationToken: Token);
        var c = RadiographGenerator.Random(22, ContainerKind.Dry20, scanner, cancellationToken: Token);
        Assert.Equal(a.Image.Frames[0].Pixels, b.Image.Frames[0].Pixels);
        Assert.Equal(a.Truth.ToJson(), b.Truth.ToJson());
        Assert.True(a.Image.Width != c.Image.Width || !a.Image.Frames[0].Pixels.AsSpan().SequenceEqual(c.Image.Frames[0].Pixels));
    }

    [Fact]
    public void Travelling_the_other_way_mirrors_the_image_and_its_truth()
    {
        var scene = SceneBuilder.Random(31, ContainerKind.Reefer40HighCube);
        var forward = ScannerSettings.Portal6MV.Ideal() with { PitchAlongMm = 10, PitchAcrossMm = 10 };
        var f = RadiographGenerator.Container(scene, forward, 1, Token);
        var r = RadiographGenerator.Container(scene, forward with { Reversed = true }, 1, Token);
        Assert.Equal(f.Image.Width, r.Image.Width);
        var width = f.Image.Width;

        double mirrored = 0, straight = 0;
        for (var y = 0; y < f.Image.Height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                mirrored += Math.Abs(r.Image.Frames[0][x, y] - f.Image.Frames[0][width - 1 - x, y]);
                straight += Math.Abs(r.Image.Frames[0][x, y] - f.Image.Frames[0][x, y]);
            }
        }

        // At a constant speed with no detector effects the mirror is exact.
        Assert.Equal(0, mirrored);
        Assert.True(straight > 0);
        var fb = f.Truth.Concealments[0].Box;
        var rb = r.Truth.Concealments[0].Box;
        Assert.Equal(width - fb.X1, rb.X0);
        Assert.Equal(width - fb.X0, rb.X1);
        Assert.Equal(fb.Y0, rb.Y0);
        Assert.Equal("door end first", r.Image.Metadata.Direction);
    }

    [Fact]
    public void A_reefers_machinery_end_is_darker_than_its_empty_cargo_space()
    {
        var scene = SceneBuilder.Build(41, ContainerKind.Reefer40HighCube, Commodity.Empty, []);
        var scanner = ScannerSettings.Portal6MV.Ideal() with { PitchAlongMm = 10, PitchAcrossMm = 10 };
        var frame = RadiographGenerator.Container(scene, scanner, 1, Token).Image.Frames[0];

        // Columns: (x + 30 cm margin) / 1 cm. Rows: (289.6 + 30 − y) / 1 cm, for y from 60 to 200 cm above the container's underside.
        double Mean(int x0, int x1)
        {
            double sum = 0;
            var n = 0;
            for (var y = 90; y < 260; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    sum += RadiographGenerator.Transmission(frame[x, y], scanner.DynamicRange);
                    n++;
                }
            }

            return sum / n;
        }

        var machinery = Mean(30 + 5, 30 + 35);
        var cargoSpace = Mean(30 + 400, 30 + 800);
        Assert.True(machinery < cargoSpace * 0.5, $"machinery mean T {machinery:F4} vs cargo space {cargoSpace:F4}");
    }

    [Fact]
    public void A_dual_energy_container_scanner_gives_two_frames_low_energy_first()
    {
        var scanner = ScannerSettings.Gantry4And6MV.Ideal() with { PitchAlongMm = 15, PitchAcrossMm = 15 };
        var scene = SceneBuilder.Build(51, ContainerKind.Dry20, Commodity.Empty, []);
        var scan = RadiographGenerator.Container(scene, scanner, 1, Token);
        Assert.Equal(["4 MV", "6 MV"], scan.Image.Frames.Select(f => f.Energy));
        Assert.Equal("4/6 MV", scan.Image.Metadata.Energy);
        Assert.Equal(15, scan.Image.Metadata.PixelSpacingX);

        // Through the side walls at mid-height the softer 4 MV beam is attenuated more: a lower (darker) value.
        var row = scan.Image.Height / 2;
        Assert.True(scan.Image.Frames[0][scan.Image.Width / 2, row] < scan.Image.Frames[1][scan.Image.Width / 2, row]);
        Assert.True(scan.Image.Frames[1][scan.Image.Width / 2, row] < 65535);
    }
}
