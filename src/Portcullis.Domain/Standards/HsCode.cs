namespace Portcullis.Domain.Standards;

/// <summary>
/// A Harmonized System goods code: six digits internationally, extended to eight (CN) or ten
/// (TARIC) in the EU. Dots and spaces as written on paper ("0803.90") are removed.
/// </summary>
public readonly record struct HsCode
{
    private HsCode(string value) => Value = value;

    public string Value { get; }

    public string Chapter => Value[..2];

    public string Heading => Value[..4];

    public string Subheading => Value[..6];

    public override string ToString() => Value;

    public static ParseResult<HsCode> Parse(string? input)
    {
        var value = new string((input ?? "").Where(c => c is not ('.' or ' ')).ToArray());
        if (value.Length is not (6 or 8 or 10) || !value.All(char.IsAsciiDigit))
        {
            return ParseResult<HsCode>.Fail($"'{input}' is not an HS code; give 6, 8 or 10 digits, such as 080390.");
        }

        return ParseResult<HsCode>.Ok(new HsCode(value));
    }
}
