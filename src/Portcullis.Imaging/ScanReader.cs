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
    /// <summary>
    /// The text keys of <paramref name="metadata"/> that say how the pixels encode transmission (`DynamicRange`,
    /// `Encoding`): what a file should carry for its pixels to be read right. Pitch, scanner and subject are left
    /// out, for the analysis to do without (the generator's and the demo's files).
    /// </summary>
    public static IReadOnlyDictionary<string, string> EncodingText(ScanMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Text.Where(t => t.Key is "DynamicRange" or "Encoding").ToDictionary(t => t.Key, t => t.Value);
    }

    /// <summary>
    /// The frame as PNG; <paramref name="text"/> becomes tEXt chunks (Latin-1 keys of 1–79 characters), which
    /// <see cref="ScanReader"/> reads back into <see cref="ScanMetadata.Text"/>: how the pixels encode
    /// transmission cannot be told from the pixels alone, so a file that knows it should say it.
    /// </summary>
    public static byte[] Write(ScanFrame frame, IReadOnlyDictionary<string, string>? text = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var mat = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_16UC1, frame.Pixels);
        var png = mat.ImEncode(".png");
        if (text is null || text.Count == 0)
        {
            return png;
        }

        // OpenCV writes no text chunks, so they go in by hand right after IHDR (8-byte signature, then IHDR's
        // 4-byte length, 4-byte type, 13 bytes of data and 4 of CRC); each chunk's CRC-32 covers type and data.
        const int afterHeader = 8 + 4 + 4 + 13 + 4;
        using var output = new MemoryStream(png.Length + 256);
        output.Write(png, 0, afterHeader);
        Span<byte> header = stackalloc byte[8];
        Span<byte> checksum = stackalloc byte[4];
        foreach (var (key, value) in text)
        {
            if (key.Length is 0 or > 79 || key.Any(c => c > 0xFF) || value.Any(c => c > 0xFF))
            {
                throw new ArgumentException($"PNG text key '{key}' or its value is not Latin-1 of 1–79 characters.", nameof(text));
            }

            var data = System.Text.Encoding.Latin1.GetBytes(key + "\0" + value);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
            "tEXt"u8.CopyTo(header[4..]);
            output.Write(header);
            output.Write(data);
            var crc = new System.IO.Hashing.Crc32();
            crc.Append(header[4..]);
            crc.Append(data);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(checksum, crc.GetCurrentHashAsUInt32());
            output.Write(checksum);
        }

        output.Write(png, afterHeader, png.Length - afterHeader);
        return output.ToArray();
    }
}
