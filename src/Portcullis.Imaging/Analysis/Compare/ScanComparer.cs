namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>Settings of the origin–arrival comparison that a model may carry (owned by the comparison).</summary>
public sealed record CompareModel(string Version);

/// <summary>Origin versus arrival: registration, intensity normalisation, change map. Placeholder until it lands.</summary>
public static class ScanComparer
{
    public const string Version = "compare-0";

    public static ComparisonOutcome Compare(ScanImage origin, ScanImage arrival, CompareModel? model, CancellationToken cancellationToken = default)
        => ComparisonOutcome.Refused("the comparison is not built yet");
}
