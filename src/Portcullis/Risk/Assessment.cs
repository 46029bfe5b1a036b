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

    /// <summary>
    /// The resource key that says <see cref="BasisOf"/> in the reader's language on the pages (with the
    /// model version as its argument); the API keeps the English sentence.
    /// </summary>
    public static string BasisKey(int? modelVersion, IReadOnlyCollection<string> profiles) => (modelVersion, profiles.Count) switch
    {
        (null, 0) => "Risk.Basis.Unscored",
        (null, _) => "Risk.Basis.RulesOnly",
        (_, 0) => "Risk.Basis.ModelOnly",
        _ => "Risk.Basis.RulesAndModel",
    };
}
