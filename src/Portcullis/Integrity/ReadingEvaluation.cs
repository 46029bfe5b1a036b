using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Readings;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Turns a batch of newly stored sensor readings into the alarms the integrity rules want raised.
/// The reading pipeline (HTTP and MQTT) calls it in the batch's transaction and hands the result
/// to <see cref="AlarmStore"/>, so a reading and its alarm are committed together.
/// </summary>
public interface IReadingEvaluator
{
    Task<IReadOnlyList<AlarmCandidate>> EvaluateAsync(PortcullisDb db, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken);
}

/// <summary>The smallest evaluator: an electronic seal that reports itself tampered is an alarm.</summary>
internal sealed class SealStatusEvaluator : IReadingEvaluator
{
    public Task<IReadOnlyList<AlarmCandidate>> EvaluateAsync(PortcullisDb db, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlarmCandidate>>([.. readings
            .Where(r => r is { Kind: ReadingKind.Seal, Seal: SealState.Tampered, ContainerNumber: not null })
            .Select(r => new AlarmCandidate(AlarmKind.SealTampered, AlarmSeverity.High, r.ContainerNumber!, r.OccurredAt,
                $"Electronic seal {r.DeviceId} on container {r.ContainerNumber} reported tampering at {r.OccurredAt:yyyy-MM-dd HH:mm} UTC.",
                [$"reading:{r.DeviceId}/{r.ReadingId}"], $"seal-tampered:{r.DeviceId}:{r.ReadingId}"))]);
}
