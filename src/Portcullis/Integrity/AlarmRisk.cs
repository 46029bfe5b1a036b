using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Risk;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Keeps the alarm reasons on the stored risk scores of a container's consignments true: every
/// alarm that <see cref="IntegrityAlarm.WeighsOnRisk"/> is one reason (source "alarm") with its
/// weight, wherever the score's reasons are shown; an alarm resolved as false or explained leaves.
/// Runs in the caller's unit of work, so the alarm and its effect on the score commit together.
/// </summary>
public static class AlarmRisk
{
    public const string Source = "alarm";

    public static async Task ApplyAsync(PortcullisDb db, IReadOnlyCollection<string> containers, AlarmPolicy policy, CancellationToken cancellationToken)
    {
        if (containers.Count == 0)
        {
            return;
        }

        var links = await db.ConsignmentEquipment.AsNoTracking().Where(e => containers.Contains(e.ContainerNumber))
            .Select(e => new { e.ConsignmentId, e.ContainerNumber }).ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return;
        }

        var consignments = links.Select(l => l.ConsignmentId).Distinct().ToList();
        var scores = await db.RiskScores.Where(s => consignments.Contains(s.ConsignmentId)).ToListAsync(cancellationToken);
        if (scores.Count == 0)
        {
            return;
        }

        var alarms = await WeighingAlarmsAsync(db, [.. links.Select(l => l.ContainerNumber).Distinct()], cancellationToken);
        foreach (var score in scores)
        {
            var onBoard = links.Where(l => l.ConsignmentId == score.ConsignmentId).Select(l => l.ContainerNumber).ToHashSet(StringComparer.Ordinal);
            var reasons = alarms.Where(a => onBoard.Contains(a.ContainerNumber)).OrderByDescending(a => a.Severity).ThenBy(a => a.RaisedAt)
                .Select(a => new RiskReason(Source, $"{a.Kind}:{a.Id:N}", $"Open {a.Severity.ToString().ToLowerInvariant()} integrity alarm on container {a.ContainerNumber}: {a.Detail}", WeightOf(a, policy), PhraseOf(a)))
                .ToList();
            score.ReplaceEvidence(Source, reasons);
        }
    }

    /// <summary>
    /// After scores were written anew (the engine replaces rows, reasons and all), puts the reasons of
    /// every alarm that weighs back on its containers' scores. One query when no alarm weighs.
    /// </summary>
    public static async Task ReapplyAsync(PortcullisDb db, AlarmPolicy policy, CancellationToken cancellationToken)
    {
        var alarmed = await db.IntegrityAlarms.AsNoTracking()
            .Where(a => (a.Severity == AlarmSeverity.High || a.Severity == AlarmSeverity.Critical) && (a.Resolution == null || a.Resolution == AlarmResolution.TrueAlarm))
            .Select(a => a.ContainerNumber).Distinct().ToListAsync(cancellationToken);
        foreach (var chunk in alarmed.Chunk(500))
        {
            await ApplyAsync(db, chunk, policy, cancellationToken);
        }
    }

    /// <summary>
    /// The reason as a phrase with the alarm's own phrase inside; null for an alarm stored before phrases
    /// existed (its English detail could not be translated, so the page shows the whole reason in English).
    /// </summary>
    public static Phrase? PhraseOf(IntegrityAlarm alarm) => alarm.DetailPhrase is { } detail
        ? Phrase.Of(alarm.Severity == AlarmSeverity.Critical ? "EvidenceWhy.AlarmCritical" : "EvidenceWhy.AlarmHigh", alarm.ContainerNumber, detail)
        : null;

    public static double WeightOf(IntegrityAlarm alarm, AlarmPolicy policy) => alarm.Severity == AlarmSeverity.Critical ? policy.CriticalWeight : policy.HighWeight;

    // Stored rows and those this unit of work added or changed: the alarm being raised or resolved is not saved yet.
    private static async Task<List<IntegrityAlarm>> WeighingAlarmsAsync(PortcullisDb db, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var stored = await db.IntegrityAlarms.Where(a => containers.Contains(a.ContainerNumber) && (a.Severity == AlarmSeverity.High || a.Severity == AlarmSeverity.Critical))
            .ToListAsync(cancellationToken);
        var all = stored.ToDictionary(a => a.Id);
        foreach (var entry in db.ChangeTracker.Entries<IntegrityAlarm>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged))
        {
            if (containers.Contains(entry.Entity.ContainerNumber))
            {
                all[entry.Entity.Id] = entry.Entity;
            }
        }

        return [.. all.Values.Where(a => a.WeighsOnRisk)];
    }
}
