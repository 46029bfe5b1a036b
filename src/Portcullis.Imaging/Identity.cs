using System.Text.RegularExpressions;

namespace Portcullis.Imaging;

/// <summary>Recognises the identifiers scanners write in free-text fields.</summary>
internal static partial class Identity
{
    /// <summary>Owner code, category letter and seven digits (ISO 6346), spaces allowed as printed on doors.</summary>
    public static bool IsContainerNumber(string value) => ContainerNumber().IsMatch(value.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>The value as a UN/LOCODE (country and three characters, "NL RTM" or "NLRTM"), or null when it is not one.</summary>
    public static string? Locode(string value)
    {
        var compact = value.Trim().Replace(" ", "", StringComparison.Ordinal);
        return LocodePattern().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex("^[A-Z]{3}[UJZ][0-9]{7}$")]
    private static partial Regex ContainerNumber();

    [GeneratedRegex("^[A-Z]{2}[A-Z2-9]{3}$")]
    private static partial Regex LocodePattern();
}
