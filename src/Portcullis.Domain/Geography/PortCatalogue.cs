using System.Globalization;

namespace Portcullis.Domain.Geography;

/// <summary>A place of the catalogue: its UN/LOCODE, name and position (WGS 84 decimal degrees).</summary>
public sealed record Port(string Code, string Name, double Latitude, double Longitude);

/// <summary>
/// The ports and places the route map can draw, read from the embedded <c>ports.csv</c> (its header
/// names the source and licence). Lookup is by UN/LOCODE, with or without the space after the country;
/// a code that is not listed has no position: callers list it as text, never guess one.
/// </summary>
public static class PortCatalogue
{
    private static readonly Lazy<IReadOnlyDictionary<string, Port>> Ports = new(Load);

    public static IReadOnlyCollection<Port> All => [.. Ports.Value.Values];

    public static Port? Find(string? code)
    {
        var key = Normalise(code);
        return key is not null && Ports.Value.TryGetValue(key, out var port) ? port : null;
    }

    /// <summary>"NL RTM", "nlrtm" and " NLRTM " are the same code; anything that is not five letters or digits after that is none.</summary>
    public static string? Normalise(string? code)
    {
        var compact = code?.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return compact is { Length: 5 } && compact.All(char.IsAsciiLetterOrDigit) ? compact : null;
    }

    private static Dictionary<string, Port> Load()
    {
        using var stream = typeof(PortCatalogue).Assembly.GetManifestResourceStream("Portcullis.Domain.Geography.ports.csv")
            ?? throw new InvalidOperationException("The port catalogue (Geography/ports.csv) is not embedded in Portcullis.Domain; check its EmbeddedResource item.");
        using var reader = new StreamReader(stream);
        var ports = new Dictionary<string, Port>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("locode,", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Split(',');
            ports[cells[0]] = new Port(cells[0], cells[1], double.Parse(cells[2], CultureInfo.InvariantCulture), double.Parse(cells[3], CultureInfo.InvariantCulture));
        }

        return ports;
    }
}
