using System.Globalization;

namespace Portcullis.Simulator;

/// <summary>Transport document, seal and vehicle numbers in the shapes partners send them.</summary>
internal static class DocumentNumbers
{
    /// <summary>A bill of lading number: the carrier's SCAC followed by ten digits, as most lines print it.</summary>
    public static string BillOfLading(SimRandom rng, string scac) => scac + rng.Digits(10);

    /// <summary>An IATA air waybill: airline prefix, seven serial digits and the serial modulo 7 as check digit.</summary>
    public static string AirWaybill(SimRandom rng, string prefix)
    {
        var serial = rng.Next(1_000_000, 9_999_999);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{serial:D7}{serial % 7}");
    }

    /// <summary>A UPU S10 item id (two letters, eight digits, check digit, country), e.g. CX123456785NL.</summary>
    public static string PostalItem(SimRandom rng, string service)
    {
        Span<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var digits = rng.Digits(8);
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        var check = 11 - (sum % 11);
        check = check switch { 10 => 0, 11 => 5, _ => check };
        return string.Create(CultureInfo.InvariantCulture, $"{service}{digits}{check}NL");
    }

    /// <summary>A seven-digit IMO ship number whose last digit is the weighted check digit.</summary>
    public static string ImoNumber(SimRandom rng)
    {
        var body = rng.Next(9_100_000, 9_999_999) / 10;
        var sum = 0;
        var rest = body;
        for (var weight = 2; weight <= 7; weight++)
        {
            sum += rest % 10 * weight;
            rest /= 10;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{body}{sum % 10}");
    }

    /// <summary>A carrier seal: each line buys bolt seals (ISO 17712 class H) with its own prefix.</summary>
    public static string CarrierSeal(SimRandom rng, string scac) => scac switch
    {
        "MAEU" => "ML-" + rng.Digits(7),
        "MSCU" => "FX" + rng.Digits(8),
        "CMDU" => "C" + rng.Digits(7),
        "HLCU" => "HLD" + rng.Digits(7),
        "ONEY" => "ONE" + rng.Digits(7),
        "EGLV" => "EMCS" + rng.Digits(6),
        "COSU" => "CS" + rng.Digits(7),
        _ => "SL" + rng.Digits(7),
    };

    /// <summary>A shipper's own bolt seal, added by exporters of valuable or fresh cargo.</summary>
    public static string ShipperSeal(SimRandom rng) => "TT" + rng.Digits(6);

    /// <summary>A Dutch customs seal applied after an inspection.</summary>
    public static string CustomsSeal(SimRandom rng) => "NLD" + rng.Digits(7);

    /// <summary>A Dutch truck plate in the current sidecode (e.g. BX-123-K).</summary>
    public static string TruckPlate(SimRandom rng) =>
        string.Create(CultureInfo.InvariantCulture, $"{rng.Letters(2)}-{rng.Digits(3)}-{rng.Letter()}");

    /// <summary>A voyage number: a three-digit sequence and the direction of the leg (N, E, W, S).</summary>
    public static string Voyage(SimRandom rng, char direction) =>
        string.Create(CultureInfo.InvariantCulture, $"{rng.Next(100, 999)}{direction}");
}
