using Portcullis.Risk.Evaluation;

namespace Portcullis.Tests.Risk.Evaluation;

/// <summary>PSI against values worked out by hand from the bins and the 1e-4 floor for empty bins.</summary>
public sealed class PopulationStabilityTests
{
    private const int Digits = 10;

    // 1, 2, …, 10: the decile edges are sorted[i·10/10] = i + 1 for i = 1..9, i.e. 2..10, so every bin holds one value (0.1).
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Edges_are_the_reference_deciles_and_an_edge_value_falls_in_the_bin_above()
    {
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], PopulationStability.Edges(OneToTen));
        Assert.Equal(Enumerable.Repeat(0.1, 10), PopulationStability.Shares(OneToTen, PopulationStability.Edges(OneToTen)));
        // 1.5 is below the first edge (bin 0); 2 equals it (bin 1); 11 is above the last (bin 9).
        Assert.Equal([0.25, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.25], PopulationStability.Shares([1.5, 2, 2, 11], PopulationStability.Edges(OneToTen)));
    }

    [Fact]
    public void The_same_distribution_is_perfectly_stable()
    {
        Assert.Equal(0, PopulationStability.Psi(OneToTen, OneToTen), Digits);
        Assert.Equal(0, PopulationStability.Psi(OneToTen, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), Digits);
    }

    [Fact]
    public void Either_side_empty_gives_zero()
    {
        Assert.Equal(0, PopulationStability.Psi([], OneToTen));
        Assert.Equal(0, PopulationStability.Psi(OneToTen, []));
    }

    [Fact]
    public void A_shifted_week_is_summed_over_its_bins_with_the_floor_for_the_empty_one()
    {
        // Current 1, 1, 2, …, 9: bin 0 holds 0.2, bins 1–8 hold 0.1, bin 9 is empty (floored to 1e-4).
        // PSI = (0.2 − 0.1)·ln(0.2/0.1) + (1e-4 − 0.1)·ln(1e-4/0.1) = 0.1·ln 2 + 0.0999·ln 1000.
        var expected = (0.1 * Math.Log(2)) + (0.0999 * Math.Log(1000));
        Assert.Equal(expected, PopulationStability.Psi(OneToTen, [1, 1, 2, 3, 4, 5, 6, 7, 8, 9]), Digits);
        Assert.Equal(0.7594, expected, 4);
    }

    [Fact]
    public void Everything_in_one_bin_is_large_but_finite()
    {
        // Bin 0 holds 1 against 0.1; the other nine are empty against 0.1 each.
        // PSI = 0.9·ln 10 + 9·(1e-4 − 0.1)·ln(1e-4/0.1) = 0.9·ln 10 + 9·0.0999·ln 1000 ≈ 8.2831.
        var expected = (0.9 * Math.Log(10)) + (9 * 0.0999 * Math.Log(1000));
        Assert.Equal(expected, PopulationStability.Psi(OneToTen, Enumerable.Repeat(1.0, 10).ToList()), Digits);
        Assert.Equal(8.2831, expected, 4);
    }

    [Fact]
    public void A_reference_of_one_value_has_two_bins()
    {
        // Every decile of 5, 5, 5, 5 is 5: one edge, bins below 5 and from 5 up. Reference [0, 1]; current 1 and 5: [0.5, 0.5].
        // PSI = (0.5 − 1e-4)·ln(0.5/1e-4) + (0.5 − 1)·ln(0.5/1) = 0.4999·ln 5000 + 0.5·ln 2.
        Assert.Equal([5.0], PopulationStability.Edges([5, 5, 5, 5]));
        var expected = (0.4999 * Math.Log(5000)) + (0.5 * Math.Log(2));
        Assert.Equal(expected, PopulationStability.Psi([5, 5, 5, 5], [1, 5]), Digits);
    }
}
