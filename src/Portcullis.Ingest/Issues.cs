namespace Portcullis.Ingest;

/// <summary>
/// Where in an input something was found, so that the sender can find it without our help.
/// Lines and columns count from 1; the byte offset from 0. Segment numbers count within the
/// message, UNH being 1, as in the UNT control count; null outside EDIFACT.
/// </summary>
public sealed record InputPosition(long ByteOffset, int Line, int Column, int? SegmentNumber = null, string? MessageReference = null)
{
    public override string ToString()
    {
        var where = $"line {Line}, column {Column} (byte {ByteOffset})";
        if (SegmentNumber is { } n)
        {
            where = $"segment {n}, " + where;
        }

        return MessageReference is null ? where : $"message {MessageReference}, {where}";
    }
}

public enum IssueSeverity
{
    /// <summary>Accepted because the meaning is unambiguous; recorded on the receipt.</summary>
    Warning,

    /// <summary>The message (or interchange, or row) is rejected whole.</summary>
    Error,
}

/// <summary>
/// One finding about an input. <paramref name="Code"/> is stable and machine-readable
/// (e.g. "edifact.unt-count"); <paramref name="Message"/> is one sentence that names the problem
/// and the fix, for the sender.
/// </summary>
public sealed record IngestIssue(IssueSeverity Severity, string Code, string Message, InputPosition? Position = null)
{
    public static IngestIssue Error(string code, string message, InputPosition? position = null) =>
        new(IssueSeverity.Error, code, message, position);

    public static IngestIssue Warning(string code, string message, InputPosition? position = null) =>
        new(IssueSeverity.Warning, code, message, position);

    public override string ToString() => Position is null ? Message : $"{Message} ({Position})";
}

/// <summary>Thrown by readers and mappings when an input cannot be accepted; carries the issue.</summary>
public sealed class IngestRejectedException(IngestIssue issue) : Exception(issue.ToString())
{
    public IngestIssue Issue { get; } = issue;
}
