namespace Portcullis.Simulator;

/// <summary>The long-lived state of one run, shared by the traffic generators.</summary>
internal sealed class World
{
    public World(SimulationOptions options)
    {
        Scale = options.Scale;
        Rng = new SimRandom(options.Seed);
        var firstDay = options.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Parties = new PartyPool(Rng, firstDay, new ContactBook(options.Seed));
        Equipment = new EquipmentPool(Rng);
        Fleet = new Fleet(Rng);
        Terminal = new Terminal(Rng, Equipment);
        Planner = new SmugglingPlanner(Rng, Parties);
        Documents = new Documents(Rng, Parties);
    }

    public double Scale { get; }

    public SimRandom Rng { get; }

    public PartyPool Parties { get; }

    public EquipmentPool Equipment { get; }

    public Fleet Fleet { get; }

    public Terminal Terminal { get; }

    public SmugglingPlanner Planner { get; }

    public Documents Documents { get; }

    /// <summary>A lane's consignment count today: at least one, so that small scales keep every lane alive.</summary>
    public int Count(Lane lane, int plans, DayContext day)
    {
        var expected = lane.ConsignmentsPerDay * Scale * WeekdayFactor(lane.Kind, day.Date.DayOfWeek) * Rng.LogNormal(1, 0.06);
        return Math.Max(Math.Max(1, Rng.StochasticRound(expected)), plans);
    }

    /// <summary>Ships and aircraft arrive every day; post offices and auctions are quiet at the weekend.</summary>
    private static double WeekdayFactor(LaneKind kind, DayOfWeek weekday) => (kind, weekday) switch
    {
        (LaneKind.Post, DayOfWeek.Sunday) => 0.3,
        (LaneKind.Post, DayOfWeek.Saturday) => 0.6,
        (LaneKind.Truck, DayOfWeek.Sunday) => 0.4,
        (LaneKind.Truck, DayOfWeek.Saturday) => 0.7,
        (LaneKind.Air, DayOfWeek.Sunday) => 0.85,
        _ => 1.0,
    };

    /// <summary>
    /// Spreads the plans over random positions among <paramref name="total"/> consignments
    /// (selection sampling), so a smuggling consignment's place in the output says nothing.
    /// </summary>
    public SmugglingPlan?[] Positions(int total, List<SmugglingPlan> plans)
    {
        var slots = new SmugglingPlan?[total];
        var next = 0;
        for (var i = 0; i < total && next < plans.Count; i++)
        {
            if (Rng.Next(total - i) < plans.Count - next)
            {
                slots[i] = plans[next++];
            }
        }

        return slots;
    }

    /// <summary>A lane origin, restricted to the plan's country when the lane has it.</summary>
    public string Origin(Lane lane, string? country)
    {
        if (country is not null)
        {
            Span<double> weights = stackalloc double[lane.Origins.Length];
            var any = false;
            for (var i = 0; i < lane.Origins.Length; i++)
            {
                var match = lane.Origins[i].Code.StartsWith(country, StringComparison.Ordinal);
                weights[i] = match ? lane.Origins[i].Weight : 0;
                any |= match;
            }

            if (any)
            {
                return lane.Origins[Rng.WeightedIndex(weights)].Code;
            }
        }

        return lane.Origins[Rng.WeightedIndex(Fleet.Weights(lane.Origins))].Code;
    }

    /// <summary>The commodity: the plan's preferred goods where the lane carries them, else the lane's mix.</summary>
    public Commodity Commodity(Lane lane, SmugglingPlan? plan, DayContext day)
    {
        if (plan is { IsCover: false })
        {
            var wanted = plan.Pattern.Commodities(day.Index);
            Span<double> weights = stackalloc double[lane.Commodities.Length];
            var any = false;
            for (var i = 0; i < lane.Commodities.Length; i++)
            {
                var key = lane.Commodities[i].Code;
                var w = WeightOf(wanted, key);
                if (w == 0 && plan.Pattern.NeedsReefer && Commodities.Get(key).NeedsReefer)
                {
                    w = 0.2;
                }

                weights[i] = w;
                any |= w > 0;
            }

            if (any)
            {
                return Commodities.Get(lane.Commodities[Rng.WeightedIndex(weights)].Code);
            }
        }

        return Commodities.Get(lane.Commodities[Rng.WeightedIndex(Fleet.Weights(lane.Commodities))].Code);
    }

    private static double WeightOf(Weighted[] items, string key)
    {
        foreach (var item in items)
        {
            if (string.Equals(item.Code, key, StringComparison.Ordinal))
            {
                return item.Weight;
            }
        }

        return 0;
    }
}
