namespace Portcullis.Imaging.Analysis;

/// <summary>
/// A summed-area table over a row-major grid: any box's sum then costs four reads. Shared by the
/// container analysis (box means) and the comparison (window sums and each pair's own background).
/// </summary>
internal static class SummedArea
{
    /// <summary>The table of <paramref name="cells"/>, (columns + 1) × (rows + 1), row and column 0 zero.</summary>
    public static double[] Of(float[] cells, int columns, int rows)
    {
        var sum = new double[(columns + 1) * (rows + 1)];
        for (var v = 0; v < rows; v++)
        {
            double run = 0;
            for (var u = 0; u < columns; u++)
            {
                run += cells[(v * columns) + u];
                sum[((v + 1) * (columns + 1)) + u + 1] = sum[(v * (columns + 1)) + u + 1] + run;
            }
        }

        return sum;
    }

    /// <summary>Sum of the cells in columns [u0, u1) and rows [v0, v1) from a table made by <see cref="Of"/>.</summary>
    public static double Box(double[] sum, int columns, int u0, int v0, int u1, int v1) =>
        sum[(v1 * (columns + 1)) + u1] - sum[(v0 * (columns + 1)) + u1] - sum[(v1 * (columns + 1)) + u0] + sum[(v0 * (columns + 1)) + u0];
}
