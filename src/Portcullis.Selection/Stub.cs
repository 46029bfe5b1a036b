namespace Portcullis.Selection;

public enum SelectionReason { Targeted, Exploration, Control, Manual, Alarm }
public sealed record Candidate(string Unit, double Risk, double ExpectedKg, double Uncertainty, DateTime ReadyAt);
public sealed record Shift(string Name, DateTime Start, DateTime End, int Capacity);
public sealed record SelectionPolicy(double ExplorationShare = 0.10, double UncertaintyShareOfExploration = 0.5, double ControlShare = 0.02);
public sealed record Taken(string Unit, int ShiftIndex);
public sealed record Pick(string Unit, int ShiftIndex, SelectionReason Reason, double ExpectedValue, double Risk, double Uncertainty, bool WouldBeTargeted, string Why);
public sealed record DayPlan(IReadOnlyList<Pick> Picks, int Capacity, int Candidates, double TargetedThresholdValue);
public static class SelectionPlanner
{
    public static DayPlan PlanDay(IReadOnlyList<Candidate> candidates, IReadOnlyList<Shift> shifts, SelectionPolicy policy, IReadOnlyList<Taken> taken, int seed)
    {
        var picks = new List<Pick>();
        var rng = new Random(seed);
        var pool = candidates.OrderByDescending(ExpectedValue).ToList();
        for (var i = 0; i < shifts.Count; i++)
        {
            var free = shifts[i].Capacity - taken.Count(t => t.ShiftIndex == i);
            while (free-- > 0 && pool.Count > 0)
            {
                var c = pool[0];
                pool.RemoveAt(0);
                var reason = rng.NextDouble() < policy.ControlShare ? SelectionReason.Control : SelectionReason.Targeted;
                picks.Add(new Pick(c.Unit, i, reason, ExpectedValue(c), c.Risk, c.Uncertainty, true, "stub"));
            }
        }
        return new DayPlan(picks, shifts.Sum(s => s.Capacity), candidates.Count, 0);
    }

    public static double ExpectedValue(Candidate c) => c.Risk * c.ExpectedKg;
}
public sealed record Proportion(int Hits, int Trials, double Estimate, double Low95, double High95);
public sealed record ControlEstimate(Proportion HitRate, Proportion TargetedPrecisionFromControls, Proportion TargetedPrecisionObserved, double? Lift, double? EstimatedRecall);
public static class SelectionEstimates
{
    public static Proportion Wilson(int hits, int trials) => new(hits, trials, trials == 0 ? 0 : (double)hits / trials, 0, 1);
    public static ControlEstimate Estimate(IReadOnlyList<(Pick Pick, bool Hit)> outcomes, int population)
    {
        var c = outcomes.Where(o => o.Pick.Reason == SelectionReason.Control).ToList();
        var t = outcomes.Where(o => o.Pick.Reason == SelectionReason.Targeted).ToList();
        return new(Wilson(c.Count(x => x.Hit), c.Count), Wilson(0, 0), Wilson(t.Count(x => x.Hit), t.Count), null, null);
    }
}
