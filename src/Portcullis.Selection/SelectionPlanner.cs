using Portcullis.Domain.Phrasing;

namespace Portcullis.Selection;

/// <summary>
/// Fills a day's scanner slots, shift by shift, honouring capacity exactly:
/// <list type="number">
/// <item>a control sample drawn first by simple random sampling from all candidates, whatever their
/// risk, so every candidate has the same inclusion probability and the hit rate among controls is an
/// unbiased estimate of the true rate;</item>
/// <item>targeted picks by expected value (risk × expected kilograms), not by risk alone: a likely
/// hit of a few grams is worth less than a less likely hit of a tonne;</item>
/// <item>exploration among what targeting left: the most uncertain units, then plain random ones, so
/// the model learns where it knows least and the labels are not only where it already looks.</item>
/// </list>
/// A unit is only placed in a shift that ends after it is ready; slots nothing can fill stay empty.
/// </summary>
public static class SelectionPlanner
{
    private static readonly Phrase DrawnToLearn = Phrase.Of("PlanWhy.Random");

    public static double ExpectedValue(Candidate c) => c.Risk * c.ExpectedKg;

    public static DayPlan PlanDay(IReadOnlyList<Candidate> candidates, IReadOnlyList<Shift> shifts, SelectionPolicy policy, IReadOnlyList<Taken> taken, int seed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(taken);
        Check(policy);
        var duplicate = candidates.GroupBy(c => c.Unit, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Unit '{duplicate.Key}' is a candidate twice; each unit can be planned once a day.", nameof(candidates));
        }

        if (shifts.Any(s => s.Capacity < 0 || s.End <= s.Start))
        {
            throw new ArgumentException("Every shift needs a capacity of 0 or more and an end after its start.", nameof(shifts));
        }

        var random = new Random(seed);
        var takenUnits = taken.Select(t => t.Unit).ToHashSet(StringComparer.Ordinal);
        // Sorted by unit so that the plan depends on the seed, not on the order the database returned rows in.
        var pool = candidates.Where(c => !takenUnits.Contains(c.Unit)).OrderBy(c => c.Unit, StringComparer.Ordinal).ToList();
        var free = FreeSlots(shifts, taken);
        var total = shifts.Sum(s => s.Capacity);
        var picked = new HashSet<string>(StringComparer.Ordinal);
        var picks = new List<(Candidate Candidate, int Shift, SelectionReason Reason, Phrase Why)>();

        // 1. Control sample: simple random sampling without replacement from every candidate.
        var controls = Math.Min(Math.Min(StochasticRound(policy.ControlShare * total, random), free.Sum()), pool.Count);
        var drawn = Draw(pool, controls, random);
        foreach (var c in drawn.OrderBy(c => c.ReadyAt).ThenBy(c => c.Unit, StringComparer.Ordinal))
        {
            var shift = ShiftFor(shifts, free, c.ReadyAt);
            if (shift < 0)
            {
                break;
            }

            free[shift]--;
            picked.Add(c.Unit);
            picks.Add((c, shift, SelectionReason.Control, Phrase.Of("PlanWhy.Control", controls, pool.Count)));
        }

        // 2 and 3. Per shift in time order: targeted by value, then exploration, in proportion to the free slots.
        var afterControls = free.Sum();
        var exploration = Math.Min(StochasticRound(policy.ExplorationShare * total, random), afterControls);
        var targetedQuota = Apportion(afterControls - exploration, free);
        // Sorted once; each shift walks the order and skips what is picked or not ready, instead of sorting again.
        var byValue = pool.OrderByDescending(ExpectedValue).ThenBy(c => c.Unit, StringComparer.Ordinal).ToList();
        var byUncertainty = pool.OrderByDescending(c => c.Uncertainty).ThenBy(c => c.Unit, StringComparer.Ordinal).ToList();
        var rankOf = byValue.Select((c, i) => (c.Unit, i + 1)).ToDictionary(x => x.Unit, x => x.Item2, StringComparer.Ordinal);
        var order = Enumerable.Range(0, shifts.Count).OrderBy(i => shifts[i].Start).ToList();
        Phrase TargetedWhy(Candidate c) => Phrase.Of("PlanWhy.Targeted", ExpectedValue(c), c.Risk, c.ExpectedKg, rankOf[c.Unit], pool.Count);
        foreach (var i in order)
        {
            foreach (var c in byValue.Where(c => !picked.Contains(c.Unit) && c.ReadyAt < shifts[i].End).Take(targetedQuota[i]).ToList())
            {
                free[i]--;
                picked.Add(c.Unit);
                picks.Add((c, i, SelectionReason.Targeted, TargetedWhy(c)));
            }
        }

        var explorationQuota = Apportion(exploration, free);
        foreach (var i in order)
        {
            var quota = Math.Min(explorationQuota[i], free[i]);
            var uncertain = (int)Math.Round(quota * policy.UncertaintyShareOfExploration, MidpointRounding.ToEven);
            foreach (var c in byUncertainty.Where(c => !picked.Contains(c.Unit) && c.ReadyAt < shifts[i].End).Take(uncertain).ToList())
            {
                free[i]--;
                picked.Add(c.Unit);
                picks.Add((c, i, SelectionReason.Exploration, Phrase.Of("PlanWhy.Uncertain", c.Uncertainty)));
            }

            var rest = pool.Where(c => !picked.Contains(c.Unit) && c.ReadyAt < shifts[i].End).ToList();
            foreach (var c in Draw(rest, Math.Min(quota - uncertain, rest.Count), random))
            {
                free[i]--;
                picked.Add(c.Unit);
                picks.Add((c, i, SelectionReason.Exploration, DrawnToLearn));
            }
        }

        // The shares above choose the units shift by shift, so a later shift's targeting can take a unit
        // an earlier shift needed and leave that shift with room and nobody ready in time, and a shift
        // can have too few ready units for its share. Place the chosen units again: shifts by end, each
        // taking the earliest-ready of them it can (a unit ready for a shift is ready for every later
        // one, so this places all of them), then the most valuable units not chosen that are ready in
        // time for the slots left, so capacity is not wasted.
        var room = FreeSlots(shifts, taken);
        var waiting = picks.OrderBy(p => p.Candidate.ReadyAt).ThenBy(p => p.Candidate.Unit, StringComparer.Ordinal).ToList();
        picks.Clear();
        foreach (var i in Enumerable.Range(0, shifts.Count).OrderBy(i => shifts[i].End))
        {
            while (room[i] > 0 && waiting.Count > 0 && waiting[0].Candidate.ReadyAt < shifts[i].End)
            {
                picks.Add(waiting[0] with { Shift = i });
                waiting.RemoveAt(0);
                room[i]--;
            }

            foreach (var c in byValue.Where(c => !picked.Contains(c.Unit) && c.ReadyAt < shifts[i].End).Take(room[i]).ToList())
            {
                room[i]--;
                picked.Add(c.Unit);
                picks.Add((c, i, SelectionReason.Targeted, TargetedWhy(c)));
            }
        }

        var threshold = picks.Where(p => p.Reason == SelectionReason.Targeted).Select(p => ExpectedValue(p.Candidate)).DefaultIfEmpty(double.PositiveInfinity).Min();
        return new DayPlan(
            [.. picks.Select(p => new Pick(p.Candidate.Unit, p.Shift, p.Reason, ExpectedValue(p.Candidate), p.Candidate.Risk, p.Candidate.Uncertainty, ExpectedValue(p.Candidate) >= threshold, PlanPhrases.Catalogue.Say(p.Why), p.Why))],
            total,
            pool.Count,
            threshold);
    }

    /// <summary>Rounds up with probability equal to the fraction, so shares hold on average over many days.</summary>
    internal static int StochasticRound(double value, Random random)
    {
        var floor = Math.Floor(Math.Max(0, value));
        return (int)floor + (random.NextDouble() < value - floor ? 1 : 0);
    }

    /// <summary>Splits <paramref name="count"/> over shifts in proportion to their free slots (largest remainder), never more than a shift has.</summary>
    internal static int[] Apportion(int count, IReadOnlyList<int> free)
    {
        var result = new int[free.Count];
        var totalFree = free.Sum();
        if (count <= 0 || totalFree == 0)
        {
            return result;
        }

        count = Math.Min(count, totalFree);
        var exact = free.Select(f => (double)count * f / totalFree).ToArray();
        for (var i = 0; i < free.Count; i++)
        {
            result[i] = (int)Math.Floor(exact[i]);
        }

        foreach (var i in Enumerable.Range(0, free.Count).OrderByDescending(i => exact[i] - result[i]).ThenBy(i => i))
        {
            if (result.Sum() >= count)
            {
                break;
            }

            if (result[i] < free[i])
            {
                result[i]++;
            }
        }

        return result;
    }

    // Partial Fisher–Yates: k distinct items, each subset of size k equally likely.
    private static List<Candidate> Draw(IReadOnlyList<Candidate> items, int k, Random random)
    {
        var indices = Enumerable.Range(0, items.Count).ToArray();
        var result = new List<Candidate>(k);
        for (var i = 0; i < k; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            result.Add(items[indices[i]]);
        }

        return result;
    }

    /// <summary>
    /// The shift a unit ready at <paramref name="readyAt"/> goes in: the earliest by start that has a
    /// free slot and ends after the unit is ready; -1 when every such shift is full (a shift that ends
    /// before the unit is ready cannot control it: the box is still on the ship).
    /// <paramref name="free"/> holds the free slots per shift index; 0 or less is full.
    /// </summary>
    public static int ShiftFor(IReadOnlyList<Shift> shifts, IReadOnlyList<int> free, DateTime readyAt)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(free);
        var byStart = Enumerable.Range(0, shifts.Count).OrderBy(i => shifts[i].Start).ToList();
        foreach (var i in byStart)
        {
            if (free[i] > 0 && shifts[i].End > readyAt)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>As <see cref="ShiftFor(IReadOnlyList{Shift}, IReadOnlyList{int}, DateTime)"/>, with the free slots counted from what is <paramref name="taken"/>.</summary>
    public static int ShiftFor(IReadOnlyList<Shift> shifts, IReadOnlyList<Taken> taken, DateTime readyAt) => ShiftFor(shifts, FreeSlots(shifts, taken), readyAt);

    /// <summary>Free slots per shift index: capacity less the slots taken in it, never below 0.</summary>
    public static int[] FreeSlots(IReadOnlyList<Shift> shifts, IReadOnlyList<Taken> taken)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(taken);
        return [.. shifts.Select((s, i) => Math.Max(0, s.Capacity - taken.Count(t => t.ShiftIndex == i)))];
    }

    private static void Check(SelectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.ControlShare is < 0 or > 1 || policy.ExplorationShare is < 0 or > 1 || policy.UncertaintyShareOfExploration is < 0 or > 1 || policy.ControlShare + policy.ExplorationShare > 1)
        {
            throw new ArgumentException("Control and exploration shares must each lie between 0 and 1 and together not exceed 1.", nameof(policy));
        }
    }
}
