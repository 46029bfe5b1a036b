using Portcullis.Domain.Phrasing;

namespace Portcullis.Risk.Model;

/// <summary>One feature's share in a score, in plain language: what it is, its value here, which way it pushed.</summary>
/// <remarks><c>Phrase</c> is the description as a resource key and arguments for a page in another language; null for notes written elsewhere.</remarks>
public sealed record Contribution(string Feature, string Description, double Effect, Phrase? Phrase = null);

/// <summary>A model's probability for a case with the features that moved it most.</summary>
public sealed record ModelScore(string CaseId, double Probability, IReadOnlyList<Contribution> Top);

/// <summary>Precision and recall at a share of cases selected (1, 2, 5, 10 %), and ranking quality.</summary>
public sealed record RankingMetrics(int Cases, int Hits, double Auc, IReadOnlyList<AtCapacity> At);

public sealed record AtCapacity(double Percent, int Selected, int Hits, double Precision, double Recall, double? KgRecall, double? RevenueRecall);
