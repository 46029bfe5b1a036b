using System.Buffers.Binary;

namespace Portcullis.Imaging;

/// <summary>
/// A JPEG is only ever a preview (8-bit, lossy): its frame header (SOFn) is found by walking the marker
/// segments and checked against the limits before OpenCV decodes it.
/// </summary>
internal static class JpegPreview
{
    public static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    public static ScanReadResult Read(ReadOnlySpan<byte> bytes, ScanLimits limits)
    {
        var pos = 2;
        while (true)
        {
            if (bytes.Length - pos < 4)
            {
                return ScanReadResult.Fail(pos, "The JPEG ends before its frame header; the file is truncated.");
            }

            if (bytes[pos] != 0xFF)
            {
                return ScanReadResult.Fail(pos, "The JPEG has no marker where one must be; the file is corrupt.");
            }

            var marker = bytes[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(pos + 2)..]);
            if (length < 2 || length > bytes.Length - pos - 2)
            {
                return ScanReadResult.Fail(pos, $"The JPEG segment at byte {pos} announces {length} bytes but only {bytes.Length - pos - 2} remain; the file is truncated or corrupt.");
            }

            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (length < 8)
                {
                    return ScanReadResult.Fail(pos, "The JPEG frame header is too short; the file is corrupt.");
                }

                int height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(pos + 5)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(pos + 7)..]);
                if (width == 0 || height == 0)
                {
                    return ScanReadResult.Fail(pos + 5, $"The JPEG is {width}×{height} pixels (zero size); the file holds no image.");
                }

                if ((long)width * height > limits.MaxPixelsPerFrame)
                {
                    return ScanReadResult.Fail(pos + 5, $"The JPEG is {width}×{height} pixels, more than the limit of {limits.MaxPixelsPerFrame}; that is not a scan this system reads.");
                }

                if ((long)width * height > (long)bytes.Length * RasterDecoder.MaxCompressionRatio)
                {
                    return ScanReadResult.Fail(pos + 5, $"The JPEG announces {width}×{height} pixels but holds only {bytes.Length} bytes; the file is truncated or corrupt.");
                }

                var decoded = RasterDecoder.Decode(bytes, preview: true, width, height, "JPEG");
                if (decoded.Error is { } error)
                {
                    return ScanReadResult.Fail(0, error);
                }

                var warning = new ScanIssue(0, "The JPEG is kept as a low-quality preview, never analysed; send the scanner's 16-bit image for analysis.");
                return ScanReadResult.Success(new ScanImage(ScanFormat.Preview, [decoded.Frame!], new ScanMetadata { BitsStored = 8 }), [warning]);
            }

            pos += 2 + length;
        }
    }
}
