using System.Globalization;

namespace Portcullis.Imaging.Dicom;

/// <summary>DICOM DT values (YYYYMMDDHHMMSS.FFFFFF&amp;ZZXX, trailing parts optional), read as UTC unless an offset says otherwise.</summary>
internal static class DicomDateTime
{
    public static DateTimeOffset? Parse(string value, string? timezoneOffset)
    {
        var text = value.Trim().Replace(":", "", StringComparison.Ordinal);
        var offset = TimeSpan.Zero;
        var sign = text.IndexOfAny(['+', '-']);
        if (sign >= 0)
        {
            if (Offset(text[sign..]) is not { } own)
            {
                return null;
            }

            offset = own;
            text = text[..sign];
        }
        else if (timezoneOffset is not null)
        {
            // Timezone Offset From UTC (0008,0201) applies to every time in the dataset without its own offset.
            if (Offset(timezoneOffset.Trim()) is not { } shared)
            {
                return null;
            }

            offset = shared;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = 0L;
        if (dot >= 0)
        {
            var digits = text[(dot + 1)..];
            if (digits.Length is 0 or > 6 || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }

            fraction = long.Parse(digits.PadRight(7, '0'), CultureInfo.InvariantCulture);
            text = text[..dot];
        }

        if (text.Length is < 4 or > 14 || text.Length % 2 == 1 || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        int Part(int at, int fallback) => text.Length >= at + 2 ? int.Parse(text.AsSpan(at, 2), CultureInfo.InvariantCulture) : fallback;
        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        int month = Part(4, 1), day = Part(6, 1), hour = Part(8, 0), minute = Part(10, 0), second = Part(12, 0);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var local = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fraction);
        return local.ToUniversalTime();
    }

    private static TimeSpan? Offset(string text)
    {
        if (text.Length != 5 || text[0] is not ('+' or '-') || !text[1..].All(char.IsAsciiDigit))
        {
            return null;
        }

        var hours = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(text.AsSpan(3, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            return null;
        }

        var span = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -span : span;
    }
}
