namespace Portcullis.Parties;

/// <summary>Log messages of party intelligence: sanctions screening and entity resolution (event ids 15100–15199).</summary>
internal static partial class SanctionsLog
{
    [LoggerMessage(EventId = 15101, Level = LogLevel.Information, Message = "Screened {Count} parties against {Versions}: {NewHits} new candidate hits, {Reopened} reopened.")]
    public static partial void Screened(ILogger logger, int count, string versions, int newHits, int reopened);

    [LoggerMessage(EventId = 15102, Level = LogLevel.Warning, Message = "The sanctions screening pass failed; it tries again at the next interval.")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 15103, Level = LogLevel.Information, Message = "Imported {File} from the sanctions drop folder: {Source} version {Version}, {Entries} entries.")]
    public static partial void DropImported(ILogger logger, string file, string source, string version, int entries);

    [LoggerMessage(EventId = 15104, Level = LogLevel.Warning, Message = "Rejected {File} in the sanctions drop folder: {Reason}")]
    public static partial void DropRejected(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 15110, Level = LogLevel.Information, Message = "Resolved {Parties} parties in run {Run}: {Entities} entities of two or more, {Linked} parties linked.")]
    public static partial void Resolved(ILogger logger, long run, int parties, int entities, int linked);

    [LoggerMessage(EventId = 15111, Level = LogLevel.Warning, Message = "The party resolution run failed; it tries again at the next interval.")]
    public static partial void ResolveFailed(ILogger logger, Exception exception);
}
