namespace Portcullis.Risk.Model;

/// <summary>One feature's share in a score, in plain language: what it is, its value here, which way it pushed.</summary>
public sealed record Contribution(string Feature, string Description, double Effect);

/// <summary>A model's probability for a case with the features that moved it most.</summary>
public sealed record ModelScore(string CaseId, double Probability, IReadOnlyList<Contribution> Top);

/// <summary>Precision and recall at a share of cases selected (1, 2, 5, 10 %), and ranking quality.</summary>
public sealed record RankingMetrics(int Cases, int Hits, double Auc, IReadOnlyList<AtCapacity> At);

public sealed record AtCapacity(double Percent, int Selected, int Hits, double Precision, double Recall, double? KgRecall, double? RevenueRecall);
