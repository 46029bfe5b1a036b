using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>A unit was selected for control (by the planner, by hand or by an alarm).</summary>
public sealed record SelectionCreated(Guid SelectionId, string Unit, string HubCode, string Reason, DateTime PlannedControlAt) : IOutboxEvent
{
    public const string EventType = "selection.created";

    public string Type => EventType;
}
