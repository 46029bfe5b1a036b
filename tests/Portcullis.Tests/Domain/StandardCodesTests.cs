using Portcullis.Domain.Standards;

namespace Portcullis.Tests.Domain;

public sealed class StandardCodesTests
{
    [Theory]
    [InlineData("22G1", 20, 1, false)]
    [InlineData("45R1", 40, 2, true)]
    [InlineData("l5g1", 45, 2, false)]
    [InlineData("22R1", 20, 1, true)]
    public void Size_type_codes_give_length_teu_and_reefer(string code, int feet, int teu, bool reefer)
    {
        var parsed = SizeTypeCode.Parse(code).GetValueOrThrow();
        Assert.Equal(feet, parsed.LengthFeet);
        Assert.Equal(teu, parsed.Teu);
        Assert.Equal(reefer, parsed.IsReefer);
    }

    [Theory]
    [InlineData("22G")]
    [InlineData("22X1")]
    [InlineData("X2G1")]
    public void Bad_size_type_codes_are_rejected(string code) => Assert.False(SizeTypeCode.Parse(code).Success);

    [Theory]
    [InlineData("NLRTM", "NL")]
    [InlineData("ec gye", "EC")]
    [InlineData("BRSSZ", "BR")]
    public void UnLocodes_parse(string code, string country) => Assert.Equal(country, UnLocode.Parse(code).GetValueOrThrow().Country);

    [Theory]
    [InlineData("NLRT")]
    [InlineData("N1RTM")]
    [InlineData("NLRT1")]
    public void Bad_unlocodes_are_rejected(string code) => Assert.False(UnLocode.Parse(code).Success);

    [Theory]
    [InlineData("0803.90", "080390", "08")]
    [InlineData("1801 00 00", "18010000", "18")]
    [InlineData("8471300000", "8471300000", "84")]
    public void Hs_codes_drop_dots_and_spaces(string input, string value, string chapter)
    {
        var parsed = HsCode.Parse(input).GetValueOrThrow();
        Assert.Equal(value, parsed.Value);
        Assert.Equal(chapter, parsed.Chapter);
    }

    [Theory]
    [InlineData("0803")]
    [InlineData("08039A")]
    [InlineData("0803901")]
    public void Bad_hs_codes_are_rejected(string input) => Assert.False(HsCode.Parse(input).Success);
}
