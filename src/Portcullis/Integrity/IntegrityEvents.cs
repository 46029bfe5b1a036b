using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// An integrity alarm was raised: the hub's supervisors must act, the risk engine may raise the
/// container's score, and partners with an agreement may be told.
/// </summary>
public sealed record AlarmRaised(Guid AlarmId, Guid? SelectionId, string ContainerNumber, string HubCode, string Kind, string Severity) : IOutboxEvent
{
    public const string EventType = "integrity.alarm.raised";

    public string Type => EventType;
}
