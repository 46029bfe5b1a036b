using System.Text;
using Portcullis.Ingest.Edifact;
using static Portcullis.Tests.Ingest.Edifact.EdifactTestData;

namespace Portcullis.Tests.Ingest.Edifact;

/// <summary>Deviations real partners send whose meaning is clear: accepted, each with a warning code.</summary>
public sealed class EdifactLenientTests
{
    [Fact]
    public void Lowercase_under_unoa_is_accepted_with_a_warning()
    {
        var items = Read(TwoMessages.Replace("DOC1", "doc1", StringComparison.Ordinal));

        var message = Messages(items)[0];
        Assert.Equal("doc1", message.Segments[0].Get(1));
        var warning = Assert.Single(message.Warnings);
        Assert.Equal("edifact.lowercase-unoa", warning.Code);
        Assert.Equal(3, warning.Position!.Line);
        Assert.Equal(2, Messages(items).Count);
    }

    [Fact]
    public void Byte_order_mark_is_skipped_with_a_warning()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(TwoMessages)];

        var items = Read(bytes);

        Assert.Equal(["edifact.bom"], Single<InterchangeStarted>(items).Warnings.Select(w => w.Code));
        Assert.Equal(2, Messages(items).Count);
        Assert.Equal(3 + TwoMessages.IndexOf("UNH+M1", StringComparison.Ordinal), Messages(items)[0].Position.ByteOffset);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("")]
    public void Crlf_or_no_line_breaks_read_the_same_segments(string lineBreak)
    {
        var items = Read(TwoMessages.Replace("\n", lineBreak, StringComparison.Ordinal));

        Assert.Empty(WarningCodes(items));
        Assert.Equal(
            Messages(Read(TwoMessages)).SelectMany(m => m.Segments).Select(s => string.Join('+', s.Elements.Select(e => string.Join(':', e)))),
            Messages(items).SelectMany(m => m.Segments).Select(s => string.Join('+', s.Elements.Select(e => string.Join(':', e)))));
    }

    [Fact]
    public void Several_segments_on_a_line_keep_their_columns()
    {
        var items = Read("UNB+UNOA:3+S+R+250303:1200+R1'\nUNH+1+CUSCAR:D:95B:UN'BGM+85+D+9'UNT+3+1'\nUNZ+1+R1'");

        var bgm = Messages(items)[0].Segments[0];
        Assert.Equal((2, 23), (bgm.Position.Line, bgm.Position.Column));
        Assert.Empty(WarningCodes(items));
    }

    [Fact]
    public void Blank_lines_and_spaces_between_segments_are_accepted_with_a_warning()
    {
        var items = Read(TwoMessages.Replace("'\n", "'\n\n  \t", StringComparison.Ordinal));

        Assert.Equal(2, Messages(items).Count);
        Assert.Contains("edifact.whitespace-between-segments", Messages(items)[0].Warnings.Select(w => w.Code));
        Assert.Equal((5, 4), (Messages(items)[0].Segments[0].Position.Line, Messages(items)[0].Segments[0].Position.Column));
        Assert.Single(items.OfType<InterchangeEnded>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Eight_digit_date_under_early_versions_is_accepted_with_a_warning(int version)
    {
        var items = Read(TwoMessages.Replace("UNOA:3", $"UNOA:{version}", StringComparison.Ordinal).Replace("250303", "20250303", StringComparison.Ordinal));

        var started = Single<InterchangeStarted>(items);
        Assert.Equal(new DateTime(2025, 3, 3, 12, 15, 0, DateTimeKind.Utc), started.Header.Prepared);
        Assert.Equal(["edifact.unb-date-8-digits"], started.Warnings.Select(w => w.Code));
        Assert.Equal(2, Messages(items).Count);
    }

    [Fact]
    public void Counts_with_leading_zeros_are_accepted_with_a_warning()
    {
        var items = Read(TwoMessages.Replace("UNT+4+M1", "UNT+0004+M1", StringComparison.Ordinal).Replace("UNZ+2+", "UNZ+002+", StringComparison.Ordinal));

        Assert.Equal(["edifact.count-leading-zeros"], Messages(items)[0].Warnings.Select(w => w.Code));
        Assert.Equal(["edifact.count-leading-zeros"], Single<InterchangeEnded>(items).Warnings.Select(w => w.Code));
    }
}
