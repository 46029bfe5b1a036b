using System.Text;
using Portcullis.Ingest.Edifact;
using static Portcullis.Tests.Ingest.Edifact.EdifactTestData;

namespace Portcullis.Tests.Ingest.Edifact;

public sealed class EdifactReaderTests
{
    [Fact]
    public void Clean_interchange_yields_header_messages_and_end_in_order()
    {
        var items = Read(TwoMessages);

        Assert.Collection(
            items,
            i => Assert.IsType<InterchangeStarted>(i),
            i => Assert.Equal("M1", Assert.IsType<MessageRead>(i).Message.Reference),
            i => Assert.Equal("M2", Assert.IsType<MessageRead>(i).Message.Reference),
            i => Assert.Equal(2, Assert.IsType<InterchangeEnded>(i).MessageCount));
        var header = Single<InterchangeStarted>(items).Header;
        Assert.Equal("UNOA", header.SyntaxIdentifier);
        Assert.Equal(3, header.SyntaxVersion);
        Assert.Equal("SENDER", header.Sender);
        Assert.Equal("ZZ", header.SenderQualifier);
        Assert.Equal("RECEIVER", header.Recipient);
        Assert.Equal("REF1", header.ControlReference);
        Assert.Equal(new DateTime(2025, 3, 3, 12, 15, 0, DateTimeKind.Utc), header.Prepared);
        Assert.Equal(DateTimeKind.Utc, header.Prepared!.Value.Kind);
        Assert.False(header.TestIndicator);
        Assert.Empty(WarningCodes(items));
    }

    [Fact]
    public void Message_carries_type_and_segments_without_UNH_and_UNT()
    {
        var message = Messages(Read(TwoMessages))[0];

        Assert.Equal(("CUSCAR", "D", "95B", "UN"), (message.Type, message.Version, message.Release, message.Agency));
        Assert.Null(message.AssociationCode);
        Assert.Equal(["BGM", "TDT"], message.Segments.Select(s => s.Tag));
        var tdt = message.Segments[1];
        Assert.Equal("V123", tdt.Get(1));
        Assert.Equal("", tdt.Get(3));
        Assert.Equal("172", tdt.Get(4, 1));
        Assert.Equal("", tdt.Get(9));
        Assert.Equal(new InputPositionView(2, 1, 1), InputPositionView.Of(message.Position));
        Assert.Equal(new InputPositionView(4, 1, 3), InputPositionView.Of(tdt.Position));
        Assert.Equal("M1", tdt.Position.MessageReference);
        Assert.Equal(TwoMessages.IndexOf("TDT", StringComparison.Ordinal), tdt.Position.ByteOffset);
    }

    [Fact]
    public void Release_character_escapes_separators_and_itself()
    {
        var text = "UNB+UNOA:3+S+R+250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'FTX+AAA+++A?+B?:C?'D??E:F'UNT+3+1'UNZ+1+R1'";

        var ftx = Messages(Read(text))[0].Segments[0];

        Assert.Equal("A+B:C'D?E", ftx.Get(3, 0));
        Assert.Equal("F", ftx.Get(3, 1));
    }

    [Fact]
    public void Service_string_advice_sets_other_separators()
    {
        var text = "UNA|^,! ~UNB^UNOA|3^S^R^250303|1200^R1~UNH^1^CUSCAR|D|95B|UN~FTX^AAA^^^PLUS+COLON:!~|X~UNT^3^1~UNZ^1^R1~";

        var items = Read(text);

        var ftx = Messages(items)[0].Segments[0];
        Assert.Equal("PLUS+COLON:~", ftx.Get(3, 0));
        Assert.Equal("X", ftx.Get(3, 1));
        Assert.Equal(new Delimiters('|', '^', ',', '!', ' ', '~'), Single<InterchangeStarted>(items).Header.Delimiters);
    }

    [Fact]
    public void Unoc_decodes_as_latin1()
    {
        var text = "UNB+UNOC:3+S+R+250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'NAD+CZ+++Müller Straße Ærø'UNT+3+1'UNZ+1+R1'";

        var nad = Messages(Read(Encoding.Latin1.GetBytes(text)))[0].Segments[0];

        Assert.Equal("Müller Straße Ærø", nad.Get(3));
    }

    [Fact]
    public void Unoy_decodes_as_utf8()
    {
        var text = "UNB+UNOY:4+S+R+20250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'NAD+CZ+++Zoë 東京 Şişli'UNT+3+1'UNZ+1+R1'";

        var items = Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal("Zoë 東京 Şişli", Messages(items)[0].Segments[0].Get(3));
        Assert.Empty(WarningCodes(items));
    }

    [Fact]
    public void Unod_decodes_as_iso_8859_2()
    {
        // Ł, ó and ź in ISO 8859-2 are A3, F3 and BC.
        var bytes = Encoding.ASCII.GetBytes("UNB+UNOD:3+S+R+250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'NAD+CZ+++_'UNT+3+1'UNZ+1+R1'").ToList();
        var at = bytes.IndexOf((byte)'_');
        bytes.RemoveAt(at);
        bytes.InsertRange(at, [0xA3, 0xF3, (byte)'d', 0xBC]);

        Assert.Equal("Łódź", Messages(Read([.. bytes]))[0].Segments[0].Get(3));
    }

    [Fact]
    public void Repetition_separator_splits_repeated_elements_under_version_4()
    {
        var text = "UNB+UNOA:4+S+R+20250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'NAD+CZ+A:1*B:2*C+X'UNT+3+1'UNZ+1+R1'";

        var nad = Messages(Read(text))[0].Segments[0];

        Assert.Equal(["A", "1"], nad.Elements[1]);
        Assert.Equal(["X"], nad.Elements[2]);
        Assert.Equal([["B", "2"], ["C"]], nad.Repetitions[1]);
    }

    [Fact]
    public void Asterisk_is_data_under_version_3()
    {
        var text = "UNB+UNOA:3+S+R+250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'FTX+AAA+++5*6'UNT+3+1'UNZ+1+R1'";

        var ftx = Messages(Read(text))[0].Segments[0];

        Assert.Equal("5*6", ftx.Get(3));
        Assert.Empty(ftx.Repetitions);
    }

    [Fact]
    public void Several_interchanges_follow_each_other()
    {
        var second = TwoMessages.Replace("REF1", "REF2", StringComparison.Ordinal).Replace("UNOA:3", "UNOB:2", StringComparison.Ordinal);

        var items = Read(TwoMessages + second);

        Assert.Equal(["REF1", "REF2"], items.OfType<InterchangeStarted>().Select(s => s.Header.ControlReference));
        Assert.Equal(2, items.OfType<InterchangeEnded>().Count());
        Assert.Equal(4, Messages(items).Count);
        Assert.Equal(11, Messages(items)[2].Position.Line);
    }

    [Fact]
    public void Level_b_interchange_without_una_uses_information_separators()
    {
        var text = "UNB\u001DUNOB\u001F3\u001DS\u001DR\u001D250303\u001F1200\u001DR1\u001C" +
            "UNH\u001D1\u001DCUSCAR\u001FD\u001F95B\u001FUN\u001CBGM\u001D85\u001Dit's+ok\u001CUNT\u001D3\u001D1\u001CUNZ\u001D1\u001DR1\u001C";

        var bgm = Messages(Read(text))[0].Segments[0];

        Assert.Equal("it's+ok", bgm.Get(1));
    }

    [Fact]
    public void One_byte_reads_give_the_same_result_as_one_buffer()
    {
        var text = "UNA:+.? '\r\n" + TwoMessages.Replace("BGM+85+DOC2+9'\n", "FTX+AAA+++A?+B?:C??'\n\n", StringComparison.Ordinal)
            + "UNB+UNOC:3+S+R+250303:1200+R2'UNH+9+CUSCAR:D:95B:UN'NAD+CZ+++Zoë'UNT+4+9'UNZ+1+R2'";
        var bytes = Encoding.Latin1.GetBytes(text);

        var whole = Describe(EdifactReader.Read(new MemoryStream(bytes)));
        var trickle = Describe(EdifactReader.Read(new OneByteStream(bytes), new EdifactReaderOptions { BufferSize = 16 }));

        Assert.Equal(whole, trickle);
        Assert.Contains("rejected 9", whole, StringComparison.Ordinal);
        Assert.Contains("  FTX", whole, StringComparison.Ordinal);
    }

    [Fact]
    public void Preparation_time_is_read_in_the_sender_zone_and_given_in_utc()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");

        var header = Single<InterchangeStarted>(Read(TwoMessages, new EdifactReaderOptions { SenderTimeZone = zone })).Header;

        Assert.Equal(new DateTime(2025, 3, 3, 10, 15, 0, DateTimeKind.Utc), header.Prepared);
    }

    [Fact]
    public void Version_4_reads_a_century_date_and_test_indicator()
    {
        var text = "UNB+UNOC:4+S+R+19991231:2359+R1++APP++++1'UNZ+0+R1'";

        var header = Single<InterchangeStarted>(Read(text)).Header;

        Assert.Equal(new DateTime(1999, 12, 31, 23, 59, 0, DateTimeKind.Utc), header.Prepared);
        Assert.True(header.TestIndicator);
    }

    [Fact]
    public void Functional_groups_with_matching_counts_are_accepted()
    {
        var text = "UNB+UNOA:3+S+R+250303:1200+R1'" +
            "UNG+CUSCAR+S+R+250303:1200+G1+UN+D:95B'UNH+1+CUSCAR:D:95B:UN'UNT+2+1'UNH+2+CUSCAR:D:95B:UN'UNT+2+2'UNE+2+G1'" +
            "UNG+CUSCAR+S+R+250303:1200+G2+UN+D:95B'UNH+3+CUSCAR:D:95B:UN'UNT+2+3'UNE+1+G2'" +
            "UNZ+2+R1'";

        var items = Read(text);

        Assert.Equal(3, Messages(items).Count);
        Assert.Equal(3, Single<InterchangeEnded>(items).MessageCount);
    }
}

/// <summary>Line, column and segment number of a position, compared as one value.</summary>
internal readonly record struct InputPositionView(int Line, int Column, int? SegmentNumber)
{
    public static InputPositionView Of(Portcullis.Ingest.InputPosition p) => new(p.Line, p.Column, p.SegmentNumber);
}
