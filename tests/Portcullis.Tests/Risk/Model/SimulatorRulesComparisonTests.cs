using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Rules;
using Portcullis.Tests.Risk.Rules;
using Portcullis.Tests.Simulator;

namespace Portcullis.Tests.Risk.Model;

/// <summary>
/// The headline on simulated traffic: at 5 % capacity the model beats random selection by a
/// wide margin and the analysts' example profile (rules only) by a clear one. Training sees a random
/// fifth of the days before the split inspected; the test period is judged on the ground truth of
/// every case in it, as if everything had been opened, so the comparison rests on all hits there.
/// </summary>
public sealed class SimulatorRulesComparisonTests(SimulatorRuns runs)
{
    [Fact]
    public void At_five_percent_the_model_beats_random_widely_and_rules_only_clearly()
    {
        var sampled = SimulatorCases.From(runs.Month, seed: 3, inspectedShare: 0.2);
        var everything = SimulatorCases.From(runs.Month, seed: 3, inspectedShare: 1.0);
        var days = sampled.Select(c => c.Date.Date).Distinct().ToList();
        var split = days[(int)(days.Count * 0.7)];
        var cases = sampled.Select((c, i) => c.Date < split ? c : everything[i]).ToList();
        Assert.Equal(sampled.Select(c => c.Id), everything.Select(c => c.Id));
        var profile = RuleEngine.Compile(RuleProfileParser.Parse(File.ReadAllText(Path.Combine(RuleCases.RepoRoot(), "docs", "rules", "example-profile.yaml"))));

        var report = Backtest.Run(cases, new BacktestOptions { SplitDay = split, SimulateOperation = false, RuleScore = (c, facts) => profile.Evaluate(c, facts).Score }, TestContext.Current.CancellationToken);

        var s = report.Split;
        var model = s.Model.At.Single(a => a.Percent == 5);
        var rules = s.Rules!.At.Single(a => a.Percent == 5);
        var message = $"test {s.TestCases} cases, {s.TestHits} hits; precision@5% model {model.Precision:0.0000} ({model.Hits}), rules {rules.Precision:0.0000} ({rules.Hits}), random {s.RandomPrecision:0.0000}; AUC model {s.Model.Auc:0.000} rules {s.Rules.Auc:0.000}";
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        Assert.True(s.TestHits >= 20, message);
        Assert.True(model.Precision >= 5 * s.RandomPrecision, message);
        Assert.True(model.Precision >= 1.25 * rules.Precision, message);
    }
}
