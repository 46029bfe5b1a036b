using System.IO.Compression;
using System.Text.Json;
using Portcullis.Risk.Features;

namespace Portcullis.Risk.Model;

/// <summary>
/// A trained, calibrated risk model: its feature layout, chosen settings, what it was trained and
/// validated on, and scoring (batch over a history, or single cases against a frozen snapshot).
/// Immutable and safe to share between threads.
/// </summary>
public sealed class TrainedRiskModel
{
    private readonly TreeModel trees;
    private readonly byte[] mlNetZip;

    /// <summary>What is stored next to the ML.NET model zip.</summary>
    public sealed record Metadata(
        FeatureLayoutSpec Layout, Hyperparameters Hyperparameters, DateTime From, DateTime To,
        int TrainingCases, int TrainingHits, int SearchRows, int ValidationCases, RankingMetrics Validation,
        Calibration Calibration, IReadOnlyList<SearchTrial> SearchTrials, long[] LeafCounts, TrainingTimes Times);

    internal TrainedRiskModel(Metadata metadata, byte[] mlNetZip, TreeModel trees)
    {
        Info = metadata;
        this.mlNetZip = mlNetZip;
        this.trees = trees;
        Layout = new FeatureLayout(metadata.Layout);
        Explainer = new Explainer(Layout);
    }

    public Metadata Info { get; }

    public FeatureLayout Layout { get; }

    /// <summary>Source features (what explanations name): one per declared value, categorical, history family…</summary>
    public IReadOnlyList<string> FeatureNames => field ??= [.. Layout.Groups.Select(g => g.Name)];

    /// <summary>The vector slots the trees see (one-hot values, per-family statistics).</summary>
    public IReadOnlyList<string> SlotNames => Layout.SlotNames;

    public Hyperparameters Hyperparameters => Info.Hyperparameters;

    public RankingMetrics Validation => Info.Validation;

    public Calibration Calibration => Info.Calibration;

    internal Explainer Explainer { get; }

    /// <summary>Calibrated probability of a hit for a feature vector.</summary>
    public double Probability(ReadOnlySpan<float> vector) => Info.Calibration.Probability(trees.Raw(vector));

    /// <summary>The score of a case from its vector, with the <paramref name="top"/> strongest contributions when asked.</summary>
    public ModelScore Score(RiskCase c, float[] vector, bool explain, int top = 5)
    {
        var raw = trees.Raw(vector);
        var p = Info.Calibration.Probability(raw);
        if (!explain)
        {
            return new ModelScore(c.Id, p, []);
        }

        var perSlot = new double[Layout.Width];
        trees.Contributions(vector, perSlot);
        // Effects on the calibrated log-odds: the Platt slope rescales every tree's share alike.
        for (var i = 0; i < perSlot.Length; i++)
        {
            perSlot[i] *= Info.Calibration.A;
        }

        return new ModelScore(c.Id, p, Explainer.Top(c, vector, perSlot, top));
    }

    /// <summary>
    /// Scores the wanted cases of a sorted history in one pass (each against what was known before its
    /// day). Returns one score per case, null where not wanted.
    /// </summary>
    public ModelScore?[] ScoreAll(IReadOnlyList<RiskCase> cases, Func<int, bool>? want, bool explain, CancellationToken ct)
    {
        var pass = HistoryFeatures.Run(cases, Layout, new HistoryPassOptions { Want = want }, ct);
        var scores = new ModelScore?[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            if (pass.Vectors[i] is { } v)
            {
                scores[i] = Score(cases[i], v, explain);
            }
        });
        return scores;
    }

    /// <summary>
    /// Calibrated probabilities of the wanted cases of a sorted history (NaN for the others), features
    /// and trees in one streaming pass: the fast path for batch scoring and backtests.
    /// </summary>
    public double[] Probabilities(IReadOnlyList<RiskCase> cases, Func<int, bool>? want, Func<int, bool>? labelVisible, CancellationToken ct)
    {
        var result = new double[cases.Count];
        Array.Fill(result, double.NaN);
        HistoryFeatures.Run(cases, Layout, new HistoryPassOptions
        {
            Want = want,
            LabelVisible = labelVisible,
            Sink = (i, v) => result[i] = Probability(v),
        }, ct);
        return result;
    }

    /// <summary>Calibrated probabilities for vectors (NaN for null rows), spread over the cores.</summary>
    public double[] Probabilities(IReadOnlyList<float[]?> vectors, CancellationToken ct)
    {
        var result = new double[vectors.Count];
        Parallel.For(0, vectors.Count, new ParallelOptions { CancellationToken = ct }, i =>
            result[i] = vectors[i] is { } v ? Probability(v) : double.NaN);
        return result;
    }

    /// <summary>
    /// Freezes the history of <paramref name="cases"/> (sorted) as of the start of <paramref name="asOf"/>'s
    /// day for fast single-case scoring: a case of that day is encoded exactly as the batch pass would
    /// (earlier days' declarations, outcomes known before the day began).
    /// </summary>
    public RiskScorer Snapshot(IReadOnlyList<RiskCase> cases, DateTime asOf, CancellationToken ct)
    {
        var upTo = cases.TakeWhile(c => c.Date < asOf.Date).ToList();
        var pass = HistoryFeatures.Run(upTo, Layout, new HistoryPassOptions { Want = _ => false, SnapshotAsOf = asOf }, ct);
        return new RiskScorer(this, pass.Snapshot);
    }

    /// <summary>The ML.NET model zip and this model's metadata in one blob.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry("model.zip", CompressionLevel.NoCompression).Open())
            {
                s.Write(mlNetZip);
            }

            using var m = zip.CreateEntry("metadata.json", CompressionLevel.Optimal).Open();
            JsonSerializer.Serialize(m, Info, Json);
        }

        return stream.ToArray();
    }

    /// <summary>Reads a blob written by <see cref="Save"/>.</summary>
    public static TrainedRiskModel Load(byte[] blob)
    {
        using var zip = new ZipArchive(new MemoryStream(blob), ZipArchiveMode.Read);
        var model = Read(zip, "model.zip");
        var info = JsonSerializer.Deserialize<Metadata>(Read(zip, "metadata.json"), Json)
            ?? throw new InvalidDataException("The model blob has no metadata.");
        var trees = LightGbmFit.Extract(LightGbmFit.Load(model));
        trees.SetLeafCounts(info.LeafCounts);
        return new TrainedRiskModel(info, model, trees);
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The model blob has no {name}.");
        using var s = entry.Open();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>A model with a frozen history: scores new cases one at a time from any number of threads.</summary>
public sealed class RiskScorer(TrainedRiskModel model, HistorySnapshot snapshot)
{
    public TrainedRiskModel Model { get; } = model;

    public HistorySnapshot History { get; } = snapshot;

    /// <summary>Calibrated probability and (when asked) the top contributions for a new case.</summary>
    public ModelScore Score(RiskCase c, bool explain = true, int top = 5) => Model.Score(c, History.Vector(c), explain, top);

    /// <summary>The rule engine's facts for the case against the same history.</summary>
    public CaseFacts Facts(RiskCase c) => History.Facts(c);
}
