using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BitMiracle.LibTiff.Classic;
using Portcullis.Imaging;

namespace Portcullis.Bench.Micro;

/// <summary>
/// Decoding a 3000×1200 16-bit container scan from PNG, TIFF (deflate, as scanners export) and DICOM held in
/// memory, and the SHA-256 of the same bytes: the decode-and-hash half of the ≤ 200 ms import floor.
/// </summary>
[MemoryDiagnoser]
public class ScanReadBenchmarks
{
    private const int Width = 3000;
    private const int Height = 1200;
    private byte[] _bytes = [];

    [Params("png", "tiff", "dicom")]
    public string Format { get; set; } = "png";

    [GlobalSetup]
    public void Setup()
    {
        // A smooth transmission field with seeded noise: compresses like a real scan, not like zeros.
        var random = new Random(42);
        var pixels = new ushort[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                pixels[(y * Width) + x] = (ushort)(20000 + (15000 * Math.Sin(x / 300.0) * Math.Cos(y / 200.0)) + random.Next(-400, 400));
            }
        }

        var frame = new ScanFrame(Width, Height, pixels);
        _bytes = Format switch
        {
            "png" => ScanPng.Write(frame),
            "tiff" => Tiff16(frame),
            _ => Dicom16(frame),
        };
        if (ScanReader.Read(_bytes).Error is { } error)
        {
            throw new InvalidOperationException($"{Format}: {error}");
        }
    }

    [Benchmark]
    public int Read() => ScanReader.Read(_bytes).Image!.Width;

    [Benchmark]
    public byte[] Sha256() => SHA256.HashData(_bytes);

    private static byte[] Tiff16(ScanFrame frame)
    {
        using var stream = new MemoryStream();
        using (var tiff = Tiff.ClientOpen("bench", "w", stream, new TiffStream()))
        {
            tiff.SetField(TiffTag.IMAGEWIDTH, frame.Width);
            tiff.SetField(TiffTag.IMAGELENGTH, frame.Height);
            tiff.SetField(TiffTag.BITSPERSAMPLE, 16);
            tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
            tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
            tiff.SetField(TiffTag.COMPRESSION, Compression.DEFLATE);
            tiff.SetField(TiffTag.ROWSPERSTRIP, 16);
            var line = new byte[frame.Width * 2];
            for (var y = 0; y < frame.Height; y++)
            {
                Buffer.BlockCopy(frame.Pixels, y * frame.Width * 2, line, 0, line.Length);
                tiff.WriteScanline(line, y);
            }

            tiff.WriteDirectory();
            tiff.Flush();
        }

        return stream.ToArray();
    }

    /// <summary>A minimal explicit VR little-endian Part 10 file: meta group, image tags, pixel data.</summary>
    private static byte[] Dicom16(ScanFrame frame)
    {
        using var stream = new MemoryStream();
        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        Element(stream, 0x0002, 0x0010, "UI", Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1\0"));
        Element(stream, 0x0028, 0x0002, "US", [1, 0]);
        Element(stream, 0x0028, 0x0004, "CS", Encoding.ASCII.GetBytes("MONOCHROME2 "));
        Element(stream, 0x0028, 0x0010, "US", BitConverter.GetBytes((ushort)frame.Height));
        Element(stream, 0x0028, 0x0011, "US", BitConverter.GetBytes((ushort)frame.Width));
        Element(stream, 0x0028, 0x0100, "US", [16, 0]);
        Element(stream, 0x0028, 0x0101, "US", [16, 0]);
        Element(stream, 0x0028, 0x0102, "US", [15, 0]);
        Element(stream, 0x0028, 0x0103, "US", [0, 0]);
        var data = new byte[frame.Pixels.Length * 2];
        Buffer.BlockCopy(frame.Pixels, 0, data, 0, data.Length);
        Element(stream, 0x7FE0, 0x0010, "OW", data);
        return stream.ToArray();
    }

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (vr is "OW" or "OB")
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            stream.Write(header[..8]);
        }

        stream.Write(value);
    }
}
