using Portcullis.Imaging.Analysis.Compare;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// The change map: cargo slides along the floor by a few centimetres but hardly moves up or down, so a shift that
/// the tolerance along the container explains leaves no change, and the same shift upwards does; an excess too faint
/// for any cell adds up over a window.
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
        var excess = new float[60 * 60];
        for (var v = 10; v < 30; v++)
        {
            for (var u = 10; u < 30; u++)
            {
                excess[(v * 60) + u] = 0.2f;
            }
        }

        var windows = ChangeMap.Windows(excess, 60, 60, size: 25, minimumKg: 1, cellCm2: 1, massAttenuation: 0.045);

        var window = Assert.Single(windows);
        Assert.Equal(80 / 0.045 / 1000, window.Kg, 3);
        Assert.True(window.U0 <= 10 && window.U1 >= 30 && window.V0 <= 10 && window.V1 >= 30, $"{window}");
    }

    // A 10 × 10 block of attenuation 1 with its top-left cell at (row, column), on air.
    private static float[] Block(int row, int column)
    {
        var cells = new float[Size * Size];
        for (var v = row; v < row + 10; v++)
        {
            for (var u = column; u < column + 10; u++)
            {
                cells[(v * Size) + u] = 1;
            }
        }

        return cells;
    }
}
