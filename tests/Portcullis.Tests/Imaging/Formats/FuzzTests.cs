using System.Buffers.Binary;
using System.IO.Hashing;
using Portcullis.Imaging;

namespace Portcullis.Tests.Imaging.Formats;

/// <summary>
/// Damages the valid fixtures (truncation, flipped bytes, absurd lengths, huge and zero dimensions, wrong bit
/// depths) and asserts that every answer is an image or one sentence, never an exception, and that no read
/// of a small file allocates more than a bounded amount. Seeded: a failure reproduces.
/// </summary>
public sealed class FuzzTests
{
    private const long MaxAllocatedBytes = 64L * 1024 * 1024;

    public static TheoryData<string> Valid() => new(
        "explicit_le.dcm", "implicit_le.dcm", "sequences_explicit.dcm", "sequences_implicit.dcm", "dual_energy.dcm",
        "private_tags.dcm", "gray16.png", "gray8.png", "gray16.tif", "gray16_deflate.tif", "dual.tif", "photo.jpg");

    [Theory]
    [MemberData(nameof(Valid))]
    public void Truncated_files_are_refused_in_one_sentence(string file)
    {
        var bytes = Fixture(file);
        var random = new Random(file.Length);
        var cuts = Enumerable.Range(0, 64).Select(i => i * 3).Concat(Enumerable.Range(0, 60).Select(_ => random.Next(bytes.Length - 1)));
        foreach (var cut in cuts.Where(c => c < bytes.Length))
        {
            var result = ReadBounded(bytes[..cut], $"{file} cut at {cut}");
            // TIFF strips may sit anywhere; a cut past all of them still leaves a whole image.
            if (!file.EndsWith(".tif", StringComparison.Ordinal) && cut < bytes.Length - 16)
            {
                Assert.True(result.Error is not null, $"{file} cut at {cut} was read as an image");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Flipped_bytes_never_crash_the_reader(string file)
    {
        var original = Fixture(file);
        var random = new Random(17 + file.Length);
        for (var round = 0; round < 150; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(4);
            // Most damage lands in the headers, where the lengths and dimensions are.
            for (var f = 0; f < flips; f++)
            {
                var at = random.Next(2) == 0 ? random.Next(Math.Min(bytes.Length, 400)) : random.Next(bytes.Length);
                bytes[at] ^= (byte)(1 << random.Next(8));
            }

            ReadBounded(bytes, $"{file} round {round}");
            if (file.EndsWith(".png", StringComparison.Ordinal))
            {
                // Past the CRC check too: the same damage with every chunk's CRC made right again.
                ReadBounded(FixPngCrcs(bytes), $"{file} round {round} with CRCs fixed");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Absurd_lengths_are_refused_before_allocating(string file)
    {
        var original = Fixture(file);
        var random = new Random(31 + file.Length);
        uint[] absurd = [0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000, 0x10000000, 0xFFFF];
        for (var round = 0; round < 120; round++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(Math.Min(bytes.Length, 600) - 4);
            var value = absurd[random.Next(absurd.Length)];
            if (random.Next(2) == 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
            }

            ReadBounded(bytes, $"{file} {value:X8} at {at}");
            if (file.EndsWith(".png", StringComparison.Ordinal))
            {
                ReadBounded(FixPngCrcs(bytes), $"{file} {value:X8} at {at} with CRCs fixed");
            }
        }
    }

    [Fact]
    public void A_pixel_data_length_of_two_gigabytes_is_refused_with_its_offset()
    {
        var bytes = Fixture("explicit_le.dcm");
        var pixel = IndexOf(bytes, [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W']);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(pixel + 8), 0x7FFFFFFE);

        var result = ReadBounded(bytes, "2 GB pixel data");

        Assert.Equal(pixel, result.Error!.Offset);
        Assert.Equal($"The pixel data announces 2147483646 bytes but only {bytes.Length - pixel - 12} remain; the file is truncated.", result.Error.Message);
    }

    [Theory]
    [InlineData((ushort)0x0010, (ushort)65535, "more than the limit")]
    [InlineData((ushort)0x0011, (ushort)0, "zero size")]
    [InlineData((ushort)0x0100, (ushort)12, "Bits allocated 12 is not supported")]
    [InlineData((ushort)0x0100, (ushort)32, "Bits allocated 32 is not supported")]
    [InlineData((ushort)0x0101, (ushort)17, "does not fit")]
    [InlineData((ushort)0x0002, (ushort)3, "3 samples per pixel")]
    public void Dicom_image_tags_out_of_range_are_refused(ushort element, ushort value, string expected)
    {
        var bytes = Fixture("explicit_le.dcm");
        var at = IndexOf(bytes, [0x28, 0x00, (byte)(element & 0xFF), (byte)(element >> 8), (byte)'U', (byte)'S', 2, 0]);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 8), value);
        var limits = new ScanLimits { MaxPixelsPerFrame = 1_000_000 };

        var result = ReadBounded(bytes, $"(0028,{element:X4}) = {value}", limits);

        Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x7FFFFFFFu, 1u, "more than the limit")]
    [InlineData(100_000u, 100_000u, "more than the limit")]
    [InlineData(8000u, 4000u, "holds only")]
    [InlineData(0u, 40u, "zero size")]
    public void Png_dimensions_that_cannot_be_are_refused_before_decoding(uint width, uint height, string expected)
    {
        var bytes = Fixture("gray16.png");
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);

        var result = ReadBounded(FixPngCrcs(bytes), $"{width}×{height}");

        Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 0, "which PNG does not allow")]
    [InlineData(16, 3, "which PNG does not allow")]
    [InlineData(16, 6, "16-bit colour")]
    [InlineData(16, 4, "grayscale with alpha")]
    public void Png_bit_depths_that_are_wrong_are_refused(byte depth, byte colourType, string expected)
    {
        var bytes = Fixture("gray16.png");
        bytes[24] = depth;
        bytes[25] = colourType;

        var result = ReadBounded(FixPngCrcs(bytes), $"depth {depth} colour {colourType}");

        Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData((ushort)256, 65535u, "more than the limit")]
    [InlineData((ushort)257, 0u, "zero size")]
    [InlineData((ushort)258, 12u, "12 bits per sample")]
    [InlineData((ushort)258, 32u, "32 bits per sample")]
    [InlineData((ushort)277, 3u, "16-bit colour")]
    public void Tiff_tags_out_of_range_are_refused(ushort tag, uint value, string expected)
    {
        var bytes = Fixture("gray16.tif");
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(ifd));
        var entries = Enumerable.Range(0, count).Select(i => ifd + 2 + (12 * i)).ToList();
        var entry = entries.FirstOrDefault(e => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(e)) == tag, -1);
        if (entry < 0)
        {
            // SamplesPerPixel is optional (1 by default); take over an entry this test does not need.
            entry = entries.First(e => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(e)) == 305);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(entry), tag);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(entry + 2), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(entry + 4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(entry + 8), value);
        var limits = new ScanLimits { MaxPixelsPerFrame = 1_000_000 };

        var result = ReadBounded(bytes, $"tag {tag} = {value}", limits);

        Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiff_directory_that_points_to_itself_is_refused()
    {
        var bytes = Fixture("gray16.tif");
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(ifd));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ifd + 2 + (12 * count)), (uint)ifd);

        var result = ReadBounded(bytes, "IFD loop");

        Assert.Contains("points back", result.Error!.Message, StringComparison.Ordinal);
    }

    private static ScanReadResult ReadBounded(byte[] bytes, string what, ScanLimits? limits = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        ScanReadResult result;
        try
        {
            result = ScanReader.Read(bytes, limits);
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e}");
            throw;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < MaxAllocatedBytes, $"{what}: allocated {allocated} bytes");
        Assert.True(result.Image is null != (result.Error is null), $"{what}: an image and an error, or neither");
        if (result.Error is { } error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message), what);
            Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
            Assert.InRange(error.Offset, 0, Math.Max(bytes.Length, 8));
        }
        else
        {
            Assert.All(result.Image!.Frames, f => Assert.Equal((long)f.Width * f.Height, f.Pixels.Length));
        }

        return result;
    }

    /// <summary>Rewrites each chunk's CRC so that the damage reaches the parts behind the CRC check.</summary>
    private static byte[] FixPngCrcs(byte[] png)
    {
        var bytes = (byte[])png.Clone();
        var pos = 8;
        while (pos + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos));
            if (length > bytes.Length - pos - 12)
            {
                break;
            }

            var crc = Crc32.HashToUInt32(bytes.AsSpan(pos + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(pos + 8 + (int)length), crc);
            pos += 12 + (int)length;
        }

        return bytes;
    }

    private static int IndexOf(byte[] bytes, byte[] pattern)
    {
        var at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0, "pattern not in the fixture");
        return at;
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(FixtureTests.Path(name));
}
