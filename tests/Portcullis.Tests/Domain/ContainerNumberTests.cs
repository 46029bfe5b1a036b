using Portcullis.Domain.Standards;

namespace Portcullis.Tests.Domain;

public sealed class ContainerNumberTests
{
    // Published ISO 6346 examples and real numbers whose check digits are printed on the doors.
    [Theory]
    [InlineData("CSQU3054383", "CSQU3054383")]
    [InlineData("csqu 305438 3", "CSQU3054383")]
    [InlineData("MSKU-907032-3", "MSKU9070323")]
    [InlineData("TGHU9999995", "TGHU9999995")]
    public void Valid_numbers_parse_to_canonical_form(string input, string canonical)
    {
        var result = ContainerNumber.Parse(input);
        Assert.True(result.Success, result.Error);
        Assert.Equal(canonical, result.Value.Value);
    }

    [Theory]
    [InlineData("CSQU3054384", "check digit 4 but ISO 6346 gives 3")]
    [InlineData("CSQU305438", "has 10 characters")]
    [InlineData("CSQX3054383", "category 'X'")]
    [InlineData("C5QU3054383", "start with four letters")]
    [InlineData("CSQU30543A3", "seven digits")]
    [InlineData("", "empty")]
    public void Invalid_numbers_are_rejected_with_a_reason(string input, string reason)
    {
        var result = ContainerNumber.Parse(input);
        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Letter_values_skip_multiples_of_eleven()
    {
        // A=10, K=21, L=23 (22 skipped), U=32, V=34 (33 skipped): weighted sums checked by hand.
        Assert.Equal(3, ContainerNumber.ComputeCheckDigit("CSQU305438"));
        Assert.Equal(5, ContainerNumber.ComputeCheckDigit("TGHU999999"));
    }

    [Fact]
    public void Create_computes_a_check_digit_that_parses_back()
    {
        for (var serial = 0; serial < 2000; serial += 7)
        {
            var number = ContainerNumber.Create("ABC", 'U', serial);
            Assert.True(ContainerNumber.Parse(number.Value).Success);
            var wrong = number.Value[..10] + (char)('0' + ((number.CheckDigit + 1) % 10));
            Assert.False(ContainerNumber.Parse(wrong).Success);
        }
    }
}
