using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Synthesis;
using ScanSubjectKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging;

/// <summary>One model learned from cleared 40' scans on the training scanner, shared by the tests (coarse pitch keeps it quick).</summary>
public sealed class ContainerModelFixture
{
    // 10 × 9 mm pixels: a 40' scan is about 1,280 × 390, small enough to learn from two dozen in a few seconds.
    public static readonly ScannerSettings Training = ScannerSettings.Portal6MV with { PitchAlongMm = 10, PitchAcrossMm = 9 };

    // Held out: another energy, pitch, noise, blur, vertical offset and dynamic range than any learning scan.
    public static readonly ScannerSettings HeldOut = ScannerSettings.Mobile4MV with { PitchAlongMm = 11, PitchAcrossMm = 10, DynamicRange = 40_000 };

    public ContainerModelFixture()
    {
        var examples = new List<LearningExample>();
        for (var seed = 1; seed <= 24; seed++)
        {
            var kind = seed % 2 == 0 ? ContainerKind.Reefer40HighCube : ContainerKind.Dry40;
            var commodity = kind == ContainerKind.Reefer40HighCube ? Commodity.Bananas : Commodity.Cocoa;
            var scan = RadiographGenerator.Container(SceneBuilder.Build(seed, kind, commodity, []), Training, seed);
            examples.Add(new LearningExample(scan.Image, ContainerEvaluation.SubjectOf(scan.Truth)));
        }

        Model = ScanAnalyzer.Learn(examples, new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));
    }

    public AnalysisModel Model { get; }
}

public sealed class ContainerAnalysisTests(ContainerModelFixture fixture) : IClassFixture<ContainerModelFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static GeneratedScan Scan(int seed, ContainerKind kind, ScannerSettings scanner, ConcealmentMethod? method = null, double kg = 0)
    {
        var commodity = kind == ContainerKind.Reefer40HighCube ? Commodity.Bananas : Commodity.Cocoa;
        List<ConcealmentRequest> requests = method is { } m ? [new ConcealmentRequest(m, kg)] : [];
        return RadiographGenerator.Container(SceneBuilder.Build(seed, kind, commodity, requests), scanner, seed, Token);
    }

    private static AnalysisResult Analyze(GeneratedScan scan, AnalysisModel? model)
    {
        var outcome = ScanAnalyzer.Analyze(scan.Image, ContainerEvaluation.SubjectOf(scan.Truth), model, Token);
        Assert.Null(outcome.CannotAnalyse);
        return outcome.Result!;
    }

    private static bool Overlaps(AnalysisRegion r, PixelBox box) => r.X0 < box.X1 && box.X0 < r.X1 && r.Y0 < box.Y1 && box.Y0 < r.Y1;

    [Fact]
    public void A_door_concealment_on_a_held_out_scanner_alarms_and_a_top_region_covers_it()
    {
        var scan = Scan(901, ContainerKind.Dry40, ContainerModelFixture.HeldOut, ConcealmentMethod.Doors, 25);
        var result = Analyze(scan, fixture.Model);

        Assert.True(result.Alarm, string.Join("; ", result.Reasons));
        Assert.Contains(result.Regions.Take(3), r => Overlaps(r, scan.Truth.Concealments[0].Box));
        Assert.Equal(ContainerAnalyzer.Version, result.Version);
        Assert.NotNull(result.Heatmap);
    }

    [Fact]
    public void On_a_small_held_out_set_most_concealments_are_found_in_place_and_few_clean_scans_alarm()
    {
        // Seeds and a scanner never learnt on; every place each kind has, 15–30 kg; as many clean scans.
        var located = new List<string>();
        var missed = new List<string>();
        var concealed = new (ContainerKind Kind, ConcealmentMethod Method)[]
        {
            (ContainerKind.Dry40, ConcealmentMethod.Doors), (ContainerKind.Dry40, ConcealmentMethod.Floor),
            (ContainerKind.Dry40, ConcealmentMethod.Cargo), (ContainerKind.Dry40, ConcealmentMethod.Wall),
            (ContainerKind.Reefer40HighCube, ConcealmentMethod.Machinery), (ContainerKind.Reefer40HighCube, ConcealmentMethod.Doors),
            (ContainerKind.Reefer40HighCube, ConcealmentMethod.Floor), (ContainerKind.Reefer40HighCube, ConcealmentMethod.Cargo),
        };
        for (var i = 0; i < concealed.Length; i++)
        {
            var (kind, method) = concealed[i];
            var scan = Scan(960 + i, kind, ContainerModelFixture.HeldOut, method, 15 + (2 * i));
            var result = Analyze(scan, fixture.Model);
            var hit = result.Alarm && result.Regions.Take(3).Any(r => Overlaps(r, scan.Truth.Concealments[0].Box));
            (hit ? located : missed).Add($"{kind} {method} ({result.Score:0.00})");
        }

        var alarms = Enumerable.Range(0, 8)
            .Select(i => Analyze(Scan(980 + i, i % 2 == 0 ? ContainerKind.Dry40 : ContainerKind.Reefer40HighCube, ContainerModelFixture.HeldOut), fixture.Model))
            .Count(r => r.Alarm);

        Assert.True(located.Count >= LocatedAtLeast, $"located {located.Count}/8; missed: {string.Join(", ", missed)}");
        Assert.True(alarms <= CleanAlarmsAtMost, $"{alarms} of 8 clean scans alarmed");
    }

    // The floor the analysis must keep on this set (the goal is 90 %). The clean bar is loose on purpose: a
    // model of 24 scans (12 per type) from one scanner has no other scanner to measure a new one's shift by (its
    // allowance comes from two halves instead) and its operating point comes from the normal quantile, so on a
    // held-out scanner up to half the clean scans may alarm (containers-3: 4 of 8); the evaluation with 150 learning
    // scans from four scanners measures 1.7 % at its operating point on new scanners (docs/BENCHMARKS.md).
    private const int LocatedAtLeast = 5;
    private const int CleanAlarmsAtMost = 4;

    [Fact]
    public void A_plain_16_bit_png_that_does_not_name_its_encoding_is_analysed_and_still_finds_the_concealment()
    {
        // As many exporters write it: pixels only, no DynamicRange key (`portcullis scan generate` now states it).
        var scan = Scan(901, ContainerKind.Dry40, ContainerModelFixture.HeldOut, ConcealmentMethod.Doors, 25);
        var read = ScanReader.Read(ScanPng.Write(scan.Image.Frames[^1]));
        Assert.Null(read.Error);
        Assert.False(read.Image!.Metadata.Text.ContainsKey("DynamicRange"));

        var outcome = ScanAnalyzer.Analyze(read.Image, ContainerEvaluation.SubjectOf(scan.Truth), fixture.Model, Token);

        Assert.Null(outcome.CannotAnalyse);
        Assert.Contains(outcome.Result!.Regions.Take(3), r => Overlaps(r, scan.Truth.Concealments[0].Box));
    }

    [Fact]
    public void A_clean_scan_on_a_held_out_scanner_stays_below_the_operating_point()
    {
        var result = Analyze(Scan(902, ContainerKind.Dry40, ContainerModelFixture.HeldOut), fixture.Model);

        Assert.False(result.Alarm, string.Join("; ", result.Reasons));
        Assert.True(result.Score <= fixture.Model.Containers!.Threshold);
    }

    [Fact]
    public void A_model_learnt_by_another_version_is_named_in_the_reasons()
    {
        var scan = Scan(902, ContainerKind.Dry40, ContainerModelFixture.HeldOut);
        var older = fixture.Model with { Containers = fixture.Model.Containers! with { Version = "containers-4" } };

        var current = Analyze(scan, fixture.Model);
        var result = Analyze(scan, older);

        Assert.DoesNotContain(current.Reasons, r => r.Contains("learn it again", StringComparison.Ordinal));
        Assert.Contains($"the model's threshold was learned by containers-4, this is {ContainerAnalyzer.Version}: learn it again with 'portcullis scan learn'", result.Reasons);
    }

    [Fact]
    public void A_reversed_scan_finds_the_concealment_at_its_mirrored_place()
    {
        var reversed = ContainerModelFixture.Training with { Reversed = true };
        var scan = Scan(903, ContainerKind.Dry40, reversed, ConcealmentMethod.Doors, 15);
        var result = Analyze(scan, fixture.Model);

        // Door end first: the doors are at the left of the image, and the region is called "doors" still.
        Assert.True(scan.Truth.Concealments[0].Box.X0 < scan.Image.Width / 2);
        Assert.True(result.Alarm, string.Join("; ", result.Reasons));
        var hit = Assert.Single(result.Regions.Take(3), r => Overlaps(r, scan.Truth.Concealments[0].Box));
        Assert.Equal("doors", hit.Kind);
    }

    [Fact]
    public void Added_mass_in_a_reefer_machinery_unit_is_flagged_as_machinery_with_kilograms()
    {
        var scan = Scan(904, ContainerKind.Reefer40HighCube, ContainerModelFixture.Training with { Reversed = true }, ConcealmentMethod.Machinery, 20);
        var result = Analyze(scan, fixture.Model);

        Assert.True(result.Alarm, string.Join("; ", result.Reasons));
        var hit = result.Regions.Take(3).First(r => Overlaps(r, scan.Truth.Concealments[0].Box));
        Assert.Equal("reefer-machinery", hit.Kind);
        Assert.True(hit.Kg > 0);
        Assert.Contains(result.Reasons, r => r.Contains("reefer unit", StringComparison.Ordinal));
    }

    [Fact]
    public void Blank_saturated_cropped_and_tiny_images_are_refused_in_one_sentence()
    {
        var scan = Scan(905, ContainerKind.Dry20, ContainerModelFixture.Training);
        var frame = scan.Image.Frames[0];
        ScanImage With(ScanFrame f) => scan.Image with { Frames = [f] };
        var blank = With(frame with { Pixels = Enumerable.Repeat((ushort)65535, frame.Pixels.Length).ToArray() });
        var saturated = With(frame with { Pixels = [.. frame.Pixels.Select((_, i) => (ushort)(i % 97))] });
        var cut = frame.Width / 3;
        var cropped = With(new ScanFrame(frame.Width - cut, frame.Height, [.. Enumerable.Range(0, frame.Height).SelectMany(y => frame.Pixels.Skip((y * frame.Width) + cut).Take(frame.Width - cut))]));
        var tiny = With(new ScanFrame(50, 20, new ushort[1000]));
        var subject = new ScanSubject(ScanSubjectKind.Container);

        Assert.Contains("blank", ScanAnalyzer.Analyze(blank, subject, fixture.Model, Token).CannotAnalyse, StringComparison.Ordinal);
        Assert.Contains("saturated", ScanAnalyzer.Analyze(saturated, subject, fixture.Model, Token).CannotAnalyse, StringComparison.Ordinal);
        Assert.Contains("cropped", ScanAnalyzer.Analyze(cropped, subject, fixture.Model, Token).CannotAnalyse, StringComparison.Ordinal);
        Assert.StartsWith("cannot analyse: the image is 50 × 20 pixels", ScanAnalyzer.Analyze(tiny, subject, fixture.Model, Token).CannotAnalyse, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_20_foot_container_that_measures_12_metres_is_refused()
    {
        var scan = Scan(906, ContainerKind.Dry40, ContainerModelFixture.Training);
        var outcome = ContainerAnalyzer.Analyze(scan.Image, new ScanSubject(ScanSubjectKind.Container, "180100", "22G1"), null, Token);

        Assert.Contains("declared as a 20-foot container", outcome.CannotAnalyse, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_survives_its_json_round_trip_and_scores_the_same()
    {
        var scan = Scan(907, ContainerKind.Reefer40HighCube, ContainerModelFixture.HeldOut, ConcealmentMethod.Floor, 12);
        var (parsed, problem) = AnalysisModel.Parse(fixture.Model.ToJson());

        Assert.Null(problem);
        Assert.Equal(fixture.Model.Containers!.Threshold, parsed!.Containers!.Threshold);
        Assert.Equal(fixture.Model.Containers.Normals!.Count, parsed.Containers.Normals!.Count);
        Assert.Equal(Analyze(scan, fixture.Model).Score, Analyze(scan, parsed).Score);
    }

    [Fact]
    public void Without_a_model_the_analysis_says_it_used_built_in_defaults()
    {
        var result = Analyze(Scan(908, ContainerKind.Dry40, ContainerModelFixture.Training, ConcealmentMethod.Doors, 25), null);

        Assert.Contains(result.Reasons, r => r.StartsWith("no learned model", StringComparison.Ordinal));
        Assert.InRange(result.Score, 0, 1);
        Assert.All(result.Reasons.Zip(result.ReasonPhrases!), r => Components.PhraseAssert.SaidInDutch(r.Second, r.First));
    }

    [Fact]
    public void Score_curve_keeps_strong_anomalies_apart_after_rounding()
    {
        // The score is stored to four decimals: a curve that saturates would tie every strong anomaly at 1.
        var scores = new[] { 0.0, 6, 12, 40, 100, 200 }.Select(z => Math.Round(Scoring.ToScore(z), 4)).ToArray();

        Assert.Equal(0, scores[0]);
        Assert.All(scores.Zip(scores.Skip(1)), p => Assert.True(p.First < p.Second, $"{p.First} !< {p.Second}"));
        Assert.True(scores[^1] < 1);
    }

    [Fact]
    public void The_scanner_allowance_leaves_out_one_named_scanner_at_a_time_from_three_on_and_halves_otherwise()
    {
        string[] types = ["40-dry", "40-dry", "40-reefer", "40-dry", "40-reefer", "40-reefer"];

        var (byScanner, scanners) = ContainerLearner.ScannerFolds(types, ["b", "a", "c", "a", "b", "c"]);
        var (fromTwo, halves) = ContainerLearner.ScannerFolds(types, ["a", "b", "a", "b", "a", "b"]);
        var (unnamed, _) = ContainerLearner.ScannerFolds(types, ["a", "b", "c", null, "a", "b"]);

        Assert.Equal(3, scanners);
        Assert.Equal([1, 0, 2, 0, 1, 2], byScanner);
        // Two scanners would leave each fold one to learn from: halves alternating within each type instead.
        Assert.Equal(2, halves);
        Assert.Equal([0, 1, 0, 0, 1, 0], fromTwo);
        Assert.Equal(fromTwo, unnamed);
    }

    [Theory]
    [InlineData("0803.90", "fruit-vegetables")]
    [InlineData("180100", "foodstuffs")]
    [InlineData("090111", "beans-grain")]
    [InlineData("8479", "machinery")]
    [InlineData(null, "generic")]
    [InlineData("x", "generic")]
    public void Hs_chapters_map_to_commodity_groups(string? hs, string group) => Assert.Equal(group, CommodityGroups.Of(hs));
}

/// <summary>
/// A plain 16-bit PNG states neither its encoding nor its pitch: the histogram guesses log or linear, and where
/// that guess finds no container the other reading is tried. Found with `scan-containers-eval --export plain-log`,
/// where 7 of the tuning set's dry scans from one scanner were refused as "45 times as long as it is high".
/// </summary>
public sealed class PlainExportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_log_encoded_heavy_load_whose_histogram_looks_linear_is_still_read_as_a_container()
    {
        // The tuning scanner that showed it (log range 60,000, 10 cm lower), at twice its pitch to keep the test quick.
        var scanner = ContainerEvaluation.Tuning[0] with { PitchAlongMm = 11, PitchAcrossMm = 8 };
        var found = Enumerable.Range(1, 12)
            .Select(seed => RadiographGenerator.Container(SceneBuilder.Build(seed, ContainerKind.Dry20, Commodity.Machinery, []), scanner, seed, Token))
            .Select(scan => (Scan: scan, Plain: ScanExports.Reencode(scan.Image, ScanExport.PlainLog)))
            .FirstOrDefault(s => !LooksLog(s.Plain.Frames[^1]));
        Assert.True(found.Plain is not null, "no machinery load in 12 seeds whose log histogram looks linear: the retry is not exercised");

        var subject = ContainerEvaluation.SubjectOf(found.Scan.Truth);
        var plain = ScanAnalyzer.Analyze(found.Plain, subject, null, Token);
        var stated = ScanAnalyzer.Analyze(found.Scan.Image, subject, null, Token);

        Assert.Null(plain.CannotAnalyse);
        Assert.Null(stated.CannotAnalyse);
        var (plainView, _) = ContainerView.Prepare(found.Plain, subject, Token);
        var (statedView, _) = ContainerView.Prepare(found.Scan.Image, subject, Token);
        // The same body found both ways: same pixel extent to within a working bin.
        Assert.InRange(Math.Abs(plainView!.Width - statedView!.Width), 0, 1);
        Assert.InRange(Math.Abs(plainView.Height - statedView.Height), 0, 1);
    }

    [Fact]
    public void A_dense_load_in_a_plain_linear_file_is_not_taken_for_a_saturated_image()
    {
        // A 40' of dense cargo through the mobile 4 MV scanner passes under 1% of the beam over much of the image: in a
        // log file that is the detector's floor, in linear transmission it is an ordinary dense load.
        var scanner = ScannerSettings.Mobile4MV with { PitchAlongMm = 12, PitchAcrossMm = 10 };
        var found = new[] { Commodity.Machinery, Commodity.Cocoa, Commodity.Timber }
            .SelectMany(commodity => Enumerable.Range(1, 4).Select(seed => (commodity, seed)))
            .Select(c => RadiographGenerator.Container(SceneBuilder.Build(c.seed, ContainerKind.Dry40, c.commodity, []), scanner, c.seed, Token))
            .Select(scan => (Scan: scan, Plain: ScanExports.Reencode(scan.Image, ScanExport.PlainLinear)))
            .FirstOrDefault(s => s.Plain.Frames[^1].Pixels.Count(v => v < 655) > 0.4 * s.Plain.Frames[^1].Pixels.Length);
        Assert.True(found.Plain is not null, "no dense 40' load in 12 scans passes under 1% of the beam over 40% of the image: the case is not exercised");

        var outcome = ScanAnalyzer.Analyze(found.Plain, ContainerEvaluation.SubjectOf(found.Scan.Truth), null, Token);

        Assert.Null(outcome.CannotAnalyse);
    }

    private static bool LooksLog(ScanFrame frame)
    {
        var histogram = GreyHistogram.Of(frame.Pixels);
        return ContainerView.LooksLogEncoded(histogram, GreyHistogram.Percentile(histogram, frame.Pixels.Length, 0.999));
    }
}
