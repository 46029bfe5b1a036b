using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;
using Portcullis.Tests.Components;
using ScanSubjectKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// A scan exported with attenuation shown bright (air dark) is refused in one sentence that names it, for
/// containers, parcels and either side of a pair; a transmission scan from every scanner the evaluations use is
/// not taken for one.
/// </summary>
public sealed class PolarityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // 10 × 9 mm pixels keep a 20' container scan small.
    private static readonly ScannerSettings Coarse = ScannerSettings.Portal6MV with { PitchAlongMm = 10, PitchAcrossMm = 9 };

    /// <summary>Every frame mirrored in grey level: a log-encoded transmission image becomes attenuation-bright, air black.</summary>
    private static ScanImage Inverted(ScanImage image) =>
        image with { Frames = [.. image.Frames.Select(f => f with { Pixels = [.. f.Pixels.Select(p => (ushort)(65535 - p))] })] };

    [Fact]
    public void An_attenuation_bright_container_scan_is_refused_as_such_and_its_transmission_original_is_analysed()
    {
        var scan = RadiographGenerator.Container(SceneBuilder.Build(31, ContainerKind.Dry20, Commodity.Cocoa, []), Coarse, 31, Token);
        var subject = ContainerEvaluation.SubjectOf(scan.Truth);

        var refused = ScanAnalyzer.Analyze(Inverted(scan.Image), subject, null, Token);
        var original = ScanAnalyzer.Analyze(scan.Image, subject, null, Token);

        Assert.Null(refused.Result);
        Assert.StartsWith("cannot analyse: the image is dark at all four edges", refused.CannotAnalyse, StringComparison.Ordinal);
        Assert.Contains("donker aan alle vier de randen", PhraseAssert.SaidInDutch(refused.CannotAnalysePhrase!, refused.CannotAnalyse!), StringComparison.Ordinal);
        Assert.Null(original.CannotAnalyse);
    }

    [Fact]
    public void An_attenuation_bright_dual_energy_parcel_is_refused()
    {
        var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(12, ConcealmentMethod.Powder, 200), ScannerSettings.Parcel160kV, 12, Token);
        var subject = new ScanSubject(ScanSubjectKind.Parcel);

        var refused = ScanAnalyzer.Analyze(Inverted(scan.Image), subject, null, Token);

        Assert.Null(refused.Result);
        Assert.Contains("dark at all four edges", refused.CannotAnalyse, StringComparison.Ordinal);
        Assert.Null(ScanAnalyzer.Analyze(scan.Image, subject, null, Token).CannotAnalyse);
    }

    [Fact]
    public void A_pair_whose_arrival_is_attenuation_bright_is_refused_naming_the_arrival()
    {
        var pair = PairGenerator.Pair(7501, ContainerKind.Dry20, PairChange.None, Coarse, Coarse with { Name = "coarse-arrival" }, settleCm: 1, cancellationToken: Token);

        var refused = ScanAnalyzer.Compare(pair.Origin, Inverted(pair.Arrival), null, Token);

        Assert.Null(refused.Result);
        Assert.StartsWith("cannot compare: the arrival image is dark at all four edges", refused.CannotCompare, StringComparison.Ordinal);
        Assert.Contains("het beeld bij aankomst is donker", PhraseAssert.SaidInDutch(refused.CannotComparePhrase!, refused.CannotCompare!), StringComparison.Ordinal);
    }

    [Fact]
    public void No_transmission_scan_of_the_evaluations_scanners_is_taken_for_an_inverted_one()
    {
        var containerScanners = ContainerEvaluation.Training.Concat(ContainerEvaluation.Tuning).Concat(ContainerEvaluation.HeldOut)
            .Select(s => s with { PitchAlongMm = s.PitchAlongMm * 2, PitchAcrossMm = s.PitchAcrossMm * 2 });
        foreach (var (scanner, i) in containerScanners.Select((s, i) => (s, i)))
        {
            var kind = i % 2 == 0 ? ContainerKind.Reefer40HighCube : ContainerKind.Dry20;
            var commodity = kind == ContainerKind.Reefer40HighCube ? Commodity.Bananas : Commodity.Machinery;
            var scan = RadiographGenerator.Container(SceneBuilder.Build(40 + i, kind, commodity, []), scanner, 40 + i, Token);
            Assert.False(scan.Image.Frames.Any(Polarity.EdgesDark), $"{scanner.Name}: {string.Join("; ", scan.Image.Frames.Select(f => Polarity.Edges(f)))}");
        }

        foreach (var (scanner, i) in ParcelEvaluation.TuningScanners.Concat(ParcelEvaluation.HeldOutScanners).Select((s, i) => (s, i)))
        {
            var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(60 + i, ConcealmentMethod.Tablets, 300), scanner, 60 + i, Token);
            Assert.False(scan.Image.Frames.Any(Polarity.EdgesDark), $"{scanner.Name}: {string.Join("; ", scan.Image.Frames.Select(f => Polarity.Edges(f)))}");
            Assert.True(Inverted(scan.Image).Frames.All(Polarity.EdgesDark), $"{scanner.Name}: {string.Join("; ", Inverted(scan.Image).Frames.Select(f => Polarity.Edges(f)))}");
        }
    }
}
