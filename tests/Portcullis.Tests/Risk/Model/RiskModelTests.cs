using Portcullis.Domain.Phrasing;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;

namespace Portcullis.Tests.Risk.Model;

/// <summary>Training errors, determinism, calibration, explanations and persistence on a small DATE-shaped set.</summary>
public sealed class RiskModelTests(RiskModelTests.Trained trained) : IClassFixture<RiskModelTests.Trained>
{
    public sealed class Trained
    {
        public Trained()
        {
            Cases = SyntheticDeclarations.Generate(16_000, seed: 21, rowsPerDay: 800);
            Split = Cases[12_000].Date.Date;
            Options = new TrainingOptions { To = Split.AddDays(-1), Grid = [new(15, 0.1, 60, 20, false), new(15, 0.1, 60, 20, true)] };
            Model = RiskTrainer.Train(Cases, Options, CancellationToken.None);
            Scores = Model.ScoreAll(Cases, i => Cases[i].Date >= Split, explain: true, CancellationToken.None);
        }

        public List<RiskCase> Cases { get; }

        public DateTime Split { get; }

        public TrainingOptions Options { get; }

        public TrainedRiskModel Model { get; }

        public ModelScore?[] Scores { get; }

        public IEnumerable<int> Test => Enumerable.Range(0, Cases.Count).Where(i => Scores[i] is not null);
    }

    [Fact]
    public void No_labelled_case_in_the_window_is_a_clear_error()
    {
        var unlabelled = trained.Cases.Take(500).Select(c => c with { Label = null }).ToList();
        var e = Assert.Throws<RiskTrainingException>(() => RiskTrainer.Train(unlabelled, new TrainingOptions(), CancellationToken.None));
        Assert.Contains("no labelled cases", e.Message, StringComparison.Ordinal);
        Assert.Contains("500", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_class_only_is_a_clear_error_naming_the_counts()
    {
        var clean = trained.Cases.Take(300).Select(c => c with { Label = c.Label! with { Hit = false } }).ToList();
        var e = Assert.Throws<RiskTrainingException>(() => RiskTrainer.Train(clean, new TrainingOptions(), CancellationToken.None));
        Assert.Contains("0 hits in 300 inspections", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs both", e.Message, StringComparison.Ordinal);
        var dirty = clean.Select(c => c with { Label = c.Label! with { Hit = true } }).ToList();
        Assert.Contains("300 hits in 300", Assert.Throws<RiskTrainingException>(() => RiskTrainer.Train(dirty, new TrainingOptions(), CancellationToken.None)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_identical_scores()
    {
        var again = RiskTrainer.Train(trained.Cases, trained.Options, CancellationToken.None);
        var scores = again.ScoreAll(trained.Cases, i => trained.Scores[i] is not null, explain: false, CancellationToken.None);
        Assert.Equal(trained.Model.Hyperparameters, again.Hyperparameters);
        foreach (var i in trained.Test)
        {
            Assert.Equal(trained.Scores[i]!.Probability, scores[i]!.Probability);
        }
    }

    [Fact]
    public void Calibrated_probabilities_match_observed_rates_on_later_days()
    {
        var test = trained.Test.ToList();
        var predicted = test.Select(i => trained.Scores[i]!.Probability).ToList();
        var observed = test.Select(i => trained.Cases[i].Label!.Hit ? 1.0 : 0.0).ToList();
        var training = trained.Cases.Where(c => c.Date < trained.Split).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"predicted {predicted.Average():0.000} observed {observed.Average():0.000}; training rate {training.Count(c => c.Label!.Hit) / (double)training.Count:0.000}; {trained.Model.Hyperparameters}");
        // Within 30 % of the observed rate: the test days' rate itself moves with which heavy importers declare.
        Assert.InRange(predicted.Average(), 0.7 * observed.Average(), 1.3 * observed.Average());
        // Reliability: in each fifth of the cases by predicted probability, mean predicted ≈ observed.
        var bins = test.Select((i, k) => (P: predicted[k], Y: observed[k])).OrderBy(x => x.P).Chunk(test.Count / 5).Where(b => b.Length >= 200).ToList();
        foreach (var bin in bins)
        {
            Assert.InRange(bin.Average(x => x.P) - bin.Average(x => x.Y), -0.08, 0.08);
        }

        Assert.True(bins[^1].Average(x => x.Y) > 3 * bins[0].Average(x => x.Y), "the top fifth should hold far more hits than the bottom fifth");
    }

    [Fact]
    public void Explanations_name_real_features_and_state_their_values()
    {
        var names = trained.Model.FeatureNames.ToHashSet(StringComparer.Ordinal);
        var historyDescribed = 0;
        foreach (var i in trained.Test.Take(300))
        {
            var score = trained.Scores[i]!;
            var c = trained.Cases[i];
            Assert.InRange(score.Top.Count, 1, 5);
            Assert.Equal(score.Top.OrderByDescending(t => Math.Abs(t.Effect)).Select(t => t.Feature), score.Top.Select(t => t.Feature));
            foreach (var t in score.Top)
            {
                Assert.Contains(t.Feature, names);
                Assert.False(string.IsNullOrWhiteSpace(t.Description));
                if (t.Feature == "history consignee")
                {
                    Assert.Contains(c.Parties["consignee"].Key, t.Description, StringComparison.Ordinal);
                    Assert.Contains("earlier", t.Description, StringComparison.Ordinal);
                    historyDescribed++;
                }
                else if (t.Feature == "origin")
                {
                    Assert.Contains(c.OriginCountry, t.Description, StringComparison.Ordinal);
                }
                else if (t.Feature == "history declarant")
                {
                    Assert.Contains(c.Parties["declarant"].Key, t.Description, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(historyDescribed > 0, "the consignee's history should explain some scores");
    }

    [Fact]
    public void Explanations_read_the_same_from_the_UI_resources_in_English_and_are_said_in_Dutch()
    {
        var english = Portcullis.Tests.Components.TextResourcesTests.English;
        var dutch = Portcullis.Tests.Components.TextResourcesTests.Dutch;
        var said = 0;
        var histories = 0;
        foreach (var t in trained.Test.Take(300).SelectMany(i => trained.Scores[i]!.Top))
        {
            var phrase = Assert.IsType<Phrase>(t.Phrase);
            Assert.Equal(t.Description, phrase.Render(key => english[key], Portcullis.Components.Languages.English.Format));
            var inDutch = phrase.Render(key => dutch[key], Portcullis.Components.Languages.Dutch.Format);
            if (Keys(phrase).Any(k => dutch[k] != english[k]))
            {
                // Only a sentence of codes and names ("office O1": a data column and its value) reads the same.
                Assert.NotEqual(t.Description, inDutch);
                said++;
            }

            if (t.Feature.StartsWith("history ", StringComparison.Ordinal))
            {
                // "geadresseerde C123: 2 treffers in 14 eerdere controles (afgevlakte trefkans 0,093), 40 eerdere aangiften"
                Assert.Contains("eerdere", inDutch, StringComparison.Ordinal);
                Assert.DoesNotContain("inspections", inDutch, StringComparison.Ordinal);
                Assert.Matches(@"trefkans \d+(,\d+)?[),]", inDutch);
                histories++;
            }
        }

        Assert.True(said > 300, $"only {said} reasons said in Dutch");
        Assert.True(histories > 0, "a history should explain some scores");
    }

    private static IEnumerable<string> Keys(Phrase phrase) =>
        phrase.Args.Where(a => a.Phrase is not null).SelectMany(a => Keys(a.Phrase!)).Prepend(phrase.Key);

    [Fact]
    public void Saved_and_loaded_model_scores_the_same_with_the_same_explanations()
    {
        var loaded = TrainedRiskModel.Load(trained.Model.Save());
        Assert.Equal(trained.Model.FeatureNames, loaded.FeatureNames);
        Assert.Equal(trained.Model.Hyperparameters, loaded.Hyperparameters);
        var scores = loaded.ScoreAll(trained.Cases, i => trained.Scores[i] is not null && i % 10 == 0, explain: true, CancellationToken.None);
        foreach (var i in trained.Test.Where(i => i % 10 == 0))
        {
            Assert.Equal(trained.Scores[i]!.Probability, scores[i]!.Probability, 12);
            Assert.Equal(trained.Scores[i]!.Top, scores[i]!.Top);
        }
    }

    [Fact]
    public void A_snapshot_scores_a_new_case_like_the_batch_pass()
    {
        var k = trained.Test.Last();
        var day = trained.Cases[k].Date.Date;
        var scorer = trained.Model.Snapshot(trained.Cases, day, CancellationToken.None);
        var single = scorer.Score(trained.Cases[k]);
        Assert.Equal(trained.Scores[k]!.Probability, single.Probability, 12);
        Assert.Equal(trained.Scores[k]!.Top, single.Top);
        Assert.NotNull(scorer.Facts(trained.Cases[k]).ValuePerKgRatio);
    }

    [Fact]
    public void Validation_metrics_and_search_are_reported()
    {
        var info = trained.Model.Info;
        Assert.Equal(4, trained.Model.Validation.At.Count);
        Assert.True(info.ValidationCases > 0 && info.TrainingCases > info.ValidationCases);
        Assert.Equal(6, info.SearchTrials.Count); // two candidates × three tree counts
        Assert.Contains(info.SearchTrials, t => t.Hyperparameters == trained.Model.Hyperparameters);
        Assert.Equal("validation window (out of sample)", trained.Model.Calibration.FittedOn);
    }
}
