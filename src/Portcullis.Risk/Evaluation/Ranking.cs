using Portcullis.Risk.Model;

namespace Portcullis.Risk.Evaluation;

/// <summary>Ranking quality of scores against outcomes: precision and recall at shares selected, and AUC.</summary>
public static class Ranking
{
    /// <summary>The shares of cases selected that every report states (percent).</summary>
    public static readonly IReadOnlyList<double> DefaultPercents = [1, 2, 5, 10];

    /// <summary>
    /// Metrics for cases ranked by score (higher first; ties by position, so the result is deterministic).
    /// Selecting n % means the top max(1, ⌊cases·n/100⌋) cases. Kg and revenue recall are given when any label carries them.
    /// </summary>
    public static RankingMetrics Metrics(IReadOnlyList<double> scores, IReadOnlyList<bool> hits,
        IReadOnlyList<double?>? seizedKg = null, IReadOnlyList<double?>? revenue = null, IReadOnlyList<double>? percents = null)
    {
        if (scores.Count != hits.Count)
        {
            throw new ArgumentException("Scores and hits must have the same length.", nameof(hits));
        }

        var n = scores.Count;
        var order = Order(scores);
        var totalHits = hits.Count(h => h);
        var totalKg = Sum(seizedKg, Enumerable.Range(0, n));
        var totalRevenue = Sum(revenue, Enumerable.Range(0, n));
        var at = new List<AtCapacity>();
        foreach (var p in percents ?? DefaultPercents)
        {
            var selected = n == 0 ? 0 : Math.Clamp((int)(n * p / 100.0), 1, n);
            var top = order.Take(selected).ToList();
            var found = top.Count(i => hits[i]);
            at.Add(new AtCapacity(
                p, selected, found,
                selected == 0 ? 0 : (double)found / selected,
                totalHits == 0 ? 0 : (double)found / totalHits,
                totalKg is > 0 ? Sum(seizedKg, top) / totalKg : null,
                totalRevenue is > 0 ? Sum(revenue, top) / totalRevenue : null));
        }

        return new RankingMetrics(n, totalHits, Auc(scores, hits), at);
    }

    /// <summary>Precision among the top share of cases (the search objective).</summary>
    public static double PrecisionAt(IReadOnlyList<double> scores, IReadOnlyList<bool> hits, double percent)
    {
        var n = scores.Count;
        if (n == 0)
        {
            return 0;
        }

        var selected = Math.Clamp((int)(n * percent / 100.0), 1, n);
        return (double)Order(scores).Take(selected).Count(i => hits[i]) / selected;
    }

    /// <summary>Area under the ROC curve by the rank-sum statistic, ties sharing their average rank; 0.5 when one class is absent.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> hits)
    {
        var n = scores.Count;
        var idx = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        long pos = 0;
        var i0 = 0;
        while (i0 < n)
        {
            var i1 = i0;
            while (i1 + 1 < n && scores[idx[i1 + 1]] == scores[idx[i0]])
            {
                i1++;
            }

            var avgRank = ((i0 + i1) / 2.0) + 1;
            for (var k = i0; k <= i1; k++)
            {
                if (hits[idx[k]])
                {
                    rankSum += avgRank;
                    pos++;
                }
            }

            i0 = i1 + 1;
        }

        var neg = n - pos;
        return pos == 0 || neg == 0 ? 0.5 : (rankSum - (pos * (pos + 1) / 2.0)) / ((double)pos * neg);
    }

    /// <summary>Indices by descending score, ties in input order.</summary>
    public static int[] Order(IReadOnlyList<double> scores)
    {
        var idx = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(idx, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return idx;
    }

    private static double? Sum(IReadOnlyList<double?>? values, IEnumerable<int> which)
    {
        if (values is null || !values.Any(v => v.HasValue))
        {
            return null;
        }

        return which.Sum(i => values[i] ?? 0);
    }
}
