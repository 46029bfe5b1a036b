// Temporary until the model branch merges.
namespace Portcullis.Risk.Model
{
    public sealed class RiskTrainingException(string m) : Exception(m);

    public sealed record TrainingOptions
    {
        public DateTime From { get; init; }

        public DateTime To { get; init; }
    }

    public sealed class TrainedRiskModel
    {
        public int TrainingCases { get; }

        public int TrainingHits { get; }

        public IReadOnlyList<string> FeatureNames { get; } = [];

        public object? Validation { get; }

        public object? Hyperparameters { get; }

        public byte[] Save() => [];

        public static TrainedRiskModel Load(byte[] bytes) => new();
    }

    public static class RiskTrainer
    {
        public static TrainedRiskModel Train(IReadOnlyList<RiskCase> cases, TrainingOptions options, CancellationToken ct) => throw new RiskTrainingException("pending");
    }
}

namespace Portcullis.Risk
{
    internal sealed class ModelRuntime
    {
        public static ModelRuntime Build(IReadOnlyList<RiskCase> history, Model.TrainedRiskModel? model) => new();

        public CaseFacts Facts(RiskCase c) => CaseFacts.None;

        public Model.ModelScore? Score(RiskCase c) => null;

        public IEnumerable<(RiskCase Case, CaseFacts Facts, Model.ModelScore? Score)> InOrder(IReadOnlyList<RiskCase> cases, Func<RiskCase, bool> want) =>
            cases.Where(want).Select(c => (c, CaseFacts.None, (Model.ModelScore?)null));
    }
}

namespace Portcullis.Risk
{
    public static partial class RiskCommand
    {
        private static System.CommandLine.Command BacktestCommand() => new("backtest");
    }
}
