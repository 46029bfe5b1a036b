namespace Portcullis.Imaging;

/// <summary>Scan settings (section "Imaging").</summary>
public sealed record ImagingOptions
{
    /// <summary>Where originals and derived images live; a shared volume when several nodes serve.</summary>
    public string StoreFolder { get; init; } = Path.Combine("data", "scans");

    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    public long MaxPixelsPerFrame { get; init; } = 40_000_000;

    public int MaxFrames { get; init; } = 4;

    public ScanAnalysisOptions Analysis { get; init; } = new();

    public ScanLimits Limits => new() { MaxFileBytes = MaxFileBytes, MaxPixelsPerFrame = MaxPixelsPerFrame, MaxFrames = MaxFrames };
}

/// <summary>Scan analysis settings (section "Imaging:Analysis").</summary>
public sealed record ScanAnalysisOptions
{
    /// <summary>The model file written by <c>portcullis scan learn</c>; none means the analysers' built-in defaults.</summary>
    public string? ModelPath { get; init; }

    /// <summary>
    /// How much an alarming analysis weighs on its container's consignments' risk: the reason's effect
    /// is this × the analysis score, combined with the other evidence as the integrity alarms are.
    /// </summary>
    public double RiskWeight { get; init; } = 0.6;
}
