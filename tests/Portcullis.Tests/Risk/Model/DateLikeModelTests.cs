using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;

namespace Portcullis.Tests.Risk.Model;

/// <summary>The model on DATE-shaped synthetic declarations (every row labelled), trained once for the class.</summary>
public sealed class DateLikeModelTests(DateLikeModelTests.Trained trained) : IClassFixture<DateLikeModelTests.Trained>
{
    public sealed class Trained
    {
        public Trained()
        {
            Cases = SyntheticDeclarations.Generate(30_000, seed: 5, rowsPerDay: 1000);
            Split = Cases[(int)(Cases.Count * 0.75)].Date.Date;
            var watch = Stopwatch.StartNew();
            Model = RiskTrainer.Train(Cases, new TrainingOptions { To = Split.AddDays(-1) }, CancellationToken.None);
            TrainSeconds = watch.Elapsed.TotalSeconds;
        }

        public List<RiskCase> Cases { get; }

        public DateTime Split { get; }

        public TrainedRiskModel Model { get; }

        public double TrainSeconds { get; }
    }

    [Fact]
    public void Beats_random_at_five_percent_by_at_least_two_times_on_later_days()
    {
        var scores = trained.Model.ScoreAll(trained.Cases, i => trained.Cases[i].Date >= trained.Split, explain: false, CancellationToken.None);
        var test = Enumerable.Range(0, trained.Cases.Count).Where(i => scores[i] is not null).ToList();
        var hits = test.Select(i => trained.Cases[i].Label!.Hit).ToList();
        var metrics = Ranking.Metrics([.. test.Select(i => scores[i]!.Probability)], hits);
        var baseRate = hits.Count(h => h) / (double)hits.Count;
        var at5 = metrics.At.Single(a => a.Percent == 5);
        TestContext.Current.TestOutputHelper?.WriteLine($"DATE-like: precision@5% {at5.Precision:0.000} vs base {baseRate:0.000}, AUC {metrics.Auc:0.000}, train {trained.TrainSeconds:0.0} s");
        Assert.True(at5.Precision >= 2 * baseRate, $"precision@5% {at5.Precision:0.000} vs base rate {baseRate:0.000}");
        Assert.True(metrics.Auc > 0.6, $"AUC {metrics.Auc:0.000}");
    }

    [Fact]
    public void Own_tree_evaluation_matches_mlnet_scores()
    {
        var pass = Portcullis.Risk.Features.HistoryFeatures.Run(trained.Cases, trained.Model.Layout,
            new() { Want = i => i % 97 == 0 }, CancellationToken.None);
        var rows = pass.Vectors.Where(v => v is not null).Select(v => v!).ToList();
        var blob = trained.Model.Save();
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(blob));
        using var entry = zip.GetEntry("model.zip")!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        copy.Position = 0;
        var ml = new MLContext();
        var transformer = ml.Model.Load(copy, out _);
        var data = LightGbmFit.DataView(ml, rows, [.. rows.Select(_ => false)], trained.Model.Layout.Width);
        var mlScores = transformer.Transform(data).GetColumn<float>("Score").ToList();
        var raw = rows.Select(r => trained.Model.Calibration.A == 0 ? 0 : Logit(trained.Model.Probability(r))).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = (mlScores[i] * trained.Model.Calibration.A) + trained.Model.Calibration.B;
            Assert.Equal(expected, raw[i], 3);
        }
    }

    [Fact]
    public void Training_forty_thousand_rows_shape_fits_in_seconds() =>
        Assert.True(trained.TrainSeconds < 30, $"training took {trained.TrainSeconds:0.0} s");

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
