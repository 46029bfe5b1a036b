using Microsoft.EntityFrameworkCore;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Readings that named a container Portcullis did not know yet (the device reports before the
/// manifest arrives) wait as <see cref="ReadingEvaluation.AwaitingContainer"/>. This leased job
/// looks for such containers that now have a consignment and evaluates their readings, in event
/// order, as if they had just arrived. Also a function, so tests and commands run one pass.
/// </summary>
public sealed class ReadingMatcher(Database database, JobLeases leases, IReadingEvaluator evaluator, ReadingOptions options, TimeProvider clock, ILogger<ReadingMatcher> logger) : BackgroundService
{
    public const string Job = "integrity.reading-matcher";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.MatchSeconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.MatchSeconds);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    var matched = await MatchAsync(database, clock, evaluator, stoppingToken);
                    if (matched > 0)
                    {
                        ReadingLog.Matched(logger, matched);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReadingLog.MatchFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns how many waiting readings were evaluated. At most 50,000 per pass, the rest at the next.</summary>
    public static async Task<int> MatchAsync(Database database, TimeProvider clock, IReadingEvaluator evaluator, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var waiting = await db.SensorReadings.AsNoTracking()
            .Where(r => r.Evaluation == ReadingEvaluation.AwaitingContainer)
            .Select(r => r.ContainerNumber!).Distinct().Take(5_000).ToListAsync(cancellationToken);
        var known = await ReadingPipeline.KnownContainersAsync(db, waiting, cancellationToken);
        if (known.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var readings = new List<StoredReading>();
        foreach (var chunk in known.Chunk(500))
        {
            readings.AddRange(await db.SensorReadings
                .Where(r => r.Evaluation == ReadingEvaluation.AwaitingContainer && chunk.Contains(r.ContainerNumber!))
                .OrderBy(r => r.OccurredAt).Take(50_000).ToListAsync(cancellationToken));
        }

        foreach (var reading in readings)
        {
            reading.Evaluation = ReadingEvaluation.Evaluated;
        }

        await ReadingPipeline.EvaluateAsync(db, clock, evaluator, readings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return readings.Count;
    }
}
