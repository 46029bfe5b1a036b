namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>A message mapped to its document; one case per supported message type.</summary>
public abstract record MappedMessage(EdifactMessage Source)
{
    public abstract IReadOnlyList<IngestIssue> Warnings { get; }
}

public sealed record MappedManifest(EdifactMessage Source, ManifestDocument Document) : MappedMessage(Source)
{
    public override IReadOnlyList<IngestIssue> Warnings => Document.Warnings;
}

public sealed record MappedBayPlan(EdifactMessage Source, BayPlanDocument Document) : MappedMessage(Source)
{
    public override IReadOnlyList<IngestIssue> Warnings => Document.Warnings;
}

public sealed record MappedEventReport(EdifactMessage Source, EventReportDocument Document) : MappedMessage(Source)
{
    public override IReadOnlyList<IngestIssue> Warnings => Document.Warnings;
}

/// <summary>Dispatches an EDIFACT message to its mapping by the UNH message type.</summary>
public static class EdifactMessages
{
    public static IReadOnlyList<string> Supported { get; } = ["CUSCAR", "BAPLIE", "COARRI", "CODECO", "ITMATT"];

    public static MappedMessage Map(EdifactMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Type.ToUpperInvariant() switch
        {
            "CUSCAR" => new MappedManifest(message, CuscarMapping.Read(message)),
            "BAPLIE" => new MappedBayPlan(message, BaplieMapping.Read(message)),
            "COARRI" => new MappedEventReport(message, CoarriMapping.Read(message)),
            "CODECO" => new MappedEventReport(message, CodecoMapping.Read(message)),
            "ITMATT" => new MappedManifest(message, ItmattMapping.Read(message)),
            var type => throw MappingContext.Reject(
                "edifact.unsupported-message",
                $"Message type {type} is not supported; send CUSCAR, BAPLIE, COARRI, CODECO or ITMATT.",
                message.Position with { SegmentNumber = 1, MessageReference = message.Reference }),
        };
    }
}
