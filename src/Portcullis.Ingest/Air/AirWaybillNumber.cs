namespace Portcullis.Ingest.Air;

/// <summary>
/// An IATA air waybill number: a three-digit airline prefix and an eight-digit serial whose last
/// digit is the first seven modulo 7 (e.g. 074-12345675). Written as "074-12345675"; partners also
/// send "07412345675" or "074 12345675".
/// </summary>
public readonly record struct AirWaybillNumber(string Prefix, string Serial)
{
    public override string ToString() => Prefix + "-" + Serial;

    /// <summary>True when the eighth digit is the first seven modulo 7.</summary>
    public bool CheckDigitValid => Serial.Length == 8 && int.Parse(Serial.AsSpan(0, 7), provider: System.Globalization.CultureInfo.InvariantCulture) % 7 == Serial[7] - '0';

    /// <summary>The check digit the first seven serial digits call for.</summary>
    public static int CheckDigit(int firstSeven) => firstSeven % 7;

    /// <summary>Null when the text is not three digits and eight digits (a separator of '-' or ' ' allowed).</summary>
    public static AirWaybillNumber? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        Span<char> digits = stackalloc char[11];
        var n = 0;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == 11)
                {
                    return null;
                }

                digits[n++] = c;
            }
            else if (c is not ('-' or ' ') || n != 3)
            {
                return null;
            }
        }

        return n == 11 ? new AirWaybillNumber(new string(digits[..3]), new string(digits[3..])) : null;
    }
}
