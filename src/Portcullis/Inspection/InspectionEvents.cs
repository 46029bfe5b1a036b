using Portcullis.Storage;

namespace Portcullis.Inspection;

/// <summary>A control closed with its result: new training labels for the risk engine.</summary>
public sealed record InspectionClosed(Guid SelectionId, string Unit, string HubCode, bool Findings) : IOutboxEvent
{
    public const string EventType = "inspection.closed";

    public string Type => EventType;
}
