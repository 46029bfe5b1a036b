using System.Text.Json;
using Portcullis.Imaging;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Tests.Imaging.Synthesis;

public sealed class ParcelAndPairTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_tablet_parcel_states_its_count_and_grams_and_boxes_the_tablets()
    {
        var scene = ParcelGenerator.Scene(7, ConcealmentMethod.Tablets, grams: 100);
        var scan = ParcelGenerator.Scan(scene, ScannerSettings.Parcel160kV, 7, Token);
        var truth = Assert.Single(scan.Truth.Concealments);
        Assert.Equal(ConcealmentMethod.Tablets, truth.Method);

        // Tablets of 7–11 mm and 3–5 mm at 1.2–1.4 g/cm³ weigh 0.14–0.67 g: 100 g is 150 to 720 of them.
        Assert.InRange(truth.Count, 100 / 0.67, 100 / 0.14);
        Assert.InRange(truth.Kg, 0.095, 0.105);
        var tablets = scene.Concealments[0].Solids.Where(s => s.Material == Materials.Tablet).ToList();
        Assert.Equal(truth.Count, tablets.Sum(s => (int)Math.Round(s.Depth / tablets.Min(t => t.Depth))));

        // 1.5 mm pixels and a 4 cm margin: the box starts at column (x0 + 4) / 0.15.
        var x0 = tablets.Min(s => s.X0);
        Assert.InRange(truth.Box.X0, (int)((x0 + 4) / 0.15) - 1, (int)((x0 + 4) / 0.15) + 1);
        Assert.True(truth.Box.X1 <= scan.Image.Width && truth.Box.Y1 <= scan.Image.Height);
        Assert.Equal(2, scan.Image.Frames.Count);
        Assert.Equal("160 kV", scan.Image.Metadata.Energy);
    }

    [Fact]
    public void Clean_parcels_have_no_concealment_and_everyday_contents()
    {
        var scan = ParcelGenerator.Random(3, drugShare: 0, cancellationToken: Token);
        Assert.Empty(scan.Truth.Concealments);
        Assert.False(string.IsNullOrEmpty(scan.Truth.Commodity));
        Assert.Contains(scan.Image.Frames[0].Pixels, p => p < 60000);
    }

    [Theory]
    [InlineData(PairChange.Added, "arrival")]
    [InlineData(PairChange.Removed, "origin")]
    public void With_the_same_ideal_scanner_a_pair_differs_only_inside_the_change_box(PairChange change, string image)
    {
        var scanner = ScannerSettings.Portal6MV.Ideal() with { PitchAlongMm = 10, PitchAcrossMm = 10 };
        var pair = PairGenerator.Pair(61, ContainerKind.Reefer40HighCube, change, scanner, scanner, settleCm: 0, kg: 12, method: ConcealmentMethod.Cargo, cancellationToken: Token);
        Assert.Equal(change, pair.Truth.Change);
        Assert.Equal(image, pair.Truth.BoxImage);
        Assert.InRange(pair.Truth.Kg, 12 * 0.6, 12 * 1.5);
        var box = pair.Truth.Box!;
        var origin = pair.Origin.Frames[0];
        var arrival = pair.Arrival.Frames[0];
        var insideDiffers = 0;
        for (var y = 0; y < origin.Height; y++)
        {
            for (var x = 0; x < origin.Width; x++)
            {
                if (box.Contains(x, y))
                {
                    insideDiffers += origin[x, y] != arrival[x, y] ? 1 : 0;
                }
                else
                {
                    Assert.Equal(origin[x, y], arrival[x, y]);
                }
            }
        }

        Assert.True(insideDiffers > 10, $"only {insideDiffers} pixels changed inside the box");

        // Added mass darkens the arrival image; removed mass darkened the origin image.
        var (darker, lighter) = change == PairChange.Added ? (arrival, origin) : (origin, arrival);
        Assert.True(darker[(box.X0 + box.X1) / 2, (box.Y0 + box.Y1) / 2] < lighter[(box.X0 + box.X1) / 2, (box.Y0 + box.Y1) / 2]);
    }

    [Fact]
    public void An_unchanged_pair_from_two_scanners_states_no_change_and_differs_by_the_scanners()
    {
        var pair = PairGenerator.Pair(62, ContainerKind.Dry20, PairChange.None, ScannerSettings.Mobile4MV, ScannerSettings.Portal6MV, cancellationToken: Token);
        Assert.Equal(PairChange.None, pair.Truth.Change);
        Assert.Null(pair.Truth.Box);
        Assert.Equal(0, pair.Truth.Kg);
        Assert.Equal("mobile-4MV", pair.Origin.Metadata.Scanner);
        Assert.Equal("portal-6MV", pair.Arrival.Metadata.Scanner);

        // 5.5 mm at 4% faster travel versus 5 mm: the origin image has fewer columns for the same container.
        Assert.True(pair.Origin.Width < pair.Arrival.Width);
        Assert.Equal(pair.Truth.Origin.Subject, pair.Truth.Arrival.Subject);
    }

    [Fact]
    public void Truth_round_trips_through_json_and_the_image_through_png()
    {
        var scanner = ScannerSettings.Portal6MV with { PitchAlongMm = 15, PitchAcrossMm = 15 };
        var scan = RadiographGenerator.Random(71, ContainerKind.Dry20, scanner, cancellationToken: Token);
        var json = scan.Truth.ToJson();
        var back = JsonSerializer.Deserialize<ScanTruth>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(scan.Truth.Concealments, back.Concealments);
        Assert.Equal(scan.Truth.Scanner, back.Scanner);
        Assert.Contains("\"method\":", json, StringComparison.Ordinal);

        var read = ScanReader.Read(ScanPng.Write(scan.Image.Frames[0]));
        Assert.Null(read.Error);
        Assert.Equal(scan.Image.Frames[0].Pixels, read.Image!.Frames[0].Pixels);
    }
}
