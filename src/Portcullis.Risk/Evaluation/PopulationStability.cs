namespace Portcullis.Risk.Evaluation;

/// <summary>
/// Population stability index (PSI) of a score distribution against a reference one: ten bins at
/// the reference deciles, <c>Σ (a − e)·ln(a / e)</c> over the bins' shares. Below 0.1 is usually
/// read as stable, 0.1–0.25 as moving, above 0.25 as shifted.
/// </summary>
public static class PopulationStability
{
    /// <summary>
    /// The smallest share a bin counts with: a bin empty on one side would make the index infinite;
    /// this floor keeps it finite and still large.
    /// </summary>
    public const double Floor = 1e-4;

    /// <summary>PSI of <paramref name="current"/> against <paramref name="reference"/>; 0 when either is empty.</summary>
    public static double Psi(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count == 0 || current.Count == 0)
        {
            return 0;
        }

        var edges = Edges(reference);
        return FromShares(Shares(reference, edges), Shares(current, edges));
    }

    /// <summary>
    /// PSI from the counts per bin (bins as <see cref="Shares"/> makes them, over the same edges), for
    /// counts made elsewhere, e.g. by the database; 0 when either side counts nothing.
    /// </summary>
    public static double FromCounts(IReadOnlyList<long> reference, IReadOnlyList<long> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count != current.Count)
        {
            throw new ArgumentException($"The two sides have {reference.Count} and {current.Count} bins; count both over the same edges.", nameof(current));
        }

        double expectedTotal = reference.Sum(), actualTotal = current.Sum();
        return expectedTotal == 0 || actualTotal == 0
            ? 0
            : FromShares([.. reference.Select(c => c / expectedTotal)], [.. current.Select(c => c / actualTotal)]);
    }

    private static double FromShares(double[] expected, double[] actual) =>
        expected.Zip(actual).Sum(p => (Math.Max(p.Second, Floor) - Math.Max(p.First, Floor)) * Math.Log(Math.Max(p.Second, Floor) / Math.Max(p.First, Floor)));

    /// <summary>
    /// The inner bin edges: the reference values at the 1st to 9th deciles (by rank i·n/10), without
    /// repeats, so a reference with few distinct values has fewer bins.
    /// </summary>
    public static double[] Edges(IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Count == 0)
        {
            return [];
        }

        var sorted = reference.Order().ToArray();
        return [.. Enumerable.Range(1, 9).Select(i => sorted[Math.Min(sorted.Length - 1, i * sorted.Length / 10)]).Distinct()];
    }

    /// <summary>
    /// The share of <paramref name="values"/> in each of the edges.Length + 1 bins; a value equal to
    /// an edge falls in the bin above it.
    /// </summary>
    internal static double[] Shares(IReadOnlyList<double> values, double[] edges)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(edges);
        var counts = new double[edges.Length + 1];
        foreach (var v in values)
        {
            var bin = Array.BinarySearch(edges, v);
            counts[bin < 0 ? ~bin : bin + 1]++;
        }

        return [.. counts.Select(c => c / values.Count)];
    }
}
