using Portcullis.Domain.Phrasing;
using Portcullis.Imaging.Analysis.Compare;
using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Analysis.Parcels;

namespace Portcullis.Imaging.Analysis;

/// <summary>
/// The one entry to scan analysis for the app, the CLI and the benchmarks: picks the analysis family by
/// the declared kind, learns models, compares pairs. Pure: no storage, no clock.
/// </summary>
public static class ScanAnalyzer
{
    public static AnalysisOutcome Analyze(ScanImage image, ScanSubject subject, AnalysisModel? model = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(subject);
        if (image.IsPreviewOnly)
        {
            return AnalysisOutcome.Refused(ScanPhrases.Preview);
        }

        if (image.Frames.Any(Polarity.EdgesDark))
        {
            return AnalysisOutcome.Refused(Phrase.Of("ScanWhy.Refused.EdgesDark"));
        }

        return subject.Kind switch
        {
            ScanSubjectKind.Parcel => ParcelAnalyzer.Analyze(image, subject, model?.Parcels, cancellationToken),
            _ => ContainerAnalyzer.Analyze(image, subject, model?.Containers, cancellationToken),
        };
    }

    public static ComparisonOutcome Compare(ScanImage origin, ScanImage arrival, AnalysisModel? model = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(arrival);
        if (origin.IsPreviewOnly || arrival.IsPreviewOnly)
        {
            return ComparisonOutcome.Refused(Phrase.Of("ScanWhy.Refused.PreviewPair"));
        }

        foreach (var (image, side) in new[] { (origin, "origin"), (arrival, "arrival") })
        {
            if (image.Frames.Any(Polarity.EdgesDark))
            {
                return ComparisonOutcome.Refused(Phrase.Of("ScanWhy.Refused.SideEdgesDark", Phrase.Of("ScanWhy.Side." + side)));
            }
        }

        return ScanComparer.Compare(origin, arrival, model?.Compare, cancellationToken);
    }

    /// <summary>Learns normal appearance from cleared scans; families without examples keep their defaults.</summary>
    public static AnalysisModel Learn(IReadOnlyList<LearningExample> examples, DateTimeOffset learnedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var containers = examples.Where(e => e.Subject.Kind == ScanSubjectKind.Container && !e.Image.IsPreviewOnly).ToList();
        var parcels = examples.Where(e => e.Subject.Kind == ScanSubjectKind.Parcel && !e.Image.IsPreviewOnly).ToList();
        return new AnalysisModel(
            AnalysisModel.CurrentFormat,
            learnedAt,
            containers.Count + parcels.Count,
            containers.Count > 0 ? ContainerLearner.Learn(containers, cancellationToken) : null,
            parcels.Count > 0 ? ParcelLearner.Learn(parcels, cancellationToken) : null,
            null);
    }
}
