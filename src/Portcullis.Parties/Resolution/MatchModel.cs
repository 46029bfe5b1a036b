namespace Portcullis.Parties.Resolution;

/// <summary>
/// Fellegi–Sunter weights: for each field and level, m = P(level | same entity) and u = P(level |
/// different entities); a pair's score is the sum of log2(m/u) over its fields. u comes from random
/// pairs (almost all are non-matches), m and the share of matches among candidate pairs by EM on the
/// counts of comparison vectors, assuming the fields independent given the match status.
/// </summary>
public sealed class MatchModel
{
    private readonly double[][] weights;

    public MatchModel(double[][] m, double[][] u, double lambda, int iterations)
    {
        M = m;
        U = u;
        Lambda = lambda;
        Iterations = iterations;
        weights = new double[Comparison.Fields][];
        for (var f = 0; f < Comparison.Fields; f++)
        {
            weights[f] = new double[Comparison.Levels[f]];
            for (var l = 1; l < Comparison.Levels[f]; l++)
            {
                weights[f][l] = Math.Log2(m[f][l] / u[f][l]);
            }
        }
    }

    public double[][] M { get; }

    public double[][] U { get; }

    /// <summary>Share of matches among the candidate pairs.</summary>
    public double Lambda { get; }

    public int Iterations { get; }

    public double Weight(int field, int level) => weights[field][level];

    public double Score(int pattern)
    {
        var total = 0.0;
        for (var f = 0; f < Comparison.Fields; f++)
        {
            total += weights[f][Comparison.Level(pattern, f)];
        }

        return total;
    }

    /// <summary>Estimates m and λ by EM from candidate-pair vector counts, with u fixed from random pairs.</summary>
    public static MatchModel Estimate(IReadOnlyDictionary<int, long> candidateCounts, IReadOnlyDictionary<int, long> randomCounts, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(candidateCounts);
        ArgumentNullException.ThrowIfNull(randomCounts);
        var u = Shrunk(Frequencies(randomCounts.Select(p => (p.Key, (double)p.Value))), randomCounts);

        // Start from what a person would guess: matches mostly agree, one candidate in a hundred matches.
        var m = new double[Comparison.Fields][];
        for (var f = 0; f < Comparison.Fields; f++)
        {
            var levels = Comparison.Levels[f];
            m[f] = new double[levels];
            for (var l = 1; l < levels; l++)
            {
                m[f][l] = l == 1 ? 0.7 : 0.3 / (levels - 2 == 0 ? 1 : levels - 2);
            }
        }

        var lambda = 0.01;
        var patterns = candidateCounts.ToArray();
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            var weighted = new List<(int, double)>(patterns.Length);
            double matches = 0, total = 0;
            foreach (var (pattern, count) in patterns)
            {
                double pm = lambda, pu = 1 - lambda;
                for (var f = 0; f < Comparison.Fields; f++)
                {
                    var level = Comparison.Level(pattern, f);
                    if (level != 0)
                    {
                        pm *= m[f][level];
                        pu *= u[f][level];
                    }
                }

                var posterior = pm / (pm + pu);
                weighted.Add((pattern, posterior * count));
                matches += posterior * count;
                total += count;
            }

            var next = Frequencies(weighted);
            var change = Math.Abs((matches / total) - lambda);
            for (var f = 0; f < Comparison.Fields; f++)
            {
                for (var l = 1; l < next[f].Length; l++)
                {
                    change = Math.Max(change, Math.Abs(next[f][l] - m[f][l]));
                }
            }

            m = next;
            lambda = Math.Clamp(matches / total, 1e-6, 1 - 1e-6);
            if (change < 1e-5)
            {
                break;
            }
        }

        return new MatchModel(m, u, lambda, iteration);
    }

    /// <summary>
    /// Pseudo-pairs of the prior that two random records disagree. A small store gives few random pairs
    /// with a field present on both sides: two of three sharing an EORI made u ≈ 0.5 and "same EORI"
    /// evidence *against* a match. The prior weighs like this many pairs, so it vanishes in a real store
    /// (hundreds of thousands of random pairs) and keeps agreement rare in a test-sized one.
    /// </summary>
    internal const double PriorPairs = 200;

    private static double[][] Shrunk(double[][] u, IReadOnlyDictionary<int, long> randomCounts)
    {
        var present = new double[Comparison.Fields];
        foreach (var (pattern, count) in randomCounts)
        {
            for (var f = 0; f < Comparison.Fields; f++)
            {
                if (Comparison.Level(pattern, f) != 0)
                {
                    present[f] += count;
                }
            }
        }

        for (var f = 0; f < Comparison.Fields; f++)
        {
            var levels = u[f].Length;
            var differ = Array.IndexOf(Comparison.LevelNames[f], Comparison.LevelNames[f].FirstOrDefault(n => n.EndsWith("differ", StringComparison.Ordinal) || n.EndsWith("differs", StringComparison.Ordinal)));
            if (levels < 3 || differ < 1)
            {
                // No "differ" level (IBAN records only agreement): nothing to shrink towards.
                continue;
            }

            for (var l = 1; l < levels; l++)
            {
                // The prior: random records differ, but for one in a thousand spread over the other levels.
                var prior = l == differ ? 0.999 : 0.001 / (levels - 2);
                u[f][l] = ((present[f] * u[f][l]) + (PriorPairs * prior)) / (present[f] + PriorPairs);
            }
        }

        return u;
    }

    /// <summary>Level frequencies per field among the non-missing values, smoothed so that no level has probability 0.</summary>
    private static double[][] Frequencies(IEnumerable<(int Pattern, double Count)> counts)
    {
        var sums = new double[Comparison.Fields][];
        for (var f = 0; f < Comparison.Fields; f++)
        {
            sums[f] = new double[Comparison.Levels[f]];
        }

        foreach (var (pattern, count) in counts)
        {
            for (var f = 0; f < Comparison.Fields; f++)
            {
                sums[f][Comparison.Level(pattern, f)] += count;
            }
        }

        for (var f = 0; f < Comparison.Fields; f++)
        {
            var present = 0.0;
            for (var l = 1; l < sums[f].Length; l++)
            {
                present += sums[f][l];
            }

            for (var l = 1; l < sums[f].Length; l++)
            {
                sums[f][l] = (sums[f][l] + 0.5) / (present + (0.5 * (sums[f].Length - 1)));
            }
        }

        return sums;
    }
}
