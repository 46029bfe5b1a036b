namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>Learned normal appearance of parcel scans (owned by the parcel analysis).</summary>
public sealed record ParcelModel(string Version);

/// <summary>Tablets and powder in dual-energy parcel scans. Placeholder until the parcel analysis lands.</summary>
public static class ParcelAnalyzer
{
    public const string Version = "parcels-0";

    public static AnalysisOutcome Analyze(ScanImage image, ScanSubject subject, ParcelModel? model, CancellationToken cancellationToken = default)
        => AnalysisOutcome.Refused("the parcel analysis is not built yet");
}

public static class ParcelLearner
{
    public static ParcelModel Learn(IReadOnlyList<LearningExample> examples, CancellationToken cancellationToken = default)
        => new(ParcelAnalyzer.Version);
}
