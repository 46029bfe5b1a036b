using OpenCvSharp;
using Portcullis.Imaging.Dicom;
using Portcullis.Imaging.Png;
using Portcullis.Imaging.Tiff;

namespace Portcullis.Imaging;

/// <summary>Reads a scan file of any supported format, chosen by its first bytes (never by its name).</summary>
public static class ScanReader
{
    /// <summary>
    /// DICOM/DICOS (Part 10, uncompressed little endian), 16-bit grayscale PNG and TIFF are scans; 8-bit PNG,
    /// TIFF, DICOM and JPEG are previews (<see cref="ScanFormat.Preview"/>, with a warning). Never throws for
    /// bad input: the answer is an image or one sentence with a byte offset.
    /// </summary>
    public static ScanReadResult Read(ReadOnlySpan<byte> bytes, ScanLimits? limits = null)
    {
        limits ??= ScanLimits.Default;
        if (bytes.Length == 0)
        {
            return ScanReadResult.Fail(0, "The file is empty; send the scanner's DICOM, 16-bit PNG or 16-bit TIFF file.");
        }

        if (bytes.Length > limits.MaxFileBytes)
        {
            return ScanReadResult.Fail(limits.MaxFileBytes, $"The file is larger than the limit of {limits.MaxFileBytes} bytes; send one scan per file.");
        }

        if (bytes.StartsWith(PngReader.Signature))
        {
            return PngReader.Read(bytes, limits);
        }

        if (TiffReader.IsTiff(bytes))
        {
            return TiffReader.Read(bytes, limits);
        }

        if (DicomReader.IsDicom(bytes))
        {
            return DicomReader.Read(bytes, limits);
        }

        if (JpegPreview.IsJpeg(bytes))
        {
            return JpegPreview.Read(bytes, limits);
        }

        return ScanReadResult.Fail(0, "The file is not a DICOM, PNG, TIFF or JPEG image (unknown signature); send the scanner's DICOM, 16-bit PNG or 16-bit TIFF file.");
    }

    /// <summary>
    /// Joins a dual-energy scan sent as two single-frame files into one image (low energy first). Both must be
    /// scans (not previews) of the same size; the metadata is the low-energy file's, completed by the high one's.
    /// </summary>
    public static ScanReadResult Combine(ScanImage low, ScanImage high)
    {
        if (low.IsPreviewOnly || high.IsPreviewOnly)
        {
            return ScanReadResult.Fail(0, "A low-quality preview cannot be one energy of a dual-energy scan; send the scanner's 16-bit images.");
        }

        if (low.Frames.Count != 1 || high.Frames.Count != 1)
        {
            return ScanReadResult.Fail(0, $"Dual energy from two files needs one frame in each, not {low.Frames.Count} and {high.Frames.Count}; send the two energies as two single images or one two-frame file.");
        }

        if (low.Width != high.Width || low.Height != high.Height)
        {
            return ScanReadResult.Fail(0, $"The two energies differ in size ({low.Width}×{low.Height} and {high.Width}×{high.Height}); they must come from the same scan.");
        }

        var a = low.Metadata;
        var b = high.Metadata;
        var text = new Dictionary<string, string>(b.Text, StringComparer.Ordinal);
        foreach (var (key, value) in a.Text)
        {
            text[key] = value;
        }

        var metadata = a with
        {
            Subject = a.Subject ?? b.Subject,
            Scanner = a.Scanner ?? b.Scanner,
            Site = a.Site ?? b.Site,
            AcquiredAt = a.AcquiredAt ?? b.AcquiredAt,
            PixelSpacingX = a.PixelSpacingX ?? b.PixelSpacingX,
            PixelSpacingY = a.PixelSpacingY ?? b.PixelSpacingY,
            Energy = a.Energy is not null && b.Energy is not null ? $"{a.Energy} / {b.Energy}" : a.Energy ?? b.Energy,
            Direction = a.Direction ?? b.Direction,
            Text = text,
        };
        var frames = new[] { low.Frames[0] with { Energy = low.Frames[0].Energy ?? a.Energy }, high.Frames[0] with { Energy = high.Frames[0].Energy ?? b.Energy } };
        return ScanReadResult.Success(new ScanImage(low.Format, frames, metadata));
    }
}

/// <summary>Writes 16-bit grayscale PNG (the generator's and the demo's output format).</summary>
public static class ScanPng
{
    public static byte[] Write(ScanFrame frame)
    {
        using var mat = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_16UC1, frame.Pixels);
        return mat.ImEncode(".png");
    }
}
