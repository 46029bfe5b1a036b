namespace Portcullis.Selection;

/// <summary>A proportion with its 95 % Wilson score interval.</summary>
public sealed record Proportion(int Hits, int Trials, double Estimate, double Low95, double High95);

/// <summary>What the closed picks of a period say about the true hit rate and the targeting.</summary>
/// <param name="HitRate">Hits among control picks: unbiased for the whole population, because controls are drawn uniformly.</param>
/// <param name="TargetedPrecisionFromControls">Hits among control picks that targeting would also have chosen: an unbiased estimate of targeted precision.</param>
/// <param name="TargetedPrecisionObserved">Hits among the targeted picks themselves.</param>
/// <param name="Lift">Observed targeted precision over the control hit rate.</param>
/// <param name="EstimatedRecall">Targeted hits over the estimated number of hits in the population.</param>
public sealed record ControlEstimate(Proportion HitRate, Proportion TargetedPrecisionFromControls, Proportion TargetedPrecisionObserved, double? Lift, double? EstimatedRecall);

/// <summary>
/// Estimates from controls. The Wilson interval rather than the normal one because hit rates are
/// tiny (well under 1 %) and samples small: the normal interval then runs below zero and is too
/// narrow. Its relative half-width is about 1.96·√((1 − p)/(n·p)), so ±20 % needs roughly 96 hits
/// among the controls: at a rate of 0.3 %, some 32,000 controls.
/// </summary>
public static class SelectionEstimates
{
    private const double Z = 1.959963984540054;

    public static Proportion Wilson(int hits, int trials)
    {
        if (trials < 0 || hits < 0 || hits > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(hits), "Hits must lie between 0 and the number of trials.");
        }

        if (trials == 0)
        {
            return new Proportion(0, 0, 0, 0, 1);
        }

        var p = (double)hits / trials;
        var z2 = Z * Z;
        var denominator = 1 + (z2 / trials);
        var centre = (p + (z2 / (2.0 * trials))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials))) / denominator;
        return new Proportion(hits, trials, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public static ControlEstimate Estimate(IReadOnlyList<(Pick Pick, bool Hit)> outcomes, int population)
    {
        var controls = outcomes.Where(o => o.Pick.Reason == SelectionReason.Control).ToList();
        var targeted = outcomes.Where(o => o.Pick.Reason == SelectionReason.Targeted).ToList();
        var rate = Wilson(controls.Count(o => o.Hit), controls.Count);
        var wouldBe = controls.Where(o => o.Pick.WouldBeTargeted).ToList();
        var observed = Wilson(targeted.Count(o => o.Hit), targeted.Count);
        double? lift = rate.Trials > 0 && rate.Estimate > 0 && observed.Trials > 0 ? observed.Estimate / rate.Estimate : null;
        double? recall = rate.Trials > 0 && rate.Estimate > 0 && population > 0 ? Math.Min(1, observed.Hits / (rate.Estimate * population)) : null;
        return new ControlEstimate(rate, Wilson(wouldBe.Count(o => o.Hit), wouldBe.Count), observed, lift, recall);
    }
}
