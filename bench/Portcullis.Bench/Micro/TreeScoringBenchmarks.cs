using BenchmarkDotNet.Attributes;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;

namespace Portcullis.Bench.Micro;

/// <summary>
/// Scoring 2,000 precomputed feature vectors with a small trained model (8,000 synthetic
/// declarations, one fixed hyperparameter set so set-up stays short): the calibrated probability
/// (tree walk and calibration) as baseline, then the same with the top-5 explanations.
/// </summary>
[MemoryDiagnoser]
public class TreeScoringBenchmarks
{
    private const int Scored = 2_000;
    private TrainedRiskModel _model = null!;
    private List<RiskCase> _cases = [];
    private float[][] _vectors = [];

    [GlobalSetup]
    public void Setup()
    {
        var cases = SyntheticDeclarations.Generate(8_000 + Scored, seed: 4, rowsPerDay: 500);
        var train = cases.Take(8_000).ToList();
        _model = RiskTrainer.Train(train, new TrainingOptions { Grid = [new(15, 0.1, 60, 20, false)], Seed = 4 }, CancellationToken.None);
        var snapshot = _model.Snapshot(train, cases[8_000].Date, CancellationToken.None);
        _cases = cases.Skip(8_000).ToList();
        _vectors = [.. _cases.Select(snapshot.History.Vector)];
    }

    [Benchmark(Baseline = true)]
    public double Probability()
    {
        var sum = 0.0;
        foreach (var v in _vectors)
        {
            sum += _model.Probability(v);
        }

        return sum;
    }

    [Benchmark]
    public double ScoreWithExplanations()
    {
        var sum = 0.0;
        for (var i = 0; i < _vectors.Length; i++)
        {
            sum += _model.Score(_cases[i], _vectors[i], explain: true).Probability;
        }

        return sum;
    }
}
