using Portcullis.Ingest;
using Portcullis.Ingest.Edifact.CodeLists;

namespace Portcullis.Tests.Ingest.Edifact;

/// <summary>The UNCL and SMDG code lists as data, the 2379 date formats and what 1225 means for storage.</summary>
public sealed class CodeListTests
{
    [Fact]
    public void Every_list_loads_with_its_title_and_codes()
    {
        Assert.All(EdifactCodes.All, list =>
        {
            Assert.NotEmpty(list.Title);
            Assert.True(list.Count >= 5, $"UNCL {list.Number} has only {list.Count} codes.");
        });
        Assert.Equal("Message function code", EdifactCodes.MessageFunction.Title);
    }

    [Theory]
    [InlineData("1225", "22", "Final transmission")]
    [InlineData("1225", "43", "Additional transmission")]
    [InlineData("1225", "65", "Unsettled dispute")]
    [InlineData("1001", "119", "Transport discharge report")]
    [InlineData("1001", "122", "Transport loading report")]
    [InlineData("1001", "785", "Cargo manifest")]
    [InlineData("2005", "178", "Arrival date/time, actual")]
    [InlineData("2379", "718", "CCYYMMDD-CCYYMMDD")]
    [InlineData("2379", "101", "YYMMDD")]
    [InlineData("3227", "147", "Stowage cell")]
    [InlineData("3227", "5", "Place of departure")]
    [InlineData("8053", "CN", "Container")]
    [InlineData("6311", "AAE", "Measurement")]
    [InlineData("6313", "VGM", "Verified gross mass")]
    [InlineData("9303", "CA", "Carrier")]
    [InlineData("4517", "2", "Damaged")]
    public void Codes_carry_their_published_names(string list, string code, string name) =>
        Assert.Equal(name, EdifactCodes.All.Single(l => l.Number == list).Name(code));

    [Fact]
    public void Describe_names_the_code_for_a_sentence_or_says_it_is_not_in_the_list()
    {
        Assert.Equal("22 (final transmission)", EdifactCodes.MessageFunction.Describe("22"));
        Assert.Equal("ZZ9 (not in UNCL 1225)", EdifactCodes.MessageFunction.Describe("ZZ9"));
    }

    public static TheoryData<string, string, DateTime?> Dates() => new()
    {
        { "251120", "101", new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
        { "20251120", "102", new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
        { "2511201430", "201", new DateTime(2025, 11, 20, 14, 30, 0, DateTimeKind.Utc) },
        { "251120143015", "202", new DateTime(2025, 11, 20, 14, 30, 15, DateTimeKind.Utc) },
        { "202511201430", "203", new DateTime(2025, 11, 20, 14, 30, 0, DateTimeKind.Utc) },
        { "20251120143015", "204", new DateTime(2025, 11, 20, 14, 30, 15, DateTimeKind.Utc) },
        { "202511201430+0100", "205", new DateTime(2025, 11, 20, 13, 30, 0, DateTimeKind.Utc) },
        { "202511201430-0230", "205", new DateTime(2025, 11, 20, 17, 0, 0, DateTimeKind.Utc) },
        { "20112025", "4", new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
        { "201125", "2", new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
        { "112025", "3", new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
        { "132025", "3", null },
        { "20251120-20251125", "718", new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
        { "202511201430-202511211430", "719", new DateTime(2025, 11, 20, 14, 30, 0, DateTimeKind.Utc) },
        { "202511201430", "", new DateTime(2025, 11, 20, 14, 30, 0, DateTimeKind.Utc) },
        { "2511201430", "203", null },
        { "", "203", null },
        { "", "", null },
        { "202547", "616", null },
        { "20251120", "999", null },
        { "20251320", "102", null },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void DTM_values_are_read_by_their_2379_format(string value, string format, DateTime? expected)
    {
        var result = DateFormats.Parse(value, format);

        Assert.Equal(expected, result.At);
        Assert.Equal(expected is null, result.Problem is not null);
    }

    [Fact]
    public void A_value_of_the_wrong_length_is_reported_with_the_format_it_should_have()
    {
        var result = DateFormats.Parse("2511201430", "203");
        Assert.Equal("'2511201430' does not have the 12 characters of format 203 (CCYYMMDDHHMM)", result.Problem);
    }

    [Theory]
    [InlineData("", DocumentFunction.Original, true)]
    [InlineData("9", DocumentFunction.Original, true)]
    [InlineData("5", DocumentFunction.Replace, true)]
    [InlineData("1", DocumentFunction.Cancel, true)]
    [InlineData("22", DocumentFunction.Original, false)]
    [InlineData("43", DocumentFunction.Original, false)]
    [InlineData("7", DocumentFunction.Original, false)]
    [InlineData("4", DocumentFunction.Replace, false)]
    [InlineData("18", DocumentFunction.Replace, false)]
    [InlineData("3", DocumentFunction.Cancel, false)]
    [InlineData("40", DocumentFunction.Cancel, false)]
    [InlineData("Q", DocumentFunction.Original, false)]
    public void Message_functions_map_to_what_they_do_to_stored_documents(string code, DocumentFunction function, bool usual) =>
        Assert.Equal((function, usual), MessageFunctions.Storage(code));
}
