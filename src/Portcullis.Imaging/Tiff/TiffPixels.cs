using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace Portcullis.Imaging.Tiff;

/// <summary>Decodes the 16-bit pages <see cref="TiffReader"/> has checked, with LibTiff.NET, one scanline at a time.</summary>
internal static class TiffPixels
{
    static TiffPixels()
    {
        // LibTiff.NET writes its errors to the console by default; the reader answers with its own sentence.
        LibTiff.SetErrorHandler(new Silent());
    }

    public static ScanReadResult Decode(ReadOnlySpan<byte> bytes, IReadOnlyList<int> directories, IReadOnlyList<TiffReader.Layout> layouts, ScanMetadata metadata, List<ScanIssue> warnings)
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var tiff = LibTiff.ClientOpen("scan", "r", stream, new TiffStream());
            if (tiff is null)
            {
                return ScanReadResult.Fail(0, "The TIFF could not be opened; the file is corrupt.");
            }

            var frames = new List<ScanFrame>();
            for (var p = 0; p < directories.Count; p++)
            {
                var layout = layouts[p];
                if (!tiff.SetDirectory((short)directories[p]) || tiff.ScanlineSize() < layout.Width * 2)
                {
                    return ScanReadResult.Fail(0, $"TIFF page {p + 1} could not be read; the file is corrupt.");
                }

                var pixels = new ushort[(long)layout.Width * layout.Height];
                var line = new byte[tiff.ScanlineSize()];
                for (var y = 0; y < layout.Height; y++)
                {
                    if (!tiff.ReadScanline(line, y))
                    {
                        return ScanReadResult.Fail(0, $"TIFF page {p + 1} could not be decoded at row {y}; the file is corrupt or truncated.");
                    }

                    // libtiff hands samples over in the machine's byte order whatever the file's.
                    var row = pixels.AsSpan(y * layout.Width, layout.Width);
                    MemoryMarshal.Cast<byte, ushort>(line.AsSpan(0, layout.Width * 2)).CopyTo(row);
                    if (layout.Signed || layout.Inverted)
                    {
                        for (var x = 0; x < row.Length; x++)
                        {
                            // Signed: shift into the unsigned range; WhiteIsZero: invert (the ScanFrame convention).
                            var v = layout.Signed ? (ushort)(row[x] ^ 0x8000) : row[x];
                            row[x] = layout.Inverted ? (ushort)(65535 - v) : v;
                        }
                    }
                }

                frames.Add(new ScanFrame(layout.Width, layout.Height, pixels));
            }

            return ScanReadResult.Success(new ScanImage(ScanFormat.Tiff, frames, metadata), warnings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // LibTiff.NET reports some damage by throwing (index and argument errors deep in a codec).
            return ScanReadResult.Fail(0, $"The TIFF image data could not be decoded ({e.GetType().Name}); the file is corrupt or truncated.");
        }
    }

    private sealed class Silent : TiffErrorHandler
    {
        public override void ErrorHandler(LibTiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(LibTiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void WarningHandler(LibTiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(LibTiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}
