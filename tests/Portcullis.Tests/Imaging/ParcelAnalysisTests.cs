using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;
using ScanSubjectKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging;

public sealed class ParcelAnalysisTests
{
    private static readonly ScanSubject Parcel = new(ScanSubjectKind.Parcel);

    // A scanner the analysis was not tuned on: 140 kV, a finer pitch, another encoding range.
    private static readonly ScannerSettings HeldOut = ScannerSettings.Parcel160kV with { Energy = ScanEnergy.Tube140kV, PitchAlongMm = 1.2, PitchAcrossMm = 1.2, DynamicRange = 60_000 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static bool Overlaps(AnalysisRegion r, PixelBox b) => r.X0 < b.X1 && b.X0 < r.X1 && r.Y0 < b.Y1 && b.Y0 < r.Y1;

    private static AnalysisResult Analyze(ScanImage image, ParcelModel? model = null)
    {
        var outcome = ParcelAnalyzer.Analyze(image, Parcel, model, Token);
        Assert.Null(outcome.CannotAnalyse);
        return outcome.Result!;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    public void Tablets_on_a_held_out_scanner_alarm_and_are_boxed(int seed)
    {
        var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(seed, ConcealmentMethod.Tablets, 200), HeldOut, seed, Token);
        var result = Analyze(scan.Image);
        var truth = Assert.Single(scan.Truth.Concealments);
        Assert.True(result.Alarm, string.Join("; ", result.Reasons));
        Assert.Contains(result.Regions.Take(3), r => r.Kind == "tablets" && Overlaps(r, truth.Box));
        Assert.True(result.Regions[0].Count > 0 && result.Regions[0].Kg > 0);
        Assert.Contains(result.Reasons, r => r.Contains("organic", StringComparison.Ordinal));
        Assert.Equal(ParcelAnalyzer.Version, result.Version);
    }

    [Fact]
    public void A_parcel_of_only_vitamin_bottles_stays_below_the_threshold()
    {
        var vitamins = VitaminParcelSeed();
        var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(vitamins), HeldOut, vitamins, Token);
        var result = Analyze(scan.Image);
        Assert.False(result.Alarm, string.Join("; ", result.Reasons));
        Assert.True(result.Score < ParcelAnalyzer.DefaultThreshold);
    }

    [Fact]
    public void A_parcel_with_tulip_bulbs_stays_below_the_threshold()
    {
        var bulbs = Enumerable.Range(1, 200).First(s => ParcelGenerator.Scene(s).Contents.Contains("tulip bulbs"));
        var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(bulbs), HeldOut, bulbs, Token);
        var result = Analyze(scan.Image);
        Assert.False(result.Alarm, string.Join("; ", result.Reasons));
    }

    [Fact]
    public void A_single_energy_scan_is_analysed_by_shape_only_and_says_so()
    {
        var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(8, ConcealmentMethod.Tablets, 200), ScannerSettings.Parcel160kV, 8, Token);
        var single = scan.Image with { Frames = [scan.Image.Frames[1]] };
        var dual = Analyze(scan.Image);
        var result = Analyze(single);
        Assert.Contains(result.Reasons, r => r.Contains("single-energy", StringComparison.Ordinal) && r.Contains("lower confidence", StringComparison.Ordinal));
        Assert.DoesNotContain(dual.Reasons, r => r.Contains("single-energy", StringComparison.Ordinal));
        Assert.InRange(result.Score, 0, 0.85);
    }

    [Fact]
    public void Blank_saturated_tiny_and_preview_images_are_refused_with_a_reason()
    {
        var metadata = new ScanMetadata();
        ScanImage Flat(ushort value, int w = 300, int h = 300) => new(ScanFormat.Png, [new ScanFrame(w, h, Enumerable.Repeat(value, w * h).ToArray())], metadata);
        var halfBlack = Flat(40000);
        Array.Fill(halfBlack.Frames[0].Pixels, (ushort)0, 0, 300 * 200);
        foreach (var (image, words) in new[] { (Flat(60000), "blank"), (halfBlack, "saturated"), (Flat(30000, 20, 20), "too small"), (Flat(30000) with { Format = ScanFormat.Preview }, "preview") })
        {
            var outcome = ParcelAnalyzer.Analyze(image, Parcel, null, Token);
            Assert.Null(outcome.Result);
            Assert.StartsWith("cannot analyse: ", outcome.CannotAnalyse, StringComparison.Ordinal);
            Assert.Contains(words, outcome.CannotAnalyse, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_model_learned_through_the_facade_survives_its_json_and_sets_the_threshold()
    {
        var examples = Enumerable.Range(300, 6)
            .Select(s => new LearningExample(ParcelGenerator.Scan(ParcelGenerator.Scene(s), ScannerSettings.Parcel160kV, s, Token).Image, Parcel))
            .ToList();
        var model = ScanAnalyzer.Learn(examples, new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), Token);
        var (parsed, problem) = AnalysisModel.Parse(model.ToJson());
        Assert.Null(problem);
        Assert.Equal(model.Parcels, parsed!.Parcels);
        Assert.Equal(6, parsed.Parcels!.CleanExamples);
        Assert.InRange(parsed.Parcels.Threshold, 0.35, 1.05);

        var scan = ParcelGenerator.Scan(ParcelGenerator.Scene(8, ConcealmentMethod.Tablets, 200), ScannerSettings.Parcel160kV, 8, Token);
        var outcome = ScanAnalyzer.Analyze(scan.Image, Parcel, parsed, Token);
        Assert.Equal(outcome.Result!.Score >= parsed.Parcels.Threshold, outcome.Result.Alarm);
        Assert.DoesNotContain(outcome.Result.Reasons, r => r.Contains("no learned model", StringComparison.Ordinal));
    }

    private static int VitaminParcelSeed() => Enumerable.Range(1, 300).First(s => ParcelGenerator.Scene(s).Contents.Contains("vitamin bottle"));
}
