using System.Diagnostics;
using System.Globalization;
using Portcullis.Simulator;

namespace Portcullis.Bench;

/// <summary>Times the traffic simulator and prints what it produced per hub and kind.</summary>
public static class SimulateDay
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seed = 42;
        var scale = 1.0;
        var days = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seed":
                    seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--scale":
                    scale = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--days":
                    days = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --seed, --scale and --days.");
                    return 2;
            }
        }

        var options = new SimulationOptions(seed, scale, new DateOnly(2025, 3, 3), days);
        var consignments = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var patterns = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long events = 0, rotterdamMoves = 0, parties = 0, equipment = 0, movements = 0, cases = 0;
        double kilograms = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var day in new TrafficSimulator(options).Run())
        {
            foreach (var c in day.Consignments)
            {
                var key = $"{c.HubCode,-4} {c.Kind}";
                consignments[key] = consignments.GetValueOrDefault(key) + 1;
            }

            foreach (var e in day.Events)
            {
                rotterdamMoves += e.UnLocode == "NLRTM" ? 1 : 0;
            }

            foreach (var g in day.GroundTruth)
            {
                patterns[g.Pattern] = patterns.GetValueOrDefault(g.Pattern) + 1;
                kilograms += g.Kilograms;
            }

            events += day.Events.Count;
            parties += day.NewParties.Count;
            equipment += day.NewEquipment.Count;
            movements += day.Movements.Count;
            cases += day.GroundTruth.Count;
        }

        stopwatch.Stop();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"simulate-day seed={seed} scale={scale} days={days}"));
        Console.WriteLine(string.Create(inv, $"elapsed: {stopwatch.Elapsed.TotalSeconds:F2} s (process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} s)"));
        foreach (var (key, count) in consignments)
        {
            Console.WriteLine(string.Create(inv, $"  {key,-24} {count,8}"));
        }

        Console.WriteLine(string.Create(inv, $"container events: {events}, at Rotterdam (NLRTM): {rotterdamMoves}"));
        Console.WriteLine(string.Create(inv, $"new parties: {parties}, new equipment: {equipment}, movements: {movements}"));
        Console.WriteLine(string.Create(inv, $"smuggling cases: {cases} ({kilograms:F0} kg)"));
        foreach (var (pattern, count) in patterns)
        {
            Console.WriteLine(string.Create(inv, $"  {pattern,-24} {count,6}"));
        }

        Console.WriteLine(string.Create(inv, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB"));
        return 0;
    }
}
