using BenchmarkDotNet.Attributes;
using Portcullis.Selection;

namespace Portcullis.Bench.Micro;

/// <summary>
/// One day planned from 10,000 candidate units into three shifts of 200 scanner slots in all
/// (control sample, targeted by value, exploration), against the baseline a planner without
/// controls or exploration would be: sort by expected value and take the top k.
/// </summary>
[MemoryDiagnoser]
public class SelectionPlannerBenchmarks
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private List<Candidate> _candidates = [];
    private Shift[] _shifts = [];
    private int _capacity;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _candidates = [.. Enumerable.Range(0, 10_000)
            .Select(i => new Candidate($"MSCU{i:D7}", random.NextDouble() * random.NextDouble() * 0.05, 50 + (random.NextDouble() * 600), random.NextDouble() * 0.05, Day.AddHours(random.NextDouble() * 24)))];
        _shifts =
        [
            new("early", Day.AddHours(5), Day.AddHours(13), 70),
            new("late", Day.AddHours(13), Day.AddHours(21), 70),
            new("night", Day.AddHours(21), Day.AddHours(29), 60),
        ];
        _capacity = _shifts.Sum(s => s.Capacity);
    }

    // Materialised: LINQ answers Take(k).Count() on an ordered sequence without sorting at all.
    [Benchmark(Baseline = true)]
    public List<Candidate> SortAndTakeTopK() =>
        _candidates.OrderByDescending(SelectionPlanner.ExpectedValue).ThenBy(c => c.Unit, StringComparer.Ordinal).Take(_capacity).ToList();

    [Benchmark]
    public int PlanDay() => SelectionPlanner.PlanDay(_candidates, _shifts, new SelectionPolicy(), [], seed: 1).Picks.Count;
}
