using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest.Edifact.CodeLists;

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
            Warn("edifact.bad-number", $"'{text}' in {segment.Tag} is not a number and was left empty; send digits with an optional sign and one decimal mark.", segment);
            return null;
        }

        return value;
    }

    /// <summary>
    /// A DTM composite (2005:2380:2379) read as UTC, in any point-in-time format of UNCL 2379
    /// (<see cref="DateFormats"/>). A date that cannot be read is left empty with a warning that
    /// quotes it as sent; an unknown 2005 qualifier is only warned about.
    /// </summary>
    public DateTime? Date(EdifactSegment segment, int element = 0)
    {
        var qualifier = segment.Get(element, 0);
        var value = segment.Get(element, 1);
        var format = segment.Get(element, 2);
        if (qualifier.Length > 0 && !EdifactCodes.DateFunction.Contains(qualifier))
        {
            Warn("edifact.unknown-date-qualifier", $"DTM qualifier {EdifactCodes.DateFunction.Describe(qualifier)} is not a UN/EDIFACT date function; the date was ignored, use a 2005 code such as 132, 133, 178 or 186.", segment);
            return null;
        }

        var result = DateFormats.Parse(value, format);
        if (result.At is null)
        {
            Warn("edifact.unreadable-date", $"DTM+{EdifactCodes.DateFunction.Describe(qualifier)} {result.Problem}; the date was left empty (sent as '{value}' with format '{format}'), send it as 203 (CCYYMMDDHHMM).", segment);
        }

        return result.At;
    }

    /// <summary>A place from a LOC segment's C517 (element 1): a UN/LOCODE, or free text when it is not one.</summary>
    public readonly record struct Place(string? Locode, string? Text)
    {
        public bool IsEmpty => Locode is null && Text is null;

        /// <summary>For columns that hold a UN/LOCODE beside the free text: empty when there is none.</summary>
        public string LocodeOrEmpty => Locode ?? "";
    }

    /// <summary>
    /// The place a LOC names. A value that is not a UN/LOCODE (a terminal's own code, "VSL", a port
    /// name) is kept as free text with a warning; it is never guessed into a UN/LOCODE.
    /// </summary>
    public Place Location(EdifactSegment segment)
    {
        var raw = segment.Get(1);
        if (raw.Length == 0)
        {
            return default;
        }

        var parsed = UnLocode.Parse(raw);
        if (parsed.Success)
        {
            return new Place(parsed.Value.Value, null);
        }

        Warn("edifact.not-a-locode", $"LOC+{EdifactCodes.LocationFunction.Describe(segment.Get(0))} gives '{raw}', which is not a UN/LOCODE; it was kept as a free-text place, send the five-character UN/LOCODE.", segment);
        return new Place(null, raw);
    }

    /// <summary>The terminal or facility in LOC's C519 (related location one), if any.</summary>
    public static string? Facility(EdifactSegment segment)
    {
        var value = segment.Get(2);
        return value.Length == 0 ? null : value;
    }

    /// <summary>The longest equipment identifier EDIFACT allows (8260, an..17), and what we store.</summary>
    public const int MaxContainerNumberLength = 17;

    /// <summary>
    /// A container number. One that passes ISO 6346 is stored in its canonical form; one that does
    /// not (category letter, check digit, shape) is stored exactly as sent, with a warning, and
    /// the writer marks it unverified. Only a missing or overlong number rejects the message: then
    /// there is nothing to match the container by.
    /// </summary>
    public string ContainerNumberOf(EdifactSegment segment, int element = 1)
    {
        var raw = segment.Get(element);
        var parsed = Domain.Standards.ContainerNumber.Parse(raw);
        if (parsed.Success)
        {
            return parsed.Value.Value;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            throw Reject("edifact.missing-container-number", $"{segment.Tag} gives no container number; send the ISO 6346 number (e.g. CSQU3054383).", segment);
        }

        if (raw.Length > MaxContainerNumberLength)
        {
            throw Reject("edifact.bad-container-number", $"{segment.Tag}: the equipment identifier '{raw}' is longer than {MaxContainerNumberLength} characters; send the ISO 6346 number.", segment);
        }

        Warn("edifact.unverified-container-number", $"{segment.Tag}: {parsed.Error} It was stored as sent, marked unverified, and is matched only by this exact text.", segment);
        return raw;
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
            var unit => UnknownUnit("edifact.bad-temperature-unit", $"Temperature unit '{unit}' in TMP is not known, so the temperature was left empty; use CEL or FAH.", segment),
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
            var unit => UnknownUnit("edifact.bad-mass-unit", $"Mass unit '{unit}' in MEA is not known, so the mass was left empty; use KGM or TNE.", segment),
        };
    }

    private double? UnknownUnit(string code, string text, EdifactSegment segment)
    {
        Warn(code, text, segment);
        return null;
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
