namespace Portcullis.Integrity;

internal static partial class ReadingLog
{
    [LoggerMessage(EventId = 14001, Level = LogLevel.Information, Message = "{Count} readings waiting for their container were matched and evaluated.")]
    public static partial void Matched(ILogger logger, int count);

    [LoggerMessage(EventId = 14002, Level = LogLevel.Warning, Message = "Matching waiting readings failed; it tries again at the next interval.")]
    public static partial void MatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 14003, Level = LogLevel.Information, Message = "MQTT readings: connected to {Host}:{Port} as {ClientId}, subscribed to {Topics} (QoS 1, session present: {SessionPresent}).")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, string topics, bool sessionPresent);

    [LoggerMessage(EventId = 14004, Level = LogLevel.Warning, Message = "MQTT readings: cannot reach the broker at {Host}:{Port}; trying again in {DelaySeconds} s.")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 14005, Level = LogLevel.Warning, Message = "MQTT readings: storing a batch of {Count} messages failed; they are not acknowledged and the broker delivers them again.")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 14006, Level = LogLevel.Warning, Message = "MQTT readings: {Count} readings refused by the per-device rate limit in this batch (acknowledged, not stored); {Total} since start.")]
    public static partial void RateLimited(ILogger logger, int count, long total);

    [LoggerMessage(EventId = 14007, Level = LogLevel.Warning, Message = "MQTT readings: message on {Topic} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 14008, Level = LogLevel.Information, Message = "MQTT readings: the lease is held by another node; this node does not subscribe.")]
    public static partial void NotHolder(ILogger logger);
}
