using System.Diagnostics;
using System.Globalization;
using Portcullis.Selection;

namespace Portcullis.Bench;

/// <summary>
/// `select-plan`: one day of 100,000 candidate units planned into three shifts of 2,000 scanner
/// slots in all (control sample, targeted, exploration), median of repeated runs; compared in the
/// same run with the baseline a planner without exploration or controls would be: sort by expected
/// value and take the top k.
/// </summary>
public static class SelectionBench
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Length >= 2 && args[0] == "--candidates" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var day = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(7);
        var candidates = Enumerable.Range(0, count)
            .Select(i => new Candidate($"MSCU{i:D7}", random.NextDouble() * random.NextDouble() * 0.05, 50 + (random.NextDouble() * 600), random.NextDouble() * 0.05, day.AddHours(random.NextDouble() * 24)))
            .ToList();
        Shift[] shifts =
        [
            new("early", day.AddHours(5), day.AddHours(13), 700),
            new("late", day.AddHours(13), day.AddHours(21), 700),
            new("night", day.AddHours(21), day.AddHours(29), 600),
        ];
        var policy = new SelectionPolicy();
        var k = shifts.Sum(s => s.Capacity);

        // Warm-up for the JIT.
        SelectionPlanner.PlanDay(candidates, shifts, policy, [], 1);
        _ = candidates.OrderByDescending(SelectionPlanner.ExpectedValue).Take(k).ToList();

        var plans = new List<double>();
        var baselines = new List<double>();
        var picks = 0;
        for (var run = 0; run < 7; run++)
        {
            var watch = Stopwatch.StartNew();
            picks = SelectionPlanner.PlanDay(candidates, shifts, policy, [], run).Picks.Count;
            plans.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            _ = candidates.OrderByDescending(SelectionPlanner.ExpectedValue).ThenBy(c => c.Unit, StringComparer.Ordinal).Take(k).ToList();
            baselines.Add(watch.Elapsed.TotalMilliseconds);
        }

        var plan = Median(plans);
        var baseline = Median(baselines);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"select-plan: {count:N0} candidates, capacity {k:N0} ({picks:N0} picked): median {plan:F1} ms per day plan = {count / (plan / 1000):N0} candidates/s; sort-and-take-top-k baseline {baseline:F1} ms ({plan / baseline:F2}× the baseline)"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
