namespace Portcullis.Ingest.Edifact;

/// <summary>The six service characters of an interchange (UNA or the syntax defaults).</summary>
public sealed record Delimiters(
    char Component = ':',
    char Element = '+',
    char Decimal = '.',
    char Release = '?',
    char Repetition = '*',
    char Segment = '\'')
{
    public static Delimiters Default { get; } = new();
}

/// <summary>
/// One segment with its data elements; each element is its components (repetitions of a
/// repeatable element appear as separate entries in <see cref="Repetitions"/>). Release characters
/// are already removed. Index 0 is the first data element after the tag.
/// </summary>
public sealed record EdifactSegment(string Tag, string[][] Elements, InputPosition Position)
{
    /// <summary>Extra repetitions of elements (element index → further occurrences), rare; empty when none.</summary>
    public IReadOnlyDictionary<int, string[][]> Repetitions { get; init; } = EmptyRepetitions;

    private static readonly IReadOnlyDictionary<int, string[][]> EmptyRepetitions = new Dictionary<int, string[][]>();

    /// <summary>A component of an element, or "" when the segment does not have it.</summary>
    public string Get(int element, int component = 0) =>
        element < Elements.Length && component < Elements[element].Length ? Elements[element][component] : "";

    public int ElementCount => Elements.Length;
}

/// <summary>UNB as read. <paramref name="Prepared"/> is UTC, read from the local date and time as given.</summary>
public sealed record InterchangeHeader(
    string SyntaxIdentifier,
    int SyntaxVersion,
    string Sender,
    string? SenderQualifier,
    string Recipient,
    string? RecipientQualifier,
    DateTime? Prepared,
    string ControlReference,
    bool TestIndicator,
    Delimiters Delimiters,
    InputPosition Position);

/// <summary>
/// One message between UNH and UNT (both excluded from <see cref="Segments"/>), its envelope
/// already checked: UNT count and reference match. <see cref="Warnings"/> are leniencies applied.
/// </summary>
public sealed record EdifactMessage(
    string Reference,
    string Type,
    string Version,
    string Release,
    string Agency,
    string? AssociationCode,
    InterchangeHeader Interchange,
    IReadOnlyList<EdifactSegment> Segments,
    InputPosition Position,
    IReadOnlyList<IngestIssue> Warnings);

/// <summary>What the streaming interchange reader yields, in file order.</summary>
public abstract record InterchangeItem;

/// <summary>An interchange began (UNB read and valid). <paramref name="Warnings"/> are envelope leniencies (BOM, lowercase…).</summary>
public sealed record InterchangeStarted(InterchangeHeader Header, IReadOnlyList<IngestIssue> Warnings) : InterchangeItem;

/// <summary>A message whose envelope is valid.</summary>
public sealed record MessageRead(EdifactMessage Message) : InterchangeItem;

/// <summary>
/// A message that cannot be accepted (wrong UNT count, reference mismatch, syntax error inside it).
/// The reader goes on with the next UNH. <paramref name="RawText"/> is the message as sent, for quarantine;
/// empty when it was larger than <see cref="EdifactReaderOptions.MaxMessageBytes"/> and so not kept.
/// </summary>
public sealed record MessageRejected(string? Reference, string? Type, IngestIssue Error, string RawText) : InterchangeItem;

/// <summary>UNZ read and its count and reference matched.</summary>
public sealed record InterchangeEnded(InterchangeHeader Header, int MessageCount, IReadOnlyList<IngestIssue> Warnings) : InterchangeItem;

/// <summary>
/// The interchange cannot be accepted at all (missing or mismatched UNZ, unreadable UNB, data
/// after the end): everything read since its <see cref="InterchangeStarted"/> must be discarded.
/// </summary>
public sealed record InterchangeFailed(InterchangeHeader? Header, IngestIssue Error) : InterchangeItem;
