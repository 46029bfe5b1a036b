using System.Globalization;
using System.Text;

namespace Portcullis.Ingest.Edifact;

/// <summary>
/// The message being read (UNH to UNT), or a run of segments found between messages (a stray
/// block, rejected whole). Holds its raw bytes for quarantine, up to a size limit; past it, the
/// message keeps neither bytes nor segments, so a huge message costs no more memory than the limit.
/// </summary>
internal sealed class MessageBuilder(long maxBytes, string setting)
{
    private readonly MemoryStream _raw = new();

    public bool IsStray { get; private set; }

    /// <summary>True once the message went over the limit: its rest is counted but neither decoded nor kept.</summary>
    public bool TooLarge { get; private set; }

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
        if (TooLarge)
        {
            return;
        }

        if (_raw.Length + raw.Length + 1 > maxBytes)
        {
            TooLarge = true;
            Segments = [];
            _raw.SetLength(0);
            // Replaces an earlier error: whatever else is wrong, the sender must first split the message.
            Error = IngestIssue.Error(
                "edifact.message-too-large",
                $"{(IsStray ? "The segments between messages are" : $"Message {Reference} is")} larger than the limit of {Size(maxBytes)} ({setting}); split it into smaller messages or raise {setting}.",
                position);
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

    /// <summary>The message as sent, for quarantine; empty for one that was too large to keep.</summary>
    public string RawText(Encoding encoding) => encoding.GetString(_raw.GetBuffer(), 0, (int)_raw.Length);

    private static string Size(long bytes) => bytes % (1 << 20) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    private void Reset(bool stray)
    {
        IsStray = stray;
        _raw.SetLength(0);
        TooLarge = false;
        Reference = null;
        Type = null;
        Identifier = [];
        SegmentCount = 0;
        Segments = [];
        Warnings = [];
        Error = null;
    }
}
