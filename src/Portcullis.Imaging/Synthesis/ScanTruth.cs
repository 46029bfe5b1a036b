using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portcullis.Imaging.Synthesis;

/// <summary>A box in pixels of one image: columns X0 ≤ x &lt; X1, rows Y0 ≤ y &lt; Y1.</summary>
public sealed record PixelBox(int X0, int Y0, int X1, int Y1)
{
    public bool Contains(int x, int y) => x >= X0 && x < X1 && y >= Y0 && y < Y1;
}

/// <summary>One concealment as the image shows it: where (in that image), what, how much.</summary>
public sealed record ConcealmentTruth(ConcealmentMethod Method, double Kg, int Count, PixelBox Box);

/// <summary>
/// The ground truth of one generated scan, kept apart from its pixels: the scene and scanner that made
/// it and every concealment with its box in this image. Values are log-encoded transmission: a pixel v
/// stands for T = exp((v / 65535 − 1) · ln <see cref="DynamicRange"/>).
/// </summary>
public sealed record ScanTruth(
    string Kind,
    int SceneSeed,
    int ScanSeed,
    string Subject,
    string? ContainerType,
    string? Commodity,
    ScannerSettings Scanner,
    int Width,
    int Height,
    double DynamicRange,
    IReadOnlyList<ConcealmentTruth> Concealments)
{
    public double TotalKg => Concealments.Sum(c => c.Kg);

    public string ToJson() => JsonSerializer.Serialize(this, TruthJson.Options);
}

[JsonConverter(typeof(JsonStringEnumConverter<PairChange>))]
public enum PairChange
{
    None,
    Added,
    Removed,
}

/// <summary>
/// The truth of an origin–arrival pair: both scans' truths and what changed in between. The change's
/// box lies in the arrival image for added mass and in the origin image for removed mass.
/// </summary>
public sealed record PairTruth(ScanTruth Origin, ScanTruth Arrival, PairChange Change, double Kg, ConcealmentMethod? Method, PixelBox? Box, string? BoxImage)
{
    public string ToJson() => JsonSerializer.Serialize(this, TruthJson.Options);
}

/// <summary>A generated image with its truth.</summary>
public sealed record GeneratedScan(ScanImage Image, ScanTruth Truth);

/// <summary>Two generated scans of one container and what happened between them.</summary>
public sealed record GeneratedPair(ScanImage Origin, ScanImage Arrival, PairTruth Truth);

internal static class TruthJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
