using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Runs the monitor's pass (stored container events and silence) every
/// <c>Integrity:MonitorSeconds</c> (default 30; 0 switches it off) on the node that holds the lease.
/// </summary>
public sealed class IntegrityMonitorService(Database database, JobLeases leases, IntegrityMonitor monitor, IConfiguration configuration, TimeProvider clock, ILogger<IntegrityMonitorService> logger) : BackgroundService
{
    public const string Job = "integrity.monitor";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Integrity:MonitorSeconds", 30);
        if (seconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(seconds);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    await using var db = database.CreateContext();
                    var pass = await monitor.RunPassAsync(db, stoppingToken);
                    foreach (var alarm in pass.Alarms)
                    {
                        IntegrityLog.Alarm(logger, alarm.Severity, alarm.Kind, alarm.ContainerNumber, alarm.HubCode);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                IntegrityLog.PassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal static partial class IntegrityLog
{
    [LoggerMessage(EventId = 14001, Level = LogLevel.Warning, Message = "Integrity alarm {Severity} {Kind} for container {Container} at hub {Hub}; the hub's supervisors see it under Alarms.")]
    public static partial void Alarm(ILogger logger, AlarmSeverity severity, AlarmKind kind, string container, string hub);

    [LoggerMessage(EventId = 14002, Level = LogLevel.Warning, Message = "The integrity monitor's pass failed; it tries again at the next interval.")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
