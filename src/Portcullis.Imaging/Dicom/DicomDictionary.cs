namespace Portcullis.Imaging.Dicom;

/// <summary>
/// The few tags the reader uses, with their VRs for implicit-VR files; every other tag is read as UN and
/// skipped by its length (an undefined length means a sequence, as PS3.5 7.5.1 says for implicit VR).
/// </summary>
internal static class DicomTags
{
    public const uint SpecificCharacterSet = 0x00080005;
    public const uint SopClassUid = 0x00080016;
    public const uint AcquisitionDate = 0x00080022;
    public const uint ContentDate = 0x00080023;
    public const uint AcquisitionDateTime = 0x0008002A;
    public const uint AcquisitionTime = 0x00080032;
    public const uint ContentTime = 0x00080033;
    public const uint AccessionNumber = 0x00080050;
    public const uint Modality = 0x00080060;
    public const uint Manufacturer = 0x00080070;
    public const uint InstitutionName = 0x00080080;
    public const uint TimezoneOffsetFromUtc = 0x00080201;
    public const uint StationName = 0x00081010;
    public const uint ManufacturerModelName = 0x00081090;
    public const uint PatientId = 0x00100020;
    public const uint Kvp = 0x00180060;
    public const uint ImagerPixelSpacing = 0x00181164;
    public const uint StudyId = 0x00200010;
    public const uint SamplesPerPixel = 0x00280002;
    public const uint PhotometricInterpretation = 0x00280004;
    public const uint NumberOfFrames = 0x00280008;
    public const uint Rows = 0x00280010;
    public const uint Columns = 0x00280011;
    public const uint PixelSpacing = 0x00280030;
    public const uint BitsAllocated = 0x00280100;
    public const uint BitsStored = 0x00280101;
    public const uint HighBit = 0x00280102;
    public const uint PixelRepresentation = 0x00280103;
    public const uint RescaleIntercept = 0x00281052;
    public const uint RescaleSlope = 0x00281053;
    public const uint PixelData = 0x7FE00010;
    public const uint Item = 0xFFFEE000;
    public const uint ItemDelimiter = 0xFFFEE00D;
    public const uint SequenceDelimiter = 0xFFFEE0DD;

    /// <summary>Tags kept from the top-level dataset, with their implicit-VR VR and a name for messages.</summary>
    public static readonly IReadOnlyDictionary<uint, (string Vr, string Name)> Known = new Dictionary<uint, (string, string)>
    {
        [SpecificCharacterSet] = ("CS", "Specific Character Set"),
        [SopClassUid] = ("UI", "SOP Class UID"),
        [AcquisitionDate] = ("DA", "Acquisition Date"),
        [ContentDate] = ("DA", "Content Date"),
        [AcquisitionDateTime] = ("DT", "Acquisition DateTime"),
        [AcquisitionTime] = ("TM", "Acquisition Time"),
        [ContentTime] = ("TM", "Content Time"),
        [AccessionNumber] = ("SH", "Accession Number"),
        [Modality] = ("CS", "Modality"),
        [Manufacturer] = ("LO", "Manufacturer"),
        [InstitutionName] = ("LO", "Institution Name"),
        [TimezoneOffsetFromUtc] = ("SH", "Timezone Offset From UTC"),
        [StationName] = ("SH", "Station Name"),
        [ManufacturerModelName] = ("LO", "Manufacturer's Model Name"),
        [PatientId] = ("LO", "Patient ID (DICOS: Object of Inspection ID)"),
        [Kvp] = ("DS", "KVP"),
        [ImagerPixelSpacing] = ("DS", "Imager Pixel Spacing"),
        [StudyId] = ("SH", "Study ID"),
        [SamplesPerPixel] = ("US", "Samples per Pixel"),
        [PhotometricInterpretation] = ("CS", "Photometric Interpretation"),
        [NumberOfFrames] = ("IS", "Number of Frames"),
        [Rows] = ("US", "Rows"),
        [Columns] = ("US", "Columns"),
        [PixelSpacing] = ("DS", "Pixel Spacing"),
        [BitsAllocated] = ("US", "Bits Allocated"),
        [BitsStored] = ("US", "Bits Stored"),
        [HighBit] = ("US", "High Bit"),
        [PixelRepresentation] = ("US", "Pixel Representation"),
        [RescaleIntercept] = ("DS", "Rescale Intercept"),
        [RescaleSlope] = ("DS", "Rescale Slope"),
        [PixelData] = ("OW", "Pixel Data"),
    };

    public static string Format(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}

/// <summary>Transfer syntaxes by UID: the two this reader decodes, and names for the refusal sentences.</summary>
internal static class DicomTransferSyntax
{
    public const string ImplicitLittle = "1.2.840.10008.1.2";
    public const string ExplicitLittle = "1.2.840.10008.1.2.1";
    public const string ExplicitBig = "1.2.840.10008.1.2.2";

    private static readonly Dictionary<string, string> Compressed = new(StringComparer.Ordinal)
    {
        ["1.2.840.10008.1.2.1.99"] = "Deflated Explicit VR Little Endian",
        ["1.2.840.10008.1.2.4.50"] = "JPEG Baseline",
        ["1.2.840.10008.1.2.4.51"] = "JPEG Extended",
        ["1.2.840.10008.1.2.4.57"] = "JPEG Lossless",
        ["1.2.840.10008.1.2.4.70"] = "JPEG Lossless SV1",
        ["1.2.840.10008.1.2.4.80"] = "JPEG-LS Lossless",
        ["1.2.840.10008.1.2.4.81"] = "JPEG-LS Near-Lossless",
        ["1.2.840.10008.1.2.4.90"] = "JPEG 2000 Lossless",
        ["1.2.840.10008.1.2.4.91"] = "JPEG 2000",
        ["1.2.840.10008.1.2.4.92"] = "JPEG 2000 Part 2 Lossless",
        ["1.2.840.10008.1.2.4.93"] = "JPEG 2000 Part 2",
        ["1.2.840.10008.1.2.4.201"] = "HTJ2K Lossless",
        ["1.2.840.10008.1.2.4.202"] = "HTJ2K Lossless RPCL",
        ["1.2.840.10008.1.2.4.203"] = "HTJ2K",
        ["1.2.840.10008.1.2.5"] = "RLE Lossless",
    };

    /// <summary>Null when the syntax is read; otherwise the sentence that refuses it.</summary>
    public static string? Refusal(string uid)
    {
        if (uid is ImplicitLittle or ExplicitLittle)
        {
            return null;
        }

        if (uid == ExplicitBig)
        {
            return "Transfer syntax 1.2.840.10008.1.2.2 (Explicit VR Big Endian, retired from DICOM) is not supported; export the scan as Explicit VR Little Endian.";
        }

        if (Compressed.TryGetValue(uid, out var name))
        {
            return $"Compressed transfer syntax {uid} ({name}) is not supported; export the scan uncompressed (Explicit VR Little Endian).";
        }

        // Every encapsulated syntax lives under .4 (JPEG family, MPEG, HEVC) in PS3.5 Annex A.
        return uid.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal)
            ? $"Compressed transfer syntax {uid} is not supported; export the scan uncompressed (Explicit VR Little Endian)."
            : $"Transfer syntax {uid} is unknown; export the scan uncompressed (Explicit VR Little Endian).";
    }
}
