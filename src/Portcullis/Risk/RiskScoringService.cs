namespace Portcullis.Risk;

/// <summary>
/// Scores consignments as data arrives: every interval it scores what has no score yet, with the
/// state rebuilt from the database (so new outcomes, events and alarms feed the next scores).
/// </summary>
public sealed class RiskScoringService(RiskEngine engine, RiskOptions options, TimeProvider clock, ILogger<RiskScoringService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.ScoreEverySeconds)), clock);
        do
        {
            try
            {
                await engine.ScoreStoredAsync(null, all: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogMessages.ScoringFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
