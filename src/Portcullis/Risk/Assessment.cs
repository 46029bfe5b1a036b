namespace Portcullis.Risk;

/// <summary>
/// The combined risk of one case with everything that made it: the rules score, the model's
/// probability (null when no model is active: then the score is rules only, and says so) and every
/// reason in plain language.
/// </summary>
public sealed record Assessment(
    string CaseId,
    double Score,
    double RuleScore,
    double? ModelProbability,
    int? ModelVersion,
    string Basis,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<RiskReason> Reasons)
{
    public static string BasisOf(int? modelVersion, IReadOnlyCollection<string> profiles) => (modelVersion, profiles.Count) switch
    {
        (null, 0) => "no active model and no active rule profile: unscored",
        (null, _) => "rules only (no active model)",
        (_, 0) => $"model v{modelVersion} only (no active rule profile)",
        _ => $"rules and model v{modelVersion}",
    };
}

/// <summary>
/// How rules and model make one score, documented in docs/RISK.md. The model gives a calibrated
/// probability p; the rules give r in [0, 1] (noisy-or of fired weights); trust λ says how much an
/// analyst rule counts as evidence of its own. Score = 1 − (1 − p)(1 − λ·r): a strong rule lifts a
/// low model probability, a high model probability is never lowered by silent rules. Without a model
/// the score is r.
/// </summary>
public static class RiskFormula
{
    public static double Combine(double? modelProbability, double ruleScore, double ruleTrust) =>
        modelProbability is { } p ? 1 - ((1 - p) * (1 - (ruleTrust * ruleScore))) : ruleScore;
}
