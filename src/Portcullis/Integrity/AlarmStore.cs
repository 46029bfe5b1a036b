using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// The one way an alarm is stored, whoever raised it (the secure-lane pass, the sensor monitor,
/// the gate). A candidate whose dedup key is already stored is a repeat: it is counted on the
/// existing row, not raised again. Past the rate limit of <see cref="AlarmPolicy"/> (N new alarms
/// per container within the window), further candidates are folded into one open flood alarm of the
/// container that counts them. New alarms are audited and published through the outbox, and high
/// and critical ones weigh on the container's risk score (<see cref="AlarmRisk"/>), all in the
/// caller's transaction; the caller saves.
/// </summary>
public static class AlarmStore
{
    /// <summary>What links an alarm to a selected container's order, when it contradicts one.</summary>
    public sealed record Link(Guid? OrderId, Guid? SelectionId, Guid? EventId);

    public static async Task<IReadOnlyList<IntegrityAlarm>> RaiseAsync(
        PortcullisDb db, TimeProvider clock, string actor, IReadOnlyList<(AlarmCandidate Candidate, Link? Link)> candidates, CancellationToken cancellationToken, AlarmPolicy? policy = null)
    {
        policy ??= AlarmPolicy.Default;
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
        var limit = await RateLimit.LoadAsync(db, [.. candidates.Select(c => c.Candidate.ContainerNumber).Distinct()], now - policy.Window, cancellationToken);
        var raised = new List<IntegrityAlarm>();
        var weighing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (candidate, link) in candidates)
        {
            if (known.TryGetValue(candidate.DedupKey, out var existing))
            {
                existing.Occurrences++;
                existing.LastSeenAt = now;
                continue;
            }

            if (limit.Count(candidate.ContainerNumber) >= policy.PerContainer)
            {
                if (limit.Fold(db, clock, actor, candidate, hubs, now, policy) is { } flood)
                {
                    raised.Add(flood);
                }

                continue;
            }

            limit.Counted(candidate.ContainerNumber);

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
                DetailPhrase = candidate.Phrase,
                Evidence = [.. candidate.Evidence],
                DedupKey = candidate.DedupKey,
                LastSeenAt = now,
            };
            known[alarm.DedupKey] = alarm;
            raised.Add(alarm);
            db.IntegrityAlarms.Add(alarm);
            AuditLog.Record(db, clock, actor, null, "alarm.raise", $"container {alarm.ContainerNumber}", $"{alarm.Severity} {alarm.Kind}: {alarm.Detail}");
            Outbox.Add(db, clock, new AlarmRaised(alarm.Id, alarm.SelectionId, alarm.ContainerNumber, alarm.HubCode, alarm.Kind.ToString(), alarm.Severity.ToString()));
            if (alarm.WeighsOnRisk)
            {
                weighing.Add(alarm.ContainerNumber);
            }
        }

        weighing.UnionWith(limit.RaisedSeverity);
        await AlarmRisk.ApplyAsync(db, weighing, policy, cancellationToken);
        return raised;
    }

    /// <summary>The per-container count of recent alarms and the open flood alarm each container's excess goes to.</summary>
    private sealed class RateLimit(Dictionary<string, int> counts, Dictionary<string, IntegrityAlarm> floods)
    {
        // Of the folded keys, the flood keeps this many as evidence (the column holds 4,000 characters).
        private const int EvidenceKept = 30;

        /// <summary>Containers whose flood alarm became high or critical in this call: their score changes.</summary>
        public HashSet<string> RaisedSeverity { get; } = new(StringComparer.Ordinal);

        public static async Task<RateLimit> LoadAsync(PortcullisDb db, IReadOnlyList<string> containers, DateTime since, CancellationToken cancellationToken)
        {
            var recent = await db.IntegrityAlarms.AsNoTracking()
                .Where(a => containers.Contains(a.ContainerNumber) && a.RaisedAt >= since && a.Kind != AlarmKind.Flood)
                .GroupBy(a => a.ContainerNumber).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var floods = await db.IntegrityAlarms.Where(a => containers.Contains(a.ContainerNumber) && a.Kind == AlarmKind.Flood && a.Status != AlarmStatus.Resolved)
                .ToListAsync(cancellationToken);
            foreach (var pending in db.ChangeTracker.Entries<IntegrityAlarm>().Where(e => e.State == EntityState.Added && containers.Contains(e.Entity.ContainerNumber)))
            {
                if (pending.Entity.Kind == AlarmKind.Flood)
                {
                    floods.Add(pending.Entity);
                }
                else if (pending.Entity.RaisedAt >= since)
                {
                    recent[pending.Entity.ContainerNumber] = recent.GetValueOrDefault(pending.Entity.ContainerNumber) + 1;
                }
            }

            return new RateLimit(recent, floods.GroupBy(f => f.ContainerNumber).ToDictionary(g => g.Key, g => g.MaxBy(f => f.RaisedAt)!, StringComparer.Ordinal));
        }

        public int Count(string container) => counts.GetValueOrDefault(container);

        public void Counted(string container) => counts[container] = Count(container) + 1;

        /// <summary>Counts the candidate on the container's open flood alarm; returns the flood when it is new.</summary>
        public IntegrityAlarm? Fold(PortcullisDb db, TimeProvider clock, string actor, AlarmCandidate candidate, Dictionary<string, string> hubs, DateTime now, AlarmPolicy policy)
        {
            var folded = $"folded:{candidate.DedupKey}";
            if (floods.TryGetValue(candidate.ContainerNumber, out var flood))
            {
                // A repeat of a candidate already folded is the same alarm again, not one more.
                if (!flood.Evidence.Contains(folded, StringComparer.Ordinal))
                {
                    flood.Occurrences++;
                    if (flood.Evidence.Count < EvidenceKept)
                    {
                        flood.Evidence = [.. flood.Evidence, folded];
                    }
                }

                flood.LastSeenAt = now;
                (flood.Detail, flood.DetailPhrase) = Describe(candidate.ContainerNumber, flood.Occurrences, policy, candidate);
                if (candidate.Severity > flood.Severity)
                {
                    flood.Severity = candidate.Severity;
                    RaisedSeverity.Add(candidate.ContainerNumber);
                }

                return null;
            }

            flood = new IntegrityAlarm
            {
                Id = Guid.CreateVersion7(),
                Kind = AlarmKind.Flood,
                Severity = candidate.Severity,
                HubCode = candidate.HubCode ?? hubs.GetValueOrDefault(candidate.ContainerNumber, ""),
                ContainerNumber = candidate.ContainerNumber,
                RaisedAt = now,
                EventAt = candidate.EventAt == default ? null : candidate.EventAt,
                Detail = "",
                Evidence = [folded],
                DedupKey = $"flood:{candidate.ContainerNumber}:{now:yyyyMMddHHmmssfff}",
                LastSeenAt = now,
            };
            (flood.Detail, flood.DetailPhrase) = Describe(candidate.ContainerNumber, 1, policy, candidate);
            floods[candidate.ContainerNumber] = flood;
            db.IntegrityAlarms.Add(flood);
            AuditLog.Record(db, clock, actor, null, "alarm.raise", $"container {flood.ContainerNumber}", $"{flood.Severity} {flood.Kind}: {flood.Detail}");
            Outbox.Add(db, clock, new AlarmRaised(flood.Id, null, flood.ContainerNumber, flood.HubCode, flood.Kind.ToString(), flood.Severity.ToString()));
            if (flood.WeighsOnRisk)
            {
                RaisedSeverity.Add(flood.ContainerNumber);
            }

            return flood;
        }

        // The English detail cuts the latest reason to fit its column; the phrase keeps it whole (a page has room).
        private static (string Text, Phrase? Phrase) Describe(string container, int count, AlarmPolicy policy, AlarmCandidate candidate)
        {
            var latest = candidate.Reason;
            var (text, _) = AlarmPhrases.Say(count == 1 ? "AlarmWhy.FloodOne" : "AlarmWhy.FloodMany", count, container, policy.PerContainer, policy.WindowMinutes,
                latest.Length > 600 ? latest[..600] + "…" : latest);
            var phrase = candidate.Phrase is { } p
                ? Phrase.Of(count == 1 ? "AlarmWhy.FloodOne" : "AlarmWhy.FloodMany", count, container, policy.PerContainer, policy.WindowMinutes, p)
                : null;
            return (text, phrase);
        }
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
