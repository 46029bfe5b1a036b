namespace Portcullis.Imaging;

/// <summary>How a scan arrived. <see cref="Preview"/> is an 8-bit JPEG or PNG: shown, flagged, never analysed.</summary>
public enum ScanFormat
{
    Dicom,
    Png,
    Tiff,
    Preview,
}

/// <summary>
/// One image of a scan: one energy of a dual-energy scan, or the single image. Pixels are row-major,
/// 16-bit, in display convention (higher is more transmitted and brighter, as MONOCHROME2): a reader
/// inverts MONOCHROME1 and shifts signed pixels by 32768, and says so in <see cref="ScanMetadata"/>.
/// </summary>
public sealed record ScanFrame(int Width, int Height, ushort[] Pixels, string? Energy = null)
{
    public ushort this[int x, int y] => Pixels[(y * Width) + x];
}

/// <summary>What the file says about the scan; every field may be missing.</summary>
public sealed record ScanMetadata
{
    /// <summary>Container number (or parcel / air waybill reference) where the scanner writes it.</summary>
    public string? Subject { get; init; }

    /// <summary>The scanner (DICOM station name, a PNG/TIFF text key).</summary>
    public string? Scanner { get; init; }

    /// <summary>UN/LOCODE of the scanning site when the file names it.</summary>
    public string? Site { get; init; }

    /// <summary>When the scan was made (UTC) when the file says.</summary>
    public DateTimeOffset? AcquiredAt { get; init; }

    /// <summary>Millimetres between pixel centres along the direction of travel (x) and the detector (y).</summary>
    public double? PixelSpacingX { get; init; }

    public double? PixelSpacingY { get; init; }

    /// <summary>Peak energy or X-ray tube voltage as written (e.g. "6 MV", "160 kV").</summary>
    public string? Energy { get; init; }

    /// <summary>Direction of travel as written, when the scanner states it.</summary>
    public string? Direction { get; init; }

    public double? RescaleSlope { get; init; }

    public double? RescaleIntercept { get; init; }

    /// <summary>Bits that carry data (e.g. 12 of 16).</summary>
    public int BitsStored { get; init; } = 16;

    /// <summary>The source stored MONOCHROME1 (low is bright); the frames were inverted.</summary>
    public bool Inverted { get; init; }

    /// <summary>The source stored signed pixels; the frames were shifted by 32768.</summary>
    public bool SignedSource { get; init; }

    /// <summary>Other text the file carries (PNG tEXt keys, TIFF description), kept as given.</summary>
    public IReadOnlyDictionary<string, string> Text { get; init; } = new Dictionary<string, string>();
}

/// <summary>A decoded scan: one frame, or two for dual energy (low energy first).</summary>
public sealed record ScanImage(ScanFormat Format, IReadOnlyList<ScanFrame> Frames, ScanMetadata Metadata)
{
    public bool IsPreviewOnly => Format == ScanFormat.Preview;

    public int Width => Frames[0].Width;

    public int Height => Frames[0].Height;
}

/// <summary>A problem in a scan file, at a byte offset.</summary>
public sealed record ScanIssue(long Offset, string Message)
{
    public override string ToString() => $"at byte {Offset}: {Message}";
}

/// <summary>A reader's answer: the image with warnings, or one error and nothing.</summary>
public sealed record ScanReadResult(ScanImage? Image, IReadOnlyList<ScanIssue> Warnings, ScanIssue? Error)
{
    public static ScanReadResult Fail(long offset, string message) => new(null, [], new ScanIssue(offset, message));

    public static ScanReadResult Success(ScanImage image, IReadOnlyList<ScanIssue>? warnings = null) => new(image, warnings ?? [], null);
}

/// <summary>Bounds a reader enforces before it allocates: a hostile header cannot make it take gigabytes.</summary>
public sealed record ScanLimits
{
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Pixels per frame; a 6000×2000 container scan is 12 million.</summary>
    public long MaxPixelsPerFrame { get; init; } = 40_000_000;

    public int MaxFrames { get; init; } = 4;

    public static ScanLimits Default { get; } = new();
}
