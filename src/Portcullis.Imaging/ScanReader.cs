using OpenCvSharp;

namespace Portcullis.Imaging;

/// <summary>Reads a scan file of any supported format, chosen by its first bytes (never by its name).</summary>
public static class ScanReader
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

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

        if (bytes.StartsWith(PngSignature))
        {
            return ReadPng(bytes, limits);
        }

        return ScanReadResult.Fail(0, "The file is not a DICOM, PNG or TIFF scan (unknown signature); send the scanner's DICOM, 16-bit PNG or 16-bit TIFF file.");
    }

    // A first PNG path so that the store and viewer have images to work with; the formats work replaces it
    // with header checks before decoding, tEXt/pHYs metadata and the 8-bit preview rule.
    private static ScanReadResult ReadPng(ReadOnlySpan<byte> bytes, ScanLimits limits)
    {
        using var mat = Cv2.ImDecode(bytes, ImreadModes.Unchanged | ImreadModes.AnyDepth);
        if (mat.Empty())
        {
            return ScanReadResult.Fail(0, "The PNG file could not be decoded; send the scan again as it came from the scanner.");
        }

        if ((long)mat.Rows * mat.Cols > limits.MaxPixelsPerFrame)
        {
            return ScanReadResult.Fail(16, $"The image has more than {limits.MaxPixelsPerFrame} pixels; that is not a scan this system reads.");
        }

        if (mat.Type() != MatType.CV_16UC1)
        {
            return ScanReadResult.Fail(24, "The PNG is not 16-bit grayscale; send the scanner's 16-bit image.");
        }

        var pixels = new ushort[mat.Rows * mat.Cols];
        mat.GetArray(out ushort[] data);
        data.CopyTo(pixels, 0);
        return ScanReadResult.Success(new ScanImage(ScanFormat.Png, [new ScanFrame(mat.Cols, mat.Rows, pixels)], new ScanMetadata()));
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
