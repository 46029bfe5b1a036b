using OpenCvSharp;

namespace Portcullis.Imaging;

/// <summary>Decodes PNG, JPEG and 8-bit TIFF pixels with OpenCV once the caller has checked the header.</summary>
internal static class RasterDecoder
{
    /// <summary>
    /// The most a compressed image may expand (deflate tops out near 1032:1, LZW near 1365:1); a header that
    /// announces more pixels than its compressed bytes can hold is refused before anything is allocated.
    /// </summary>
    public const long MaxCompressionRatio = 1500;

    public static (ScanFrame? Frame, string? Error) Decode(ReadOnlySpan<byte> bytes, bool preview, int width, int height, string kind)
    {
        // Previews are read as 8-bit gray (colour is averaged by OpenCV); scans keep their 16 bits as stored.
        var mode = preview ? ImreadModes.Grayscale : ImreadModes.Unchanged | ImreadModes.AnyDepth;
        using var mat = Cv2.ImDecode(bytes, mode);
        if (mat.Empty())
        {
            return (null, $"The {kind} image data could not be decoded; the file is corrupt or truncated, send it again as the scanner wrote it.");
        }

        var expected = preview ? MatType.CV_8UC1 : MatType.CV_16UC1;
        if (mat.Cols != width || mat.Rows != height || mat.Type() != expected)
        {
            return (null, $"The {kind} decoded to {mat.Cols}×{mat.Rows} {mat.Type()} where its header says {width}×{height}; the file is corrupt.");
        }

        ushort[] pixels;
        if (preview)
        {
            mat.GetArray(out byte[] gray);
            pixels = new ushort[gray.Length];
            for (var i = 0; i < gray.Length; i++)
            {
                pixels[i] = gray[i];
            }
        }
        else
        {
            // GetArray copies the rows into one new array: that array is the frame.
            mat.GetArray(out pixels);
        }

        return (new ScanFrame(width, height, pixels), null);
    }
}
