using Portcullis.Risk.Evaluation;
using Portcullis.Tests.Simulator;

namespace Portcullis.Tests.Risk.Model;

/// <summary>The model on the traffic simulator's month (a fifth of full scale), a random fifth of it inspected.</summary>
public sealed class SimulatorModelTests(SimulatorRuns runs)
{
    [Fact]
    public void Precision_at_five_percent_beats_random_by_three_times_on_the_test_split()
    {
        var cases = SimulatorCases.From(runs.Month, seed: 3);
        var report = Backtest.Run(cases, new BacktestOptions { TestShare = 0.3, SimulateOperation = false }, TestContext.Current.CancellationToken);
        var split = report.Split;
        Assert.True(split.TestHits >= 10, $"only {split.TestHits} hits among {split.TestCases} labelled test cases");
        var at5 = split.Model.At.Single(a => a.Percent == 5);
        TestContext.Current.TestOutputHelper?.WriteLine($"simulator: test {split.TestCases} labelled, {split.TestHits} hits; precision@5% {at5.Precision:0.0000} vs random {split.RandomPrecision:0.0000}; AUC {split.Model.Auc:0.000}; {split.Hyperparameters}");
        Assert.True(at5.Precision >= 3 * split.RandomPrecision,
            $"precision@5% {at5.Precision:0.0000} vs random {split.RandomPrecision:0.0000} ({at5.Hits} of {split.TestHits} hits in top {at5.Selected})");
        Assert.NotNull(at5.KgRecall);
    }
}
