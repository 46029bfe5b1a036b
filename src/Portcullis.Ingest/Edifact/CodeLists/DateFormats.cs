using System.Globalization;

namespace Portcullis.Ingest.Edifact.CodeLists;

/// <summary>
/// Reads DTM values by their UNCL 2379 format. A format is a point in time when its name is built
/// from CC, YY, MM, DD, HH, MM and SS (with an optional ZHHMM offset); a period (CCYYMMDD-CCYYMMDD,
/// 718) is read as its start. Formats that name no point in time (a week, a quarter, a duration)
/// are known but give no date. Nothing here throws: the caller turns a problem into a warning.
/// </summary>
public static class DateFormats
{
    /// <summary>The outcome: the time (UTC), or why there is none.</summary>
    public readonly record struct Result(DateTime? At, string? Problem, string? FormatUsed);

    public static Result Parse(string value, string format)
    {
        if (value.Length == 0)
        {
            return new(null, "carries no date", null);
        }

        if (format.Length == 0)
        {
            // Without 2379 the length says which of the three common forms it is.
            format = value.Length switch
            {
                8 => "102",
                12 => "203",
                14 => "204",
                _ => "",
            };
            if (format.Length == 0)
            {
                return new(null, $"gives no format (2379) and '{value}' is not 8, 12 or 14 digits long", null);
            }
        }

        if (EdifactCodes.DateFormat.Name(format) is not { } pattern)
        {
            return new(null, $"uses format {format}, which is not in UNCL 2379", format);
        }

        var dash = pattern.IndexOf('-', StringComparison.Ordinal);
        var start = dash > 0 ? pattern[..dash] : pattern;
        if (dash > 0)
        {
            var valueDash = value.IndexOf('-', StringComparison.Ordinal);
            value = valueDash > 0 ? value[..valueDash] : value[..Math.Min(value.Length, start.Length)];
        }

        if (!IsPointInTime(start))
        {
            return new(null, $"uses format {EdifactCodes.DateFormat.Describe(format)}, which is not a point in time", format);
        }

        var offset = TimeSpan.Zero;
        var (dotnet, width) = DotNetPattern(start);
        if (value.Length != width)
        {
            return new(null, $"'{value}' does not have the {width} characters of format {EdifactCodes.DateFormat.Describe(format)}", format);
        }

        var text = value;
        if (start.EndsWith("ZHHMM", StringComparison.Ordinal))
        {
            // ZHHMM is the offset from UTC: a sign and four digits.
            var zone = value[^5..];
            if (zone[0] is not ('+' or '-') || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return new(null, $"'{value}' ends in '{zone}', which is not an offset from UTC (+HHMM or -HHMM)", format);
            }

            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
            text = value[..^5];
            dotnet = dotnet[..^5];
        }

        var styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (!DateTime.TryParseExact(text, dotnet, CultureInfo.InvariantCulture, styles, out var parsed))
        {
            return new(null, $"'{value}' is not a valid date in format {EdifactCodes.DateFormat.Describe(format)}", format);
        }

        return new(DateTime.SpecifyKind(parsed - offset, DateTimeKind.Utc), null, format);
    }

    /// <summary>A date with at least day, month and year; times and offsets may follow.</summary>
    private static bool IsPointInTime(string pattern) =>
        pattern.Contains("YY", StringComparison.Ordinal) && pattern.Contains("DD", StringComparison.Ordinal)
        && pattern.Contains("MM", StringComparison.Ordinal) && !pattern.Contains("ZZZ", StringComparison.Ordinal)
        && pattern.AsSpan().IndexOfAnyExcept("CYMDHSZ") < 0;

    /// <summary>The .NET exact pattern for a 2379 name: the second MM after HH is minutes.</summary>
    private static (string Pattern, int Width) DotNetPattern(string edifact)
    {
        var result = new System.Text.StringBuilder();
        var width = 0;
        var sawHour = false;
        for (var i = 0; i < edifact.Length;)
        {
            var rest = edifact.AsSpan(i);
            if (rest.StartsWith("CCYY"))
            {
                result.Append("yyyy");
                width += 4;
                i += 4;
            }
            else if (rest.StartsWith("ZHHMM"))
            {
                result.Append("ZHHMM");
                width += 5;
                i += 5;
            }
            else
            {
                var token = edifact.Substring(i, 2);
                result.Append(token switch
                {
                    "YY" => "yy",
                    "MM" when sawHour => "mm",
                    "MM" => "MM",
                    "DD" => "dd",
                    "HH" => "HH",
                    "SS" => "ss",
                    _ => token,
                });
                sawHour |= token == "HH";
                width += 2;
                i += 2;
            }
        }

        return (result.ToString(), width);
    }
}
