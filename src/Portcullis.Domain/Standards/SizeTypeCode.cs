namespace Portcullis.Domain.Standards;

/// <summary>
/// An ISO 6346 size and type code such as <c>22G1</c> (20 ft general purpose) or <c>45R1</c>
/// (40 ft high-cube reefer): length code, height/width code and a two-character type code whose
/// first letter is the type group (G general, R thermal/reefer, U open top, T tank, P platform, B bulk…).
/// </summary>
public readonly record struct SizeTypeCode
{
    private static readonly string TypeGroups = "GVBSRHUPTAK";

    private SizeTypeCode(string value) => Value = value;

    public string Value { get; }

    public char TypeGroup => Value[2];

    /// <summary>Integral reefers (type group R) carry a cooling unit at the front wall.</summary>
    public bool IsReefer => TypeGroup == 'R';

    /// <summary>Nominal length in feet, from the first character (1 = 10, 2 = 20, 3 = 30, 4 = 40, L = 45).</summary>
    public int LengthFeet => Value[0] switch
    {
        '1' => 10,
        '2' => 20,
        '3' => 30,
        '4' => 40,
        'L' => 45,
        'M' => 48,
        _ => 0,
    };

    public int Teu => LengthFeet >= 40 ? 2 : 1;

    public override string ToString() => Value;

    public static ParseResult<SizeTypeCode> Parse(string? input)
    {
        var value = input?.Trim().ToUpperInvariant() ?? "";
        if (value.Length != 4)
        {
            return ParseResult<SizeTypeCode>.Fail($"The size/type code '{input}' must have four characters, such as 22G1 or 45R1.");
        }

        if (!char.IsAsciiDigit(value[0]) && value[0] is not ('L' or 'M' or 'N' or 'P'))
        {
            return ParseResult<SizeTypeCode>.Fail($"The size/type code '{input}' has an unknown length code '{value[0]}'.");
        }

        if (!TypeGroups.Contains(value[2], StringComparison.Ordinal) || !char.IsAsciiDigit(value[3]))
        {
            return ParseResult<SizeTypeCode>.Fail($"The size/type code '{input}' has an unknown type code '{value[2..]}'; use an ISO 6346 type such as G1 or R1.");
        }

        return ParseResult<SizeTypeCode>.Ok(new SizeTypeCode(value));
    }
}
