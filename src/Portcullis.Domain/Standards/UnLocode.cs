namespace Portcullis.Domain.Standards;

/// <summary>A UN/LOCODE: ISO 3166 country code plus three letters or digits 2–9, e.g. NLRTM.</summary>
public readonly record struct UnLocode
{
    private UnLocode(string value) => Value = value;

    public string Value { get; }

    public string Country => Value[..2];

    public override string ToString() => Value;

    public static ParseResult<UnLocode> Parse(string? input)
    {
        var value = (input ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (value.Length != 5 || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]))
        {
            return ParseResult<UnLocode>.Fail($"'{input}' is not a UN/LOCODE; give a country code and three characters, such as NLRTM.");
        }

        for (var i = 2; i < 5; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterUpper(c) && c is not (>= '2' and <= '9'))
            {
                return ParseResult<UnLocode>.Fail($"'{input}' is not a UN/LOCODE; the location part uses letters and the digits 2 to 9.");
            }
        }

        return ParseResult<UnLocode>.Ok(new UnLocode(value));
    }
}
