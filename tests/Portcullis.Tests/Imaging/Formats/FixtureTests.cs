using System.Text.Json;
using Portcullis.Imaging;

namespace Portcullis.Tests.Imaging.Formats;

/// <summary>
/// Reads files written by independent implementations (pydicom, Pillow with libtiff, zlib; see
/// Fixtures/make_fixtures.py) and compares with the values those tools and numpy wrote beside them.
/// </summary>
public sealed class FixtureTests
{
    public static TheoryData<string> Readable() => new(Sidecars().Where(s => !s.Value.TryGetProperty("error", out _)).Select(s => s.Key));

    public static TheoryData<string> Refused() => new(Sidecars().Where(s => s.Value.TryGetProperty("error", out _)).Select(s => s.Key));

    [Theory]
    [MemberData(nameof(Readable))]
    public void Pixels_match_the_independent_decoder(string file)
    {
        var expected = Sidecar(file);
        var result = Read(file);

        Assert.Null(result.Error);
        var image = result.Image!;
        Assert.Equal(expected.GetProperty("frames").GetInt32(), image.Frames.Count);
        Assert.Equal(expected.GetProperty("columns").GetInt32(), image.Width);
        Assert.Equal(expected.GetProperty("rows").GetInt32(), image.Height);

        // The JPEG decoders (OpenCV's libjpeg-turbo, Pillow's libjpeg) may round the inverse DCT differently.
        var tolerance = file.EndsWith(".jpg", StringComparison.Ordinal) ? 2 : 0;
        foreach (var point in expected.GetProperty("points").EnumerateArray())
        {
            var frame = image.Frames[point.GetProperty("frame").GetInt32()];
            var actual = frame[point.GetProperty("x").GetInt32(), point.GetProperty("y").GetInt32()];
            Assert.InRange(actual, point.GetProperty("value").GetInt32() - tolerance, point.GetProperty("value").GetInt32() + tolerance);
        }

        var sums = expected.GetProperty("frameSums").EnumerateArray().Select(s => s.GetInt64()).ToList();
        for (var f = 0; f < sums.Count; f++)
        {
            var sum = image.Frames[f].Pixels.Sum(p => (long)p);
            Assert.InRange(sum, sums[f] - (tolerance * image.Frames[f].Pixels.Length), sums[f] + (tolerance * image.Frames[f].Pixels.Length));
        }

        var preview = expected.TryGetProperty("preview", out var p) && p.GetBoolean();
        Assert.Equal(preview, image.IsPreviewOnly);
        if (preview)
        {
            Assert.Contains(result.Warnings, w => w.Message.Contains("preview", StringComparison.Ordinal));
        }

        if (expected.TryGetProperty("bitsStored", out var bits))
        {
            Assert.Equal(bits.GetInt32(), image.Metadata.BitsStored);
        }
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Metadata_matches_what_the_writer_put_in(string file)
    {
        var expected = Sidecar(file);
        var image = Read(file).Image!;
        var m = image.Metadata;

        Assert.Equal(Text(expected, "subject"), m.Subject);
        Assert.Equal(Text(expected, "scanner"), m.Scanner);
        Assert.Equal(Text(expected, "site"), m.Site);
        Assert.Equal(Text(expected, "energy"), m.Energy);
        Assert.Equal(Text(expected, "direction"), m.Direction);
        Assert.Equal(Number(expected, "pixelSpacingX"), m.PixelSpacingX);
        Assert.Equal(Number(expected, "pixelSpacingY"), m.PixelSpacingY);
        Assert.Equal(Number(expected, "rescaleSlope"), m.RescaleSlope);
        Assert.Equal(Number(expected, "rescaleIntercept"), m.RescaleIntercept);
        Assert.Equal(Flag(expected, "inverted"), m.Inverted);
        Assert.Equal(Flag(expected, "signedSource"), m.SignedSource);
        if (Text(expected, "acquiredAt") is { } at)
        {
            Assert.Equal(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), m.AcquiredAt);
            Assert.Equal(TimeSpan.Zero, m.AcquiredAt!.Value.Offset);
        }
        else
        {
            Assert.Null(m.AcquiredAt);
        }

        if (expected.TryGetProperty("text", out var text))
        {
            foreach (var entry in text.EnumerateObject())
            {
                Assert.Equal(entry.Value.GetString(), m.Text[entry.Name]);
            }
        }

        if (expected.TryGetProperty("frameEnergies", out var energies))
        {
            Assert.Equal(energies.EnumerateArray().Select(e => e.GetString()), image.Frames.Select(f => f.Energy));
        }

        if (Text(expected, "subjectTag") is { } tag)
        {
            Assert.StartsWith(tag, m.Text["Subject tag"], StringComparison.Ordinal);
        }

        if (Text(expected, "warning") is { } warning)
        {
            Assert.Contains(Read(file).Warnings, w => w.Message.Contains(warning, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refusals_are_one_sentence_naming_the_problem(string file)
    {
        var expected = Sidecar(file);
        var result = Read(file);

        Assert.Null(result.Image);
        Assert.NotNull(result.Error);
        Assert.Contains(expected.GetProperty("error").GetString()!, result.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(".", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(result.Error.Message.Split(". ", StringSplitOptions.None));
        if (expected.TryGetProperty("errorOffset", out var offset))
        {
            Assert.Equal(offset.GetInt64(), result.Error.Offset);
        }
    }

    [Fact]
    public void Explicit_big_endian_is_refused_as_unsupported_with_the_way_out()
    {
        var result = Read("big_endian.dcm");

        Assert.Equal("Transfer syntax 1.2.840.10008.1.2.2 (Explicit VR Big Endian, retired from DICOM) is not supported; export the scan as Explicit VR Little Endian.", result.Error!.Message);
    }

    [Fact]
    public void Compressed_transfer_syntax_is_named_in_the_refusal()
    {
        var result = Read("jpeg2000.dcm");

        Assert.Equal("Compressed transfer syntax 1.2.840.10008.1.2.4.90 (JPEG 2000 Lossless) is not supported; export the scan uncompressed (Explicit VR Little Endian).", result.Error!.Message);
    }

    [Fact]
    public void The_patient_id_inside_a_sequence_item_is_not_taken_for_the_container()
    {
        // sequences_*.dcm carry "NOT-THE-SUBJECT" as a Patient ID inside a nested item, before the top-level one.
        var bytes = File.ReadAllBytes(Path("sequences_implicit.dcm"));
        Assert.Contains("NOT-THE-SUBJECT", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        Assert.Equal("MSCU1234565", ScanReader.Read(bytes).Image!.Metadata.Subject);
    }

    [Fact]
    public void Two_single_energy_files_combine_into_a_dual_energy_scan_low_first()
    {
        var low = Read("gray16.tif").Image!;
        var high = Read("gray16_deflate.tif").Image!;

        var combined = ScanReader.Combine(low, high).Image!;

        Assert.Equal(2, combined.Frames.Count);
        Assert.Same(low.Frames[0].Pixels, combined.Frames[0].Pixels);
        Assert.Same(high.Frames[0].Pixels, combined.Frames[1].Pixels);
        Assert.Equal("ACME Eagle M60", combined.Metadata.Scanner);
    }

    [Fact]
    public void Energies_of_different_sizes_do_not_combine()
    {
        var low = Read("gray16.tif").Image!;
        var other = low with { Frames = [new ScanFrame(2, 2, new ushort[4])] };

        var result = ScanReader.Combine(low, other);

        Assert.Equal("The two energies differ in size (64×40 and 2×2); they must come from the same scan.", result.Error!.Message);
    }

    [Fact]
    public void A_preview_is_not_an_energy_of_a_scan()
    {
        var result = ScanReader.Combine(Read("gray16.png").Image!, Read("gray8.png").Image!);

        Assert.Null(result.Image);
        Assert.Contains("preview", result.Error!.Message, StringComparison.Ordinal);
    }

    internal static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Imaging", "Formats", "Fixtures", name);

    internal static IEnumerable<string> Files() => Sidecars().Select(s => s.Key);

    private static ScanReadResult Read(string file) => ScanReader.Read(File.ReadAllBytes(Path(file)));

    private static Dictionary<string, JsonElement> Sidecars() =>
        Directory.GetFiles(System.IO.Path.GetDirectoryName(Path("x"))!, "*.json")
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => System.IO.Path.GetFileName(f)[..^".json".Length], f => JsonDocument.Parse(File.ReadAllText(f)).RootElement);

    private static JsonElement Sidecar(string file) => Sidecars()[file];

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : null;

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();
}
