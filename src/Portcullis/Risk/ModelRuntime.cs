using Portcullis.Risk.Features;
using Portcullis.Risk.Model;

namespace Portcullis.Risk;

/// <summary>
/// The model side of the engine's state: the history of all stored cases frozen as of now (for
/// single cases) and the layout to run a time-ordered pass (for stored cases, each with the
/// history of its own day). Without an active model it still gives the history facts rules use.
/// </summary>
internal sealed class ModelRuntime
{
    private readonly TrainedRiskModel? _model;
    private readonly FeatureLayout _layout;
    private readonly HistorySnapshot _snapshot;

    private ModelRuntime(TrainedRiskModel? model, FeatureLayout layout, HistorySnapshot snapshot)
    {
        _model = model;
        _layout = layout;
        _snapshot = snapshot;
    }

    public static ModelRuntime Build(IReadOnlyList<RiskCase> history, TrainedRiskModel? model, DateTime asOf, CancellationToken cancellationToken)
    {
        var layout = model?.Layout ?? new FeatureLayout(LayoutBuilder.Build(history, new HistoryOptions()));
        var pass = HistoryFeatures.Run(history, layout, new HistoryPassOptions { Want = static _ => false, SnapshotAsOf = asOf }, cancellationToken);
        return new ModelRuntime(model, layout, pass.Snapshot);
    }

    public CaseFacts Facts(RiskCase riskCase) => _snapshot.Facts(riskCase);

    /// <summary>
    /// Only the history facts (what rules read) of the wanted cases of a date-sorted list, each as of
    /// its own day, in one pass and without keeping feature vectors.
    /// </summary>
    public static IEnumerable<(RiskCase Case, CaseFacts Facts)> FactsInOrder(IReadOnlyList<RiskCase> cases, Func<RiskCase, bool> want, CancellationToken cancellationToken)
    {
        var layout = new FeatureLayout(LayoutBuilder.Build(cases, new HistoryOptions()));
        var pass = HistoryFeatures.Run(cases, layout, new HistoryPassOptions { Want = i => want(cases[i]), WithFacts = true, Sink = static (_, _) => { } }, cancellationToken);
        for (var i = 0; i < cases.Count; i++)
        {
            if (pass.Facts[i] is { } facts)
            {
                yield return (cases[i], facts);
            }
        }
    }

    public ModelScore? Score(RiskCase riskCase) => _model?.Score(riskCase, _snapshot.Vector(riskCase), explain: true);

    /// <summary>
    /// The wanted cases of a date-sorted list with their facts and model score, each computed from
    /// the declarations of earlier days and the outcomes known before its day.
    /// </summary>
    public IEnumerable<(RiskCase Case, CaseFacts Facts, ModelScore? Score)> InOrder(IReadOnlyList<RiskCase> cases, Func<RiskCase, bool> want, CancellationToken cancellationToken)
    {
        var pass = HistoryFeatures.Run(cases, _layout, new HistoryPassOptions { Want = i => want(cases[i]), WithFacts = true }, cancellationToken);
        for (var i = 0; i < cases.Count; i++)
        {
            if (pass.Vectors[i] is { } vector)
            {
                yield return (cases[i], pass.Facts[i]!, _model?.Score(cases[i], vector, explain: true));
            }
        }
    }
}
