using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Hubs;
using Portcullis.Risk.Monitoring;
using Portcullis.Simulator;

namespace Portcullis.Bench;

/// <summary>
/// `waterbed-detection [--seeds 20] [--null-months 5000]`: how early and how cleanly the waterbed
/// monitor flags the simulator's rip-on shift (Rotterdam → Vlissingen, share 15 % → 80 % over days
/// 8–16), over many seeds, and how often it alarms on stable series.
/// Part 1, per seed: the month WaterbedDetectionTests simulates (traffic scale 0.2, smuggling at
/// full scale, each case found with p = 0.8 at every hub alike), scanned with lane keys only and
/// with lane and pattern keys; the delay of the first alarm on a key holding rip-on cases, and the
/// alarms on keys holding none (or pointing anywhere but Rotterdam → Vlissingen). A third scan of a
/// key that holds only the rip-on cases (ground truth: a separation no inspection outcome gives)
/// shows the ceiling of the test at these volumes.
/// Part 2: stable series (constant shares, Poisson events a day) of 28 days at 2–5 hubs and
/// several rates, through <see cref="ShareShift.Scan"/>: the share of key-months that alarm at the
/// default thresholds and at one flat threshold of 15 (the monitor's threshold before).
/// </summary>
public static class WaterbedDetectionBench
{
    // The ground truth's name of the rip-on pattern (SmugglingPatterns.RipOnRipOff, internal to the simulator).
    private const string RipOn = "ripon-fruit-ec-pa";
    private const int Days = 28;
    private const int OnsetDay = 8;

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seeds = Option(args, "--seeds", 20);
        var nullMonths = Option(args, "--null-months", 5000);
        var watch = Stopwatch.StartNew();
        Detection(seeds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({watch.Elapsed.TotalSeconds:F0} s)"));
        if (nullMonths == 0)
        {
            return 0;
        }

        watch.Restart();
        Stable(nullMonths);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({watch.Elapsed.TotalSeconds:F0} s)"));
        return 0;
    }

    private static void Detection(int seeds)
    {
        var first = new DateOnly(2026, 3, 2);
        var onset = first.AddDays(OnsetDay);
        var scans = new[] { "lanes", "lanes+patterns", "rip-on only (ground truth)" };
        var delays = scans.ToDictionary(s => s, _ => new List<int?>());
        var falseAlarms = scans.ToDictionary(s => s, _ => 0);
        var stableKeys = scans.ToDictionary(s => s, _ => 0);
        var options = new ShareShiftOptions();
        Console.WriteLine($"seed | {string.Join(" | ", scans.Select(s => $"{s}: delay, false alarms"))}");
        for (var seed = 1; seed <= seeds; seed++)
        {
            var seizures = Seizures(seed, first);
            var cells = new List<string>();
            foreach (var scan in scans)
            {
                var events = scan switch
                {
                    "lanes" => seizures.Select(s => s.Lane),
                    "lanes+patterns" => seizures.SelectMany(s => new[] { s.Lane, s.Pattern }),
                    _ => seizures.Where(s => s.Truth == RipOn).Select(s => s.Lane with { Key = "rip-on" }),
                };
                var keys = ShareShift.Scan(events, first, first.AddDays(Days - 1), options);
                var ripOnKeys = seizures.Where(s => s.Truth == RipOn).SelectMany(s => new[] { (s.Lane.Kind, s.Lane.Key), (s.Pattern.Kind, s.Pattern.Key) }).Append((KeyKind.Lane, "rip-on")).ToHashSet();
                var wrong = keys.Count(k => k.Alarm && (!ripOnKeys.Contains((k.Kind, k.Key)) || !k.From.SequenceEqual([HubCatalogue.Rotterdam]) || !k.To.SequenceEqual([HubCatalogue.ZeelandWestBrabant])));
                var firstKey = keys.Where(k => k.Alarm && ripOnKeys.Contains((k.Kind, k.Key))).OrderBy(k => k.FlaggedOn).ThenBy(k => k.Kind).FirstOrDefault();
                var flagged = firstKey is null ? int.MaxValue : firstKey.FlaggedOn!.Value.DayNumber - onset.DayNumber;
                delays[scan].Add(flagged == int.MaxValue ? null : flagged);
                falseAlarms[scan] += wrong;
                stableKeys[scan] += keys.Count(k => !ripOnKeys.Contains((k.Kind, k.Key)));
                cells.Add(firstKey is null ? $"none, {wrong}" : string.Create(CultureInfo.InvariantCulture, $"{flagged} ({firstKey.Kind} {firstKey.Key}, G = {firstKey.Best!.Score:F1} over the month), {wrong}"));
            }

            Console.WriteLine($"{seed} | {string.Join(" | ", cells)}");
        }

        foreach (var scan in scans)
        {
            var found = delays[scan].Where(d => d is not null).Select(d => d!.Value).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scan}: flagged in {found.Count}/{seeds} months; within 5 days of the onset {found.Count(d => d <= 5)}/{seeds}; delay median {(found.Count > 0 ? (found[(found.Count - 1) / 2] + found[found.Count / 2]) / 2.0 : double.NaN)}, range {found.FirstOrDefault()}–{found.LastOrDefault()}; {falseAlarms[scan]} false alarms on {stableKeys[scan]} stable key-months"));
        }
    }

    private sealed record Seizure(LaneEvent Lane, LaneEvent Pattern, string Truth);

    /// <summary>The seizures of a simulated month as WaterbedDetectionTests builds them (same seeds, same draws).</summary>
    private static List<Seizure> Seizures(int seed, DateOnly first)
    {
        var seizures = new List<Seizure>();
        var found = new Random(seed);
        foreach (var day in new TrafficSimulator(new SimulationOptions(seed, 0.2, first, Days) { SmugglingScale = 1.0 }).Run())
        {
            var byId = day.Consignments.ToDictionary(c => c.Id);
            foreach (var seized in day.GroundTruth.OrderBy(c => c.ConsignmentId))
            {
                if (found.NextDouble() < 0.8 && byId.TryGetValue(seized.ConsignmentId, out var c))
                {
                    var hs = c.Goods.Count > 0 ? c.Goods[0].HsCode : null;
                    var on = DateOnly.FromDateTime(c.ArrivedAt);
                    seizures.Add(new Seizure(
                        new LaneEvent(Lane.Of(c.OriginCountry, hs, c.Kind.ToString()), c.HubCode, on),
                        new LaneEvent(Pattern.Of(hs, c.Kind.ToString(), seized.Concealment.ToString()), c.HubCode, on, Kind: KeyKind.Pattern),
                        seized.Pattern));
                }
            }
        }

        return seizures;
    }

    private static void Stable(int months)
    {
        double[][] shares = [[0.85, 0.15], [0.6, 0.4], [0.5, 0.5], [0.7, 0.2, 0.1], [0.4, 0.3, 0.3], [0.55, 0.2, 0.15, 0.1], [0.4, 0.2, 0.2, 0.1, 0.1]];
        var rates = new[] { 1.0, 2, 4, 8, 16 };
        var first = new DateOnly(2026, 3, 2);
        var defaults = new ShareShiftOptions();
        var flat = new ShareShiftOptions(Threshold: 15, ThresholdPerExtraHub: 0);
        var random = new Random(1);
        Console.WriteLine($"stable key-months: {months} per row, 28 days, Poisson events a day at constant shares");
        Console.WriteLine("hubs | shares | events a day | alarms at the default thresholds | alarms at a flat G >= 15");
        foreach (var share in shares)
        {
            var hubs = Enumerable.Range(0, share.Length).Select(h => $"H{h}").ToArray();
            foreach (var rate in rates)
            {
                int alarms = 0, flatAlarms = 0;
                for (var m = 0; m < months; m++)
                {
                    var events = new List<LaneEvent>();
                    for (var d = 0; d < Days; d++)
                    {
                        var n = Poisson(random, rate);
                        for (var i = 0; i < n; i++)
                        {
                            events.Add(new LaneEvent("stable", hubs[Pick(random, share)], first.AddDays(d)));
                        }
                    }

                    var last = first.AddDays(Days - 1);
                    alarms += ShareShift.Scan(events, first, last, defaults).Count(k => k.Alarm);
                    flatAlarms += ShareShift.Scan(events, first, last, flat).Count(k => k.Alarm);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{share.Length} | {string.Join("/", share)} | {rate} | {alarms / (double)months:P1} (G >= {defaults.ThresholdFor(share.Length)}) | {flatAlarms / (double)months:P1}"));
            }
        }
    }

    private static int Pick(Random random, double[] shares)
    {
        var u = random.NextDouble();
        for (var h = 0; h < shares.Length - 1; h++)
        {
            if (u < shares[h])
            {
                return h;
            }

            u -= shares[h];
        }

        return shares.Length - 1;
    }

    // Knuth's method: enough for the small rates here.
    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
