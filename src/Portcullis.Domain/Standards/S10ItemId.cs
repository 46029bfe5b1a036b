namespace Portcullis.Domain.Standards;

/// <summary>What <see cref="S10ItemId.Check"/> found about a postal item identifier.</summary>
public enum S10Finding
{
    /// <summary>Two letters, eight digits, the right check digit and two letters, with a service indicator S10 assigns.</summary>
    Valid,

    /// <summary>Not 13 characters of the form AA000000000AA.</summary>
    NotS10Shape,

    /// <summary>The shape is right but the check digit is not the one the eight digits give.</summary>
    BadCheckDigit,

    /// <summary>The check digit is right but the first two letters are in no range S10 assigns (reserved or unknown to us).</summary>
    UnknownServiceIndicator,
}

/// <summary>
/// The UPU S10 13-character item identifier: a two-letter service indicator, an eight-digit serial
/// number, a check digit and the ISO 3166 alpha-2 code of the issuing country (e.g. RR473124829GB).
/// Only checks; an identifier that fails is still the sender's identifier, so callers keep it as given.
/// </summary>
public static class S10ItemId
{
    private static readonly int[] Weights = [8, 6, 4, 2, 3, 5, 9, 7];

    /// <summary>
    /// The check digit of eight serial digits: weights 8 6 4 2 3 5 9 7, C = 11 − (S mod 11), where
    /// 10 becomes 0 and 11 becomes 5. Returns -1 when the input is not eight ASCII digits.
    /// </summary>
    public static int CheckDigit(ReadOnlySpan<char> serial)
    {
        if (serial.Length != 8)
        {
            return -1;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            if (!char.IsAsciiDigit(serial[i]))
            {
                return -1;
            }

            sum += (serial[i] - '0') * Weights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 0,
            11 => 5,
            var c => c,
        };
    }

    public static S10Finding Check(string? id)
    {
        if (id is not { Length: 13 }
            || !char.IsAsciiLetterUpper(id[0]) || !char.IsAsciiLetterUpper(id[1])
            || !char.IsAsciiDigit(id[10])
            || !char.IsAsciiLetterUpper(id[11]) || !char.IsAsciiLetterUpper(id[12]))
        {
            return S10Finding.NotS10Shape;
        }

        var expected = CheckDigit(id.AsSpan(2, 8));
        if (expected < 0)
        {
            return S10Finding.NotS10Shape;
        }

        if (expected != id[10] - '0')
        {
            return S10Finding.BadCheckDigit;
        }

        return IsKnownServiceIndicator(id[0], id[1]) ? S10Finding.Valid : S10Finding.UnknownServiceIndicator;
    }

    /// <summary>
    /// The service indicator ranges S10 assigns, as far as we could verify them from public summaries
    /// of S10-12 (the standard itself is not public): A, B, C (parcels), D, E (EMS), H (e-commerce
    /// parcels), L (express letters), N, P, R (registered), U (letters under customs control, CN 22/23),
    /// V (insured), Z, and GA and GD. J and K are reserved; the rest we do not know.
    /// </summary>
    public static bool IsKnownServiceIndicator(char first, char second) => first switch
    {
        'A' or 'B' or 'C' or 'D' or 'E' or 'H' or 'L' or 'N' or 'P' or 'R' or 'U' or 'V' or 'Z' => char.IsAsciiLetterUpper(second),
        'G' => second is 'A' or 'D',
        _ => false,
    };
}
