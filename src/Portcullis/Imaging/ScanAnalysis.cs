using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Imaging.Analysis;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// One stored analysis of a scan, as <see cref="ScanAnalyzer"/> gave it: a result, or the refusal
/// ("cannot analyse: …") in <see cref="CannotAnalyse"/>. A row with <see cref="OriginScanId"/> is an
/// origin–arrival comparison: <see cref="ScanId"/> is then the arrival scan, and the regions lie in the
/// image named by <see cref="RegionsImage"/> ("arrival" for added mass, "origin" for removed).
/// Rows are never changed: a re-run adds a row, and the newest one of a scan (or pair) is current.
/// </summary>
public sealed class ScanAnalysis
{
    public required Guid Id { get; init; }

    public required Guid ScanId { get; init; }

    public Guid? OriginScanId { get; init; }

    /// <summary>"container", "parcel" or "compare".</summary>
    public required string Family { get; init; }

    /// <summary>The analysis version the analyser reports (empty on a refusal before it ran).</summary>
    public string Version { get; init; } = "";

    /// <summary>Which model: "built-in", or the learned model's time and number of examples.</summary>
    public required string ModelVersion { get; init; }

    public double? Score { get; init; }

    public bool Alarm { get; init; }

    /// <summary>Comparisons: "added", "removed" or "none".</summary>
    public string? Change { get; init; }

    public double? Kg { get; init; }

    public string? RegionsImage { get; init; }

    public List<AnalysisRegion> Regions { get; init; } = [];

    /// <summary>The reasons in English: what the API and the CLI read.</summary>
    public List<string> Reasons { get; init; } = [];

    /// <summary>
    /// The same reasons as phrases of <see cref="Portcullis.Imaging.Analysis.ScanPhrases"/>, in order, so that
    /// a page says them in the reader's language; null for refusals and for analyses stored before phrases existed.
    /// </summary>
    public List<Portcullis.Domain.Phrasing.Phrase>? ReasonPhrases { get; init; }

    /// <summary>The heatmap (or a comparison's change map) as JSON, null when the analyser gave none.</summary>
    public string? HeatmapJson { get; init; }

    public double Milliseconds { get; init; }

    /// <summary>The refusal in one sentence ("cannot analyse: …" or "cannot compare: …"); null for a result.</summary>
    public string? CannotAnalyse { get; init; }

    /// <summary>
    /// The same refusal as a phrase of <see cref="Portcullis.Imaging.Analysis.ScanPhrases"/> (<c>ScanWhy.CannotAnalyse</c>
    /// or <c>ScanWhy.CannotCompare</c> around the reason), for pages in the reader's language; null for a result
    /// and for refusals stored before refusals were phrases (pages then show the English).
    /// </summary>
    public Portcullis.Domain.Phrasing.Phrase? CannotAnalysePhrase { get; init; }

    public required DateTime AnalysedAt { get; init; }

    /// <summary>Who asked: the analysis job on a stored scan, or the person who re-ran it.</summary>
    public required string RequestedBy { get; init; }

    public bool IsComparison => OriginScanId is not null;

    public AnalysisHeatmap? Heatmap => HeatmapJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<AnalysisHeatmap>(HeatmapJson, AnalysisModel.Json);
}

internal sealed class ScanAnalysisConfiguration : IEntityTypeConfiguration<ScanAnalysis>
{
    public void Configure(EntityTypeBuilder<ScanAnalysis> builder)
    {
        builder.ToTable("scan_analyses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Family).HasMaxLength(20);
        builder.Property(a => a.Version).HasMaxLength(100);
        builder.Property(a => a.ModelVersion).HasMaxLength(100);
        builder.Property(a => a.Change).HasMaxLength(10);
        builder.Property(a => a.RegionsImage).HasMaxLength(10);
        builder.Property(a => a.Regions).HasJsonConversion();
        builder.Property(a => a.Reasons).HasJsonConversion();
        builder.Property(a => a.ReasonPhrases).HasOptionalJsonConversion();
        builder.Property(a => a.CannotAnalyse).HasMaxLength(1000);
        builder.Property(a => a.CannotAnalysePhrase).HasOptionalJsonConversion();
        builder.Property(a => a.RequestedBy).HasMaxLength(100);
        builder.Ignore(a => a.IsComparison);
        builder.Ignore(a => a.Heatmap);
        builder.HasIndex(a => new { a.ScanId, a.AnalysedAt });
        builder.HasIndex(a => a.OriginScanId);
    }
}
