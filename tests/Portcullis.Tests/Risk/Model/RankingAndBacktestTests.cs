using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;

namespace Portcullis.Tests.Risk.Model;

/// <summary>Ranking metrics on hand-checked examples, and the backtest on DATE-shaped data.</summary>
public sealed class RankingAndBacktestTests
{
    [Fact]
    public void Precision_recall_and_auc_on_a_hand_checked_ranking()
    {
        // Ranked: 0.9 hit, 0.8 miss, 0.7 hit, 0.1 miss → AUC = 3 of 4 pairs ordered = 0.75.
        double[] scores = [0.1, 0.9, 0.7, 0.8];
        bool[] hits = [false, true, true, false];
        double?[] kg = [null, 10, 30, null];
        var m = Ranking.Metrics(scores, hits, kg, percents: [25, 50, 75]);
        Assert.Equal(0.75, m.Auc, 12);
        Assert.Equal(2, m.Hits);
        Assert.Equal(new AtCapacity(25, 1, 1, 1, 0.5, 0.25, null), m.At[0]);
        Assert.Equal(new AtCapacity(50, 2, 1, 0.5, 0.5, 0.25, null), m.At[1]);
        Assert.Equal(new AtCapacity(75, 3, 2, 2 / 3.0, 1, 1, null), m.At[2]);
    }

    [Fact]
    public void Ties_share_their_rank_in_the_auc_and_one_class_gives_a_half()
    {
        Assert.Equal(0.5, Ranking.Auc([0.5, 0.5, 0.5, 0.5], [true, false, true, false]), 12);
        Assert.Equal(0.5, Ranking.Auc([0.1, 0.9], [false, false]), 12);
        Assert.Equal([1, 0, 2], Ranking.Order([0.2, 0.9, 0.2])); // ties keep input order
    }

    [Fact]
    public void Backtest_beats_random_on_the_split_and_in_the_weekly_operation()
    {
        var cases = SyntheticDeclarations.Generate(24_000, seed: 33, rowsPerDay: 800);
        var options = new BacktestOptions
        {
            TestShare = 0.5,
            Training = new TrainingOptions { Grid = [new(15, 0.1, 60, 20, false)] },
            RuleScore = (c, facts) => facts.ValuePerKgRatio is < 0.6 ? 1 : 0,
        };
        var report = Backtest.Run(cases, options, TestContext.Current.CancellationToken);
        var split = report.Split;
        Assert.Equal(cases.Count(c => c.Date >= split.TestFrom), split.TestCases);
        Assert.True(split.Model.At.Single(a => a.Percent == 5).Precision >= 2 * split.RandomPrecision);
        Assert.NotNull(split.Rules);
        Assert.NotNull(split.Model.At[0].RevenueRecall);

        var op = report.Operation!;
        Assert.Equal(3, op.Weeks.Count); // 15 test days: two full weeks and one day
        foreach (var w in op.Weeks)
        {
            Assert.Equal(Math.Max(1, w.Cases * 5 / 100), w.Inspected);
            Assert.Equal((int)Math.Round(w.Inspected * 0.1), w.Explored);
        }

        Assert.True(op.Precision > 1.5 * op.RandomPrecision, $"operation {op.Precision:0.000} vs random {op.RandomPrecision:0.000}");
        var again = Backtest.Run(cases, options with { RuleScore = null }, TestContext.Current.CancellationToken);
        Assert.Equal(op.Weeks, again.Operation!.Weeks);
    }

    [Fact]
    public void A_backtest_over_a_single_day_is_refused()
    {
        var cases = SyntheticDeclarations.Generate(100, seed: 1, rowsPerDay: 1000);
        Assert.Throws<RiskTrainingException>(() => Backtest.Run(cases, new BacktestOptions(), CancellationToken.None));
    }
}
