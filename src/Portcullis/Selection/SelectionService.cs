using Portcullis.Domain.Hubs;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// The background side of selection: fills every hub's plan for today and the days ahead (only
/// shifts still to come, only free slots), moves controls whose container is discharged later than
/// planned (<see cref="Replan"/>), then runs the secure-lane pass that releases orders to
/// terminals and raises alarms. With several nodes on one database, only the holder of the job's
/// lease plans, so two planners never pick for the same free slots.
/// </summary>
public sealed class SelectionService(Database database, JobLeases leases, SelectionOptions options, TimeProvider clock, ILogger<SelectionService> logger) : BackgroundService
{
    public const string PlannerActor = "system:planner";

    public const string Job = "selection.planner";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RunEverySeconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, options.RunEverySeconds));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    await RunOnceAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SelectionLog.PassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Shifts.LocalDate(now);
        for (var d = 0; d <= options.FillDaysAhead; d++)
        {
            foreach (var hub in HubCatalogue.Codes)
            {
                await using var db = database.CreateContext();
                await FillPlan.RunAsync(db, clock, options, PlannerActor, null, hub, today.AddDays(d), notBefore: now, cancellationToken);
            }
        }

        // Controls whose container came off the vessel later than planned, or is still on board, move first, so the pass sees their orders as moved.
        await using (var db = database.CreateContext())
        {
            await Replan.RunAsync(db, clock, options, PlannerActor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await using (var db = database.CreateContext())
        {
            var pass = await SecureLane.RunPassAsync(db, clock, options, cancellationToken);
            foreach (var alarm in pass.Alarms)
            {
                SelectionLog.Alarm(logger, alarm.Kind, alarm.ContainerNumber, alarm.HubCode);
            }
        }
    }
}

internal static partial class SelectionLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Critical, Message = "Secure-lane alarm {Kind} for container {Container} at hub {Hub}; the hub's supervisors see it under Alarms.")]
    public static partial void Alarm(ILogger logger, AlarmKind kind, string container, string hub);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The selection pass failed; it tries again at the next interval.")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
