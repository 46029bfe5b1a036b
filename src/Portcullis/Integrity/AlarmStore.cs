using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// The one way an alarm is stored, whoever raised it (the secure-lane pass, the sensor monitor,
/// the gate). A candidate whose dedup key is already stored is a repeat: it is counted on the
/// existing row, not raised again. New alarms are audited and published through the outbox in the
/// caller's transaction; the caller saves.
/// </summary>
public static class AlarmStore
{
    /// <summary>What links an alarm to a selected container's order, when it contradicts one.</summary>
    public sealed record Link(Guid? OrderId, Guid? SelectionId, Guid? EventId);

    public static async Task<IReadOnlyList<IntegrityAlarm>> RaiseAsync(
        PortcullisDb db, TimeProvider clock, string actor, IReadOnlyList<(AlarmCandidate Candidate, Link? Link)> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var keys = candidates.Select(c => c.Candidate.DedupKey).Distinct().ToList();
        var known = await db.IntegrityAlarms.Where(a => keys.Contains(a.DedupKey)).ToDictionaryAsync(a => a.DedupKey, cancellationToken);
        foreach (var pending in db.ChangeTracker.Entries<IntegrityAlarm>().Where(e => e.State == EntityState.Added))
        {
            known.TryAdd(pending.Entity.DedupKey, pending.Entity);
        }

        var hubs = await HubsOfAsync(db, [.. candidates.Where(c => c.Candidate.HubCode is null).Select(c => c.Candidate.ContainerNumber).Distinct()], cancellationToken);
        var raised = new List<IntegrityAlarm>();
        foreach (var (candidate, link) in candidates)
        {
            if (known.TryGetValue(candidate.DedupKey, out var existing))
            {
                existing.Occurrences++;
                existing.LastSeenAt = now;
                continue;
            }

            var alarm = new IntegrityAlarm
            {
                Id = Guid.CreateVersion7(),
                Kind = candidate.Kind,
                Severity = candidate.Severity,
                HubCode = candidate.HubCode ?? hubs.GetValueOrDefault(candidate.ContainerNumber, ""),
                ContainerNumber = candidate.ContainerNumber,
                OrderId = link?.OrderId,
                SelectionId = link?.SelectionId,
                EventId = link?.EventId,
                RaisedAt = now,
                EventAt = candidate.EventAt == default ? null : candidate.EventAt,
                Detail = candidate.Reason,
                Evidence = [.. candidate.Evidence],
                DedupKey = candidate.DedupKey,
                LastSeenAt = now,
            };
            known[alarm.DedupKey] = alarm;
            raised.Add(alarm);
            db.IntegrityAlarms.Add(alarm);
            AuditLog.Record(db, clock, actor, null, "alarm.raise", $"container {alarm.ContainerNumber}", $"{alarm.Severity} {alarm.Kind}: {alarm.Detail}");
            Outbox.Add(db, clock, new AlarmRaised(alarm.Id, alarm.SelectionId, alarm.ContainerNumber, alarm.HubCode, alarm.Kind.ToString(), alarm.Severity.ToString()));
        }

        return raised;
    }

    /// <summary>The hub of each container's latest consignment: where it is (or is going) now.</summary>
    private static async Task<Dictionary<string, string>> HubsOfAsync(PortcullisDb db, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        if (containers.Count == 0)
        {
            return [];
        }

        var rows = await db.ConsignmentEquipment.AsNoTracking()
            .Where(e => containers.Contains(e.ContainerNumber))
            .Join(db.Consignments, e => e.ConsignmentId, c => c.Id, (e, c) => new { e.ContainerNumber, c.HubCode, c.ArrivedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ContainerNumber).ToDictionary(g => g.Key, g => g.MaxBy(r => r.ArrivedAt)!.HubCode);
    }
}
