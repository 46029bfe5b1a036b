using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Analysis.Parcels;
using ScanSubjectKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// Container scans drawn by a generator that is not ours (IndependentScans/make_scans.py: a trailer chassis that
/// overhangs the container, wheels cut by the image's edge, a linac's pulse-to-pulse dose noise, plain linear PNGs
/// with the open beam below full scale). Before the analysis measured air by its median and looked for the
/// container inside a longer object, both were refused ("13 times as long as it is high", "blank"). And a parcel from
/// IndependentScans/make_parcels.py whose encoding the noise guess misread.
/// </summary>
public sealed class IndependentScanTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ScanImage Read(string file) =>
        ScanReader.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Imaging", "Analysis", "IndependentScans", file))).Image!;

    [Theory]
    // The container's box in each image, as the generator's truth.csv gives it (README.md beside the files).
    [InlineData("dry20_cocoa_clean.png", "180100", 60, 36, 666, 295)]
    [InlineData("dry20_machinery_reversed_concealed.png", "847989", 60, 30, 666, 289)]
    public void A_20_foot_scan_on_an_overhanging_chassis_is_analysed_and_its_regions_lie_in_the_container(string file, string hs, int x0, int y0, int x1, int y1)
    {
        var outcome = ScanAnalyzer.Analyze(Read(file), new ScanSubject(ScanSubjectKind.Container, hs, "22G1"), null, Token);

        Assert.Null(outcome.CannotAnalyse);
        var result = outcome.Result!;
        Assert.InRange(result.Score, 0, 1);
        // A body found on the chassis or across the overhang would put regions under the container or beside it;
        // two pixels of slack for the working grid's binning.
        Assert.All(result.Regions, r =>
        {
            Assert.InRange(r.X0, x0 - 2, x1 + 2);
            Assert.InRange(r.X1, x0 - 2, x1 + 2);
            Assert.InRange(r.Y0, y0 - 2, y1 + 2);
            Assert.InRange(r.Y1, y0 - 2, y1 + 2);
        });
    }

    [Fact]
    public void A_block_between_two_cross_members_stands_out_against_the_scans_own_cross_members()
    {
        // A 40' side view (1.22 cm per pixel) in linear transmission: walls, roof, floor rails, corner posts, and
        // cross-members every 24.6 pixels (30 cm: a pitch that is no whole number of working bins), each web
        // attenuating 4.0 over 2 pixels; between two of them at 40% of the length a block attenuating 1.0 over
        // 16 × 12 pixels. Measured against the row's running median alone, every web's brick-sized excess (0.8) is
        // nearly as high as the block's (1.0); with the cross-members read from the scan itself the webs leave at most
        // half of that (a web that the binning splits over two bins leaves its halves, aligned to whole bins).
        const int w = 1200, h = 400, x0 = 100, x1 = 1100, y0 = 80, y1 = 330;
        const double Pitch = 24.6;
        var random = new Random(7);
        var pixels = new ushort[w * h];
        var blockX = x0 + 16 + (int)(16 * Pitch) + 5;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                double a = 0;
                if (x is >= x0 and < x1 && y is >= y0 and < y1)
                {
                    a = 0.1;
                    a += y < y0 + 5 ? 1.5 : 0;
                    a += y >= y1 - 20 ? 1.0 : 0;
                    a += x < x0 + 12 || x >= x1 - 12 ? 1.0 : 0;
                    var offset = (x - x0 - 16) % Pitch;
                    a += y >= y1 - 18 && x >= x0 + 16 && x < x1 - 16 && offset < 2 ? 4.0 : 0;
                    a += y >= y1 - 16 && y < y1 - 4 && x >= blockX && x < blockX + 16 ? 1.0 : 0;
                }

                var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                pixels[(y * w) + x] = (ushort)Math.Clamp(60_000 * Math.Exp(-a) * (1 + (0.005 * gauss)), 1, 65535);
            }
        }

        var metadata = new ScanMetadata { Text = new Dictionary<string, string> { ["Encoding"] = "linear transmission" } };
        var image = new ScanImage(ScanFormat.Png, [new ScanFrame(w, h, pixels)], metadata);
        var (view, problem) = ContainerView.Prepare(image, new ScanSubject(ScanSubjectKind.Container, "847989", "42G1"), Token);

        Assert.Null(problem);
        const int Cols = ContainerView.GridColumns;
        var floor = (ContainerView.GridRows - 1) * Cols;
        var blockCell = (int)((blockX + 8 - x0) / (double)(x1 - x0) * Cols);
        var others = Enumerable.Range(5, Cols - 10).Where(c => Math.Abs(c - blockCell) > 1).Max(c => view!.CellExcess[floor + c]);
        Assert.True(view!.CellExcess[floor + blockCell] > 2 * others, $"block cell {view.CellExcess[floor + blockCell]:0.000}, highest other floor cell {others:0.000}");
    }

    [Fact]
    public void A_plain_linear_parcel_whose_darker_values_are_texture_is_read_as_linear_with_its_second_energy()
    {
        // A 120 × 180 crop of a 160 kV sandwich scanner's parcel from IndependentScans/make_parcels.py (seed 2, parcel
        // 73: tulip bulbs and the edge of a vacuum slab of tablets; README.md): linear transmission, no encoding stated.
        // Its darker values are nearly all bulbs and tablets, whose texture lifts their bands' noise estimate, so the
        // low frame alone shows noise "growing toward dark" and read as log; the whole parcel did too, and lost its
        // slab (score 0). The texture shows in both frames, their quantum noise does not.
        var low = Read("parcel_sw160_crop_low.png");
        var high = Read("parcel_sw160_crop_high.png");
        var scan = ScanReader.Combine(low, high).Image!;

        Assert.NotNull(ParcelImage.GuessLogRange(scan.Frames[0]));
        Assert.Null(ParcelImage.GuessLogRange(scan.Frames[0], scan.Frames[1]));
        var (image, problem) = ParcelImage.From(scan);
        Assert.Null(problem);
        Assert.False(image!.LogEncoded);
    }

    [Fact]
    public void The_open_beam_is_the_airs_median_not_its_noisy_brightest_pixels()
    {
        // Air at 50,000 with 2% noise per pixel around an object at 20,000: the 99.9th percentile sits about three
        // noise widths (6%) above the air, and reading air against it gives air an attenuation of 0.06.
        const int w = 400, h = 200;
        var random = new Random(5);
        var pixels = new ushort[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var level = x is >= 60 and < 340 && y is >= 50 and < 170 ? 20_000 : 50_000;
                var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                pixels[(y * w) + x] = (ushort)Math.Clamp(level * (1 + (0.02 * gauss)), 0, 65535);
            }
        }

        var frame = new ScanFrame(w, h, pixels);
        var sorted = pixels.Order().ToArray();
        var p999 = sorted[(int)(sorted.Length * 0.999)];

        Assert.True(p999 > 52_500, $"the test's premise: the 99.9th percentile ({p999}) lies well above the air");
        Assert.InRange(OpenBeam.Of(frame, p999), 49_750, 50_250);
    }
}
