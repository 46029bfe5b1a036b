using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Synthesis;
using Portcullis.Tests.Components;

namespace Portcullis.Tests.Imaging;

/// <summary>
/// Origin versus arrival through the one entry point, on scanners the comparison was not tuned on (the
/// mobile 4 MV origin scanner): 20' containers keep the pairs cheap.
/// </summary>
public sealed class ScanComparisonTests
{
    private static readonly ScannerSettings Origin = ScannerSettings.Mobile4MV;

    [Fact]
    public void Added_mass_is_found_and_located_in_the_arrival_image()
    {
        var pair = PairGenerator.Pair(7101, ContainerKind.Dry20, PairChange.Added, Origin, ScannerSettings.Portal6MV, settleCm: 1.5, kg: 20, method: ConcealmentMethod.Doors, cancellationToken: TestContext.Current.CancellationToken);

        var result = Compared(pair);

        Assert.True(result.Alarm, Describe(result));
        Assert.Equal(ScanChange.Added, result.Change);
        Assert.Equal("arrival", result.RegionsImage);
        Assert.True(Overlaps(result, pair.Truth.Box!), $"no top-three region overlaps the truth box {pair.Truth.Box}: {Describe(result)}");
        Assert.InRange(result.Kg, 8, 40);
        Assert.Contains(result.Reasons, r => r.Contains("kg added", StringComparison.Ordinal));
        Assert.Contains("kg toegevoegd", PhraseAssert.SaidInDutch(Assert.Single(result.ReasonPhrases!), Assert.Single(result.Reasons)), StringComparison.Ordinal);
    }

    [Fact]
    public void Removed_mass_is_located_in_the_origin_image()
    {
        var pair = PairGenerator.Pair(7202, ContainerKind.Dry20, PairChange.Removed, Origin, ScannerSettings.Gantry4And6MV, settleCm: 1, kg: 25, method: ConcealmentMethod.Doors, cancellationToken: TestContext.Current.CancellationToken);

        var result = Compared(pair);

        Assert.True(result.Alarm, Describe(result));
        Assert.Equal(ScanChange.Removed, result.Change);
        Assert.Equal("origin", result.RegionsImage);
        Assert.True(Overlaps(result, pair.Truth.Box!), $"no top-three region overlaps the truth box {pair.Truth.Box}: {Describe(result)}");
    }

    [Fact]
    public void An_unchanged_pair_whose_cargo_settled_three_centimetres_does_not_alarm()
    {
        var pair = PairGenerator.Pair(7404, ContainerKind.Dry20, PairChange.None, Origin, ScannerSettings.Gantry4And6MV, settleCm: 3, cancellationToken: TestContext.Current.CancellationToken);

        var result = Compared(pair);

        Assert.False(result.Alarm, Describe(result));
        Assert.Equal(ScanChange.None, result.Change);
        Assert.True(result.Score < 0.5, Describe(result));
    }

    [Fact]
    public void A_reversed_arrival_with_another_pitch_is_registered_and_the_box_lies_in_its_own_pixels()
    {
        var arrival = ScannerSettings.Portal6MV with { Name = "portal-reversed", Reversed = true, PitchAlongMm = 4.5, Stretch = 0.98, VerticalOffsetMm = 100 };
        var pair = PairGenerator.Pair(7303, ContainerKind.Dry20, PairChange.Added, Origin, arrival, settleCm: 2, kg: 15, method: ConcealmentMethod.Floor, cancellationToken: TestContext.Current.CancellationToken);

        var result = Compared(pair);

        Assert.True(result.Alarm, Describe(result));
        Assert.True(Overlaps(result, pair.Truth.Box!), $"no top-three region overlaps the truth box {pair.Truth.Box}: {Describe(result)}");
    }

    [Fact]
    public void Bricks_removed_from_the_floor_bays_are_found_under_the_floor_steel()
    {
        var pair = PairGenerator.Pair(7707, ContainerKind.Dry20, PairChange.Removed, Origin, ScannerSettings.Portal6MV, settleCm: 2, kg: 25, method: ConcealmentMethod.Floor, cancellationToken: TestContext.Current.CancellationToken);

        var result = Compared(pair);

        Assert.True(result.Alarm, Describe(result));
        Assert.Equal(ScanChange.Removed, result.Change);
        Assert.True(Overlaps(result, pair.Truth.Box!), $"no top-three region overlaps the truth box {pair.Truth.Box}: {Describe(result)}");
    }

    [Fact]
    public void An_unchanged_dense_load_seen_through_two_detector_blurs_does_not_read_as_kilograms()
    {
        // The same scanner twice but for its detector blur (0.7 and 1.2 pixels). A detector blurs the photons it
        // counts, so at the steep edges of a machinery load −ln of the two blurred transmissions differs; compare-5,
        // which averaged and blurred attenuation, read this pair as 8.1 kg added and alarmed.
        var sharp = ScannerSettings.Portal6MV with { Name = "portal-sharp", BlurSigmaPixels = 0.7 };
        var soft = ScannerSettings.Portal6MV with { Name = "portal-soft", BlurSigmaPixels = 1.2 };
        var pair = PairGenerator.Pair(7802, ContainerKind.Dry20, PairChange.None, sharp, soft, settleCm: 0, commodity: Commodity.Machinery, cancellationToken: TestContext.Current.CancellationToken);

        var result = Compared(pair);

        Assert.False(result.Alarm, Describe(result));
        Assert.True(result.Kg < 2, Describe(result));
    }

    [Fact]
    public void Two_different_containers_are_refused()
    {
        var token = TestContext.Current.CancellationToken;
        var twenty = RadiographGenerator.Random(7505, ContainerKind.Dry20, Origin, concealments: 0, cancellationToken: token);
        var forty = RadiographGenerator.Random(7506, ContainerKind.Dry40, ScannerSettings.Portal6MV, concealments: 0, cancellationToken: token);

        var outcome = ScanAnalyzer.Compare(twenty.Image, forty.Image, cancellationToken: token);

        Assert.Null(outcome.Result);
        Assert.StartsWith("cannot compare: the scans are not of the same container", outcome.CannotCompare, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_scan_is_refused()
    {
        var token = TestContext.Current.CancellationToken;
        var scan = RadiographGenerator.Random(7607, ContainerKind.Dry20, ScannerSettings.Portal6MV, concealments: 0, cancellationToken: token).Image;

        // Open beam everywhere, with a little noise: the scanner ran with nothing in it.
        var random = new Random(1);
        var pixels = Enumerable.Range(0, scan.Width * scan.Height).Select(_ => (ushort)(65000 + random.Next(0, 400))).ToArray();
        var blank = scan with { Frames = [new ScanFrame(scan.Width, scan.Height, pixels)] };

        var outcome = ScanAnalyzer.Compare(scan, blank, cancellationToken: token);

        Assert.Null(outcome.Result);
        Assert.Equal("cannot compare: the arrival scan is blank: nothing in the beam looks like a container", outcome.CannotCompare);
    }

    private static ComparisonResult Compared(GeneratedPair pair)
    {
        var outcome = ScanAnalyzer.Compare(pair.Origin, pair.Arrival, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(outcome.Result is not null, outcome.CannotCompare);
        return outcome.Result!;
    }

    private static bool Overlaps(ComparisonResult result, PixelBox box) =>
        result.Regions.Take(3).Any(r => r.X0 < box.X1 && box.X0 < r.X1 && r.Y0 < box.Y1 && box.Y0 < r.Y1);

    private static string Describe(ComparisonResult result) =>
        $"score {result.Score}, {result.Change}, {result.Kg} kg, regions in {result.RegionsImage}: {string.Join("; ", result.Regions.Select(r => $"({r.X0},{r.Y0})–({r.X1},{r.Y1}) {r.Kg} kg"))}";
}
