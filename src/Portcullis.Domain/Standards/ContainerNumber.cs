namespace Portcullis.Domain.Standards;

/// <summary>
/// An ISO 6346 container identification: a three-letter owner code, an equipment category
/// identifier (U freight container, J detachable equipment, Z trailer or chassis), a six-digit
/// serial number and a check digit. Input is accepted with spaces, hyphens and lower case
/// ("csqu 305438-3") but always stored in the canonical eleven-character form.
/// </summary>
public readonly record struct ContainerNumber
{
    private ContainerNumber(string value) => Value = value;

    /// <summary>The canonical form, e.g. <c>CSQU3054383</c>.</summary>
    public string Value { get; }

    public string OwnerCode => Value[..3];

    public char Category => Value[3];

    public string Serial => Value[4..10];

    public int CheckDigit => Value[10] - '0';

    public override string ToString() => Value;

    /// <summary>True when <paramref name="stored"/> is a canonical ISO 6346 number (what storage marks verified).</summary>
    public static bool IsVerified(string stored)
    {
        var parsed = Parse(stored);
        return parsed.Success && parsed.Value.Value == stored;
    }

    public static ParseResult<ContainerNumber> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return ParseResult<ContainerNumber>.Fail("The container number is empty; give an ISO 6346 number such as CSQU3054383.");
        }

        Span<char> canonical = stackalloc char[11];
        var length = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            if (length == 11)
            {
                return ParseResult<ContainerNumber>.Fail($"The container number '{input}' is longer than 11 characters; ISO 6346 numbers are 4 letters, 6 digits and a check digit.");
            }

            canonical[length++] = char.ToUpperInvariant(c);
        }

        if (length != 11)
        {
            return ParseResult<ContainerNumber>.Fail($"The container number '{input}' has {length} characters; ISO 6346 numbers are 4 letters, 6 digits and a check digit.");
        }

        for (var i = 0; i < 4; i++)
        {
            if (canonical[i] is < 'A' or > 'Z')
            {
                return ParseResult<ContainerNumber>.Fail($"The container number '{input}' must start with four letters (owner code and category).");
            }
        }

        if (canonical[3] is not ('U' or 'J' or 'Z'))
        {
            return ParseResult<ContainerNumber>.Fail($"The container number '{input}' has category '{canonical[3]}'; ISO 6346 allows U, J or Z as the fourth letter.");
        }

        for (var i = 4; i < 11; i++)
        {
            if (canonical[i] is < '0' or > '9')
            {
                return ParseResult<ContainerNumber>.Fail($"The container number '{input}' must end in seven digits (serial number and check digit).");
            }
        }

        var expected = ComputeCheckDigit(canonical[..10]);
        var actual = canonical[10] - '0';
        if (expected != actual)
        {
            return ParseResult<ContainerNumber>.Fail($"The container number '{input}' has check digit {actual} but ISO 6346 gives {expected}; check the number for a typing error.");
        }

        return ParseResult<ContainerNumber>.Ok(new ContainerNumber(new string(canonical)));
    }

    /// <summary>Builds a valid number from owner code, category and serial by computing the check digit.</summary>
    public static ContainerNumber Create(string ownerCode, char category, int serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999);
        var prefix = string.Create(10, (ownerCode, category, serial), static (span, s) =>
        {
            s.ownerCode.AsSpan().CopyTo(span);
            span[3] = s.category;
            s.serial.TryFormat(span[4..], out _, "D6", System.Globalization.CultureInfo.InvariantCulture);
        });
        var result = Parse(prefix + ComputeCheckDigit(prefix).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result.GetValueOrThrow();
    }

    /// <summary>
    /// ISO 6346 check digit over the first ten characters: letters take the values 10..38 skipping
    /// multiples of 11, each position is weighted by 2^position, the sum is taken modulo 11 and a
    /// remainder of 10 becomes 0.
    /// </summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> firstTen)
    {
        if (firstTen.Length != 10)
        {
            throw new ArgumentException("ISO 6346 check digits are computed over exactly ten characters.", nameof(firstTen));
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += CharacterValue(firstTen[i]) << i;
        }

        return sum % 11 % 10;
    }

    private static int CharacterValue(char c)
    {
        if (c is >= '0' and <= '9')
        {
            return c - '0';
        }

        if (c is < 'A' or > 'Z')
        {
            throw new ArgumentException($"'{c}' is not a letter or digit.", nameof(c));
        }

        // A=10 upward, skipping 11, 22 and 33 because they are multiples of the modulus.
        var value = 10 + (c - 'A');
        value += value >= 11 ? 1 : 0;
        value += value >= 22 ? 1 : 0;
        value += value >= 33 ? 1 : 0;
        return value;
    }
}
