using System.Buffers.Binary;
using System.Globalization;
using static Portcullis.Imaging.Dicom.DicomReader;

namespace Portcullis.Imaging.Dicom;

/// <summary>Turns the pixel data and the image tags of a DICOM file into frames and metadata.</summary>
internal static class DicomPixels
{
    public static ScanReadResult Decode(ReadOnlySpan<byte> bytes, Dictionary<uint, Value> values, Header pixel, ScanLimits limits, List<ScanIssue> warnings)
    {
        var tags = new Tags(bytes, values);
        if (pixel.Undefined)
        {
            return ScanReadResult.Fail(pixel.Offset, "The pixel data is encapsulated (undefined length) in an uncompressed transfer syntax; the file is corrupt.");
        }

        int? rows = tags.UShort(DicomTags.Rows), columns = tags.UShort(DicomTags.Columns), allocated = tags.UShort(DicomTags.BitsAllocated);
        if (rows is null || columns is null || allocated is null)
        {
            return ScanReadResult.Fail(pixel.Offset, "The DICOM file has pixel data but no Rows (0028,0010), Columns (0028,0011) or Bits Allocated (0028,0100); export the scan again from the scanner.");
        }

        if (rows == 0 || columns == 0)
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.Rows), $"The image is {columns}×{rows} pixels (zero size); the file holds no scan.");
        }

        var samples = tags.UShort(DicomTags.SamplesPerPixel) ?? 1;
        if (samples != 1)
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.SamplesPerPixel), $"The image has {samples} samples per pixel (colour); send the scanner's grayscale X-ray image.");
        }

        var photometric = tags.String(DicomTags.PhotometricInterpretation) ?? "MONOCHROME2";
        if (photometric is not ("MONOCHROME1" or "MONOCHROME2"))
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.PhotometricInterpretation), $"Photometric interpretation {photometric} is not an X-ray image (MONOCHROME1 or MONOCHROME2 expected); send the scanner's grayscale image.");
        }

        if (allocated is not (8 or 16))
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.BitsAllocated), $"Bits allocated {allocated} is not supported (8 or 16); export the scan as 16-bit.");
        }

        var stored = tags.UShort(DicomTags.BitsStored) ?? allocated.Value;
        var highBit = tags.UShort(DicomTags.HighBit) ?? (stored - 1);
        if (stored < 1 || stored > allocated || highBit >= allocated || highBit + 1 < stored)
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.BitsStored), $"Bits stored {stored} with high bit {highBit} does not fit in {allocated} bits allocated; the file is corrupt.");
        }

        var signed = tags.UShort(DicomTags.PixelRepresentation) == 1;
        var frameText = tags.String(DicomTags.NumberOfFrames);
        var frames = 1;
        if (frameText is not null && (!int.TryParse(frameText, NumberStyles.Integer, CultureInfo.InvariantCulture, out frames) || frames < 1))
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.NumberOfFrames), $"Number of frames \"{frameText}\" is not a positive number; the file is corrupt.");
        }

        if (frames > limits.MaxFrames)
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.NumberOfFrames), $"The file has {frames} frames, more than the limit of {limits.MaxFrames}; send one scan (one or two energies) per file.");
        }

        var perFrame = (long)rows.Value * columns.Value;
        if (perFrame > limits.MaxPixelsPerFrame)
        {
            return ScanReadResult.Fail(tags.OffsetOf(DicomTags.Rows), $"The image is {columns}×{rows} pixels, more than the limit of {limits.MaxPixelsPerFrame} per frame; that is not a scan this system reads.");
        }

        var bytesPerPixel = allocated.Value / 8;
        var needed = perFrame * frames * bytesPerPixel;
        if (pixel.Length > bytes.Length - pixel.ValueOffset)
        {
            return ScanReadResult.Fail(pixel.Offset, $"The pixel data announces {pixel.Length} bytes but only {bytes.Length - pixel.ValueOffset} remain; the file is truncated.");
        }

        if (pixel.Length < needed)
        {
            return ScanReadResult.Fail(pixel.Offset, $"The pixel data holds {pixel.Length} bytes but {columns}×{rows} pixels × {frames} frames × {bytesPerPixel} bytes need {needed}; the file is truncated or its image tags are wrong.");
        }

        if (pixel.Length > needed + 1)
        {
            warnings.Add(new ScanIssue(pixel.Offset, $"The pixel data holds {pixel.Length - needed} bytes more than the image needs; they were ignored."));
        }

        var data = bytes.Slice((int)pixel.ValueOffset, (int)needed);
        var shift = highBit + 1 - stored;
        var mask = (1 << stored) - 1;
        var invert = photometric == "MONOCHROME1";
        var energies = tags.Strings(DicomTags.Kvp);
        var list = new List<ScanFrame>(frames);
        string? FrameEnergy(int f) => frames > 1 && energies.Count == frames ? Kilovolts(energies[f]) : null;
        for (var f = 0; f < frames; f++)
        {
            var pixels = new ushort[perFrame];
            var frameBytes = data.Slice((int)(f * perFrame * bytesPerPixel), (int)(perFrame * bytesPerPixel));
            if (bytesPerPixel == 2 && stored == 16 && !signed && !invert && BitConverter.IsLittleEndian)
            {
                // The common case (plain 16-bit MONOCHROME2) is the file's bytes as they are.
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(frameBytes).CopyTo(pixels);
                list.Add(new ScanFrame(columns.Value, rows.Value, pixels, FrameEnergy(f)));
                continue;
            }

            for (var i = 0; i < pixels.Length; i++)
            {
                int raw = bytesPerPixel == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(frameBytes[(i * 2)..]) : frameBytes[i];
                var v = (raw >> shift) & mask;
                if (signed)
                {
                    // Sign-extend from the stored bits, then shift into the unsigned range (the ScanFrame convention).
                    if ((v & (1 << (stored - 1))) != 0)
                    {
                        v -= 1 << stored;
                    }

                    v += 32768;
                    pixels[i] = (ushort)(invert ? 65535 - v : v);
                }
                else
                {
                    pixels[i] = (ushort)(invert ? mask - v : v);
                }
            }

            list.Add(new ScanFrame(columns.Value, rows.Value, pixels, FrameEnergy(f)));
        }

        var format = ScanFormat.Dicom;
        if (allocated == 8)
        {
            format = ScanFormat.Preview;
            warnings.Add(new ScanIssue(tags.OffsetOf(DicomTags.BitsAllocated), "The image has 8 bits per pixel: kept as a low-quality preview, never analysed; send the scanner's 16-bit export for analysis."));
        }

        var metadata = Metadata(tags, warnings) with
        {
            BitsStored = stored,
            Inverted = invert,
            SignedSource = signed,
            Energy = energies.Count == 0 ? null : string.Join(" / ", energies.Select(Kilovolts)),
        };
        return ScanReadResult.Success(new ScanImage(format, list, metadata), warnings);
    }

    private static string Kilovolts(string kvp) => kvp + " kV";

    private static readonly (uint Tag, string Name)[] SubjectTags =
    [
        (DicomTags.PatientId, "(0010,0020) Patient ID"),
        (DicomTags.AccessionNumber, "(0008,0050) Accession Number"),
        (DicomTags.StudyId, "(0020,0010) Study ID"),
    ];

    private static ScanMetadata Metadata(Tags tags, List<ScanIssue> warnings)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tag, (_, name)) in DicomTags.Known)
        {
            if (tag >> 16 is 0x0008 or 0x0010 or 0x0020 && tags.String(tag) is { Length: > 0 } value)
            {
                text[name] = value;
            }
        }

        // A DICOS file names the container in the Object of Inspection ID (Patient ID); other scanners use the
        // accession number or the study ID. A value shaped like an ISO 6346 container number wins over the order.
        var candidates = new List<(string Name, string? Value)>();
        foreach (var (tag, name) in SubjectTags)
        {
            if (tags.String(tag) is { } value)
            {
                candidates.Add((name, value));
            }
        }

        var subject = candidates.FirstOrDefault(c => Identity.IsContainerNumber(c.Value!));
        if (subject.Value is null && candidates.Count > 0)
        {
            subject = candidates[0];
        }

        if (subject.Value is not null)
        {
            text["Subject tag"] = subject.Name;
        }

        var institution = tags.String(DicomTags.InstitutionName);
        var spacing = tags.Doubles(DicomTags.PixelSpacing);
        if (spacing.Count < 2)
        {
            spacing = tags.Doubles(DicomTags.ImagerPixelSpacing);
        }

        return new ScanMetadata
        {
            Subject = subject.Value,
            Scanner = tags.String(DicomTags.StationName),
            Site = institution is not null ? Identity.Locode(institution) : null,
            AcquiredAt = AcquiredAt(tags, warnings),
            // Pixel Spacing is "row spacing \ column spacing": the first value is between rows (y).
            PixelSpacingY = spacing.Count >= 2 ? spacing[0] : null,
            PixelSpacingX = spacing.Count >= 2 ? spacing[1] : null,
            RescaleSlope = tags.Doubles(DicomTags.RescaleSlope) is [var slope, ..] ? slope : null,
            RescaleIntercept = tags.Doubles(DicomTags.RescaleIntercept) is [var intercept, ..] ? intercept : null,
            Text = text,
        };
    }

    private static DateTimeOffset? AcquiredAt(Tags tags, List<ScanIssue> warnings)
    {
        var (tag, value) = tags.String(DicomTags.AcquisitionDateTime) is { Length: > 0 } dt
            ? (DicomTags.AcquisitionDateTime, dt)
            : tags.String(DicomTags.AcquisitionDate) is { Length: > 0 } date
                ? (DicomTags.AcquisitionDate, date + (tags.String(DicomTags.AcquisitionTime) ?? ""))
                : tags.String(DicomTags.ContentDate) is { Length: > 0 } content
                    ? (DicomTags.ContentDate, content + (tags.String(DicomTags.ContentTime) ?? ""))
                    : (0u, null);
        if (value is null)
        {
            return null;
        }

        var parsed = DicomDateTime.Parse(value, tags.String(DicomTags.TimezoneOffsetFromUtc));
        if (parsed is null)
        {
            warnings.Add(new ScanIssue(tags.OffsetOf(tag), $"The acquisition time \"{value}\" is not a DICOM date and time; the scan has no time."));
        }

        return parsed;
    }

    /// <summary>Typed access to the top-level values the parser kept.</summary>
    private readonly ref struct Tags(ReadOnlySpan<byte> bytes, Dictionary<uint, Value> values)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public long OffsetOf(uint tag) => values.TryGetValue(tag, out var v) ? v.Offset : 0;

        public int? UShort(uint tag) => values.TryGetValue(tag, out var v) && v.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(_bytes.Slice(v.Offset, 2)) : null;

        public string? String(uint tag)
        {
            if (!values.TryGetValue(tag, out var v))
            {
                return null;
            }

            var utf8 = values.TryGetValue(DicomTags.SpecificCharacterSet, out var cs) && Text(_bytes, cs, false).Contains("ISO_IR 192", StringComparison.Ordinal);
            var text = Text(_bytes, v, utf8);
            return text.Length == 0 ? null : text;
        }

        public IReadOnlyList<string> Strings(uint tag) =>
            String(tag) is { } s ? s.Split('\\', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

        public IReadOnlyList<double> Doubles(uint tag)
        {
            var list = new List<double>();
            foreach (var s in Strings(tag))
            {
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                {
                    return [];
                }

                list.Add(d);
            }

            return list;
        }
    }
}
