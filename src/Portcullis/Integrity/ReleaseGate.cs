using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Rules;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// The gate check: a gate-out of a container under customs control without a release token consumed
/// in its window is a critical <see cref="AlarmKind.ReleaseMissing"/> alarm. A container is under
/// customs control at a gate-out when customs issued a release for it before the gate-out (not
/// replaced by a newer one by then) no longer ago than the token's lifetime, the gate window and a
/// day; the gate-out passes when a token of the container was verified in the gate window before
/// it. A container with an open selection cannot be released (its control must close first); its
/// gate-out is the secure lane's critical GateOut alarm, so it is not raised twice here.
/// </summary>
public static class ReleaseGate
{
    public const string SystemActor = "system:release-gate";

    /// <summary>How far back each pass looks at gate-outs; repeats are deduplicated by the event.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(2);

    public static async Task<IReadOnlyList<IntegrityAlarm>> RunPassAsync(PortcullisDb db, TimeProvider clock, IntegrityOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = TimeSpan.FromHours(options.Releases.GateWindowHours);
        var relevance = TimeSpan.FromHours(options.Releases.TokenHours) + window + TimeSpan.FromDays(1);
        var since = now - Lookback;
        var releases = await db.ReleaseTokens.AsNoTracking().Where(r => r.IssuedAt >= since - relevance).ToListAsync(cancellationToken);
        if (releases.Count == 0)
        {
            return [];
        }

        var containers = releases.Select(r => r.ContainerNumber).Distinct().ToList();
        var gateOuts = await db.ContainerEvents.AsNoTracking()
            .Where(e => containers.Contains(e.ContainerNumber) && e.Type == ContainerEventType.GateOut && e.OccurredAt >= since && e.OccurredAt <= now)
            .Select(e => new { e.Id, e.ContainerNumber, e.OccurredAt, e.Facility })
            .ToListAsync(cancellationToken);
        var candidates = new List<(AlarmCandidate, AlarmStore.Link?)>();
        foreach (var gateOut in gateOuts)
        {
            var at = gateOut.OccurredAt;
            var ofContainer = releases.Where(r => r.ContainerNumber == gateOut.ContainerNumber && r.IssuedAt <= at && r.IssuedAt >= at - relevance).ToList();
            var controlled = ofContainer.Where(r => r.SupersededAt is null || r.SupersededAt > at).ToList();
            if (controlled.Count == 0 || ofContainer.Any(r => r.ConsumedAt is { } c && c <= at && c >= at - window))
            {
                continue;
            }

            var release = controlled.MaxBy(r => r.IssuedAt)!;
            var why = release.ConsumedAt is { } later
                ? Phrase.Of("AlarmWhy.ReleaseVerifiedLate", RuleInput.When(later), options.Releases.GateWindowHours)
                : Phrase.Of(release.CollectedAt is null ? "AlarmWhy.ReleaseNeverCollected" : "AlarmWhy.ReleaseNeverVerified");
            var reason = gateOut.Facility is { Length: > 0 } f
                ? Phrase.Of("AlarmWhy.ReleaseMissingAt", gateOut.ContainerNumber, f, RuleInput.When(at), why, release.HaulierName)
                : Phrase.Of("AlarmWhy.ReleaseMissing", gateOut.ContainerNumber, RuleInput.When(at), why, release.HaulierName);
            candidates.Add((new AlarmCandidate(AlarmKind.ReleaseMissing, AlarmSeverity.Critical, gateOut.ContainerNumber, at, reason,
                [$"event:{gateOut.Id}"], $"release-missing:{gateOut.Id:N}", release.HubCode), new AlarmStore.Link(null, null, gateOut.Id)));
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var alarms = await AlarmStore.RaiseAsync(db, clock, SystemActor, candidates, cancellationToken, options.Alarms);
        await db.SaveChangesAsync(cancellationToken);
        return alarms;
    }
}

/// <summary>Runs <see cref="ReleaseGate"/> on one node at a time (a job lease), every <see cref="IntegrityOptions.GatePassEverySeconds"/>.</summary>
public sealed class ReleaseGateService(Database database, JobLeases leases, IntegrityOptions options, TimeProvider clock, ILogger<ReleaseGateService> logger) : BackgroundService
{
    public const string Job = "integrity.release-gate";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.GatePassEverySeconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.GatePassEverySeconds);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    await using var db = database.CreateContext();
                    foreach (var alarm in await ReleaseGate.RunPassAsync(db, clock, options, stoppingToken))
                    {
                        AlarmLog.ReleaseMissing(logger, alarm.ContainerNumber, alarm.HubCode);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AlarmLog.GatePassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
