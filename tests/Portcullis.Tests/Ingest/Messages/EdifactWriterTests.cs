using System.Text;
using Portcullis.Ingest.Edifact;

namespace Portcullis.Tests.Ingest.MessageMappings;

public sealed class EdifactWriterTests
{
    private static readonly DateTime Prepared = new(2025, 3, 3, 8, 5, 0, DateTimeKind.Utc);

    [Fact]
    public void Writes_envelope_counts_escapes_and_leaves_out_trailing_empty_elements()
    {
        using var text = new StringWriter();
        using (var writer = new EdifactWriter(text))
        {
            writer.BeginInterchange(new InterchangeEnvelope("SENDER", "RECIPIENT", Prepared, "IC7", SenderQualifier: "ZZZ"));
            writer.BeginMessage("1", "CUSCAR");
            writer.WriteSegment("BGM", "85", "A+B:C'D?E", "9");
            writer.WriteSegment("NAD", "CN", "", "", EdifactElement.Of("Name", "", null), "", (string?)null);
            writer.EndMessage();
            writer.BeginMessage("2", "CODECO", release: "00B");
            writer.EndMessage();
            writer.EndInterchange();
        }

        Assert.Equal(
            "UNA:+.? '" +
            "UNB+UNOC:3+SENDER:ZZZ+RECIPIENT+250303:0805+IC7'" +
            "UNH+1+CUSCAR:D:95B:UN'BGM+85+A?+B?:C?'D??E+9'NAD+CN+++Name'UNT+4+1'" +
            "UNH+2+CODECO:D:00B:UN'UNT+2+2'" +
            "UNZ+2+IC7'",
            text.ToString());
    }

    [Fact]
    public void Syntax_version_4_writes_a_four_digit_year_and_escapes_the_repetition_separator()
    {
        using var text = new StringWriter();
        using (var writer = new EdifactWriter(text))
        {
            writer.BeginInterchange(new InterchangeEnvelope("S", "R", Prepared, "1", "UNOY", 4, WriteUna: false));
            writer.BeginMessage("1", "CODECO");
            writer.WriteSegment("FTX", "AAA", "", "", "2*3");
            writer.EndMessage();
            writer.EndInterchange();
        }

        Assert.Equal("UNB+UNOY:4+S+R+20250303:0805+1'UNH+1+CODECO:D:95B:UN'FTX+AAA+++2?*3'UNT+3+1'UNZ+1+1'", text.ToString());
    }

    [Theory]
    [InlineData("UNOC", new byte[] { 0x4D, 0xFC, 0x6C })]
    [InlineData("UNOY", new byte[] { 0x4D, 0xC3, 0xBC, 0x6C })]
    public void The_stream_encoding_follows_the_syntax_identifier(string syntax, byte[] expected)
    {
        using var stream = new MemoryStream();
        using (var writer = new EdifactWriter(stream, syntax, leaveOpen: true))
        {
            writer.BeginInterchange(new InterchangeEnvelope("S", "R", Prepared, "1", syntax, WriteUna: false));
            writer.BeginMessage("1", "CUSCAR");
            writer.WriteSegment("FTX", "AAA", "", "", "Mül");
            writer.EndMessage();
            writer.EndInterchange();
        }

        var bytes = stream.ToArray();
        var start = IndexOf(bytes, Encoding.ASCII.GetBytes("FTX+AAA+++")) + 10;
        Assert.Equal(expected, bytes[start..(start + expected.Length)]);
    }

    [Fact]
    public void Numbers_never_use_an_exponent_and_follow_the_decimal_mark()
    {
        using var text = new StringWriter();
        using var dot = new EdifactWriter(text);
        using var comma = new EdifactWriter(text, Delimiters.Default with { Decimal = ',' });
        Assert.Equal(("0.00001", "1234567.5", "-18.5"), (dot.Number(1e-5), dot.Number(1234567.5), dot.Number(-18.5)));
        Assert.Equal("19872,5", comma.Number(19872.5));
    }

    [Fact]
    public void Writing_a_segment_outside_a_message_is_refused()
    {
        using var writer = new EdifactWriter(new StringWriter());
        Assert.Throws<InvalidOperationException>(() => writer.WriteSegment("BGM", "85"));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
