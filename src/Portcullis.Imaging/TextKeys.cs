using System.Globalization;

namespace Portcullis.Imaging;

/// <summary>Maps the text keys scanners and exporters write (PNG tEXt, TIFF tags) onto <see cref="ScanMetadata"/>.</summary>
internal static class TextKeys
{
    private static readonly string[] SubjectKeys = ["Container", "Container number", "ContainerNumber", "Subject", "Parcel", "Waybill", "AWB", "Object of inspection"];
    private static readonly string[] ScannerKeys = ["Scanner", "Scanner id", "ScannerId", "Station", "Source"];
    private static readonly string[] SiteKeys = ["Site", "UNLOCODE", "LOCODE", "Location"];
    private static readonly string[] TimeKeys = ["Time", "Acquired", "AcquiredAt", "Acquisition time", "Creation Time", "DateTime"];
    private static readonly string[] EnergyKeys = ["Energy", "KVP", "kV", "MeV"];
    private static readonly string[] DirectionKeys = ["Direction", "Direction of travel"];

    /// <summary>Known keys (case-insensitive) become fields; the rest stay in <see cref="ScanMetadata.Text"/>.</summary>
    public static ScanMetadata Map(IReadOnlyDictionary<string, string> text, List<ScanIssue> warnings)
    {
        var rest = new Dictionary<string, string>(StringComparer.Ordinal);
        string? subject = null, scanner = null, site = null, energy = null, direction = null;
        DateTimeOffset? time = null;
        foreach (var (key, raw) in text)
        {
            var value = raw.Trim();
            if (Is(SubjectKeys, key))
            {
                subject = value;
            }
            else if (Is(ScannerKeys, key))
            {
                scanner = value;
            }
            else if (Is(SiteKeys, key) && Identity.Locode(value) is { } locode)
            {
                site = locode;
            }
            else if (Is(EnergyKeys, key))
            {
                energy = value;
            }
            else if (Is(DirectionKeys, key))
            {
                direction = value;
            }
            else if (Is(TimeKeys, key) && Time(value) is { } parsed)
            {
                time = parsed;
            }
            else
            {
                if (Is(TimeKeys, key))
                {
                    warnings.Add(new ScanIssue(0, $"The time \"{value}\" under \"{key}\" is not a date and time; it was kept as text."));
                }

                rest[key] = raw;
            }
        }

        return new ScanMetadata { Subject = subject, Scanner = scanner, Site = site, AcquiredAt = time, Energy = energy, Direction = direction, Text = rest };
    }

    /// <summary>ISO 8601 or RFC 1123 (the PNG "Creation Time" convention); without an offset the time is UTC.</summary>
    public static DateTimeOffset? Time(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    private static bool Is(string[] keys, string key) => keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
}
