using System.Diagnostics;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>
/// Learned calibration of the parcel analysis: the alarm threshold (the operating point, set from the
/// scores of cleared parcels) and how many cleared parcels set it. A missing model means the built-in default.
/// </summary>
public sealed record ParcelModel(string Version, double Threshold = ParcelAnalyzer.DefaultThreshold, int CleanExamples = 0, double CleanScoreQuantile = 0);

/// <summary>
/// Tablets in parcel scans: crowds of small organic discs of one size (see <see cref="TabletFinder"/>),
/// scored by how densely they crowd, checked for organic material where the scan has two energies,
/// with grams from attenuation and a count from a typical tablet's mass; and, with two energies, bags of drug
/// salt by their material (see <see cref="PowderFinder"/>). The scan scores as its best region of either kind.
/// Pure and thread-safe.
/// </summary>
public static class ParcelAnalyzer
{
    public const string Version = "parcels-5";

    /// <summary>Without a learned model: a crowd of about 14 tablet-sized discs in 5 × 5 cm, in a cluster of about 20.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Assumed mass of one tablet (ecstasy tablets weigh 0.2–0.4 g), for the count.</summary>
    public const double TabletGrams = 0.3;

    /// <summary>Organic matter's low-to-high ratio is the image's own reference; minerals (calcium vitamins) read well above it.</summary>
    private const double MineralRatio = 1.3;

    public static AnalysisOutcome Analyze(ScanImage image, ScanSubject subject, ParcelModel? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(subject);
        var watch = Stopwatch.StartNew();
        if (image.IsPreviewOnly)
        {
            return AnalysisOutcome.Refused(ScanPhrases.Preview);
        }

        var (parcel, problem) = ParcelImage.From(image);
        if (parcel is null)
        {
            return AnalysisOutcome.Refused(problem!);
        }

        var clusters = TabletFinder.Find(parcel, Mass.RatioReference(parcel), cancellationToken);
        var threshold = model?.Threshold ?? DefaultThreshold;
        var reasons = new List<Phrase>();
        var regions = clusters
            .Select(c => (Cluster: c, Score: Score(c, parcel.IsDualEnergy)))
            .OrderByDescending(c => c.Score)
            .Take(5)
            .Select(c => new AnalysisRegion(c.Cluster.X0, c.Cluster.Y0, c.Cluster.X1, c.Cluster.Y1, Math.Round(c.Score, 4), "tablets",
                Math.Round(c.Cluster.Grams / 1000, 4), (int)Math.Round(c.Cluster.Grams / TabletGrams)))
            .ToList();
        var bags = PowderFinder.Find(parcel, cancellationToken)
            .Select(c => (Candidate: c, Score: PowderFinder.Score(c)))
            .Where(c => c.Score > 0.05)
            .OrderByDescending(c => c.Score)
            .Take(3)
            .ToList();
        regions = [.. regions.Concat(bags.Select(b => new AnalysisRegion(b.Candidate.X0, b.Candidate.Y0, b.Candidate.X1, b.Candidate.Y1,
                Math.Round(b.Score, 4), "powder", Math.Round(b.Candidate.Grams / 1000, 4), null)))
            .OrderByDescending(r => r.Score)
            .Take(5)];
        var score = regions.Count > 0 ? regions[0].Score : 0;
        var alarm = score >= threshold;
        if (bags.Count > 0 && bags[0].Score >= (regions.FirstOrDefault(r => r.Kind == "tablets")?.Score ?? 0))
        {
            var bag = bags[0].Candidate;
            reasons.Add(Phrase.Of("ScanWhy.Powder", bag.AreaCm2, bag.Slope, bag.Grams));
        }
        else if (clusters.Count > 0 && clusters.OrderByDescending(c => Score(c, parcel.IsDualEnergy)).First() is { } best)
        {
            var material = double.IsNaN(best.RelativeRatio) ? Phrase.Of("ScanWhy.MaterialUnknown")
                : best.RelativeRatio > MineralRatio ? Phrase.Of("ScanWhy.Mineral") : Phrase.Of("ScanWhy.Organic");
            reasons.Add(Phrase.Of("ScanWhy.Tablets", best.Blobs, TabletFinder.DiameterMm, best.Densest, material, (int)Math.Round(best.Grams / TabletGrams), best.Grams, TabletGrams));
        }
        else
        {
            reasons.Add(Phrase.Of("ScanWhy.NoTablets"));
        }

        reasons.Add(Phrase.Of(alarm ? "ScanWhy.PassesThreshold" : "ScanWhy.BelowThreshold", score, threshold));
        if (!parcel.IsDualEnergy)
        {
            reasons.Add(Phrase.Of("ScanWhy.SingleEnergy"));
        }

        if (model is null)
        {
            reasons.Add(Phrase.Of("ScanWhy.BuiltInThreshold", DefaultThreshold));
        }
        else if (model.Version != Version)
        {
            // Each version scores on its own scale; a threshold learned for another one sets a different operating point.
            reasons.Add(Phrase.Of("ScanWhy.OtherVersion", model.Version, Version));
        }

        if (!parcel.PitchFromFile)
        {
            reasons.Add(Phrase.Of("ScanWhy.NoPitch", ParcelImage.DefaultPitchMm));
        }

        if (!parcel.LogEncoded)
        {
            reasons.Add(Phrase.Of("ScanWhy.NoLog"));
        }
        else if (parcel.RangeGuessed)
        {
            reasons.Add(Phrase.Of("ScanWhy.LogGuessed", parcel.Range ?? 0));
        }

        var (english, phrases) = ScanPhrases.Say(reasons);
        return AnalysisOutcome.Ok(new AnalysisResult(Math.Round(score, 4), alarm, regions, english, Version, watch.Elapsed.TotalMilliseconds, Heatmap(parcel, regions), phrases));
    }

    /// <summary>
    /// How much the cluster looks like a crowd of tablets: its densest 5 × 5 cm count plus 5 × ln of all its
    /// blobs. Hundreds of tablets spread over a large area, while sweets, bulbs and the grain of coffee
    /// make a few dense spots; the count alone ranked small loose piles below such spots.
    /// </summary>
    internal static double Crowd(TabletCluster cluster) => cluster.Densest + (5 * Math.Log(Math.Max(1, cluster.Blobs)));

    /// <summary>The crowd measure that scores 0.5: about 14 blobs within 5 × 5 cm in a cluster of 20.</summary>
    private const double CrowdAtHalf = 28;

    /// <summary>
    /// 0–1 from the crowd measure (<see cref="Crowd"/>; 28 gives 0.5), lowered for mineral material and,
    /// without a second energy, for the missing material check.
    /// </summary>
    internal static double Score(TabletCluster cluster, bool dualEnergy)
    {
        var crowd = 1 / (1 + Math.Exp(-(Crowd(cluster) - CrowdAtHalf) / 4.0));
        if (!dualEnergy)
        {
            return crowd * 0.85;
        }

        return double.IsNaN(cluster.RelativeRatio) || cluster.RelativeRatio <= MineralRatio ? crowd : crowd * 0.3;
    }

    private static AnalysisHeatmap Heatmap(ParcelImage parcel, IReadOnlyList<AnalysisRegion> regions)
    {
        const int Columns = 32;
        var rows = Math.Max(1, (int)Math.Round(Columns * (double)parcel.Height / parcel.Width));
        var scores = new double[Columns * rows];
        foreach (var r in regions)
        {
            for (var gy = r.Y0 * rows / parcel.Height; gy <= Math.Min(rows - 1, (r.Y1 - 1) * rows / parcel.Height); gy++)
            {
                for (var gx = r.X0 * Columns / parcel.Width; gx <= Math.Min(Columns - 1, (r.X1 - 1) * Columns / parcel.Width); gx++)
                {
                    scores[(gy * Columns) + gx] = Math.Max(scores[(gy * Columns) + gx], r.Score);
                }
            }
        }

        return new AnalysisHeatmap(Columns, rows, scores);
    }
}

/// <summary>
/// Sets the operating point from cleared parcels: the threshold sits just above the 98th percentile of
/// their scores (about 2% false alarms on parcels like them), never below a floor that keeps a model
/// learned from very clean examples from alarming on faint crowds.
/// </summary>
public static class ParcelLearner
{
    private const double Floor = 0.35;

    /// <summary>
    /// The learned threshold lies above any score (scores are 0–1): the cleared parcels scored so high that no
    /// operating point keeps their false alarms near 2%, and a model like this never alarms. The learner keeps
    /// such a threshold rather than inventing a lower one; the command line says what it means.
    /// </summary>
    public static bool NeverAlarms(ParcelModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Threshold > 1;
    }

    public static ParcelModel Learn(IReadOnlyList<LearningExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var scores = new List<double>();
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ParcelAnalyzer.Analyze(example.Image, example.Subject, null, cancellationToken).Result is { } result)
            {
                scores.Add(result.Score);
            }
        }

        if (scores.Count == 0)
        {
            return new ParcelModel(ParcelAnalyzer.Version);
        }

        var sorted = scores.Order().ToArray();
        var quantile = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.98 * sorted.Length) - 1)];
        return new ParcelModel(ParcelAnalyzer.Version, Math.Round(Math.Max(Floor, quantile + 0.05), 4), scores.Count, Math.Round(quantile, 4));
    }
}
