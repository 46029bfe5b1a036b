using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Portcullis.Imaging.Png;

/// <summary>
/// Walks the PNG chunks itself (CRC, IHDR, text, pHYs) and refuses what breaks the limits before OpenCV's
/// libpng decodes the pixels, so a header announcing a giant image never allocates it.
/// </summary>
internal static class PngReader
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // zTXt and iTXt values are inflated at most this far: text is metadata, not a way to make us allocate.
    private const int MaxTextBytes = 64 * 1024;

    public static ScanReadResult Read(ReadOnlySpan<byte> bytes, ScanLimits limits)
    {
        var warnings = new List<ScanIssue>();
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        double? spacingX = null, spacingY = null;
        Ihdr? header = null;
        long idatBytes = 0;
        var pos = Signature.Length;
        var ended = false;
        while (!ended)
        {
            if (bytes.Length - pos < 12)
            {
                return ScanReadResult.Fail(pos, $"The PNG ends at byte {bytes.Length} before its IEND chunk; the file is truncated.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[pos..]);
            var type = bytes.Slice(pos + 4, 4);
            var name = Encoding.Latin1.GetString(type);
            if (!Ascii.IsValid(type) || !name.All(char.IsAsciiLetter))
            {
                return ScanReadResult.Fail(pos + 4, "The PNG has a chunk without a valid type; the file is corrupt.");
            }

            if (length > bytes.Length - pos - 12)
            {
                return ScanReadResult.Fail(pos, $"The PNG chunk {name} announces {length} bytes but only {bytes.Length - pos - 12} remain; the file is truncated or corrupt.");
            }

            var data = bytes.Slice(pos + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes[(pos + 8 + (int)length)..]);
            if (Crc32.HashToUInt32(bytes.Slice(pos + 4, 4 + (int)length)) != crc)
            {
                return ScanReadResult.Fail(pos, $"The PNG chunk {name} at byte {pos} has a wrong CRC; the file is corrupt, send it again as the scanner wrote it.");
            }

            if (header is null && name != "IHDR")
            {
                return ScanReadResult.Fail(pos, "The PNG does not start with its IHDR chunk; the file is corrupt.");
            }

            switch (name)
            {
                case "IHDR":
                    if (header is not null || length != 13)
                    {
                        return ScanReadResult.Fail(pos, "The PNG has a malformed or repeated IHDR chunk; the file is corrupt.");
                    }

                    header = new Ihdr(BinaryPrimitives.ReadUInt32BigEndian(data), BinaryPrimitives.ReadUInt32BigEndian(data[4..]), data[8], data[9], data[12]);
                    if (Check(header.Value, pos, limits) is { } refused)
                    {
                        return refused;
                    }

                    break;
                case "IDAT":
                    idatBytes += length;
                    break;
                case "IEND":
                    ended = true;
                    break;
                case "tEXt" or "zTXt" or "iTXt":
                    if (TextChunk(name, data) is { } entry)
                    {
                        text[entry.Key] = entry.Value;
                    }
                    else
                    {
                        warnings.Add(new ScanIssue(pos, $"The PNG {name} chunk could not be read; it was ignored."));
                    }

                    break;
                case "pHYs" when length == 9 && data[8] == 1:
                    // Pixels per metre: the spacing between pixel centres in millimetres is 1000 / that.
                    var ppmX = BinaryPrimitives.ReadUInt32BigEndian(data);
                    var ppmY = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    spacingX = ppmX > 0 ? 1000.0 / ppmX : null;
                    spacingY = ppmY > 0 ? 1000.0 / ppmY : null;
                    break;
            }

            pos += 12 + (int)length;
        }

        var ihdr = header!.Value;
        if (idatBytes == 0)
        {
            return ScanReadResult.Fail(pos, "The PNG has no image data (IDAT); the file is corrupt.");
        }

        // Deflate cannot expand data more than about 1032 times: fewer compressed bytes cannot hold the image.
        var rawBytes = ihdr.Height * (1 + ((ihdr.Width * ihdr.BitsPerPixel) + 7) / 8);
        if (rawBytes > idatBytes * RasterDecoder.MaxCompressionRatio)
        {
            return ScanReadResult.Fail(8, $"The PNG announces {ihdr.Width}×{ihdr.Height} pixels but holds only {idatBytes} bytes of image data; the file is truncated or corrupt.");
        }

        var preview = !(ihdr.BitDepth == 16 && ihdr.ColourType == 0);
        var decoded = RasterDecoder.Decode(bytes, preview, (int)ihdr.Width, (int)ihdr.Height, "PNG");
        if (decoded.Error is { } error)
        {
            return ScanReadResult.Fail(0, error);
        }

        if (preview)
        {
            warnings.Add(new ScanIssue(16, $"The PNG is {ihdr.BitDepth}-bit{(ihdr.ColourType == 0 ? "" : " colour")}: kept as a low-quality preview, never analysed; send the scanner's 16-bit grayscale image for analysis."));
        }

        var metadata = TextKeys.Map(text, warnings) with
        {
            PixelSpacingX = spacingX,
            PixelSpacingY = spacingY,
            BitsStored = preview ? 8 : 16,
        };
        return ScanReadResult.Success(new ScanImage(preview ? ScanFormat.Preview : ScanFormat.Png, [decoded.Frame!], metadata), warnings);
    }

    private static ScanReadResult? Check(Ihdr h, int pos, ScanLimits limits)
    {
        if (h.Width == 0 || h.Height == 0)
        {
            return ScanReadResult.Fail(pos + 8, $"The PNG is {h.Width}×{h.Height} pixels (zero size); the file holds no scan.");
        }

        if (h.Width > int.MaxValue || h.Height > int.MaxValue || (long)h.Width * h.Height > limits.MaxPixelsPerFrame)
        {
            return ScanReadResult.Fail(pos + 8, $"The PNG is {h.Width}×{h.Height} pixels, more than the limit of {limits.MaxPixelsPerFrame} per frame; that is not a scan this system reads.");
        }

        var valid = h.ColourType switch
        {
            0 => h.BitDepth is 1 or 2 or 4 or 8 or 16,
            3 => h.BitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => h.BitDepth is 8 or 16,
            _ => false,
        };
        if (!valid)
        {
            return ScanReadResult.Fail(pos + 16, $"The PNG has bit depth {h.BitDepth} with colour type {h.ColourType}, which PNG does not allow; the file is corrupt.");
        }

        if (h.BitDepth == 16 && h.ColourType != 0)
        {
            var kind = h.ColourType == 4 ? "grayscale with alpha" : "colour";
            return ScanReadResult.Fail(pos + 17, $"The PNG is 16-bit {kind} (colour type {h.ColourType}); send the scanner's 16-bit grayscale image.");
        }

        return h.Interlace > 1
            ? ScanReadResult.Fail(pos + 20, $"The PNG has interlace method {h.Interlace}, which PNG does not define; the file is corrupt.")
            : null;
    }

    private static KeyValuePair<string, string>? TextChunk(string type, ReadOnlySpan<byte> data)
    {
        var nul = data.IndexOf((byte)0);
        if (nul is < 1 or > 79)
        {
            return null;
        }

        var key = Encoding.Latin1.GetString(data[..nul]);
        var rest = data[(nul + 1)..];
        string? value;
        switch (type)
        {
            case "tEXt":
                value = Encoding.Latin1.GetString(rest);
                break;
            case "zTXt":
                value = rest.Length >= 1 && rest[0] == 0 && Inflate(rest[1..]) is { } z ? Encoding.Latin1.GetString(z) : null;
                break;
            default:
                // iTXt: compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text.
                if (rest.Length < 2)
                {
                    return null;
                }

                var compressed = rest[0] == 1;
                var afterLanguage = rest[2..];
                var l = afterLanguage.IndexOf((byte)0);
                if (l < 0)
                {
                    return null;
                }

                var afterTranslated = afterLanguage[(l + 1)..];
                var t = afterTranslated.IndexOf((byte)0);
                if (t < 0)
                {
                    return null;
                }

                var body = afterTranslated[(t + 1)..];
                value = compressed ? (Inflate(body) is { } i ? Encoding.UTF8.GetString(i) : null) : Encoding.UTF8.GetString(body);
                break;
        }

        return value is null ? null : new KeyValuePair<string, string>(key, value);
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> compressed)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            var buffer = new byte[MaxTextBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = zlib.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return total > MaxTextBytes ? null : buffer[..total];
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private readonly record struct Ihdr(uint Width, uint Height, byte BitDepth, byte ColourType, byte Interlace)
    {
        public long BitsPerPixel => (long)BitDepth * ColourType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
    }
}
