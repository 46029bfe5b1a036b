namespace Portcullis.Risk.Scoring;

/// <summary>
/// How rules and model make one score, documented in docs/RISK.md. The model gives a calibrated
/// probability p; the rules give r in [0, 1] (noisy-or of fired weights); trust λ says how much an
/// analyst rule counts as evidence of its own. Score = 1 − (1 − p)(1 − λ·r): a strong rule lifts a
/// low model probability, a high model probability is never lowered by silent rules. Without a model
/// the score is r.
/// </summary>
/// <remarks>
/// Nothing is clamped: with p, r and λ in [0, 1] the results stay in [0, 1] by construction, and
/// the callers check their inputs (rule weights in (0, 1], calibrated probabilities).
/// </remarks>
public static class CombinedScore
{
    /// <summary>The combined score <c>1 − (1 − p)(1 − λ·r)</c>, or <paramref name="ruleScore"/> alone without a model.</summary>
    public static double Combine(double? modelProbability, double ruleScore, double ruleTrust) =>
        modelProbability is { } p ? 1 - ((1 - p) * (1 - (ruleTrust * ruleScore))) : ruleScore;

    /// <summary>
    /// Noisy-or of independent pieces of evidence: <c>1 − Π(1 − w)</c>, 0 when there are none. Used
    /// across profiles as within one, since each fired rule (or profile score) is independent evidence.
    /// The product is taken in the order given, so equal inputs give bit-identical results.
    /// </summary>
    public static double NoisyOr(IEnumerable<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var miss = 1.0;
        foreach (var w in weights)
        {
            miss *= 1 - w;
        }

        return 1 - miss;
    }
}
