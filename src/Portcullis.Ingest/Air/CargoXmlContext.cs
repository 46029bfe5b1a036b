using System.Globalization;
using System.Xml.Linq;
using Portcullis.Domain.Standards;

namespace Portcullis.Ingest.Air;

/// <summary>Warnings and positions for one message, and its values read leniently: each oddity is a warning with the value as sent.</summary>
internal sealed class CargoXmlContext(LineIndex lines)
{
    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-ddK"];

    public List<IngestIssue> Warnings { get; } = [];

    public InputPosition? Where(XElement? element) =>
        element?.Annotation<XmlPlace>() is { } place ? lines.At(place.Line, place.Column) : null;

    public void Warn(string code, string message, XElement element) => Warnings.Add(IngestIssue.Warning(code, message, Where(element)));

    public string Awb(XElement? id, XElement root, string type)
    {
        var text = id?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new IngestRejectedException(IngestIssue.Error("cargoxml.no-awb", $"The {type} message has no air waybill number; send it as prefix and serial, e.g. 074-12345675.", Where(id ?? root)));
        }

        if (AirWaybillNumber.TryParse(text) is not { } awb)
        {
            Warn("cargoxml.awb-format", $"Air waybill number '{text}' is not a 3-digit prefix and 8-digit serial; it was kept as given.", id!);
            return text;
        }

        if (!awb.CheckDigitValid)
        {
            Warn("cargoxml.awb-check-digit", $"Air waybill number '{text}' fails its check digit (the eighth serial digit must be the first seven modulo 7, here {int.Parse(awb.Serial.AsSpan(0, 7), CultureInfo.InvariantCulture) % 7}); it was kept as given, not corrected.", id!);
        }

        return awb.ToString();
    }

    public string? Place(XElement? id)
    {
        var code = id?.Value.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code.Length == 3 && Airports.UnLocodeOf(code) is { } locode)
        {
            return locode;
        }

        if (code.Length == 5 && UnLocode.Parse(code).Success)
        {
            return code;
        }

        Warn("cargoxml.place", $"Place '{id!.Value.Trim()}' is not an airport code we know nor a UN/LOCODE; it was kept as given.", id);
        return code;
    }

    public DateTime? Time(XElement? element)
    {
        var text = element?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // ISO 8601 only: a lenient parse would read "2 March" in the current year.
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        Warn("cargoxml.date", $"Date '{text}' in <{element!.Name.LocalName}> is not an ISO 8601 date and time; it was left empty.", element);
        return null;
    }

    public int? Count(XElement? element)
    {
        var text = element?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Warn("cargoxml.quantity", $"Quantity '{text}' in <{element!.Name.LocalName}> is not a whole number; it was left empty.", element);
        return null;
    }

    public double? Kilograms(XElement? element)
    {
        var text = element?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Warn("cargoxml.weight", $"Weight '{text}' in <{element!.Name.LocalName}> is not a number; it was left empty.", element);
            return null;
        }

        switch ((string?)element!.Attribute("unitCode"))
        {
            case null or "KGM":
                return value;
            case "LBR":
                return value * 0.45359237;
            case var unit:
                Warn("cargoxml.weight-unit", $"Weight '{text}' is in unit '{unit}', neither KGM nor LBR; it was left empty.", element);
                return null;
        }
    }

    public double? Amount(XElement? element)
    {
        var text = element?.Value.Trim();
        if (string.IsNullOrEmpty(text) || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        if ((string?)element!.Attribute("currencyID") is "EUR")
        {
            return value;
        }

        Warn("cargoxml.currency", $"Declared value {text} is in '{(string?)element.Attribute("currencyID")}', not EUR; it was left empty.", element);
        return null;
    }

    public string? Hs(XElement? element)
    {
        var text = element?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (HsCode.Parse(text) is { Success: true } hs)
        {
            return hs.Value.Value;
        }

        Warn("cargoxml.hs-code", $"Commodity code '{text}' is not an HS code of 6, 8 or 10 digits; the goods were kept without one.", element!);
        return null;
    }
}
