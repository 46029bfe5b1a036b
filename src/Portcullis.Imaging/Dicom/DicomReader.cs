using System.Buffers.Binary;

namespace Portcullis.Imaging.Dicom;

/// <summary>
/// A strict reader of DICOM / DICOS Part 10 files with native (uncompressed) little-endian pixel data.
/// No DICOM library is served by this project's package source (fo-dicom is not on the mirror), so this
/// reads only what a scan needs: the file meta group, the top-level tags of <see cref="DicomTags"/>, and
/// the pixel data; sequences and unknown or private tags are skipped by their lengths. Every length is
/// checked against the bytes that remain before anything is allocated.
/// </summary>
internal static class DicomReader
{
    private const int MaxDepth = 16;

    public static bool IsDicom(ReadOnlySpan<byte> bytes) => bytes.Length >= 132 && bytes.Slice(128, 4).SequenceEqual("DICM"u8);

    public static ScanReadResult Read(ReadOnlySpan<byte> bytes, ScanLimits limits)
    {
        var warnings = new List<ScanIssue>();
        var meta = new Dictionary<uint, Value>();
        var parser = new Parser(bytes, warnings);
        var pos = 132;

        // The file meta group (0002) is always explicit VR little endian (PS3.10 7.1).
        while (pos + 4 <= bytes.Length && BinaryPrimitives.ReadUInt16LittleEndian(bytes[pos..]) == 0x0002)
        {
            if (parser.ReadHeader(ref pos, implicitVr: false) is not { } header)
            {
                return parser.Failure!;
            }

            if (header.Undefined || header.Length > bytes.Length - header.ValueOffset)
            {
                return ScanReadResult.Fail(header.Offset, $"The file meta element {DicomTags.Format(header.Tag)} announces {header.LengthText} bytes but only {bytes.Length - header.ValueOffset} remain; the file is truncated or corrupt.");
            }

            meta[header.Tag] = new Value((int)header.ValueOffset, (int)header.Length);
            pos = (int)(header.ValueOffset + header.Length);
        }

        if (!meta.TryGetValue(0x00020010, out var syntaxValue))
        {
            return ScanReadResult.Fail(132, "The DICOM file meta group has no Transfer Syntax UID (0002,0010); export the scan again from the scanner.");
        }

        var syntax = Text(bytes, syntaxValue, utf8: false);
        if (DicomTransferSyntax.Refusal(syntax) is { } refusal)
        {
            return ScanReadResult.Fail(syntaxValue.Offset, refusal);
        }

        var values = new Dictionary<uint, Value>();
        var implicitVr = syntax == DicomTransferSyntax.ImplicitLittle;
        if (!parser.ReadDataset(ref pos, bytes.Length, implicitVr, 0, values, out var pixel))
        {
            return parser.Failure!;
        }

        if (pixel is not { } pixelHeader)
        {
            return ScanReadResult.Fail(bytes.Length, "The DICOM file has no Pixel Data (7FE0,0010); it holds no image.");
        }

        return DicomPixels.Decode(bytes, values, pixelHeader, limits, warnings);
    }

    internal static string Text(ReadOnlySpan<byte> bytes, Value value, bool utf8)
    {
        var span = bytes.Slice(value.Offset, value.Length);
        var text = utf8 ? System.Text.Encoding.UTF8.GetString(span) : System.Text.Encoding.Latin1.GetString(span);
        return text.Trim(' ', '\0');
    }

    /// <summary>Where a value lies in the file.</summary>
    internal readonly record struct Value(int Offset, int Length);

    internal readonly record struct Header(uint Tag, string Vr, long Length, long Offset, long ValueOffset)
    {
        public bool Undefined => Length == 0xFFFFFFFF;

        public string LengthText => Undefined ? "an undefined length" : Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private ref struct Parser(ReadOnlySpan<byte> bytes, List<ScanIssue> warnings)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public ScanReadResult? Failure { get; private set; }

        public Header? ReadHeader(ref int pos, bool implicitVr)
        {
            var start = pos;
            if (_bytes.Length - pos < 8)
            {
                return Fail(pos, $"The DICOM file ends at byte {_bytes.Length} inside an element header; the file is truncated.");
            }

            var tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(_bytes[pos..]) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(_bytes[(pos + 2)..]);

            // Items and delimiters have no VR in either encoding (PS3.5 7.5).
            if (implicitVr || tag >> 16 == 0xFFFE)
            {
                var length = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[(pos + 4)..]);
                pos += 8;
                var vr = DicomTags.Known.TryGetValue(tag, out var known) ? known.Vr : "UN";
                return new Header(tag, vr, length, start, pos);
            }

            var v0 = _bytes[pos + 4];
            var v1 = _bytes[pos + 5];
            if (v0 is < (byte)'A' or > (byte)'Z' || v1 is < (byte)'A' or > (byte)'Z')
            {
                return Fail(pos + 4, $"Element {DicomTags.Format(tag)} has no valid value representation in an explicit-VR file; the file is corrupt.");
            }

            var vrText = string.Create(2, (v0, v1), static (s, v) => { s[0] = (char)v.v0; s[1] = (char)v.v1; });
            if (vrText is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV")
            {
                if (_bytes.Length - pos < 12)
                {
                    return Fail(pos, $"The DICOM file ends at byte {_bytes.Length} inside an element header; the file is truncated.");
                }

                var length = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[(pos + 8)..]);
                pos += 12;
                return new Header(tag, vrText, length, start, pos);
            }

            var shortLength = BinaryPrimitives.ReadUInt16LittleEndian(_bytes[(pos + 6)..]);
            pos += 8;
            return new Header(tag, vrText, shortLength, start, pos);
        }

        /// <summary>
        /// Reads elements until <paramref name="end"/>, an item delimiter (depth &gt; 0) or the pixel data (depth 0).
        /// Only the top level's known tags are kept: a Patient ID inside a referenced item is not the scan's.
        /// </summary>
        public bool ReadDataset(ref int pos, int end, bool implicitVr, int depth, Dictionary<uint, Value>? values, out Header? pixel)
        {
            pixel = null;
            while (pos < end)
            {
                if (ReadHeader(ref pos, implicitVr) is not { } header)
                {
                    return false;
                }

                if (header.Tag == DicomTags.ItemDelimiter && depth > 0)
                {
                    return true;
                }

                if (header.Tag == DicomTags.PixelData && depth == 0)
                {
                    pixel = header;
                    return true;
                }

                if (header.Undefined)
                {
                    // An undefined length is legal only for a sequence; UN with undefined length holds an
                    // implicit-VR little-endian sequence (PS3.5 6.2.2), and implicit VR cannot tell SQ from UN.
                    if (header.Vr is not ("SQ" or "UN"))
                    {
                        return Stop(header.Offset, $"Element {DicomTags.Format(header.Tag)} ({header.Vr}) has an undefined length but is not a sequence; the file is corrupt.");
                    }

                    if (!SkipSequence(ref pos, end, implicitVr || header.Vr == "UN", depth + 1, header))
                    {
                        return false;
                    }

                    continue;
                }

                if (header.Length > end - header.ValueOffset)
                {
                    return Stop(header.Offset, $"Element {DicomTags.Format(header.Tag)} announces {header.Length} bytes but only {end - header.ValueOffset} remain; the file is truncated or corrupt.");
                }

                if (header.Length % 2 == 1)
                {
                    warnings.Add(new ScanIssue(header.Offset, $"Element {DicomTags.Format(header.Tag)} has an odd length ({header.Length}); DICOM values have even lengths, the value was read as given."));
                }

                if (values is not null && depth == 0 && DicomTags.Known.ContainsKey(header.Tag))
                {
                    values[header.Tag] = new Value((int)header.ValueOffset, (int)header.Length);
                }

                pos = (int)(header.ValueOffset + header.Length);
            }

            if (depth > 0 && end == _bytes.Length)
            {
                return Stop(pos, $"The DICOM file ends at byte {pos} inside a sequence item; the file is truncated.");
            }

            return true;
        }

        private bool SkipSequence(ref int pos, int end, bool implicitVr, int depth, Header sequence)
        {
            if (depth > MaxDepth)
            {
                return Stop(sequence.Offset, $"Sequences are nested deeper than {MaxDepth} levels at element {DicomTags.Format(sequence.Tag)}; the file is corrupt.");
            }

            while (true)
            {
                if (pos >= end)
                {
                    return Stop(pos, $"The sequence {DicomTags.Format(sequence.Tag)} that starts at byte {sequence.Offset} has no end (no sequence delimiter); the file is truncated.");
                }

                if (ReadHeader(ref pos, implicitVr) is not { } item)
                {
                    return false;
                }

                if (item.Tag == DicomTags.SequenceDelimiter)
                {
                    return true;
                }

                if (item.Tag != DicomTags.Item)
                {
                    return Stop(item.Offset, $"Sequence {DicomTags.Format(sequence.Tag)} holds {DicomTags.Format(item.Tag)} where an item (FFFE,E000) must be; the file is corrupt.");
                }

                if (item.Undefined)
                {
                    if (!ReadDataset(ref pos, end, implicitVr, depth, null, out _))
                    {
                        return false;
                    }

                    continue;
                }

                if (item.Length > end - item.ValueOffset)
                {
                    return Stop(item.Offset, $"An item of sequence {DicomTags.Format(sequence.Tag)} announces {item.Length} bytes but only {end - item.ValueOffset} remain; the file is truncated or corrupt.");
                }

                pos = (int)(item.ValueOffset + item.Length);
            }
        }

        private Header? Fail(long offset, string message)
        {
            Failure = ScanReadResult.Fail(offset, message);
            return null;
        }

        private bool Stop(long offset, string message)
        {
            Failure = ScanReadResult.Fail(offset, message);
            return false;
        }
    }
}
