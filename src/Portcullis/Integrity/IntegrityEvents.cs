using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>Something contradicted a selected container's secure lane; the hub's supervisors must act.</summary>
public sealed record AlarmRaised(Guid AlarmId, Guid SelectionId, string ContainerNumber, string HubCode, string Kind) : IOutboxEvent
{
    public const string EventType = "integrity.alarm.raised";

    public string Type => EventType;
}
