namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>Learned normal appearance of container scans (owned by the container analysis).</summary>
public sealed record ContainerModel(string Version);

/// <summary>Cargo consistency, reefer machinery, structure and doors. Placeholder until the container analysis lands.</summary>
public static class ContainerAnalyzer
{
    public const string Version = "containers-0";

    public static AnalysisOutcome Analyze(ScanImage image, ScanSubject subject, ContainerModel? model, CancellationToken cancellationToken = default)
        => AnalysisOutcome.Refused("the container analysis is not built yet");
}

public static class ContainerLearner
{
    public static ContainerModel Learn(IReadOnlyList<LearningExample> examples, CancellationToken cancellationToken = default)
        => new(ContainerAnalyzer.Version);
}
