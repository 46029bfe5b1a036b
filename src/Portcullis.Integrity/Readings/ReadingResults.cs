using Portcullis.Ingest;

namespace Portcullis.Integrity.Readings;

/// <summary>
/// One reading of a payload, in payload order (<paramref name="Index"/> counts from 0). Either
/// <paramref name="Reading"/> is set (accepted, perhaps despite <paramref name="Warnings"/>: the
/// field they name was left empty and the reading keeps its <see cref="SensorReading.Raw"/>), or
/// <paramref name="Error"/> says in one sentence why it was rejected and where.
/// </summary>
public sealed record ReadingResult(int Index, SensorReading? Reading, IngestIssue? Error, IReadOnlyList<IngestIssue> Warnings)
{
    public static ReadingResult Rejected(int index, IngestIssue error) => new(index, null, error, []);
}

/// <summary>
/// Everything read from one payload (an HTTP body or an MQTT message). <paramref name="PayloadError"/>
/// is set when the payload as a whole is unreadable (not JSON, too big, empty); then there are no
/// readings. Otherwise a broken reading never hides the others.
/// </summary>
public sealed record ReadingPayload(IReadOnlyList<ReadingResult> Readings, IngestIssue? PayloadError = null)
{
    public IEnumerable<SensorReading> Accepted => Readings.Where(r => r.Reading is not null).Select(r => r.Reading!);

    public IEnumerable<IngestIssue> Errors => PayloadError is { } e ? [e] : Readings.Where(r => r.Error is not null).Select(r => r.Error!);
}

/// <summary>Limits and tolerances of <see cref="ReadingReader"/>.</summary>
public sealed record ReadingReaderOptions
{
    public static ReadingReaderOptions Default { get; } = new();

    /// <summary>
    /// How far a reading may be dated ahead of the server's clock: device clocks drift, and GPS
    /// time and NTP are not everywhere. Beyond it the reading is rejected (a clock that far ahead
    /// would make every later rule about silence or order wrong).
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Readings dated before this are rejected: a device whose clock was never set reports 1970 or 2000.</summary>
    public DateTime Earliest { get; init; } = new(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Largest payload read; an MQTT message or HTTP body of readings is a few kilobytes to a few megabytes.</summary>
    public int MaxPayloadBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most readings in one payload; the rest are rejected, each with the reason.</summary>
    public int MaxReadings { get; init; } = 50_000;

    /// <summary>Longest device or reading id, in characters.</summary>
    public int MaxIdLength { get; init; } = 128;
}
