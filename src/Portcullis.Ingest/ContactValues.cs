namespace Portcullis.Ingest;

/// <summary>
/// Checks the contact data partners send with a party. Readers keep every value as sent, readable or
/// not (the original record stays as it came); these checks only decide whether to add a warning.
/// Entity resolution normalises the readable ones later.
/// </summary>
public static class ContactValues
{
    /// <summary>Digits with the usual separators, an optional leading + or 00, 6 to 17 digits (E.164 allows 15 plus a trunk 0 or two for 00).</summary>
    public static bool IsReadablePhone(string value)
    {
        var digits = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '+' && digits == 0)
            {
                continue;
            }
            else if (c is not (' ' or '-' or '.' or '/' or '(' or ')'))
            {
                return false;
            }
        }

        return digits is >= 6 and <= 17;
    }

    /// <summary>One @, something before it, a dotted domain after it, no spaces: enough to compare addresses and domains.</summary>
    public static bool IsReadableEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || value.AsSpan().ContainsAny(" \t\r\n,;<>"))
        {
            return false;
        }

        var domain = value.AsSpan(at + 1);
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2;
    }
}
