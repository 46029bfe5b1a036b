using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Tests.Imaging;

/// <summary>Synthetic concealments put into a cleared scan's attenuation map (<see cref="Insertion"/>).</summary>
public sealed class ContainerInsertionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ContainerView CleanView(int seed)
    {
        var scan = RadiographGenerator.Container(SceneBuilder.Build(seed, ContainerKind.Dry40, Commodity.Cocoa, []), ContainerModelFixture.Training, seed, Token);
        var (view, problem) = ContainerView.Prepare(scan.Image, ContainerEvaluation.SubjectOf(scan.Truth), Token);
        Assert.Null(problem);
        return view!;
    }

    private static double[] CellMeans(ContainerView view, float[] delta)
    {
        const int Cols = ContainerView.GridColumns;
        const int Rows = ContainerView.GridRows;
        var means = new double[Cols * Rows];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Cols; c++)
            {
                var (a0, a1) = (c * view.Width / Cols, (c + 1) * view.Width / Cols);
                var (b0, b1) = (r * view.Height / Rows, (r + 1) * view.Height / Rows);
                double sum = 0;
                for (var y = b0; y < b1; y++)
                {
                    for (var x = a0; x < a1; x++)
                    {
                        sum += delta[(y * view.Width) + x];
                    }
                }

                means[(r * Cols) + c] = sum / Math.Max(1, (a1 - a0) * (b1 - b0));
            }
        }

        return means;
    }

    [Fact]
    public void An_insertion_adds_the_mass_attenuation_coefficient_times_its_areal_density()
    {
        var view = CleanView(11);
        const double Mu = 0.049;
        var added = Insertion.Make(view, Mu, new Random(3), Insertion.Place.Doors, 10);

        // Beer–Lambert: Σ Δ(−ln T) × pixel area = μ × mass, whatever the shape, blur and noise.
        var grams = added.Delta.Sum(d => (double)d) * view.CmPerBinX * view.CmPerBinY / Mu;
        Assert.Equal(10, added.Kg, 6);
        Assert.InRange(grams / 1000, 9.8, 10.2);
    }

    [Fact]
    public void Door_insertions_stay_in_the_last_tenth_of_the_length()
    {
        var view = CleanView(12);
        var random = new Random(5);
        for (var k = 0; k < 5; k++)
        {
            var delta = Insertion.Make(view, 0.049, random, Insertion.Place.Doors, 8).Delta;
            var means = CellMeans(view, delta);
            var peak = Array.IndexOf(means, means.Max());
            // Canonical frame: the doors are the far end, the last 8 % of the columns plus the blur's reach.
            Assert.True(peak % ContainerView.GridColumns >= ContainerView.GridColumns * 88 / 100, $"insertion {k} peaks in column {peak % ContainerView.GridColumns}");
        }
    }

    [Fact]
    public void A_view_with_nothing_added_measures_the_same()
    {
        var view = CleanView(13);
        var same = view.WithAdded(new float[view.Width * view.Height]);
        Assert.Equal(view.CellExcess, same.CellExcess);
        Assert.Equal(view.CellLevel, same.CellLevel);
    }

    [Fact]
    public void Twenty_kilograms_inserted_at_the_doors_raise_the_excess_where_they_were_put()
    {
        var view = CleanView(14);
        var added = Insertion.Make(view, 0.049, new Random(9), Insertion.Place.Doors, 20);
        var inserted = view.WithAdded(added.Delta);
        var means = CellMeans(view, added.Delta);
        var peak = Array.IndexOf(means, means.Max());

        // The cell the bricks cover most: its brick-sized excess over the surrounding load rises by a good part
        // of the added attenuation (the row background is a median over 2.5 m, which a bag does not move much).
        Assert.True(inserted.CellExcess[peak] - view.CellExcess[peak] > 0.5 * means[peak], $"excess rose {inserted.CellExcess[peak] - view.CellExcess[peak]:0.000} for {means[peak]:0.000} added");
        Assert.True(inserted.CellLevel[peak] > view.CellLevel[peak] + (0.9 * means[peak]));
    }
}
