using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Portcullis.Imaging.Tiff;

/// <summary>
/// Walks the TIFF directories itself before any decoder runs: page count, sizes, sample layout and the
/// strips' byte ranges are checked against the limits and the file, so a hostile header never allocates.
/// The IFD is a flat list of 12-byte entries (TIFF 6.0 section 2), simpler to bound here than to configure
/// in a decoder; the tags come from the same walk. Pixels: <see cref="TiffPixels"/> (16-bit) or OpenCV (previews).
/// </summary>
internal static class TiffReader
{
    public static bool IsTiff(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && ((bytes[0] == 'I' && bytes[1] == 'I' && bytes[2] is 42 or 43 && bytes[3] == 0)
                           || (bytes[0] == 'M' && bytes[1] == 'M' && bytes[2] == 0 && bytes[3] is 42 or 43));

    public static ScanReadResult Read(ReadOnlySpan<byte> bytes, ScanLimits limits)
    {
        var warnings = new List<ScanIssue>();
        var little = bytes[0] == 'I';
        if (bytes.Length < 8)
        {
            return ScanReadResult.Fail(bytes.Length, "The TIFF ends inside its header; the file is truncated.");
        }

        var ifd = new Ifd(bytes, little);
        if (ifd.U16(2) == 43)
        {
            return ScanReadResult.Fail(2, "BigTIFF is not supported; export the scan as a classic 16-bit TIFF.");
        }

        var pages = new List<Page>();
        var visited = new HashSet<long>();
        long next = ifd.U32(4), pointerAt = 4;
        while (next != 0)
        {
            // Reduced-resolution pages (thumbnails) are allowed beside the frames, but not without bound.
            var loop = !visited.Add(next);
            if (loop || visited.Count > (2 * limits.MaxFrames) + 1)
            {
                return ScanReadResult.Fail(pointerAt, loop
                    ? $"The TIFF directory at byte {next} points back to an earlier one; the file is corrupt."
                    : $"The TIFF has more pages than the limit of {limits.MaxFrames}; send one scan (one or two energies) per file.");
            }

            if (ifd.ReadPage(visited.Count - 1, next, pointerAt, out var page, out var following) is { } error)
            {
                return error;
            }

            if ((page.Number(254) & 1) == 1)
            {
                warnings.Add(new ScanIssue(next, "A reduced-resolution page (thumbnail) was skipped."));
            }
            else
            {
                pages.Add(page);
            }

            pointerAt = next + 2 + (12L * ifd.U16(next));
            next = following;
        }

        if (pages.Count == 0)
        {
            return ScanReadResult.Fail(4, "The TIFF has no image page; the file is corrupt.");
        }

        if (pages.Count > limits.MaxFrames)
        {
            return ScanReadResult.Fail(4, $"The TIFF has {pages.Count} pages, more than the limit of {limits.MaxFrames}; send one scan (one or two energies) per file.");
        }

        var layouts = new List<Layout>();
        foreach (var page in pages)
        {
            if (Check(bytes, page, limits) is not { } layout)
            {
                return page.Refusal!;
            }

            layouts.Add(layout);
        }

        var first = layouts[0];
        if (layouts.Any(l => l.Width != first.Width || l.Height != first.Height || l.Preview != first.Preview))
        {
            return ScanReadResult.Fail(pages[1].Offset, "The TIFF pages differ in size or bit depth; the energies of one scan must have the same size.");
        }

        var metadata = Metadata(pages[0], warnings) with { BitsStored = first.Preview ? 8 : 16, Inverted = first.Inverted, SignedSource = first.Signed };
        if (first.Preview)
        {
            if (pages.Count > 1)
            {
                warnings.Add(new ScanIssue(pages[1].Offset, "Only the first page of an 8-bit TIFF is kept as a preview."));
            }

            var decoded = RasterDecoder.Decode(bytes, preview: true, first.Width, first.Height, "TIFF");
            if (decoded.Error is { } error)
            {
                return ScanReadResult.Fail(0, error);
            }

            warnings.Add(new ScanIssue(pages[0].Offset, "The TIFF is 8-bit: kept as a low-quality preview, never analysed; send the scanner's 16-bit grayscale image for analysis."));
            return ScanReadResult.Success(new ScanImage(ScanFormat.Preview, [decoded.Frame!], metadata), warnings);
        }

        // One plain page: OpenCV's native libtiff is faster than the managed port (docs/BENCHMARKS.md, "Scans:
        // reading"); pages, signed and WhiteIsZero images, and what OpenCV cannot decode go to LibTiff.NET.
        if (pages.Count == 1 && !first.Inverted && !first.Signed
            && RasterDecoder.Decode(bytes, preview: false, first.Width, first.Height, "TIFF") is { Frame: { } frame })
        {
            return ScanReadResult.Success(new ScanImage(ScanFormat.Tiff, [frame], metadata), warnings);
        }

        return TiffPixels.Decode(bytes, pages.Select(p => p.Index).ToList(), layouts, metadata, warnings);
    }

    /// <summary>The page's layout, or null with the refusing sentence in <see cref="Page.Refusal"/>.</summary>
    private static Layout? Check(ReadOnlySpan<byte> bytes, Page page, ScanLimits limits)
    {
        long width = page.Number(256), height = page.Number(257);
        if (width <= 0 || height <= 0)
        {
            return page.Refuse($"The TIFF page is {width}×{height} pixels (zero size or missing); the file holds no scan.");
        }

        if (width * height > limits.MaxPixelsPerFrame)
        {
            return page.Refuse($"The TIFF page is {width}×{height} pixels, more than the limit of {limits.MaxPixelsPerFrame} per frame; that is not a scan this system reads.");
        }

        long bits = page.Number(258, 1), samples = page.Number(277, 1), compression = page.Number(259, 1);
        long photometric = page.Number(262, 1), sampleFormat = page.Number(339, 1);
        var preview = bits == 8;
        if (bits == 16 && samples != 1)
        {
            return page.Refuse($"The TIFF is 16-bit colour ({samples} samples per pixel); send the scanner's 16-bit grayscale image.");
        }

        if (bits == 16 && (photometric is not (0 or 1) || sampleFormat is not (1 or 2)))
        {
            return page.Refuse($"The 16-bit TIFF has photometric interpretation {photometric} and sample format {sampleFormat}; send an unsigned or signed 16-bit grayscale image.");
        }

        if (!preview && bits != 16)
        {
            return page.Refuse($"The TIFF has {bits} bits per sample; send the scanner's 16-bit grayscale image.");
        }

        if (!preview && page.Has(322))
        {
            return page.Refuse("The 16-bit TIFF is tiled; export the scan with strips (the default of most tools).");
        }

        // The strips must lie inside the file and be able to hold the pixels they promise.
        var offsets = page.Numbers(preview && page.Has(324) ? (ushort)324 : (ushort)273);
        var counts = page.Numbers(preview && page.Has(325) ? (ushort)325 : (ushort)279);
        if (offsets.Count == 0 || offsets.Count != counts.Count)
        {
            return page.Refuse("The TIFF page has no valid strip offsets and byte counts; the file is corrupt.");
        }

        long total = 0;
        for (var i = 0; i < offsets.Count; i++)
        {
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > bytes.Length)
            {
                return page.Refuse($"TIFF strip {i} (bytes {offsets[i]} to {offsets[i] + counts[i]}) lies outside the file of {bytes.Length} bytes; the file is truncated.");
            }

            total += counts[i];
        }

        var raw = width * height * (bits / 8) * samples;
        var ratio = compression switch { 1 => 1, 32773 => 64, _ => RasterDecoder.MaxCompressionRatio };
        if (raw > total * ratio)
        {
            return page.Refuse($"The TIFF page announces {width}×{height} pixels but holds only {total} bytes of image data; the file is truncated or corrupt.");
        }

        return new Layout((int)width, (int)height, preview, Inverted: !preview && photometric == 0, Signed: !preview && sampleFormat == 2);
    }

    private static ScanMetadata Metadata(Page page, List<ScanIssue> warnings)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tag, name) in new (ushort, string)[] { (269, "DocumentName"), (270, "ImageDescription"), (305, "Software"), (315, "Artist"), (316, "HostComputer") })
        {
            if (page.Ascii(tag) is { Length: > 0 } value)
            {
                text[name] = value;
            }
        }

        var scanner = string.Join(' ', new[] { page.Ascii(271), page.Ascii(272) }.Where(s => !string.IsNullOrEmpty(s)));
        DateTimeOffset? time = null;
        if (page.Ascii(306) is { Length: > 0 } dateTime)
        {
            // TIFF 6.0 DateTime is "YYYY:MM:DD HH:MM:SS" without a zone: read as UTC, as the other formats.
            if (DateTime.TryParseExact(dateTime, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            {
                time = new DateTimeOffset(t, TimeSpan.Zero);
            }
            else
            {
                warnings.Add(new ScanIssue(page.Offset, $"The TIFF DateTime \"{dateTime}\" is not YYYY:MM:DD HH:MM:SS; the scan has no time."));
                text["DateTime"] = dateTime;
            }
        }

        // Resolution is pixels per unit: inch (2, the default) or centimetre (3); spacing is its inverse in mm.
        var unit = page.Number(296, 2);
        var millimetres = unit switch { 2 => 25.4, 3 => 10.0, _ => (double?)null };
        double? Spacing(ushort tag) => millimetres is { } mm && page.Rational(tag) is > 0 and var r ? mm / r : null;
        return new ScanMetadata
        {
            Scanner = scanner.Length > 0 ? scanner : null,
            AcquiredAt = time,
            PixelSpacingX = Spacing(282),
            PixelSpacingY = Spacing(283),
            Text = text,
        };
    }

    internal readonly record struct Layout(int Width, int Height, bool Preview, bool Inverted, bool Signed);

    /// <summary>One directory: its entries by tag, each with the file offset of its value bytes.</summary>
    private sealed class Page(int index, long offset, byte[] values, Dictionary<ushort, (ushort Type, long Count, int At)> entries, bool little)
    {
        public int Index => index;

        public long Offset => offset;

        public ScanReadResult? Refusal { get; private set; }

        public Layout? Refuse(string message)
        {
            Refusal = ScanReadResult.Fail(offset, message);
            return null;
        }

        public bool Has(ushort tag) => entries.ContainsKey(tag);

        public long Number(ushort tag, long fallback = 0) => Numbers(tag) is [var first, ..] ? first : fallback;

        public IReadOnlyList<long> Numbers(ushort tag)
        {
            if (!entries.TryGetValue(tag, out var e) || e.Type is not (1 or 3 or 4))
            {
                return [];
            }

            var size = e.Type == 1 ? 1 : e.Type == 3 ? 2 : 4;
            var list = new long[e.Count];
            for (var i = 0; i < e.Count; i++)
            {
                var span = values.AsSpan(e.At + (i * size));
                list[i] = size switch
                {
                    1 => span[0],
                    2 => little ? BinaryPrimitives.ReadUInt16LittleEndian(span) : BinaryPrimitives.ReadUInt16BigEndian(span),
                    _ => little ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span),
                };
            }

            return list;
        }

        public double? Rational(ushort tag)
        {
            if (!entries.TryGetValue(tag, out var e) || e.Type != 5 || e.Count < 1)
            {
                return null;
            }

            var span = values.AsSpan(e.At);
            var n = little ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
            var d = little ? BinaryPrimitives.ReadUInt32LittleEndian(span[4..]) : BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
            return d == 0 ? null : (double)n / d;
        }

        public string? Ascii(ushort tag) =>
            entries.TryGetValue(tag, out var e) && e.Type == 2 ? Encoding.Latin1.GetString(values, e.At, (int)e.Count).TrimEnd('\0', ' ') : null;
    }

    private readonly ref struct Ifd(ReadOnlySpan<byte> bytes, bool little)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public ushort U16(long at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(_bytes[(int)at..]) : BinaryPrimitives.ReadUInt16BigEndian(_bytes[(int)at..]);

        public uint U32(long at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(_bytes[(int)at..]) : BinaryPrimitives.ReadUInt32BigEndian(_bytes[(int)at..]);

        /// <summary>
        /// Reads the directory at <paramref name="at"/>; values of the tags this reader uses are copied into one
        /// small buffer (ASCII text is capped), so a page holds no reference to the file.
        /// </summary>
        public ScanReadResult? ReadPage(int index, long at, long pointerAt, out Page page, out long next)
        {
            page = null!;
            next = 0;
            if (at < 8 || at > _bytes.Length - 2)
            {
                return ScanReadResult.Fail(pointerAt, $"The TIFF directory offset {at} lies outside the file of {_bytes.Length} bytes; the file is truncated or corrupt.");
            }

            int count = U16(at);
            var end = at + 2 + (12L * count) + 4;
            if (end > _bytes.Length)
            {
                return ScanReadResult.Fail(at, $"The TIFF directory at byte {at} announces {count} entries but the file ends at byte {_bytes.Length}; the file is truncated.");
            }

            var values = new List<byte>();
            var entries = new Dictionary<ushort, (ushort, long, int)>();
            for (var i = 0; i < count; i++)
            {
                var e = at + 2 + (12L * i);
                var tag = U16(e);
                var type = U16(e + 2);
                var n = U32(e + 4);
                var size = type switch { 1 or 2 or 6 or 7 => 1, 3 or 8 => 2, 4 or 9 or 11 => 4, 5 or 10 or 12 => 8, _ => 0 };
                if (size == 0 || !Used(tag))
                {
                    continue;
                }

                var bytesNeeded = (long)n * size;
                var valueAt = bytesNeeded <= 4 ? e + 8 : U32(e + 8);
                if (valueAt + bytesNeeded > _bytes.Length)
                {
                    return ScanReadResult.Fail(e, $"TIFF tag {tag} at byte {e} points to {bytesNeeded} bytes at {valueAt}, outside the file of {_bytes.Length} bytes; the file is truncated or corrupt.");
                }

                // Strip tables of a giant image could be long; a scan has at most a few thousand strips.
                if (bytesNeeded > 1 << 20)
                {
                    return ScanReadResult.Fail(e, $"TIFF tag {tag} at byte {e} holds {bytesNeeded} bytes, more than any scan needs; the file is corrupt.");
                }

                entries[tag] = (type, n, values.Count);
                values.AddRange(_bytes.Slice((int)valueAt, (int)bytesNeeded));
            }

            next = U32(end - 4);
            page = new Page(index, at, [.. values], entries, little);
            return null;
        }

        private static bool Used(ushort tag) => tag is 254 or 256 or 257 or 258 or 259 or 262 or 269 or 270 or 271 or 272 or 273 or 277 or 279
            or 282 or 283 or 296 or 305 or 306 or 315 or 316 or 322 or 324 or 325 or 339;
    }
}
