using Portcullis.Risk.Model;

namespace Portcullis.Risk.Evaluation;

/// <summary>How to backtest: where to split, how to train, and the simulated operation's capacity.</summary>
public sealed record BacktestOptions
{
    /// <summary>Share of the days (the last ones) that form the test period, when no <see cref="SplitDay"/> is given.</summary>
    public double TestShare { get; init; } = 0.25;

    /// <summary>First test day; overrides <see cref="TestShare"/>.</summary>
    public DateTime? SplitDay { get; init; }

    /// <summary>Training settings (From/To are set by the backtest).</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>A rules-only score per case and its facts, to compare against; null to skip.</summary>
    public Func<RiskCase, CaseFacts, double>? RuleScore { get; init; }

    /// <summary>Run the weekly simulated operation as well as the split evaluation.</summary>
    public bool SimulateOperation { get; init; } = true;

    /// <summary>Share of each week's cases inspected (percent).</summary>
    public double CapacityPercent { get; init; } = 5;

    /// <summary>Share of the inspections drawn at random rather than by score, so that the model keeps seeing unbiased outcomes.</summary>
    public double ExplorationShare { get; init; } = 0.1;

    /// <summary>Retrain with the search each week (slow); false reuses the hyperparameters chosen at the split.</summary>
    public bool SearchEachWeek { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>The source's outcome column names (a CSV mapping's label columns), for the label-leak check; outcome words are checked anyway.</summary>
    public IReadOnlyList<string> OutcomeColumns { get; init; } = [];
}

/// <summary>
/// The split evaluation, (when asked) the simulated operation, and the features that look like the
/// label in the training window (<see cref="LabelLeaks"/>): with any of them, the precision reported
/// is one nobody will get in operation.
/// </summary>
public sealed record BacktestReport(SplitReport Split, OperationReport? Operation, IReadOnlyList<LabelLeak> LabelLeaks);

/// <summary>
/// Train on the days before the split, score the labelled cases from the split on (test outcomes are
/// never learned by the history), compare with random selection (expected precision = hit rate) and rules.
/// </summary>
public sealed record SplitReport(
    DateTime TestFrom, DateTime TestTo, int TrainingCases, int TrainingHits, int TestCases, int TestHits,
    double RandomPrecision, RankingMetrics Model, RankingMetrics? Rules, Hyperparameters Hyperparameters, RankingMetrics Validation);

/// <summary>One week of the simulated operation: what the model-led selection found, and what random selection found.</summary>
public sealed record WeekReport(DateTime WeekStart, int Cases, int Hits, int Inspected, int Explored, int Found, double Precision, int RandomFound, double RandomPrecision);

/// <summary>
/// The weekly operation: each week the current model scores the week's cases, the top (capacity −
/// exploration) share plus a random exploration share are inspected, only their outcomes are revealed
/// (known at the week's end), and the model is retrained on everything revealed so far.
/// </summary>
public sealed record OperationReport(
    double CapacityPercent, double ExplorationShare, IReadOnlyList<WeekReport> Weeks,
    int Inspected, int Found, double Precision, int RandomFound, double RandomPrecision);
