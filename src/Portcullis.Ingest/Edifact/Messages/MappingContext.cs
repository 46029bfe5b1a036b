using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// What every mapping needs while it walks a message: the warnings collected so far and the
/// rules for numbers, dates, locations and container numbers that all four messages share.
/// </summary>
internal sealed class MappingContext(EdifactMessage message)
{
    public EdifactMessage Message { get; } = message;

    public List<IngestIssue> Warnings { get; } = [.. message.Warnings];

    private bool warnedDecimalComma;

    public InputPosition MessageStart => Message.Position with { SegmentNumber = 1, MessageReference = Message.Reference };

    public static InputPosition Where(EdifactSegment segment) => segment.Position;

    public void Warn(string code, string text, EdifactSegment segment) => Warnings.Add(IngestIssue.Warning(code, text, Where(segment)));

    public static IngestRejectedException Reject(string code, string text, InputPosition position) =>
        new(IngestIssue.Error(code, text, position));

    public static IngestRejectedException Reject(string code, string text, EdifactSegment segment) => Reject(code, text, Where(segment));

    public void UnknownSegment(EdifactSegment segment) =>
        Warn("edifact.unknown-segment", $"Segment {segment.Tag} (segment {segment.Position.SegmentNumber}) is not part of {Message.Type} as we read it and was ignored; leave it out or tell us what it carries.", segment);

    /// <summary>
    /// A decimal number in either notation. The interchange's UNA names the decimal mark; a comma
    /// where none was announced is unambiguous in a single number, so it is accepted with a warning.
    /// </summary>
    public double? Number(string text, EdifactSegment segment)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normal = text.Trim();
        if (normal.Contains(',', StringComparison.Ordinal))
        {
            if (Message.Interchange.Delimiters.Decimal != ',' && !warnedDecimalComma)
            {
                warnedDecimalComma = true;
                Warn("edifact.decimal-comma", $"Number '{text}' in {segment.Tag} uses a decimal comma that no UNA announced; it was read as a decimal mark, but send a UNA with ',' as decimal notation or use '.'.", segment);
            }

            normal = normal.Replace(',', '.');
        }

        if (!double.TryParse(normal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Reject("edifact.bad-number", $"'{text}' in {segment.Tag} is not a number; send digits with an optional sign and one decimal mark.", segment);
        }

        return value;
    }

    /// <summary>A DTM composite (2005:2380:2379) read as UTC; formats 102, 201, 203, 204.</summary>
    public static DateTime Date(EdifactSegment segment, int element = 0)
    {
        var value = segment.Get(element, 1);
        var format = segment.Get(element, 2);
        var pattern = format switch
        {
            "102" => "yyyyMMdd",
            "201" => "yyMMddHHmm",
            "203" or "" when value.Length == 12 => "yyyyMMddHHmm",
            "204" or "" when value.Length == 14 => "yyyyMMddHHmmss",
            "" when value.Length == 8 => "yyyyMMdd",
            _ => null,
        };
        if (pattern is null || !DateTime.TryParseExact(value, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            throw Reject("edifact.bad-date", $"Date '{value}' with format '{format}' in {segment.Tag} cannot be read; use format 102 (CCYYMMDD), 203 (CCYYMMDDHHMM) or 204 (CCYYMMDDHHMMSS).", segment);
        }

        return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
    }

    /// <summary>A UN/LOCODE from a LOC segment's C517 (element 1), or null when the segment leaves it empty.</summary>
    public static string? Locode(EdifactSegment segment)
    {
        var raw = segment.Get(1);
        if (raw.Length == 0)
        {
            return null;
        }

        var parsed = UnLocode.Parse(raw);
        if (!parsed.Success)
        {
            throw Reject("edifact.bad-locode", $"LOC+{segment.Get(0)}: {parsed.Error}", segment);
        }

        return parsed.Value.Value;
    }

    /// <summary>The terminal or facility in LOC's C519 (related location one), if any.</summary>
    public static string? Facility(EdifactSegment segment)
    {
        var value = segment.Get(2);
        return value.Length == 0 ? null : value;
    }

    public static string ContainerNumberOf(EdifactSegment segment, int element = 1)
    {
        var parsed = Domain.Standards.ContainerNumber.Parse(segment.Get(element));
        if (!parsed.Success)
        {
            throw Reject("edifact.bad-container-number", $"{segment.Tag}: {parsed.Error}", segment);
        }

        return parsed.Value.Value;
    }

    /// <summary>Reefer when the ISO size/type code says so; without a usable code, when a set point was given.</summary>
    public static bool IsReefer(string? sizeType, double? setpoint)
    {
        var parsed = SizeTypeCode.Parse(sizeType);
        return parsed.Success ? parsed.Value.IsReefer : setpoint is not null;
    }

    /// <summary>TMP's C239 (value:unit) in degrees Celsius; Fahrenheit is converted.</summary>
    public double? Temperature(EdifactSegment segment)
    {
        var value = Number(segment.Get(1, 0), segment);
        if (value is null)
        {
            return null;
        }

        return segment.Get(1, 1) switch
        {
            "FAH" => Math.Round((value.Value - 32) * 5 / 9, 2),
            "CEL" or "" => value,
            var unit => throw Reject("edifact.bad-temperature-unit", $"Temperature unit '{unit}' in TMP is not known; use CEL or FAH.", segment),
        };
    }

    /// <summary>A mass from MEA's C174 (unit:value) in kilograms.</summary>
    public double? Kilograms(EdifactSegment segment)
    {
        var value = Number(segment.Get(2, 1), segment);
        if (value is null)
        {
            return null;
        }

        return segment.Get(2, 0) switch
        {
            "KGM" or "" => value,
            "TNE" => value * 1000,
            "GRM" => value / 1000,
            "LBR" => Math.Round(value.Value * 0.45359237, 3),
            var unit => throw Reject("edifact.bad-mass-unit", $"Mass unit '{unit}' in MEA is not known; use KGM or TNE.", segment),
        };
    }

    /// <summary>UNCL 8067 transport mode to ours; unknown or empty modes are sea, the default for these port messages.</summary>
    public static TransportMode Mode(string code) => code switch
    {
        "3" => TransportMode.Road,
        "4" => TransportMode.Air,
        "5" => TransportMode.Post,
        _ => TransportMode.Sea,
    };

    /// <summary>TDT: voyage (8028), mode (C220 8067), carrier (C040 3127, else its name), vessel (C222: IMO 8213, name 8212).</summary>
    public (TransportMode Mode, string Carrier, string Voyage, string? MeansName, string? MeansId) Transport(EdifactSegment s, string messageType)
    {
        var voyage = s.Get(1);
        if (voyage.Length == 0)
        {
            throw Reject($"{messageType}.missing-voyage", "TDT carries no voyage number (8028); put the carrier's voyage reference in TDT's second element.", s);
        }

        var carrier = s.Get(4) is { Length: > 0 } code ? code : s.Get(4, 3);
        if (carrier.Length == 0)
        {
            Warn($"{messageType}.missing-carrier", "TDT names no carrier (C040); give the carrier's SCAC so the voyage can be matched.", s);
        }

        return (Mode(s.Get(2)), carrier, voyage, NullIfEmpty(s.Get(7, 3)), NullIfEmpty(s.Get(7)));
    }

    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Joins name or text lines that a sender split; a full line was cut mid-word, a short one ended at a word.</summary>
    public static string JoinLines(string[] lines, int lineLength)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (text.Length > 0 && lines[i - 1].Length < lineLength)
            {
                text.Append(' ');
            }

            text.Append(lines[i]);
        }

        return text.ToString();
    }

    /// <summary>Splits text into lines of at most <paramref name="lineLength"/> characters for a writer.</summary>
    public static string[] SplitLines(string text, int lineLength, int maxLines)
    {
        var count = Math.Min(maxLines, Math.Max(1, (text.Length + lineLength - 1) / lineLength));
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * lineLength;
            lines[i] = start >= text.Length ? "" : text.Substring(start, Math.Min(lineLength, text.Length - start));
        }

        return lines;
    }
}
