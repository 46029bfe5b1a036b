using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Compare;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// The change map: cargo slides along the floor by a few centimetres but hardly moves up or down, so a shift that
/// the tolerance along the container explains leaves no change, and the same shift upwards does; an excess too faint
/// for any cell adds up over a window; a window counts beyond what its own columns' boxes hold.
/// </summary>
public sealed class ChangeMapTests
{
    private const int Size = 40;

    [Fact]
    public void A_block_moved_three_cells_along_the_container_leaves_no_excess()
    {
        var before = Block(10, 10);
        var after = Block(10, 13);

        var excess = ChangeMap.Excess(after, before, Size, Size, radius: 4, radiusY: 2);

        Assert.All(excess, e => Assert.Equal(0f, e));
    }

    [Fact]
    public void The_same_block_moved_three_cells_up_leaves_the_rows_beyond_the_vertical_tolerance()
    {
        var before = Block(10, 10);
        var after = Block(7, 10);

        var excess = ChangeMap.Excess(after, before, Size, Size, radius: 4, radiusY: 2);

        // Row 7 lies three rows above the block's top (row 10): no cell of it within ±2 rows, so all of the block's
        // attenuation (1) is excess there; rows 8 and 9 are within two rows of the block and explained.
        Assert.Equal(1f, excess[(7 * Size) + 12]);
        Assert.Equal(0f, excess[(8 * Size) + 12]);
        Assert.Equal(0f, excess[(9 * Size) + 12]);
        Assert.Equal(10, excess.Count(e => e > 0));
    }

    [Fact]
    public void A_faint_excess_over_a_large_area_adds_up_to_one_window_with_its_mass()
    {
        // 20 × 20 cells of 1 cm² with an excess of 0.2 each: 80 cm² of attenuation, 80 / 0.045 g = 1.78 kg.
        var excess = Filled(60, u0: 10, v0: 10, u1: 30, v1: 30, 0.2f);

        var windows = ChangeMap.Windows(SummedArea.Of(excess, 60, 60), 60, 60, size: 25, minimumKg: 1, cellCm2: 1, massAttenuation: 0.045);

        var window = Assert.Single(windows);
        Assert.Equal(80 / 0.045 / 1000, window.Kg, 3);
        Assert.True(window.U0 <= 10 && window.U1 >= 30 && window.V0 <= 10 && window.V1 >= 30, $"{window}");
    }

    [Fact]
    public void An_excess_all_the_way_up_its_columns_is_its_own_background()
    {
        // A structure the two scanners render differently: 0.2 in every cell of columns 0–39, top to bottom. Every
        // 20 × 20 box up and down those columns holds 80, as the patch's own box does: nothing beyond.
        var excess = Strip(0.2f, 0.2f);

        var background = ChangeMap.ColumnBackground(SummedArea.Of(excess, 60, 60), 60, new ChangePatch(10, 20, 30, 40, 0, 0), top: 0, bottom: 60, deviations: 2, minimumBoxes: 6);

        Assert.Equal(80, background, 3);
    }

    [Fact]
    public void The_background_is_the_median_plus_two_robust_deviations_of_the_boxes_up_and_down()
    {
        // Boxes start every 10 rows and 10 columns around the patch; those clear of it start at rows 0 (0.1 each
        // cell: 40) and 40 (0.3 each: 120), three of each: median 120, median absolute deviation 80.
        var excess = Strip(0.1f, 0.3f);

        var background = ChangeMap.ColumnBackground(SummedArea.Of(excess, 60, 60), 60, new ChangePatch(10, 20, 30, 40, 0, 0), top: 0, bottom: 60, deviations: 2, minimumBoxes: 6);

        Assert.Equal(120 + (2 * 1.4826 * 80), background, 3);
    }

    [Fact]
    public void A_compact_excess_has_no_background_from_its_columns()
    {
        var excess = Filled(60, u0: 10, v0: 20, u1: 30, v1: 40, 0.2f);

        var background = ChangeMap.ColumnBackground(SummedArea.Of(excess, 60, 60), 60, new ChangePatch(10, 20, 30, 40, 0, 0), top: 0, bottom: 60, deviations: 2, minimumBoxes: 6);

        Assert.Equal(0, background, 6);
    }

    [Fact]
    public void A_patch_as_tall_as_the_container_has_too_few_boxes_for_a_background()
    {
        var excess = Enumerable.Repeat(0.2f, 60 * 60).ToArray();

        var background = ChangeMap.ColumnBackground(SummedArea.Of(excess, 60, 60), 60, new ChangePatch(10, 0, 30, 50, 0, 0), top: 0, bottom: 60, deviations: 2, minimumBoxes: 6);

        Assert.Equal(0, background);
    }

    // Columns 0–39 of a 60 × 60 grid: the top 20 rows at one excess, the bottom 20 at another, 0.2 between.
    private static float[] Strip(float top, float bottom)
    {
        var cells = new float[60 * 60];
        for (var v = 0; v < 60; v++)
        {
            for (var u = 0; u < 40; u++)
            {
                cells[(v * 60) + u] = v < 20 ? top : v >= 40 ? bottom : 0.2f;
            }
        }

        return cells;
    }

    // A 10 × 10 block of attenuation 1 with its top-left cell at (row, column), on air.
    private static float[] Block(int row, int column) => Filled(Size, u0: column, v0: row, u1: column + 10, v1: row + 10, 1);

    // A square grid of side cells, zero but for columns [u0, u1) of rows [v0, v1), which hold value.
    private static float[] Filled(int side, int u0, int v0, int u1, int v1, float value)
    {
        var cells = new float[side * side];
        for (var v = v0; v < v1; v++)
        {
            for (var u = u0; u < u1; u++)
            {
                cells[(v * side) + u] = value;
            }
        }

        return cells;
    }
}
