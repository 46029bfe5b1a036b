using Portcullis.Selection;
using Portcullis.Simulator;

namespace Portcullis.Tests.Selection;

public sealed class SelectionPlannerTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    private static Shift[] Shifts(params int[] capacity) =>
        [.. capacity.Select((c, i) => new Shift($"s{i}", Day.AddHours(6 + (8 * i)), Day.AddHours(14 + (8 * i)), c))];

    private static List<Candidate> Random(int count, int seed, bool allReadyAtStart = false)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new Candidate($"U{i:D6}", random.NextDouble() * random.NextDouble(), 10 + (random.NextDouble() * 500), random.NextDouble() * 0.25,
            allReadyAtStart ? Day : Day.AddHours(random.NextDouble() * 28)))];
    }

    [Fact]
    public void Capacity_is_never_exceeded_and_no_unit_is_picked_twice()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var shifts = Shifts(random.Next(0, 12), random.Next(0, 12), random.Next(0, 12));
            var candidates = Random(random.Next(0, 60), seed);
            var taken = candidates.Take(random.Next(0, 4)).Select(c => new Taken(c.Unit, random.Next(0, 3))).ToList();
            var policy = new SelectionPolicy(random.NextDouble() * 0.4, random.NextDouble(), random.NextDouble() * 0.4);

            var plan = SelectionPlanner.PlanDay(candidates, shifts, policy, taken, seed);

            for (var i = 0; i < shifts.Length; i++)
            {
                var used = plan.Picks.Count(p => p.ShiftIndex == i) + taken.Count(t => t.ShiftIndex == i);
                Assert.True(plan.Picks.Count(p => p.ShiftIndex == i) == 0 || used <= shifts[i].Capacity, $"seed {seed} shift {i}: {used} > {shifts[i].Capacity}");
            }

            Assert.Equal(plan.Picks.Count, plan.Picks.Select(p => p.Unit).Distinct().Count());
            Assert.DoesNotContain(plan.Picks, p => taken.Any(t => t.Unit == p.Unit));
            // A unit is only placed in a shift that ends after it is ready: the box must be off the ship.
            Assert.All(plan.Picks, p => Assert.True(candidates.Single(c => c.Unit == p.Unit).ReadyAt < shifts[p.ShiftIndex].End, $"seed {seed}: {p.Unit} ({p.Reason}) in shift {p.ShiftIndex}"));
        }
    }

    [Fact]
    public void With_every_unit_ready_the_free_slots_are_all_used()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            var shifts = Shifts(random.Next(0, 20), random.Next(0, 20), random.Next(0, 20));
            var candidates = Random(random.Next(0, 70), seed, allReadyAtStart: true);
            var plan = SelectionPlanner.PlanDay(candidates, shifts, new SelectionPolicy(), [], seed);
            Assert.Equal(Math.Min(shifts.Sum(s => s.Capacity), candidates.Count), plan.Picks.Count);
        }
    }

    [Fact]
    public void With_units_ready_through_the_day_every_slot_a_ready_unit_can_fill_is_used()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var shifts = Shifts(random.Next(0, 8), random.Next(0, 8), random.Next(0, 8));
            var candidates = Random(random.Next(0, 30), seed);
            if (seed % 2 == 0)
            {
                // The hard case: the earlier a unit is ready, the more it is worth, so a later shift's
                // targeting wants the units the earlier shifts need.
                candidates = [.. candidates.Select(c => c with { Risk = 1 - ((c.ReadyAt - Day).TotalHours / 28), ExpectedKg = 100 })];
            }

            var policy = new SelectionPolicy(random.NextDouble() * 0.4, random.NextDouble(), random.NextDouble() * 0.4);

            var plan = SelectionPlanner.PlanDay(candidates, shifts, policy, [], seed);

            Assert.Equal(MostThatFit(candidates, shifts), plan.Picks.Count);
        }
    }

    /// <summary>
    /// The largest number of units the shifts can hold, each in a shift that ends after it is ready:
    /// shifts by end, each taking the earliest-ready units still unplaced (a unit ready for a shift is
    /// ready for every later one, so using it early never costs a later shift a unit).
    /// </summary>
    private static int MostThatFit(IReadOnlyList<Candidate> candidates, IReadOnlyList<Shift> shifts)
    {
        var waiting = candidates.Select(c => c.ReadyAt).Order().ToList();
        var placed = 0;
        foreach (var shift in shifts.OrderBy(s => s.End))
        {
            var take = Math.Min(shift.Capacity, waiting.Count(r => r < shift.End));
            waiting.RemoveRange(0, take);
            placed += take;
        }

        return placed;
    }

    [Fact]
    public void Targeting_ranks_by_expected_kilograms_not_by_risk()
    {
        // Likely but tiny (0.6 × 2 kg = 1.2) loses to less likely but large (0.1 × 800 kg = 80).
        var candidates = new[]
        {
            new Candidate("POSTPARCEL", 0.6, 2, 0.01, Day),
            new Candidate("REEFER1234", 0.1, 800, 0.01, Day),
            new Candidate("DRYBOX0001", 0.01, 250, 0.01, Day),
        };
        var plan = SelectionPlanner.PlanDay(candidates, Shifts(1, 0, 0), new SelectionPolicy(0, 0.5, 0), [], 1);
        var pick = Assert.Single(plan.Picks);
        Assert.Equal("REEFER1234", pick.Unit);
        Assert.Equal(SelectionReason.Targeted, pick.Reason);
        Assert.Equal(80, pick.ExpectedValue, 9);
        Assert.Equal("Targeted: expected 80 kg (risk 0.1 × 800 kg), rank 1 of 3.", pick.Why);
        Assert.Equal("Gericht: verwacht 80 kg (risico 0,1 × 800 kg), rang 1 van 3.", Components.PhraseAssert.SaidInDutch(pick.WhyPhrase!, pick.Why));
    }

    [Fact]
    public void A_control_pick_says_its_draw_with_thousands_in_each_language()
    {
        var candidates = Enumerable.Range(0, 1_500).Select(i => new Candidate($"U{i:D4}", 0.01, 100, 0.01, Day)).ToList();
        var pick = Assert.Single(SelectionPlanner.PlanDay(candidates, Shifts(1, 0, 0), new SelectionPolicy(ExplorationShare: 0, UncertaintyShareOfExploration: 0, ControlShare: 1), [], 5).Picks);

        Assert.Equal(SelectionReason.Control, pick.Reason);
        Assert.Equal("Control: drawn uniformly at random (1 of 1,500) to measure the true hit rate.", pick.Why);
        Assert.Equal("Steekproef: aselect getrokken (1 van 1.500) om het werkelijke trefferpercentage te meten.", Components.PhraseAssert.SaidInDutch(pick.WhyPhrase!, pick.Why));
    }

    [Fact]
    public void Control_and_exploration_shares_hold_within_sampling_error_and_controls_ignore_risk()
    {
        var policy = new SelectionPolicy(ExplorationShare: 0.10, UncertaintyShareOfExploration: 0.5, ControlShare: 0.05);
        int capacity = 0, controls = 0, exploration = 0;
        double controlRisk = 0, targetedRisk = 0;
        int targeted = 0;
        var population = new List<double>();
        for (var day = 0; day < 200; day++)
        {
            var candidates = Random(400, 1000 + day, allReadyAtStart: true);
            population.AddRange(candidates.Select(c => c.Risk));
            var shifts = Shifts(11, 7, 5);
            var plan = SelectionPlanner.PlanDay(candidates, shifts, policy, [], day);
            capacity += shifts.Sum(s => s.Capacity);
            controls += plan.Picks.Count(p => p.Reason == SelectionReason.Control);
            exploration += plan.Picks.Count(p => p.Reason == SelectionReason.Exploration);
            controlRisk += plan.Picks.Where(p => p.Reason == SelectionReason.Control).Sum(p => p.Risk);
            targetedRisk += plan.Picks.Where(p => p.Reason == SelectionReason.Targeted).Sum(p => p.Risk);
            targeted += plan.Picks.Count(p => p.Reason == SelectionReason.Targeted);
        }

        // Stochastic rounding of share × 23 per day: the count is exact in expectation, with at most 1 of variation a day.
        var tolerance = 4 * Math.Sqrt(200 * 0.25);
        Assert.InRange(controls, (0.05 * capacity) - tolerance, (0.05 * capacity) + tolerance);
        Assert.InRange(exploration, (0.10 * capacity) - tolerance, (0.10 * capacity) + tolerance);

        // Controls are drawn whatever the risk: their mean risk is the population's within 4 standard errors.
        var mean = population.Average();
        var sd = Math.Sqrt(population.Average(r => (r - mean) * (r - mean)));
        Assert.InRange(controlRisk / controls, mean - (4 * sd / Math.Sqrt(controls)), mean + (4 * sd / Math.Sqrt(controls)));
        Assert.True(targetedRisk / targeted > mean + (10 * sd / Math.Sqrt(controls)), "targeted picks should be far riskier than the population");
    }

    [Fact]
    public void Exploration_takes_the_most_uncertain_first_then_random_ones()
    {
        var candidates = Enumerable.Range(0, 50).Select(i => new Candidate($"U{i:D2}", 0.01, 100, i == 7 || i == 8 ? 0.9 : 0.01, Day)).ToList();
        var plan = SelectionPlanner.PlanDay(candidates, Shifts(4, 0, 0), new SelectionPolicy(ExplorationShare: 1, UncertaintyShareOfExploration: 0.5, ControlShare: 0), [], 3);
        var explored = plan.Picks.Where(p => p.Reason == SelectionReason.Exploration).ToList();
        Assert.Equal(4, explored.Count);
        Assert.Contains(explored, p => p.Unit == "U07");
        Assert.Contains(explored, p => p.Unit == "U08");
        Assert.Equal(2, explored.Count(p => p.Why == "Exploration: drawn at random among the units not targeted, to learn."));
        Assert.All(explored, p => Assert.StartsWith("Verkenning: ", Components.PhraseAssert.SaidInDutch(p.WhyPhrase!, p.Why), StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan_and_another_seed_other_controls()
    {
        var candidates = Random(500, 5, allReadyAtStart: true);
        var policy = new SelectionPolicy(0.1, 0.5, 0.2);
        var a = SelectionPlanner.PlanDay(candidates, Shifts(20, 20, 20), policy, [], 42);
        var b = SelectionPlanner.PlanDay([.. candidates.AsEnumerable().Reverse()], Shifts(20, 20, 20), policy, [], 42);
        var c = SelectionPlanner.PlanDay(candidates, Shifts(20, 20, 20), policy, [], 43);
        Assert.Equal(a.Picks.Select(p => (p.Unit, p.Reason, p.ShiftIndex)), b.Picks.Select(p => (p.Unit, p.Reason, p.ShiftIndex)));
        Assert.NotEqual(a.Picks.Where(p => p.Reason == SelectionReason.Control).Select(p => p.Unit).Order(), c.Picks.Where(p => p.Reason == SelectionReason.Control).Select(p => p.Unit).Order());
    }

    [Fact]
    public void Bad_arguments_are_refused_with_a_sentence()
    {
        var twice = new[] { new Candidate("A", 0.1, 1, 0, Day), new Candidate("A", 0.2, 1, 0, Day) };
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => SelectionPlanner.PlanDay(twice, Shifts(1), new SelectionPolicy(), [], 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SelectionPlanner.PlanDay([], Shifts(1), new SelectionPolicy(ControlShare: 0.7, ExplorationShare: 0.5), [], 0));
        Assert.Throws<ArgumentException>(() => SelectionPlanner.PlanDay([], Shifts(-1), new SelectionPolicy(), [], 0));
    }

    [Theory]
    // Worked by hand from the Wilson formula with z = 1.96.
    [InlineData(0, 10, 0.0, 0.0, 0.2775)]
    [InlineData(5, 10, 0.5, 0.2366, 0.7634)]
    [InlineData(1, 100, 0.01, 0.0018, 0.0545)]
    public void Wilson_interval_matches_the_formula(int hits, int trials, double estimate, double low, double high)
    {
        var p = SelectionEstimates.Wilson(hits, trials);
        Assert.Equal(estimate, p.Estimate, 4);
        Assert.Equal(low, p.Low95, 4);
        Assert.Equal(high, p.High95, 4);
    }

    /// <summary>
    /// A simulated month at half scale: the control sample's hit rate lands within ±20 % of the true
    /// rate. The sample size comes from the prior in docs/SIMULATOR.md (about 25 sea cases a day
    /// among some 16,000 sea units at full scale: 0.15 %) and the Wilson half-width, not from the true
    /// rate: ±20 % needs about 96 hits, hence about 64,000 controls in the month, which half the
    /// traffic (some 8,000 sea units a day) still holds at three shifts of 1,000. A realistic 2 % control share
    /// gives an interval several times wider, which is why the report always shows the interval.
    /// </summary>
    [Fact]
    public void Control_sample_estimates_the_true_hit_rate_of_a_simulated_month()
    {
        const double PriorRate = 0.0015;
        const int Days = 28;
        var needed = (int)Math.Ceiling(Math.Pow(1.96 / 0.2, 2) * (1 - PriorRate) / PriorRate);
        var perShift = 1000;
        var controlShare = Math.Min(0.9, (double)needed / Days / (3 * perShift));
        var latinAmerica = new HashSet<string>(["EC", "CO", "CR", "PA", "BR", "PY", "UY", "PE", "DO", "GY", "SR"]);
        var options = new SimulationOptions(21, 0.5, new DateOnly(2025, 5, 5), Days);

        int units = 0, trueHits = 0;
        var outcomes = new List<(Pick Pick, bool Hit)>();
        foreach (var day in new TrafficSimulator(options).Run(TestContext.Current.CancellationToken))
        {
            var hitContainers = day.GroundTruth.Where(g => g.ContainerNumber is not null).Select(g => g.ContainerNumber!).ToHashSet(StringComparer.Ordinal);
            var hitConsignments = day.GroundTruth.Select(g => g.ConsignmentId).ToHashSet();
            var sea = day.Consignments.Where(c => c.HubCode is "RTM" or "ZWB" && c.Equipment.Count > 0).ToList();
            var byContainer = sea.SelectMany(c => c.Equipment.Select(e => (e.ContainerNumber, Consignment: c))).GroupBy(x => x.ContainerNumber, StringComparer.Ordinal).ToList();
            var candidates = byContainer.Select(g =>
            {
                // An honest, simple scorer on what a manifest shows; it never looks at the ground truth.
                var c = g.First().Consignment;
                var lane = latinAmerica.Contains(c.OriginCountry);
                var reefer = g.Any(x => x.Consignment.Equipment.Any(e => e.ReeferSetpointC is not null));
                var risk = lane && reefer ? 0.012 : lane ? 0.004 : 0.0005;
                return new Candidate(g.Key, risk, 250, risk * (1 - risk), g.Min(x => x.Consignment.ArrivedAt));
            }).ToList();
            var isHit = byContainer.ToDictionary(g => g.Key, g => hitContainers.Contains(g.Key) || g.Any(x => hitConsignments.Contains(x.Consignment.Id)), StringComparer.Ordinal);
            units += candidates.Count;
            trueHits += isHit.Count(h => h.Value);

            var start = day.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var shifts = new[] { new Shift("early", start.AddHours(6), start.AddHours(14), perShift), new Shift("late", start.AddHours(14), start.AddHours(22), perShift), new Shift("night", start.AddHours(22), start.AddHours(30), perShift) };
            var plan = SelectionPlanner.PlanDay(candidates, shifts, new SelectionPolicy(0.02, 0.5, controlShare), [], day.Date.DayNumber);
            // The inspection reveals the truth of the picked units only.
            outcomes.AddRange(plan.Picks.Select(p => (p, isHit[p.Unit])));
        }

        var truth = (double)trueHits / units;
        var estimate = SelectionEstimates.Estimate(outcomes, units);
        Assert.True(estimate.HitRate.Trials >= needed * 0.9, $"{estimate.HitRate.Trials} controls, {needed} planned");
        Assert.True(Math.Abs(estimate.HitRate.Estimate - truth) <= 0.2 * truth, $"control estimate {estimate.HitRate.Estimate:P3} ({estimate.HitRate.Hits}/{estimate.HitRate.Trials}) vs true {truth:P3} ({trueHits}/{units})");
        Assert.InRange(truth, estimate.HitRate.Low95, estimate.HitRate.High95);
        Assert.True(estimate.TargetedPrecisionObserved.Estimate > estimate.HitRate.Estimate, $"targeted {estimate.TargetedPrecisionObserved.Estimate:P3} vs base {estimate.HitRate.Estimate:P3}");
        TestContext.Current.SendDiagnosticMessage($"Month: true rate {truth:P4} ({trueHits}/{units}); control estimate {estimate.HitRate.Estimate:P4} ({estimate.HitRate.Hits}/{estimate.HitRate.Trials}), 95 % {estimate.HitRate.Low95:P4}–{estimate.HitRate.High95:P4}; targeted {estimate.TargetedPrecisionObserved.Estimate:P3}.");
    }
}
