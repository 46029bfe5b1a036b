namespace Portcullis.Parties.Resolution;

/// <summary>
/// Entity resolution against a ground truth: pairwise precision and recall (over all pairs of
/// records put in one entity) and purity of the predicted multi-record entities (the share of their
/// records that belong to each one's majority true entity).
/// </summary>
public sealed record ResolutionQuality(long TruePairs, long PredictedPairs, long CorrectPairs, double Purity, int PredictedClusters)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    public static ResolutionQuality Measure(IReadOnlyList<string> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var cells = new Dictionary<(int, string), long>();
        var byTruth = new Dictionary<string, long>(StringComparer.Ordinal);
        var byPrediction = new Dictionary<int, long>();
        for (var i = 0; i < truth.Count; i++)
        {
            cells[(predicted[i], truth[i])] = cells.GetValueOrDefault((predicted[i], truth[i])) + 1;
            byTruth[truth[i]] = byTruth.GetValueOrDefault(truth[i]) + 1;
            byPrediction[predicted[i]] = byPrediction.GetValueOrDefault(predicted[i]) + 1;
        }

        static long Pairs(long n) => n * (n - 1) / 2;
        var majority = new Dictionary<int, long>();
        foreach (var ((cluster, _), n) in cells)
        {
            majority[cluster] = Math.Max(majority.GetValueOrDefault(cluster), n);
        }

        long inMulti = 0, pure = 0;
        foreach (var (cluster, n) in byPrediction)
        {
            if (n > 1)
            {
                inMulti += n;
                pure += majority[cluster];
            }
        }

        return new ResolutionQuality(
            byTruth.Values.Sum(Pairs),
            byPrediction.Values.Sum(Pairs),
            cells.Values.Sum(Pairs),
            inMulti == 0 ? 1 : (double)pure / inMulti,
            byPrediction.Values.Count(n => n > 1));
    }
}
