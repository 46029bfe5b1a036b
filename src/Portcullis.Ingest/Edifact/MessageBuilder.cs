using System.Text;

namespace Portcullis.Ingest.Edifact;

/// <summary>
/// The message being read (UNH to UNT), or a run of segments found between messages (a stray
/// block, rejected whole). Holds its raw bytes for quarantine, up to a size limit.
/// </summary>
internal sealed class MessageBuilder(long maxBytes)
{
    private readonly MemoryStream _raw = new();
    private bool _overflow;

    public bool IsStray { get; private set; }

    public string? Reference { get; private set; }

    public string? Type { get; private set; }

    public string[] Identifier { get; private set; } = [];

    public InputPosition Position { get; private set; } = new(0, 1, 1);

    public int SegmentCount { get; private set; }

    public List<EdifactSegment> Segments { get; private set; } = [];

    public List<IngestIssue> Warnings { get; private set; } = [];

    public IngestIssue? Error { get; private set; }

    public void StartMessage(string reference, string[] identifier, InputPosition position)
    {
        Reset(false);
        Reference = reference;
        Identifier = identifier;
        Type = identifier.Length > 0 && identifier[0].Length > 0 ? identifier[0] : null;
        Position = position with { SegmentNumber = 1, MessageReference = reference };
    }

    public void StartStray(InputPosition position, IngestIssue error)
    {
        Reset(true);
        Position = position;
        Error = error;
    }

    /// <summary>The position of the segment about to be appended (numbered within the message).</summary>
    public InputPosition Next(InputPosition at) =>
        IsStray ? at : at with { SegmentNumber = SegmentCount + 1, MessageReference = Reference };

    /// <summary>Counts a segment and keeps its bytes; <paramref name="segment"/> is null for one that is not kept.</summary>
    public void Append(ReadOnlySpan<byte> raw, byte terminator, EdifactSegment? segment, InputPosition position)
    {
        SegmentCount++;
        if (_overflow)
        {
            return;
        }

        if (_raw.Length + raw.Length + 1 > maxBytes)
        {
            _overflow = true;
            Segments.Clear();
            Fail(IngestIssue.Error(
                "edifact.message-too-large",
                $"The message is larger than {maxBytes} bytes; split it into smaller messages or ask for a higher limit.",
                position));
            return;
        }

        _raw.Write(raw);
        _raw.WriteByte(terminator);
        if (segment is not null)
        {
            Segments.Add(segment);
        }
    }

    /// <summary>Keeps the first error only: later ones are usually its consequences.</summary>
    public void Fail(IngestIssue error) => Error ??= error;

    public void Warn(IngestIssue warning)
    {
        if (!Warnings.Exists(w => w.Code == warning.Code))
        {
            Warnings.Add(warning);
        }
    }

    public string RawText(Encoding encoding) => encoding.GetString(_raw.GetBuffer(), 0, (int)_raw.Length);

    private void Reset(bool stray)
    {
        IsStray = stray;
        _raw.SetLength(0);
        _overflow = false;
        Reference = null;
        Type = null;
        Identifier = [];
        SegmentCount = 0;
        Segments = [];
        Warnings = [];
        Error = null;
    }
}
