using Portcullis.Risk.Features;

namespace Portcullis.Risk.Model;

/// <summary>LightGBM settings of one candidate in the search (and of the model finally trained).</summary>
/// <param name="Leaves">Maximum leaves per tree.</param>
/// <param name="LearningRate">Shrinkage per tree.</param>
/// <param name="Iterations">Trees; the search also tries each third of this count.</param>
/// <param name="MinDataInLeaf">Minimum training rows per leaf.</param>
/// <param name="Unbalanced">Weight positives up to balance the classes (LightGBM is_unbalance).</param>
public sealed record Hyperparameters(int Leaves, double LearningRate, int Iterations, int MinDataInLeaf, bool Unbalanced);

/// <summary>What to train on and how.</summary>
public sealed record TrainingOptions
{
    /// <summary>The candidates the search tries; small on purpose (time) and spanning small/large trees and class weighting.</summary>
    public static readonly IReadOnlyList<Hyperparameters> DefaultGrid =
    [
        new(15, 0.1, 100, 20, false),
        new(63, 0.05, 100, 50, false),
        new(15, 0.1, 100, 20, true),
    ];

    /// <summary>First day of the training window (inclusive).</summary>
    public DateTime From { get; init; } = DateTime.MinValue;

    /// <summary>Last day of the training window (inclusive: every case on that day counts).</summary>
    public DateTime To { get; init; } = DateTime.MaxValue;

    public HistoryOptions History { get; init; } = new();

    public IReadOnlyList<Hyperparameters> Grid { get; init; } = DefaultGrid;

    /// <summary>Share of the training window's last days used to choose hyperparameters and fit the calibration.</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>Share of cases selected for inspection that the search optimises precision at (percent).</summary>
    public double SearchPercent { get; init; } = 5;

    /// <summary>The search fits on at most this many (randomly sampled) rows; the final fit uses all.</summary>
    public int SearchRowLimit { get; init; } = 120_000;

    public int Seed { get; init; } = 42;

    /// <summary>
    /// LightGBM threads; fixed so that a seed reproduces a model. One by default: on a small shared
    /// machine OpenMP's spinning threads made a fit ten times slower than a single thread.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Search candidates fitted at the same time (each with <see cref="Threads"/> threads).</summary>
    public int SearchParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Why a model cannot be trained, in one sentence naming the counts.</summary>
public sealed class RiskTrainingException(string message) : Exception(message);

/// <summary>Platt scaling: probability = 1 / (1 + exp(−(A·raw + B))), fitted on out-of-sample scores.</summary>
public sealed record Calibration(double A, double B, string FittedOn)
{
    public double Probability(double raw) => 1 / (1 + Math.Exp(-((A * raw) + B)));

    /// <summary>
    /// Fits A and B by Newton's method with step halving on the log loss, with Platt's smoothed targets
    /// (no 0/1 overfit on small sets). Scores are standardised first so that the steps stay well scaled.
    /// </summary>
    public static Calibration Fit(IReadOnlyList<double> raw, IReadOnlyList<bool> hits, string fittedOn)
    {
        double pos = hits.Count(h => h), neg = hits.Count - pos;
        double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
        var mean = raw.Count == 0 ? 0 : raw.Average();
        var sd = raw.Count < 2 ? 1 : Math.Sqrt(raw.Sum(r => (r - mean) * (r - mean)) / raw.Count);
        sd = sd > 1e-12 ? sd : 1;
        var z = raw.Select(r => (r - mean) / sd).ToArray();
        var t = hits.Select(h => h ? hi : lo).ToArray();
        double a = 1, b = Math.Log(hi * pos / Math.Max(1, neg) + 1e-9);
        var loss = Loss(z, t, a, b);
        for (var iter = 0; iter < 100; iter++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-9, h22 = 1e-9, h12 = 0;
            for (var i = 0; i < z.Length; i++)
            {
                var p = Sigmoid((a * z[i]) + b);
                var d = p - t[i];
                var w = Math.Max(p * (1 - p), 1e-12);
                g1 += d * z[i];
                g2 += d;
                h11 += w * z[i] * z[i];
                h22 += w;
                h12 += w * z[i];
            }

            var det = (h11 * h22) - (h12 * h12);
            var da = ((h22 * g1) - (h12 * g2)) / det;
            var db = ((h11 * g2) - (h12 * g1)) / det;
            var step = 1.0;
            while (step > 1e-6 && Loss(z, t, a - (step * da), b - (step * db)) > loss)
            {
                step /= 2;
            }

            a -= step * da;
            b -= step * db;
            var next = Loss(z, t, a, b);
            if (loss - next < 1e-10)
            {
                break;
            }

            loss = next;
        }

        // Undo the standardisation: a·(raw − mean)/sd + b.
        return new Calibration(a / sd, b - (a * mean / sd), fittedOn);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Loss(double[] z, double[] t, double a, double b)
    {
        double sum = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var p = Math.Clamp(Sigmoid((a * z[i]) + b), 1e-15, 1 - 1e-15);
            sum -= (t[i] * Math.Log(p)) + ((1 - t[i]) * Math.Log(1 - p));
        }

        return sum;
    }
}
