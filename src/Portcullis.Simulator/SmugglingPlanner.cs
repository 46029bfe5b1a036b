using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>
/// One consignment a smuggling organisation arranges today: a real case, or a cover load (a front
/// company's clean shipment that makes it look like a trader and adds noise to every signal).
/// </summary>
internal sealed class SmugglingPlan
{
    public required SmugglingPattern Pattern { get; init; }

    public required bool IsCover { get; init; }

    public string? OriginCountry { get; init; }

    public bool Transship { get; init; }

    public bool LateBooking { get; init; }

    public bool ValueOddity { get; init; }

    public bool WeightMismatch { get; init; }

    public bool SealTamper { get; init; }

    /// <summary>The front consignee (for post: a new sender), when the organisation uses one.</summary>
    public PoolParty? Front { get; init; }

    public bool NewSender { get; init; }

    public PoolParty? Forwarder { get; init; }

    public double Kilograms { get; init; }

    public ConcealmentMethod Concealment { get; init; }
}

/// <summary>Decides each day's cases per lane and keeps the organisations' fronts and forwarders.</summary>
internal sealed class SmugglingPlanner
{
    // Mid-sized forwarders: big enough to move plenty of honest freight, small enough to be bought.
    private static readonly int[] ComplicitForwarderIndexes = [12, 25, 33, 41, 52, 60, 70];

    private readonly SimRandom rng;
    private readonly PartyPool parties;
    private readonly PoolParty[] complicit;
    private readonly List<Front>[] fronts;

    public SmugglingPlanner(SimRandom rng, PartyPool parties)
    {
        this.rng = rng;
        this.parties = parties;
        complicit = new PoolParty[ComplicitForwarderIndexes.Length];
        for (var i = 0; i < complicit.Length; i++)
        {
            complicit[i] = parties.Forwarders[ComplicitForwarderIndexes[i]];
        }

        fronts = new List<Front>[SmugglingPatterns.All.Count];
        for (var i = 0; i < fronts.Length; i++)
        {
            fronts[i] = [];
        }
    }

    /// <summary>Plans per lane, indexed like <see cref="Lanes.All"/>.</summary>
    public List<SmugglingPlan>[] PlanDay(DayContext day, double scale)
    {
        var plans = new List<SmugglingPlan>[Lanes.All.Count];
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = [];
        }

        for (var p = 0; p < SmugglingPatterns.All.Count; p++)
        {
            var pattern = SmugglingPatterns.All[p];
            var cases = rng.StochasticRound(pattern.DailyRate(day.Index) * scale);
            var lanes = pattern.Lanes(day.Index);
            for (var c = 0; c < cases; c++)
            {
                var lane = LaneIndex(lanes[rng.WeightedIndex(Fleet.Weights(lanes))].Code);
                plans[lane].Add(Case(pattern, p, day));
            }

            if (pattern.Substance == Substance.SyntheticDrugs)
            {
                continue;
            }

            // Cover loads: active fronts receive clean cargo now and then, scaled like the traffic.
            foreach (var front in fronts[p])
            {
                if (rng.Chance(0.25 * Math.Min(1, scale * 5)))
                {
                    var lane = LaneIndex(lanes[rng.WeightedIndex(Fleet.Weights(lanes))].Code);
                    plans[lane].Add(Cover(pattern, front.Party, day));
                }
            }
        }

        return plans;
    }

    private SmugglingPlan Case(SmugglingPattern pattern, int patternIndex, DayContext day)
    {
        var odds = pattern.Signals;
        var origins = pattern.Origins(day.Index);
        var useFront = rng.Chance(odds.FrontConsignee);
        var isPost = pattern.Substance == Substance.SyntheticDrugs;
        return new SmugglingPlan
        {
            Pattern = pattern,
            IsCover = false,
            OriginCountry = origins[rng.WeightedIndex(Fleet.Weights(origins))].Code,
            Transship = rng.Chance(odds.Transship),
            LateBooking = rng.Chance(odds.LateBooking),
            ValueOddity = rng.Chance(odds.ValueOddity),
            WeightMismatch = rng.Chance(odds.WeightMismatch),
            SealTamper = rng.Chance(odds.SealTamper),
            Front = useFront && !isPost ? FrontFor(patternIndex, pattern, day) : null,
            NewSender = useFront && isPost,
            Forwarder = rng.Chance(odds.ComplicitForwarder) ? ComplicitForwarder(pattern, day) : null,
            Kilograms = Math.Round(rng.LogNormal(pattern.Kilograms.Median, pattern.Kilograms.Sigma, pattern.Kilograms.Min, pattern.Kilograms.Max), isPost ? 2 : 1),
            Concealment = rng.Pick(pattern.Concealments),
        };
    }

    private SmugglingPlan Cover(SmugglingPattern pattern, PoolParty front, DayContext day) => new()
    {
        Pattern = pattern,
        IsCover = true,
        Transship = rng.Chance(0.3),
        LateBooking = rng.Chance(0.3),
        Front = front,
        Forwarder = rng.Chance(0.5) ? ComplicitForwarder(pattern, day) : null,
    };

    private PoolParty? ComplicitForwarder(SmugglingPattern pattern, DayContext day)
    {
        var slot = pattern.ForwarderSlot(day.Index);
        return slot < 0 ? null : complicit[slot];
    }

    /// <summary>Fronts live for a handful of loads; the organisation keeps one or two going.</summary>
    private PoolParty FrontFor(int patternIndex, SmugglingPattern pattern, DayContext day)
    {
        var active = fronts[patternIndex];
        Front front;
        if (active.Count == 0 || (active.Count < 3 && rng.Chance(0.3)))
        {
            front = new Front(parties.Front(pattern.FrontSector, day, pattern.Name), rng.Next(1, 5));
            active.Add(front);
        }
        else
        {
            front = active[rng.Next(active.Count)];
        }

        front.UsesLeft--;
        if (front.UsesLeft <= 0)
        {
            active.Remove(front);
        }

        return front.Party;
    }

    private static int LaneIndex(string name)
    {
        for (var i = 0; i < Lanes.All.Count; i++)
        {
            if (string.Equals(Lanes.All[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown lane '{name}'.", nameof(name));
    }

    private sealed class Front(PoolParty party, int uses)
    {
        public PoolParty Party { get; } = party;

        public int UsesLeft { get; set; } = uses;
    }
}
