using System.Text;
using Portcullis.Ingest.Edifact;

namespace Portcullis.Tests.Ingest.Edifact;

/// <summary>Hand-written interchanges and helpers shared by the EDIFACT reader tests.</summary>
internal static class EdifactTestData
{
    /// <summary>A clean UNOA version 3 interchange with two CUSCAR messages, one segment per line.</summary>
    public const string TwoMessages =
        "UNB+UNOA:3+SENDER:ZZ+RECEIVER:ZZ+250303:1215+REF1'\n" +
        "UNH+M1+CUSCAR:D:95B:UN'\n" +
        "BGM+85+DOC1+9'\n" +
        "TDT+20+V123+1++MSC:172:20'\n" +
        "UNT+4+M1'\n" +
        "UNH+M2+CUSCAR:D:95B:UN'\n" +
        "BGM+85+DOC2+9'\n" +
        "UNT+3+M2'\n" +
        "UNZ+2+REF1'\n";

    public static IReadOnlyList<InterchangeItem> Read(string text, EdifactReaderOptions? options = null) =>
        EdifactReader.ReadAll(Encoding.Latin1.GetBytes(text), options);

    public static IReadOnlyList<InterchangeItem> Read(byte[] bytes, EdifactReaderOptions? options = null) =>
        EdifactReader.ReadAll(bytes, options);

    public static T Single<T>(IReadOnlyList<InterchangeItem> items)
        where T : InterchangeItem => Assert.Single(items.OfType<T>());

    public static IReadOnlyList<EdifactMessage> Messages(IReadOnlyList<InterchangeItem> items) =>
        [.. items.OfType<MessageRead>().Select(m => m.Message)];

    /// <summary>All warning codes, wherever the reader put them.</summary>
    public static IReadOnlyList<string> WarningCodes(IReadOnlyList<InterchangeItem> items) =>
        [.. items.SelectMany(item => item switch
        {
            InterchangeStarted s => s.Warnings,
            InterchangeEnded e => e.Warnings,
            MessageRead m => m.Message.Warnings,
            _ => [],
        }).Select(w => w.Code)];

    /// <summary>A text form of everything the reader said, for comparing two reads.</summary>
    public static string Describe(IEnumerable<InterchangeItem> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            switch (item)
            {
                case MessageRead m:
                    text.Append("message ").Append(m.Message.Reference).Append(' ').Append(m.Message.Position).AppendLine();
                    foreach (var s in m.Message.Segments)
                    {
                        text.Append("  ").Append(s.Tag).Append(' ').Append(s.Position).Append(' ')
                            .AppendJoin('+', s.Elements.Select(e => string.Join(':', e)))
                            .Append(' ').AppendJoin('|', s.Repetitions.Select(r => $"{r.Key}={string.Join('*', r.Value.Select(c => string.Join(':', c)))}"))
                            .AppendLine();
                    }

                    text.AppendJoin(',', m.Message.Warnings).AppendLine();
                    break;
                case MessageRejected r:
                    text.Append("rejected ").Append(r.Reference).Append(' ').Append(r.Error).Append(' ').Append(r.RawText).AppendLine();
                    break;
                case InterchangeStarted s:
                    text.Append("started ").Append(s.Header with { Delimiters = s.Header.Delimiters }).AppendJoin(',', s.Warnings).AppendLine();
                    break;
                case InterchangeEnded e:
                    text.Append("ended ").Append(e.MessageCount).AppendJoin(',', e.Warnings).AppendLine();
                    break;
                case InterchangeFailed f:
                    text.Append("failed ").Append(f.Error).AppendLine();
                    break;
            }
        }

        return text.ToString();
    }
}

/// <summary>A stream that hands out one byte per read, like a slow network.</summary>
internal sealed class OneByteStream(byte[] data) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= data.Length || count == 0)
        {
            return 0;
        }

        buffer[offset] = data[_position++];
        return 1;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
