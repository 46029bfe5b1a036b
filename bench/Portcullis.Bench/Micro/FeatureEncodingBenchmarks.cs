using BenchmarkDotNet.Attributes;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Features;

namespace Portcullis.Bench.Micro;

/// <summary>
/// Feature encoding of 5,000 DATE-shaped synthetic declarations against the history of 20,000
/// earlier ones: hashing the case into its parts and family keys (the baseline every encoding does)
/// and the whole vector written against a frozen history snapshot.
/// </summary>
[MemoryDiagnoser]
public class FeatureEncodingBenchmarks
{
    private const int History = 20_000;
    private const int Encoded = 5_000;
    private List<RiskCase> _cases = [];
    private CaseEncoder _encoder = null!;
    private HistorySnapshot _snapshot = null!;
    private float[] _row = [];

    [GlobalSetup]
    public void Setup()
    {
        _cases = SyntheticDeclarations.Generate(History + Encoded, seed: 3, rowsPerDay: 1000);
        var history = _cases.Take(History).ToList();
        var layout = new FeatureLayout(LayoutBuilder.Build(history, new HistoryOptions()));
        _encoder = new CaseEncoder(layout);
        _snapshot = HistoryFeatures.Run(history, layout, new HistoryPassOptions { Want = static _ => false, SnapshotAsOf = _cases[History].Date }, CancellationToken.None).Snapshot;
        _row = new float[layout.Width];
    }

    [Benchmark(Baseline = true)]
    public ulong PartsAndKeys()
    {
        Span<ulong> parts = stackalloc ulong[_encoder.PartCount];
        Span<ulong> keys = stackalloc ulong[_encoder.FamilyCount];
        ulong check = 0;
        for (var i = History; i < _cases.Count; i++)
        {
            _encoder.Parts(_cases[i], parts);
            _encoder.Keys(parts, keys);
            check ^= keys[0];
        }

        return check;
    }

    [Benchmark]
    public float SnapshotVector()
    {
        var check = 0f;
        for (var i = History; i < _cases.Count; i++)
        {
            _snapshot.Write(_cases[i], _row);
            check += _row[0];
        }

        return check;
    }
}

/// <summary>
/// The time-ordered history pass (features of each case from earlier days only) over 20,000
/// declarations, vectors discarded: what training and batch scoring spend on features.
/// </summary>
[MemoryDiagnoser]
public class HistoryPassBenchmarks
{
    private List<RiskCase> _cases = [];
    private FeatureLayout _layout = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cases = SyntheticDeclarations.Generate(20_000, seed: 3, rowsPerDay: 1000);
        _layout = new FeatureLayout(LayoutBuilder.Build(_cases, new HistoryOptions()));
    }

    [Benchmark]
    public int HistoryPass() =>
        HistoryFeatures.Run(_cases, _layout, new HistoryPassOptions { Sink = static (_, _) => { } }, CancellationToken.None).Vectors.Length;
}
