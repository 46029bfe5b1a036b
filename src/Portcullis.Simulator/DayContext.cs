using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Everything produced for one day, collected in generation order.</summary>
internal sealed class DayContext(DateOnly date, int index, double scale)
{
    public DateOnly Date { get; } = date;

    /// <summary>Days since the first simulated day; drives pattern drift.</summary>
    public int Index { get; } = index;

    public DateTime Start { get; } = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime End => Start.AddDays(1);

    public List<Party> NewParties { get; } = new((int)(12_000 * scale) + 64);

    public List<Equipment> NewEquipment { get; } = new((int)(20_000 * scale) + 64);

    public List<TransportMovement> Movements { get; } = new((int)(1_600 * scale) + 64);

    public List<Consignment> Consignments { get; } = new((int)(33_000 * scale) + 64);

    public List<ContainerEvent> Events { get; } = new((int)(48_000 * scale) + 64);

    public List<SmugglingCase> GroundTruth { get; } = new(64);

    /// <summary>Uses a party on a document; the first use in the run emits it.</summary>
    public Guid Use(PoolParty party)
    {
        if (!party.Emitted)
        {
            party.Emitted = true;
            NewParties.Add(party.Party);
        }

        return party.Id;
    }

    public SimulatedDay ToSimulatedDay()
    {
        // Partners send events in time order; the sort also hides which generator produced them.
        Events.Sort(static (a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return new SimulatedDay(Date, NewParties, NewEquipment, Movements, Consignments, Events, GroundTruth);
    }
}

/// <summary>The long-lived state of one run, shared by the traffic generators.</summary>
internal sealed class World
{
    public World(SimulationOptions options)
    {
        Scale = options.Scale;
        Rng = new SimRandom(options.Seed);
        var firstDay = options.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Parties = new PartyPool(Rng, firstDay);
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
