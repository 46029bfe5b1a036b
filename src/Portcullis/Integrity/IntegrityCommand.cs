using System.CommandLine;
using Portcullis.Hosting;

namespace Portcullis.Integrity;

/// <summary>`portcullis integrity check`: one pass of the integrity monitor over stored container events.</summary>
public static class IntegrityCommand
{
    public static Command Create()
    {
        var integrity = new Command("integrity", "Seal, sensor and geofence rules: check.");
        var check = new Command("check", "Evaluates the container events of the last days against the integrity rules and stores the alarms.");
        check.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var pass = await app.Get<IntegrityMonitor>().RunPassAsync(app.Db, cancellationToken);
            Console.WriteLine($"{pass.Events} event(s) of {pass.Containers} container(s) checked; {pass.Alarms.Count} new alarm(s).");
            foreach (var alarm in pass.Alarms)
            {
                Console.WriteLine($"  {alarm.Severity} {alarm.Kind} {alarm.ContainerNumber}: {alarm.Detail}");
            }

            return 0;
        });
        integrity.Subcommands.Add(check);
        return integrity;
    }
}
