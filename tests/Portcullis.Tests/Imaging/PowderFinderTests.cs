using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;
using static Portcullis.Imaging.Synthesis.ContainerStructure;
using ScanSubjectKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging;

public sealed class PowderFinderTests
{
    // A scanner the analysis was not tuned on: 140 kV, a finer pitch, another encoding range.
    private static readonly ScannerSettings HeldOut = ScannerSettings.Parcel160kV with { Energy = ScanEnergy.Tube140kV, PitchAlongMm = 1.2, PitchAcrossMm = 1.2, DynamicRange = 60_000 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_organic_line_recovers_a_known_hardening_curve()
    {
        // L = 1.5 H − 0.08 H² over H from 0.05 to 1.2: the shape beam hardening gives one material.
        var high = Enumerable.Range(0, 400).Select(i => (float)(0.05 + (i * 0.003))).ToArray();
        var low = high.Select(h => (float)((1.5 * h) - (0.08 * h * h))).ToArray();
        var (a, b) = PowderFinder.OrganicLine(low, high);
        Assert.Equal(1.5, a, 3);
        Assert.Equal(-0.08, b, 3);
    }

    [Fact]
    public void The_organic_line_does_not_bend_up_through_a_thick_bottle_of_mineral_tablets()
    {
        // Organic matter (L = 1.5 H) up to H = 0.8, and a calcium bottle alone at H 1.5–1.9 reading L = 2.2 H: a free
        // quadratic would pass through the bottle and call it organic; the line must stay below it.
        var organic = Enumerable.Range(0, 300).Select(i => 0.05 + (i * 0.0025)).ToList();
        var mineral = Enumerable.Range(0, 60).Select(i => 1.5 + (i * 0.0067)).ToList();
        var high = organic.Concat(mineral).Select(h => (float)h).ToArray();
        var low = organic.Select(h => 1.5 * h).Concat(mineral.Select(h => 2.2 * h)).Select(l => (float)l).ToArray();
        var (a, b) = PowderFinder.OrganicLine(low, high);
        Assert.True(b <= 0, $"b = {b}");
        var residualAtBottle = (2.2 * 1.8) - ((a * 1.8) + (b * 1.8 * 1.8));
        Assert.True(residualAtBottle > 1.0, $"residual at the bottle {residualAtBottle:0.000}");
    }

    [Theory]
    [InlineData(0.35, 0.20, 0.5, false, 0.0, true)] // a salt's slope, a bag's thickness: scored
    [InlineData(0.05, 0.20, 0.5, false, 0.0, false)] // organic matter's slope
    [InlineData(1.20, 0.20, 0.5, false, 0.0, false)] // light metal's slope
    [InlineData(0.35, 0.20, 1.3, false, 0.0, false)] // thicker than any bag of powder: a bottle of mineral tablets
    [InlineData(0.35, 0.20, 0.5, true, 0.8, false)] // next to metal over a thick background: the slope is not its own
    [InlineData(0.35, 0.20, 0.5, true, 0.1, true)] // next to metal over little: its own
    public void The_score_follows_the_material_the_thickness_and_what_lies_around(double slope, double residual, double thickness, bool besideDense, double under, bool scored)
    {
        var score = PowderFinder.Score(new PowderCandidate(0, 0, 10, 10, slope, residual, 40, 100, thickness, under, besideDense));
        if (scored)
        {
            // s = 0.20 at full weight: 0.04 / (0.04 + 0.0064).
            Assert.Equal(0.04 / 0.0464, score, 6);
        }
        else
        {
            Assert.Equal(0, score);
        }
    }

    [Theory]
    [InlineData(0.02, 2)]
    [InlineData(0.9, 1)]
    public void A_region_splits_where_two_humps_meet_below_half_the_lower_peak(double saddle, int expected)
    {
        // One row of cells: a hump of 0.30, a dip to the saddle, a hump of 0.15. Below half the lower peak (0.075)
        // they are two things lying side by side; above it the lower is a shoulder of the higher.
        float[] row = [0.10f, 0.20f, 0.30f, 0.20f, (float)Math.Min(saddle, 0.14), 0.10f, 0.15f, 0.10f];
        var cells = Enumerable.Range(0, row.Length).ToList();
        var parts = PowderFinder.Split(cells, row, row.Length, 1);
        Assert.Equal(expected, parts.Count);
        Assert.Equal(row.Length, parts.Sum(p => p.Count));
    }

    [Fact]
    public void A_bag_of_cocaine_salt_is_found_where_the_same_bag_of_sugar_is_not()
    {
        // The same parcel twice: clothes, a book and a 12 × 8 × 3.5 cm pillow at 0.85 g/cm³ (about 150 g), once of the
        // generator's cocaine hydrochloride and once of sugar. Shape and mass thickness are equal: only the material differs.
        var bag = Analyze(Parcel(Materials.Drug), out var box);
        var sugar = Analyze(Parcel(Materials.Sugar), out _);
        Assert.False(sugar.Alarm, string.Join("; ", sugar.Reasons));

        var found = bag.Regions.First(r => r.Kind == "powder");
        Assert.True(found.X0 < box.X1 && box.X0 < found.X1 && found.Y0 < box.Y1 && box.Y0 < found.Y1, "the powder region overlaps the bag");
        Assert.InRange(found.Kg!.Value, 0.075, 0.3);
        Assert.Contains(bag.Reasons, r => r.Contains("between organic matter and metal", StringComparison.Ordinal));

        // Over 2.5 g/cm² of clothes the beam is already hardened and the salt's contrast is smaller than in free air, so
        // its score is modest; the same bag of sugar must not come near it.
        var sugarBest = sugar.Regions.Where(r => r.Kind == "powder").Select(r => r.Score).DefaultIfEmpty(0).Max();
        Assert.True(found.Score >= 0.2, $"bag score {found.Score}");
        Assert.True(sugarBest < found.Score / 3, $"sugar {sugarBest} against salt {found.Score}");
    }

    [Fact]
    public void A_plain_log_file_of_unstated_range_is_read_as_log_from_its_noise_and_its_bag_is_still_found()
    {
        // The bag of the test above handed over as pixels only: no encoding, no range, no pixel spacing. Read as linear
        // transmission (as before), the powder finder saw no bag here; the noise growing toward dark says log.
        var scan = ParcelGenerator.Scan(Parcel(Materials.Drug), HeldOut, 5, Token);
        var truth = Assert.Single(scan.Truth.Concealments).Box;
        var plain = ScanExports.Reencode(scan.Image, ScanExport.PlainLog);

        var (image, _) = ParcelImage.From(plain);
        Assert.True(image!.LogEncoded && image.RangeGuessed);
        // The range comes from the noise's growth: within a quarter of the true one's logarithm (ln 60,000 = 11.0).
        Assert.InRange(Math.Log(image.Range!.Value), 0.75 * Math.Log(60_000), 1.25 * Math.Log(60_000));

        var outcome = ParcelAnalyzer.Analyze(plain, new ScanSubject(ScanSubjectKind.Parcel), null, Token);
        var result = outcome.Result!;
        Assert.Contains(result.Regions.Take(3), r => r.Kind == "powder" && r.Score >= 0.2 && r.X0 < truth.X1 && truth.X0 < r.X1 && r.Y0 < truth.Y1 && truth.Y0 < r.Y1);
        Assert.Contains(result.Reasons, r => r.Contains("read as log-encoded", StringComparison.Ordinal));

        // The same pixels read as linear transmission, as before (the file now says so): no powder region on the bag.
        var saidLinear = plain with { Metadata = plain.Metadata with { Text = new Dictionary<string, string> { ["Encoding"] = "linear transmission" } } };
        var asBefore = ParcelAnalyzer.Analyze(saidLinear, new ScanSubject(ScanSubjectKind.Parcel), null, Token).Result!;
        Assert.DoesNotContain(asBefore.Regions.Take(3), r => r.Kind == "powder" && r.Score >= 0.2 && r.X0 < truth.X1 && truth.X0 < r.X1 && r.Y0 < truth.Y1 && truth.Y0 < r.Y1);

        // The same scan re-encoded as linear transmission: its noise shrinks toward dark, so it stays linear.
        var (linear, _) = ParcelImage.From(ScanExports.Reencode(scan.Image, ScanExport.PlainLinear));
        Assert.False(linear!.LogEncoded);
    }

    [Fact]
    public void A_plain_file_without_quantum_noise_is_read_as_linear_and_says_so()
    {
        // Without noise there is nothing to read the encoding from: the file is read as linear transmission, as a file
        // that states nothing always was, and the reasons say so.
        var scan = ParcelGenerator.Scan(Parcel(Materials.Drug), HeldOut.Ideal(), 5, Token);
        var plain = ScanExports.Reencode(scan.Image, ScanExport.PlainLog);

        var (image, _) = ParcelImage.From(plain);
        Assert.False(image!.LogEncoded);
        var result = ParcelAnalyzer.Analyze(plain, new ScanSubject(ScanSubjectKind.Parcel), null, Token).Result!;
        Assert.Contains(result.Reasons, r => r.Contains("pixels read as linear transmission", StringComparison.Ordinal));
    }

    private static AnalysisResult Analyze(ParcelScene scene, out PixelBox truth)
    {
        var scan = ParcelGenerator.Scan(scene, HeldOut, 5, Token);
        truth = Assert.Single(scan.Truth.Concealments).Box;
        var outcome = ParcelAnalyzer.Analyze(scan.Image, new ScanSubject(ScanSubjectKind.Parcel), null, Token);
        Assert.Null(outcome.CannotAnalyse);
        return outcome.Result!;
    }

    private static ParcelScene Parcel(Material bagMaterial)
    {
        var solids = new List<Solid>
        {
            Box(Materials.Rubber, 1.2, -20, 0, 60, 60, 0.8),
            Box(Materials.Cellulose, 0.15, 0, 10, 40, 40, 1.0),
            Box(Materials.Cellulose, 0.25, 2, 12, 30, 36, 10, texture: 0.4, cell: 1.2),
            Box(Materials.Cellulose, 0.85, 26, 14, 38, 34, 4),
        };
        var pillow = new Solid(SolidShape.Ellipsoid, bagMaterial, 0.85, 8, 18, 20, 26, 3.5);
        var film = new Solid(SolidShape.Ellipsoid, Materials.Polyethylene, 0.92, 8, 18, 20, 26, 0.02);
        return new ParcelScene("TEST", 40, 60, solids, ["clothes", "books"], [new Concealment(ConcealmentMethod.Powder, [pillow, film], 0.15, 1)]);
    }
}
