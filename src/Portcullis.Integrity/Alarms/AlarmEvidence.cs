namespace Portcullis.Integrity.Alarms;

/// <summary>
/// An open high or critical alarm is one more independent piece of evidence on its container's risk
/// score, combined by noisy-or like the rules (docs/RISK.md): score = 1 − (1 − s₀)·Π(1 − w). Taking
/// an alarm's weight out again divides its factor out, so a score without alarms is what the engine
/// stored.
/// </summary>
public static class AlarmEvidence
{
    /// <summary>
    /// The score with the weights of <paramref name="removed"/> taken out and those of
    /// <paramref name="added"/> put in. Weights must be in [0, 1); a weight of 1 could not be taken
    /// out again, so callers keep alarm weights below it (the options are validated).
    /// </summary>
    public static double Reweigh(double score, IEnumerable<double> removed, IEnumerable<double> added)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(added);
        var miss = 1 - score;
        foreach (var w in removed)
        {
            miss /= 1 - w;
        }

        foreach (var w in added)
        {
            miss *= 1 - w;
        }

        // Dividing out can overshoot 1 by a rounding error; a score is never below 0 or above 1.
        return Math.Clamp(1 - miss, 0, 1);
    }
}
