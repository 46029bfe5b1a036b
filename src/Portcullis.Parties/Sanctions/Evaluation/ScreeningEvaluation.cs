namespace Portcullis.Parties.Sanctions.Evaluation;

/// <summary>One query's outcome: the top score (0 without a hit) and whether the top hit is the labelled entry.</summary>
public readonly record struct Outcome(bool Positive, double TopScore, bool TopIsTarget);

/// <summary>Precision and recall of a screener on labelled queries, at one threshold or the best one.</summary>
public sealed class ScreeningEvaluation(IReadOnlyList<Outcome> outcomes)
{
    public IReadOnlyList<Outcome> Outcomes { get; } = outcomes;

    /// <summary>
    /// Screens every query once (top hit only, above <paramref name="floor"/>). A top hit counts as correct when
    /// it is the labelled entry or ties with it (the lists hold some entries twice under one name).
    /// </summary>
    public static ScreeningEvaluation Run(ISanctionsScreener screener, IReadOnlyList<LabelledQuery> queries, double floor = 0.5)
    {
        var outcomes = new Outcome[queries.Count];
        Parallel.For(0, queries.Count, i =>
        {
            var query = queries[i];
            var hits = screener.Screen(new ScreenedParty(query.Name, null, []), floor, 10);
            var top = hits.Count == 0 ? 0 : hits[0].Score;
            var isTarget = query.TargetEntryId is not null && hits.Any(h => h.Score >= top - 1e-9 && h.Entry.EntryId == query.TargetEntryId);
            outcomes[i] = new Outcome(query.TargetEntryId is not null, top, isTarget);
        });
        return new ScreeningEvaluation(outcomes);
    }

    public (double Precision, double Recall, int TruePositives, int FalsePositives, int Positives) At(double threshold)
    {
        int tp = 0, fp = 0, positives = 0;
        foreach (var o in Outcomes)
        {
            positives += o.Positive ? 1 : 0;
            if (o.TopScore >= threshold && o.TopScore > 0)
            {
                if (o.TopIsTarget)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
        }

        return (tp + fp == 0 ? 1 : (double)tp / (tp + fp), positives == 0 ? 0 : (double)tp / positives, tp, fp, positives);
    }

    /// <summary>The best recall at precision ≥ <paramref name="minPrecision"/> over thresholds 0.50…1.00 in steps of 0.01.</summary>
    public (double Threshold, double Precision, double Recall) BestRecallAt(double minPrecision)
    {
        var best = (Threshold: 1.0, Precision: 0.0, Recall: 0.0);
        for (var t = 50; t <= 100; t++)
        {
            var (precision, recall, _, _, _) = At(t / 100.0);
            if (precision >= minPrecision && recall > best.Recall)
            {
                best = (t / 100.0, precision, recall);
            }
        }

        return best;
    }
}
