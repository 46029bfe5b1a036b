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
