using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>What a scan shows: a container, or (post and air cargo) a parcel or an air waybill.</summary>
public enum ScanSubjectKind
{
    Container,
    Parcel,
    AirWaybill,
}

/// <summary>Who made the scan: a customs scanner of our own, or a partner administration (origin scans).</summary>
public enum ScanOrigin
{
    Own,
    Partner,
}

/// <summary>
/// One X-ray scan as stored: the record customs keeps about it and the hashes of its original files
/// in the content-addressed store (<see cref="IScanStore"/>). The pixels are never in the database.
/// A scan is shown only to those who may see its selection now (need-to-know follows the selection);
/// a scan without a selection only to scan analysts and supervisors.
/// </summary>
public sealed class Scan
{
    public required Guid Id { get; init; }

    public required ScanSubjectKind SubjectKind { get; init; }

    /// <summary>Container number (as given, upper case), parcel id or air waybill number.</summary>
    public required string Subject { get; set; }

    /// <summary>The scanner's id (as the scanner or partner names it).</summary>
    public required string ScannerId { get; init; }

    /// <summary>UN/LOCODE of the scanning site (e.g. NLRTM, BRSSZ).</summary>
    public string? Site { get; init; }

    /// <summary>When the scan was made (UTC, the scanner's time).</summary>
    public required DateTime ScannedAt { get; init; }

    /// <summary>When Portcullis received it (UTC).</summary>
    public required DateTime ReceivedAt { get; init; }

    public required ScanOrigin Origin { get; init; }

    /// <summary>The partner administration's name for a partner scan.</summary>
    public string? Partner { get; init; }

    public required ScanFormat Format { get; init; }

    /// <summary>An 8-bit JPEG/PNG: shown as a low-quality preview, never analysed.</summary>
    public bool PreviewOnly { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Frames over all files: 2 for dual energy.</summary>
    public required int FrameCount { get; init; }

    /// <summary>Energy as written (e.g. "6 MV", "4/6 MV dual", "160 kV").</summary>
    public string? Energy { get; init; }

    public double? PixelSpacingX { get; init; }

    public double? PixelSpacingY { get; init; }

    /// <summary>Direction of travel as given.</summary>
    public string? Direction { get; init; }

    /// <summary>SHA-256 (lower-case hex) of each original file, in order (low energy first for two files).</summary>
    public List<string> FileHashes { get; init; } = [];

    /// <summary>The control this scan belongs to, once linked (at the inspection's scan step or by the matcher).</summary>
    public Guid? SelectionId { get; set; }

    /// <summary>Who sent it: the account or token owner.</summary>
    public required string SubmittedBy { get; init; }

    /// <summary>Warnings of the reader, kept with the scan.</summary>
    public List<string> Warnings { get; init; } = [];

    public int Version { get; set; }
}

internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        builder.ToTable("scans");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Subject).HasMaxLength(40);
        builder.Property(s => s.ScannerId).HasMaxLength(100);
        builder.Property(s => s.Site).HasMaxLength(5);
        builder.Property(s => s.Partner).HasMaxLength(100);
        builder.Property(s => s.Energy).HasMaxLength(60);
        builder.Property(s => s.Direction).HasMaxLength(40);
        builder.Property(s => s.SubmittedBy).HasMaxLength(100);
        builder.Property(s => s.FileHashes).HasJsonConversion().HasMaxLength(400);
        builder.Property(s => s.Warnings).HasJsonConversion().HasMaxLength(8000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.Subject, s.ScannedAt });
        builder.HasIndex(s => s.SelectionId);
    }
}
