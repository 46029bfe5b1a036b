using Microsoft.EntityFrameworkCore;
using Portcullis.Ingest;
using Portcullis.Integrity.Readings;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>Limits of the reading pipeline, from <c>Integrity:Readings</c>.</summary>
public sealed record ReadingOptions
{
    /// <summary>How far ahead of our clock a reading may be dated (device clocks drift).</summary>
    public int MaxClockSkewSeconds { get; init; } = 300;

    /// <summary>Readings one device may send per minute (a burst of as many is allowed); the rest are rejected as a flood.</summary>
    public int MaxPerDevicePerMinute { get; init; } = 600;

    /// <summary>How often readings waiting for their container are matched again.</summary>
    public int MatchSeconds { get; init; } = 30;

    /// <summary>Largest HTTP body or MQTT message of readings.</summary>
    public int MaxPayloadBytes { get; init; } = 16 * 1024 * 1024;

    public ReadingReaderOptions Reader => new() { MaxClockSkew = TimeSpan.FromSeconds(MaxClockSkewSeconds), MaxPayloadBytes = MaxPayloadBytes };
}

/// <summary>One payload of a batch: an HTTP body or an MQTT message, and the door it came by.</summary>
public sealed record ReadingPayloadIn(ReadOnlyMemory<byte> Utf8Json, string Source);

/// <summary>What became of one payload: counts, and every rejection and warning with its reason and position.</summary>
public sealed record ReadingPayloadOutcome(int Accepted, int Duplicates, int Rejected, int RateLimited, IngestIssue? PayloadError, IReadOnlyList<(int Index, IngestIssue Issue)> Issues);

/// <summary>
/// The one way readings are stored, whichever door they come by (HTTP, MQTT): a batch of payloads
/// is parsed, over-the-limit devices are refused, duplicates (within the batch and against what is
/// stored) are counted, new readings are inserted, the readings of known containers are evaluated
/// in event order and their alarms raised, and all of it is committed in one transaction. Only
/// after that commit may the caller acknowledge the payloads. Batches are written one at a time
/// per process (SQLite has one writer anyway; on PostgreSQL one MQTT subscriber holds the lease).
/// </summary>
public sealed class ReadingPipeline(Database database, IReadingEvaluator evaluator, TimeProvider clock, ReadingOptions options, DeviceRateLimiter limiter)
{
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>Called after a batch's commit (the benchmark measures publish-to-commit latency with it).</summary>
    internal Action<IReadOnlyList<ReadingPayloadIn>>? Committed { get; set; }

    public async Task<IReadOnlyList<ReadingPayloadOutcome>> StoreAsync(IReadOnlyList<ReadingPayloadIn> payloads, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reader = options.Reader;
        var parsed = payloads.Select(p => ReadingReader.Read(p.Utf8Json, now, reader)).ToList();

        // Flood control and in-batch duplicates before anything touches the database.
        var rows = new List<(int Payload, StoredReading Row)>();
        var limited = new int[payloads.Count];
        var duplicates = new int[payloads.Count];
        var issues = payloads.Select(_ => new List<(int, IngestIssue)>()).ToArray();
        var seen = new HashSet<(string, string)>();
        for (var p = 0; p < parsed.Count; p++)
        {
            foreach (var result in parsed[p].Readings)
            {
                if (result.Error is { } error)
                {
                    issues[p].Add((result.Index, error));
                    continue;
                }

                var reading = result.Reading!;
                if (!seen.Add((reading.DeviceId, reading.ReadingId)))
                {
                    duplicates[p]++;
                    continue;
                }

                if (!limiter.TryTake(reading.DeviceId, now))
                {
                    limited[p]++;
                    issues[p].Add((result.Index, IngestIssue.Error("reading.rate-limited",
                        $"Device {reading.DeviceId} sent more than {options.MaxPerDevicePerMinute} readings a minute; reading {reading.ReadingId} was not stored: send it again later, or ask for a higher limit.")));
                    continue;
                }

                foreach (var warning in result.Warnings)
                {
                    issues[p].Add((result.Index, warning));
                }

                var codes = result.Warnings.Count == 0 ? null : string.Join(' ', result.Warnings.Select(w => w.Code).Distinct());
                rows.Add((p, StoredReading.From(reading, now, payloads[p].Source, codes, reading.ContainerNumber is null ? ReadingEvaluation.NotPaired : ReadingEvaluation.Evaluated)));
            }
        }

        var stored = new int[payloads.Count];
        if (rows.Count > 0)
        {
            await writer.WaitAsync(cancellationToken);
            try
            {
                await using var db = database.CreateContext();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var known = await KnownContainersAsync(db, [.. rows.Select(r => r.Row.ContainerNumber).OfType<string>().Distinct()], cancellationToken);
                foreach (var (_, row) in rows)
                {
                    if (row.ContainerNumber is { } container && !known.Contains(container))
                    {
                        row.Evaluation = ReadingEvaluation.AwaitingContainer;
                    }
                }

                var inserted = await ReadingRows.InsertNewAsync(db, [.. rows.Select(r => r.Row)], cancellationToken);
                var fresh = new List<StoredReading>(rows.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    if (inserted[i])
                    {
                        stored[rows[i].Payload]++;
                        fresh.Add(rows[i].Row);
                    }
                    else
                    {
                        duplicates[rows[i].Payload]++;
                    }
                }

                await EvaluateAsync(db, clock, evaluator, [.. fresh.Where(r => r.Evaluation == ReadingEvaluation.Evaluated)], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                writer.Release();
            }
        }

        Committed?.Invoke(payloads);
        return [.. parsed.Select((r, p) => new ReadingPayloadOutcome(
            stored[p], duplicates[p], r.Readings.Count(x => x.Error is not null) + limited[p], limited[p], r.PayloadError, issues[p]))];
    }

    /// <summary>
    /// Readings of known containers, in event order (devices buffer and resend, so arrival order
    /// is not event order), through the rules; their alarms are staged on <paramref name="db"/>.
    /// </summary>
    internal static async Task<int> EvaluateAsync(PortcullisDb db, TimeProvider clock, IReadingEvaluator evaluator, IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        if (readings.Count == 0)
        {
            return 0;
        }

        var ordered = readings.OrderBy(r => r.OccurredAt).ThenBy(r => r.DeviceId, StringComparer.Ordinal).Select(r => r.ToReading()).ToList();
        var candidates = await evaluator.EvaluateAsync(db, ordered, cancellationToken);
        var raised = await AlarmStore.RaiseAsync(db, clock, "sensors", [.. candidates.Select(c => (c, (AlarmStore.Link?)null))], cancellationToken);
        return raised.Count;
    }

    /// <summary>Which of these containers Portcullis has a consignment for.</summary>
    internal static async Task<HashSet<string>> KnownContainersAsync(PortcullisDb db, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in containers.Chunk(500))
        {
            known.UnionWith(await db.ConsignmentEquipment.AsNoTracking().Where(e => chunk.Contains(e.ContainerNumber)).Select(e => e.ContainerNumber).Distinct().ToListAsync(cancellationToken));
        }

        return known;
    }
}
