using System.Net.Http.Headers;
using Portcullis.Imaging;

namespace Portcullis.Tests.Imaging;

/// <summary>Scan files made in the tests from pixel arrays the tests define, and the multipart forms that carry them.</summary>
public static class ScanUploadFixtures
{
    /// <summary>A 16-bit frame: a horizontal ramp from <paramref name="from"/> to <paramref name="to"/>, with a dark block (a dense object) in the middle.</summary>
    public static ScanFrame Ramp(int width, int height, ushort from = 1000, ushort to = 60000)
    {
        var pixels = new ushort[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inBlock = x >= width / 3 && x < width / 2 && y >= height / 3 && y < 2 * height / 3;
                pixels[(y * width) + x] = inBlock ? (ushort)500 : (ushort)(from + ((long)(to - from) * x / Math.Max(1, width - 1)));
            }
        }

        return new ScanFrame(width, height, pixels);
    }

    public static byte[] Png(int width = 600, int height = 40, ushort from = 1000, ushort to = 60000) => ScanPng.Write(Ramp(width, height, from, to));

    /// <summary>A 16-bit PNG of seeded noise: it does not compress, so its size is about 2 bytes a pixel.</summary>
    public static byte[] Noise(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        var pixels = new ushort[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)random.Next(65536);
        }

        return ScanPng.Write(new ScanFrame(width, height, pixels));
    }

    /// <summary>A form with one part per file (name → bytes) and the text fields.</summary>
    public static MultipartFormDataContent Form(IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, name, name + ".png");
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static MultipartFormDataContent Form(byte[] file, IReadOnlyDictionary<string, string>? fields = null) =>
        Form(new Dictionary<string, byte[]> { ["file"] = file }, fields);

    /// <summary>Every original file in a store folder.</summary>
    public static string[] Originals(string storeFolder) =>
        Directory.Exists(Path.Combine(storeFolder, "originals")) ? Directory.GetFiles(Path.Combine(storeFolder, "originals"), "*", SearchOption.AllDirectories) : [];
}
