using System.Text;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;
using static Portcullis.Tests.Ingest.Edifact.EdifactTestData;

namespace Portcullis.Tests.Ingest.Edifact;

/// <summary>Errors that reject a message or an interchange, each with its code and where it is.</summary>
public sealed class EdifactStrictTests
{
    private static long At(string text, string what) => text.IndexOf(what, StringComparison.Ordinal);

    [Fact]
    public void Wrong_unt_count_rejects_the_message_and_the_next_one_is_read()
    {
        var text = TwoMessages.Replace("UNT+4+M1", "UNT+12+M1", StringComparison.Ordinal);

        var items = Read(text);

        var rejected = Single<MessageRejected>(items);
        Assert.Equal(("M1", "CUSCAR"), (rejected.Reference, rejected.Type));
        Assert.Equal("edifact.unt-count", rejected.Error.Code);
        Assert.Equal("UNT says the message has 12 segments but it has 4; correct the count in UNT.", rejected.Error.Message);
        Assert.Equal(new InputPosition(At(text, "UNT+12"), 5, 1, 4, "M1"), rejected.Error.Position);
        Assert.Equal("UNH+M1+CUSCAR:D:95B:UN'BGM+85+DOC1+9'TDT+20+V123+1++MSC:172:20'UNT+12+M1'", rejected.RawText);
        Assert.Equal(["M2"], Messages(items).Select(m => m.Reference));
        Assert.Single(items.OfType<InterchangeEnded>());
    }

    [Fact]
    public void Unt_reference_must_equal_unh_reference()
    {
        var rejected = Single<MessageRejected>(Read(TwoMessages.Replace("UNT+3+M2", "UNT+3+M9", StringComparison.Ordinal)));

        Assert.Equal("edifact.unt-reference", rejected.Error.Code);
        Assert.Equal((8, 3, "M2"), (rejected.Error.Position!.Line, rejected.Error.Position.SegmentNumber, rejected.Error.Position.MessageReference));
    }

    [Fact]
    public void Unh_without_unt_is_rejected_at_its_unh()
    {
        var items = Read(TwoMessages.Replace("UNT+4+M1'\n", "", StringComparison.Ordinal));

        var rejected = Single<MessageRejected>(items);
        Assert.Equal("edifact.unt-missing", rejected.Error.Code);
        Assert.Equal(new InputPosition(At(TwoMessages, "UNH+M1"), 2, 1, 1, "M1"), rejected.Error.Position);
        Assert.Equal(["M2"], Messages(items).Select(m => m.Reference));
    }

    [Fact]
    public void Wrong_unz_count_fails_the_interchange()
    {
        var text = TwoMessages.Replace("UNZ+2+", "UNZ+3+", StringComparison.Ordinal);

        var failed = Single<InterchangeFailed>(Read(text));

        Assert.Equal("edifact.unz-count", failed.Error.Code);
        Assert.Equal("UNZ says the interchange has 3 messages but it has 2; correct the count in UNZ.", failed.Error.Message);
        Assert.Equal(new InputPosition(At(text, "UNZ"), 9, 1), failed.Error.Position);
        Assert.Equal("REF1", failed.Header!.ControlReference);
    }

    [Fact]
    public void Unz_reference_must_equal_unb_reference()
    {
        var items = Read(TwoMessages.Replace("UNZ+2+REF1", "UNZ+2+REF2", StringComparison.Ordinal));

        Assert.Equal("edifact.unz-reference", Single<InterchangeFailed>(items).Error.Code);
        Assert.Empty(items.OfType<InterchangeEnded>());
    }

    [Fact]
    public void End_of_data_inside_an_interchange_fails_it()
    {
        var text = TwoMessages.Replace("UNZ+2+REF1'\n", "", StringComparison.Ordinal);

        var failed = Single<InterchangeFailed>(Read(text));

        Assert.Equal("edifact.unz-missing", failed.Error.Code);
        Assert.Equal(new InputPosition(text.Length, 9, 1), failed.Error.Position);
    }

    [Fact]
    public void Truncated_segment_rejects_its_message_and_fails_the_interchange()
    {
        var text = "UNB+UNOA:3+S+R+250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'BGM+85+DO";

        var items = Read(text);

        Assert.Equal("edifact.unterminated-segment", Single<MessageRejected>(items).Error.Code);
        Assert.Equal(2, Single<MessageRejected>(items).Error.Position!.SegmentNumber);
        Assert.Equal("edifact.unz-missing", Single<InterchangeFailed>(items).Error.Code);
    }

    [Fact]
    public void Segment_between_messages_is_rejected_and_reading_goes_on()
    {
        var text = TwoMessages.Replace("UNH+M2", "FTX+AAA+++LOOSE'\nUNH+M2", StringComparison.Ordinal);

        var items = Read(text);

        var rejected = Single<MessageRejected>(items);
        Assert.Null(rejected.Reference);
        Assert.Equal("edifact.segment-outside-message", rejected.Error.Code);
        Assert.Equal(new InputPosition(At(text, "FTX"), 6, 1), rejected.Error.Position);
        Assert.Equal("FTX+AAA+++LOOSE'", rejected.RawText);
        Assert.Equal(2, Messages(items).Count);
    }

    [Fact]
    public void Segment_before_unb_fails()
    {
        var failed = Single<InterchangeFailed>(Read("BGM+85+X'" + TwoMessages));

        Assert.Equal("edifact.outside-interchange", failed.Error.Code);
        Assert.Null(failed.Header);
    }

    [Fact]
    public void Invalid_character_for_unoa_is_rejected_at_its_column()
    {
        var text = TwoMessages.Replace("DOC1", "DOC#1", StringComparison.Ordinal);

        var rejected = Single<MessageRejected>(Read(text));

        Assert.Equal("edifact.invalid-character", rejected.Error.Code);
        Assert.Equal(new InputPosition(At(text, "#"), 3, 11, 2, "M1"), rejected.Error.Position);
        Assert.Contains("'#'", rejected.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_byte_under_unoc_is_rejected()
    {
        var text = TwoMessages.Replace("UNOA", "UNOC", StringComparison.Ordinal).Replace("DOC2", "DOC\u00072", StringComparison.Ordinal);

        var rejected = Single<MessageRejected>(Read(text));

        Assert.Equal(("M2", "edifact.invalid-character"), (rejected.Reference, rejected.Error.Code));
        Assert.Contains("0x07", rejected.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_under_unoy_is_rejected()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("UNB+UNOY:4+S+R+20250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'NAD+CZ+++"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("'UNT+3+1'UNZ+1+R1'")];

        var rejected = Single<MessageRejected>(Read(bytes));

        Assert.Equal("edifact.invalid-character", rejected.Error.Code);
        Assert.Equal(bytes.AsSpan().IndexOf((byte)0xC3), rejected.Error.Position!.ByteOffset);
    }

    [Fact]
    public void Release_character_at_end_of_data_is_rejected()
    {
        var items = Read("UNB+UNOA:3+S+R+250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'FTX+AAA+++X?");

        Assert.Equal("edifact.release-at-end", Single<MessageRejected>(items).Error.Code);
        Assert.Equal("edifact.unz-missing", Single<InterchangeFailed>(items).Error.Code);
    }

    [Theory]
    [InlineData("B-M+85+X")]
    [InlineData("BGMX+85+X")]
    [InlineData("BG+85+X")]
    [InlineData("bgm+85+X")]
    public void Tag_that_is_not_three_alphanumerics_is_rejected(string segment)
    {
        var text = TwoMessages.Replace("BGM+85+DOC1+9", segment, StringComparison.Ordinal);

        var rejected = Single<MessageRejected>(Read(text));

        Assert.Equal("edifact.tag", rejected.Error.Code);
        Assert.Equal(new InputPosition(At(text, segment), 3, 1, 2, "M1"), rejected.Error.Position);
    }

    [Fact]
    public void Over_long_segment_is_rejected_without_holding_it()
    {
        var text = TwoMessages.Replace("DOC1", new string('X', 5000), StringComparison.Ordinal);

        var items = Read(text, new EdifactReaderOptions { MaxSegmentLength = 1000, BufferSize = 256 });

        var rejected = Single<MessageRejected>(items);
        Assert.Equal("edifact.segment-too-long", rejected.Error.Code);
        Assert.Equal((3, 2), (rejected.Error.Position!.Line, rejected.Error.Position.SegmentNumber));
        Assert.Equal(["M2"], Messages(items).Select(m => m.Reference));
        Assert.Single(items.OfType<InterchangeEnded>());
    }

    [Theory]
    [InlineData("UNE+3+G1", "edifact.une-count")]
    [InlineData("UNE+2+G9", "edifact.une-reference")]
    public void Group_trailer_must_match_its_group(string une, string code)
    {
        var text = "UNB+UNOA:3+S+R+250303:1200+R1'UNG+CUSCAR+S+R+250303:1200+G1+UN+D:95B'" +
            "UNH+1+CUSCAR:D:95B:UN'UNT+2+1'UNH+2+CUSCAR:D:95B:UN'UNT+2+2'" + une + "'UNZ+1+R1'";

        Assert.Equal(code, Single<InterchangeFailed>(Read(text)).Error.Code);
    }

    [Theory]
    [InlineData("UNOA:5", "edifact.syntax-version")]
    [InlineData("UNOX:3", "edifact.syntax-identifier")]
    [InlineData("UNOZ:3", "edifact.syntax-identifier")]
    [InlineData("UNOA", "edifact.syntax-version")]
    public void Unknown_syntax_fails_the_interchange(string syntax, string code)
    {
        var items = Read(TwoMessages.Replace("UNOA:3", syntax, StringComparison.Ordinal));

        var failed = Assert.Single(items);
        Assert.Equal(code, Assert.IsType<InterchangeFailed>(failed).Error.Code);
    }

    [Theory]
    [InlineData("250230:1200")]
    [InlineData("250303:2460")]
    [InlineData("2503:1200")]
    public void Impossible_unb_date_fails_the_interchange(string dateTime)
    {
        var failed = Single<InterchangeFailed>(Read(TwoMessages.Replace("250303:1215", dateTime, StringComparison.Ordinal)));

        Assert.Equal("edifact.unb-date", failed.Error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\r\n")]
    public void Empty_input_is_reported(string text)
    {
        Assert.Equal("edifact.empty", Single<InterchangeFailed>(Read(text)).Error.Code);
    }

    [Fact]
    public void Every_error_is_one_sentence_naming_the_fix()
    {
        string[] broken =
        [
            TwoMessages.Replace("UNT+4+M1", "UNT+5+M1", StringComparison.Ordinal),
            TwoMessages.Replace("UNZ+2+REF1'\n", "", StringComparison.Ordinal),
            TwoMessages.Replace("DOC1", "DOC#", StringComparison.Ordinal),
            TwoMessages.Replace("UNH+M2", "FTX'UNH+M2", StringComparison.Ordinal),
        ];

        var errors = broken.SelectMany(t => Read(t)).Select(i => i switch
        {
            MessageRejected r => r.Error,
            InterchangeFailed f => f.Error,
            _ => null,
        }).OfType<IngestIssue>().ToList();

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
            Assert.Contains("; ", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(". ", e.Message, StringComparison.Ordinal);
            Assert.NotNull(e.Position);
        });
    }
}
