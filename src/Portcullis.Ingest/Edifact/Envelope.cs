using System.Globalization;

namespace Portcullis.Ingest.Edifact;

/// <summary>Pure parsing of the service segments' data elements (UNB, UNT, UNZ…), shared by the reader.</summary>
internal static class Envelope
{
    /// <summary>Codes of warnings the reader may add; stable, for receipts and tests.</summary>
    public const string ByteOrderMark = "edifact.bom";
    public const string LowercaseUnoa = "edifact.lowercase-unoa";
    public const string Whitespace = "edifact.whitespace-between-segments";
    public const string EightDigitDate = "edifact.unb-date-8-digits";
    public const string SixDigitDate = "edifact.unb-date-6-digits";
    public const string LeadingZeros = "edifact.count-leading-zeros";

    /// <summary>
    /// A control count: digits only, at most 9 significant ones. Leading zeros are accepted and
    /// reported, since some partners pad counts to the field width.
    /// </summary>
    public static (int? Value, bool LeadingZeros) ParseCount(string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return (null, false);
        }

        var trimmed = text.TrimStart('0');
        if (trimmed.Length > 9)
        {
            return (null, false);
        }

        var value = trimmed.Length == 0 ? 0 : int.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture);
        return (value, text.Length > 1 && text[0] == '0');
    }

    /// <summary>
    /// UNB date and time (S004): YYMMDD under syntax versions 1 to 3, CCYYMMDD under 4, HHMM; the
    /// other length is accepted with a warning. Returns UTC, the local time read in <paramref name="zone"/>.
    /// </summary>
    public static (DateTime? Utc, string? WarningCode, string? Error) ParseDate(string date, string time, int version, TimeZoneInfo zone)
    {
        var fix = version >= 4 ? "CCYYMMDD" : "YYMMDD";
        if (!date.All(char.IsAsciiDigit) || date.Length is not (6 or 8) || time.Length != 4 || !time.All(char.IsAsciiDigit))
        {
            return (null, null, $"UNB date and time '{date}:{time}' is not {fix}:HHMM; write the preparation date and time in that form.");
        }

        var year = date.Length == 8
            ? int.Parse(date[..4], CultureInfo.InvariantCulture)
            : 2000 + int.Parse(date[..2], CultureInfo.InvariantCulture);
        if (date.Length == 6 && year > 2069)
        {
            // A two-digit year is a window: 70..99 are the twentieth century.
            year -= 100;
        }

        var month = int.Parse(date.AsSpan(date.Length - 4, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(date.AsSpan(date.Length - 2, 2), CultureInfo.InvariantCulture);
        var hour = int.Parse(time.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minute = int.Parse(time.AsSpan(2, 2), CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59)
        {
            return (null, null, $"UNB date and time '{date}:{time}' is not a real date and time; write the preparation date and time as {fix}:HHMM.");
        }

        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
        var utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        var warning = (date.Length, version >= 4) switch
        {
            (8, false) => EightDigitDate,
            (6, true) => SixDigitDate,
            _ => null,
        };
        return (utc, warning, null);
    }

    /// <summary>UNA separators must differ from one another so every byte has one meaning.</summary>
    public static string? CheckServiceStringAdvice(SeparatorBytes s)
    {
        var used = new List<int> { s.Component, s.Element, s.Segment };
        if (s.Release >= 0)
        {
            used.Add(s.Release);
        }

        if (s.Repetition >= 0)
        {
            used.Add(s.Repetition);
        }

        if (used.Distinct().Count() != used.Count)
        {
            return "UNA gives the same character to two separators; give the component, element, release, repetition and segment separators distinct characters.";
        }

        return used.Any(b => char.IsAsciiLetterOrDigit((char)b))
            ? "UNA uses a letter or digit as a separator; use punctuation characters such as : + ? * ' instead."
            : null;
    }

    /// <summary>A segment tag is three uppercase letters or digits.</summary>
    public static bool IsValidTag(ReadOnlySpan<byte> segment, byte element)
    {
        if (segment.Length < 3 || (segment.Length > 3 && segment[3] != element))
        {
            return false;
        }

        foreach (var b in segment[..3])
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')))
            {
                return false;
            }
        }

        return true;
    }

    public static string Shown(ReadOnlySpan<byte> segment)
    {
        var head = segment[..Math.Min(segment.Length, 12)];
        var text = string.Create(head.Length, head.ToArray(), static (span, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                span[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '.';
            }
        });
        return segment.Length > head.Length ? text + "…" : text;
    }
}
