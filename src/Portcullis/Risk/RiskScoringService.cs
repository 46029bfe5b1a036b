using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// Scores consignments as data arrives: every interval it scores what has no score yet, with the
/// state rebuilt from the database (so new outcomes, events and alarms feed the next scores).
/// With several nodes on one database, only the holder of the job's lease scores.
/// </summary>
public sealed class RiskScoringService(RiskEngine engine, JobLeases leases, RiskOptions options, TimeProvider clock, ILogger<RiskScoringService> logger) : BackgroundService
{
    public const string Job = "risk.scoring";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.ScoreEverySeconds));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    await engine.ScoreStoredAsync(null, all: false, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogMessages.ScoringFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
