using Microsoft.EntityFrameworkCore;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Readings;
using Portcullis.Integrity.Rules;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// The integrity rules over the seal and sensor stream and the stored container events, on one
/// node. Per-container state lives in memory (<see cref="IntegrityRules"/>); a batch costs two
/// queries for the context of the containers it names that are not cached (manifest seals, reefer
/// set point, route, arrival, open control), never one per reading. Readings arrive through
/// <see cref="IReadingEvaluator"/> (the reading pipeline, per stored batch); container events
/// through <see cref="RunPassAsync"/>, a leased pass over events stored since the last one.
/// </summary>
public sealed class IntegrityMonitor(GeofenceCache zones, TimeProvider clock) : IReadingEvaluator
{
    public const string SystemActor = "system:integrity";

    /// <summary>How long a container's context is trusted before it is read again (a control may close).</summary>
    public static readonly TimeSpan ContextFor = TimeSpan.FromSeconds(60);

    /// <summary>Events are re-read this far behind the newest one seen, for senders who deliver late.</summary>
    public static readonly TimeSpan EventOverlap = TimeSpan.FromHours(24);

    public sealed record PassSummary(int Events, int Containers, IReadOnlyList<IntegrityAlarm> Alarms);

    private readonly IntegrityRules rules = new(RuleOptions.Default);
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, (ContainerContext Context, DateTime At)> contexts = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DateTime> seenEvents = [];
    private DateTime? eventWatermark;

    public async Task<IReadOnlyList<AlarmCandidate>> EvaluateAsync(PortcullisDb db, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken)
    {
        var observations = new List<Observation>(readings.Count);
        foreach (var reading in readings)
        {
            if (Observation.From(reading) is { } o)
            {
                observations.Add(o);
            }
        }

        return await ObserveAsync(db, observations, cancellationToken);
    }

    /// <summary>Evaluates observations (readings or events) and answers the alarms they raise; the caller stores them.</summary>
    public async Task<List<AlarmCandidate>> ObserveAsync(PortcullisDb db, IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        if (observations.Count == 0)
        {
            return [];
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            rules.Zones = await zones.GetAsync(db, cancellationToken);
            await LoadContextsAsync(db, observations.Select(o => o.ContainerNumber), cancellationToken);
            return rules.Observe(observations, c => contexts[c].Context);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Evaluates container events stored since the last pass and the timed rules (silence), stores
    /// the alarms and saves: its own transaction, like the secure-lane pass.
    /// </summary>
    public async Task<PassSummary> RunPassAsync(PortcullisDb db, CancellationToken cancellationToken, int maxEvents = 200_000)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = (eventWatermark ?? now.AddDays(-2)) - EventOverlap;
        var events = await db.ContainerEvents.AsNoTracking()
            .Where(e => e.OccurredAt > from && e.OccurredAt <= now)
            .OrderBy(e => e.OccurredAt)
            .Take(maxEvents)
            .Select(e => new { e.Id, e.ContainerNumber, e.Type, e.OccurredAt, e.UnLocode, e.Facility, e.SealNumber, e.Latitude, e.Longitude })
            .ToListAsync(cancellationToken);
        var fresh = events.Where(e => !seenEvents.ContainsKey(e.Id)).ToList();
        foreach (var e in fresh)
        {
            seenEvents[e.Id] = e.OccurredAt;
        }

        if (events.Count > 0)
        {
            eventWatermark = events[^1].OccurredAt > (eventWatermark ?? DateTime.MinValue) ? events[^1].OccurredAt : eventWatermark;
        }

        foreach (var old in seenEvents.Where(s => s.Value <= from).Select(s => s.Key).ToList())
        {
            seenEvents.Remove(old);
        }

        var candidates = await ObserveAsync(db, [.. fresh.Select(e => Observation.From(e.Id, e.ContainerNumber, e.Type, e.OccurredAt, e.UnLocode, e.Facility, e.SealNumber, e.Latitude, e.Longitude))], cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            candidates.AddRange(rules.Tick(now, c => contexts.TryGetValue(c, out var x) ? x.Context : null));
        }
        finally
        {
            gate.Release();
        }

        var alarms = await AlarmStore.RaiseAsync(db, clock, SystemActor, [.. candidates.Select(c => (c, (AlarmStore.Link?)null))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new PassSummary(fresh.Count, fresh.Select(e => e.ContainerNumber).Distinct().Count(), alarms);
    }

    private async Task LoadContextsAsync(PortcullisDb db, IEnumerable<string> containers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var need = containers.Distinct().Where(c => !contexts.TryGetValue(c, out var x) || now - x.At > ContextFor).ToList();
        if (need.Count == 0)
        {
            return;
        }

        var context = await ContextsAsync(db, need, cancellationToken);
        foreach (var c in need)
        {
            contexts[c] = (context.GetValueOrDefault(c) ?? new ContainerContext(c), now);
        }

        if (contexts.Count > 200_000)
        {
            foreach (var stale in contexts.Where(x => now - x.Value.At > ContextFor).Select(x => x.Key).ToList())
            {
                contexts.Remove(stale);
            }
        }
    }

    /// <summary>Each container's latest consignment (seals, set point, route, arrival, hub) and whether a control is open on it.</summary>
    public static async Task<Dictionary<string, ContainerContext>> ContextsAsync(PortcullisDb db, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ContainerContext>(StringComparer.Ordinal);
        foreach (var chunk in containers.Chunk(500))
        {
            var rows = await db.ConsignmentEquipment.AsNoTracking()
                .Where(e => chunk.Contains(e.ContainerNumber))
                .Join(db.Consignments.Where(c => c.RetractedAt == null), e => e.ConsignmentId, c => c.Id,
                    (e, c) => new { e.ContainerNumber, e.SealNumbers, e.ReeferSetpointC, c.HubCode, c.ArrivedAt, c.Route.PortOfLoading, c.Route.TransshipmentPorts, c.Route.PortOfDischarge })
                .ToListAsync(cancellationToken);
            var controlled = (await db.SecureLaneOrders.AsNoTracking()
                    .Where(o => chunk.Contains(o.ContainerNumber) && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Released || o.Status == OrderStatus.InSecuredArea))
                    .Select(o => o.ContainerNumber).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var group in rows.GroupBy(r => r.ContainerNumber))
            {
                var latest = group.MaxBy(r => r.ArrivedAt)!;
                result[group.Key] = new ContainerContext(group.Key, latest.HubCode, latest.SealNumbers, latest.ReeferSetpointC, latest.ArrivedAt, controlled.Contains(group.Key),
                    [latest.PortOfLoading, .. latest.TransshipmentPorts, latest.PortOfDischarge]);
            }

            foreach (var c in controlled.Where(c => !result.ContainsKey(c)))
            {
                result[c] = new ContainerContext(c, UnderControl: true);
            }
        }

        return result;
    }
}
