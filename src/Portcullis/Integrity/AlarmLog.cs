using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity;

/// <summary>Log messages of the alarm lifecycle, release gate and partner delivery (event ids 61xx).</summary>
internal static partial class AlarmLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Critical, Message = "Release missing: container {Container} gated out at hub {Hub} without a verified release token; the hub's supervisors see it under Alarms.")]
    public static partial void ReleaseMissing(ILogger logger, string container, string hub);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "The release gate pass failed; it tries again at the next interval.")]
    public static partial void GatePassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Delivering alarm {Kind} on {Container} to partner {Partner} failed (attempt {Attempt}); retrying in {Delay}.")]
    public static partial void DeliveryRetry(ILogger logger, AlarmKind kind, string container, string partner, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Error, Message = "Gave up delivering alarm {Kind} on {Container} to partner {Partner} after {Attempts} attempts.")]
    public static partial void DeliveryFailed(ILogger logger, AlarmKind kind, string container, string partner, int attempts);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Partner {Partner} has an MQTT topic but no MQTT publisher is configured; the alarm on {Container} goes to its webhook only, if it has one.")]
    public static partial void NoMqttPublisher(ILogger logger, string partner, string container);
}
