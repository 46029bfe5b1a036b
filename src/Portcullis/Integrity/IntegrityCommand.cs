using System.CommandLine;
using Portcullis.Hosting;

namespace Portcullis.Integrity;

/// <summary>`portcullis integrity check`: one pass of the integrity monitor over stored container events.</summary>
public static class IntegrityCommand
{
    public static Command Create()
    {
        var integrity = new Command("integrity", "Seal, sensor and geofence rules: check, evaluate.");
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
        var days = new Option<int>("--days") { Description = "Simulated days (default 30).", DefaultValueFactory = _ => 30 };
        var scale = new Option<double>("--scale") { Description = "Traffic scale, 1 = a full day of Dutch mainport traffic (default 0.2).", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Simulator seed (default 42).", DefaultValueFactory = _ => 42 };
        var zones = new Option<FileInfo?>("--zones") { Description = "The zones the simulator plays against (default: the demo zones built in, docs/geofences/demo-zones.geojson)." };
        var evaluate = new Command("evaluate", "Precision and recall of each rule on simulated traffic against the simulator's ground truth (no database).") { days, scale, seed, zones };
        evaluate.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(zones);
            if (file is { Exists: false })
            {
                throw new UserFacingException($"There is no zones file {file.FullName}; give an existing GeoJSON file to --zones, or leave it out for the demo zones.");
            }

            if (parse.GetValue(days) is < 1 or > 366 || parse.GetValue(scale) is <= 0 or > 20)
            {
                throw new UserFacingException("Give --days from 1 to 366 and --scale above 0 and at most 20.");
            }

            var map = EvaluateRules.ReadZones(file is null ? await IntegrityDemo.ReadZonesAsync(cancellationToken) : await File.ReadAllTextAsync(file.FullName, cancellationToken));
            var first = new DateOnly(2026, 11, 1);
            var report = EvaluateRules.Run(new Simulator.SimulationOptions(parse.GetValue(seed), parse.GetValue(scale), first, parse.GetValue(days)), map, cancellationToken);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{report.Days} day(s) from {first:yyyy-MM-dd}: {report.Readings} readings, {report.Events} events, {report.Incidents} incidents, {report.Decoys} decoys ({report.DecoysAlarmed} alarmed); engine {report.EngineReadingsPerSecond:0} observations/s."));
            Console.WriteLine($"{"Rule",-24} {"Incidents",9} {"Recalled",8} {"Recall",7} {"Alarms",7} {"True",6} {"Precision",9}");
            foreach (var k in report.Kinds)
            {
                Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{k.Kind,-24} {k.Incidents,9} {k.Recalled,8} {(k.Recall is { } r ? r.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a"),7} {k.Alarms,7} {k.TrueAlarms,6} {(k.Precision is { } p ? p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a"),9}"));
            }

            return 0;
        });

        integrity.Subcommands.Add(check);
        integrity.Subcommands.Add(evaluate);
        return integrity;
    }
}
