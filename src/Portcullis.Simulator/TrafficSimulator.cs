using Portcullis.Domain.Hubs;

namespace Portcullis.Simulator;

/// <summary>
/// Simulates Dutch mainport traffic day by day: what partners would send customs, plus the
/// ground truth of which consignments hide drugs. Deterministic by seed; each call of
/// <see cref="Run"/> starts afresh and streams one day at a time, so a month stays in flat memory.
/// Navigation properties (ConsignmentParty.Party, ConsignmentEquipment.Equipment) are left null:
/// join by id and container number, since parties and equipment are emitted only once.
/// </summary>
public sealed class TrafficSimulator
{
    // Export loads per day at Rotterdam at scale 1; with discharges, yard moves and gate moves ≈ 40k moves.
    private const double RotterdamExportsPerDay = 4_000;

    private readonly SimulationOptions options;

    public TrafficSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Days);
        if (!(options.Scale > 0 && options.Scale <= 20))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be above 0 and at most 20.");
        }

        this.options = options;
    }

    public IEnumerable<SimulatedDay> Run(CancellationToken cancellationToken = default)
    {
        var world = new World(options);
        var containers = new ContainerTraffic(world);
        var bulk = new BulkTraffic(world);
        var air = new AirTraffic(world);
        var road = new RoadTraffic(world);
        var post = new PostTraffic(world);
        for (var index = 0; index < options.Days; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = new DayContext(options.FirstDay.AddDays(index), index, options.Scale);
            if (index == 0)
            {
                WarmUp(world, day);
            }

            world.Terminal.Flush(day);
            var plans = world.Planner.PlanDay(day, options.SmugglingScale ?? options.Scale);
            containers.Vessels.Clear();
            for (var l = 0; l < Lanes.All.Count; l++)
            {
                var lane = Lanes.All[l];
                switch (lane.Kind)
                {
                    case LaneKind.Container:
                        containers.Generate(lane, plans[l], day);
                        break;
                    case LaneKind.Bulk:
                        bulk.Generate(lane, plans[l], day);
                        break;
                    case LaneKind.Air:
                        air.Generate(lane, plans[l], day);
                        break;
                    case LaneKind.Truck:
                        road.Generate(lane, plans[l], day);
                        break;
                    case LaneKind.Post:
                        post.Generate(lane, plans[l], day);
                        break;
                    default:
                        throw new InvalidOperationException($"Lane kind {lane.Kind} has no generator.");
                }
            }

            var rotterdamVessels = containers.Vessels.FindAll(v => v.Locode == "NLRTM");
            world.Terminal.Exports(day, rotterdamVessels, world.Rng.StochasticRound(RotterdamExportsPerDay * options.Scale));
            yield return day.ToSimulatedDay(options.Now);
        }
    }

    /// <summary>Containers discharged before the run still leave the terminals in its first days.</summary>
    private void WarmUp(World world, DayContext day)
    {
        foreach (var hub in new[] { HubCatalogue.Rotterdam, HubCatalogue.ZeelandWestBrabant })
        {
            var perDay = 0.0;
            Lane? sample = null;
            foreach (var lane in Lanes.All)
            {
                if (lane.Kind == LaneKind.Container && lane.HubCode == hub)
                {
                    perDay += lane.ConsignmentsPerDay * 1.08;
                    sample ??= lane;
                }
            }

            if (sample is not null)
            {
                var fruit = hub == HubCatalogue.ZeelandWestBrabant;
                world.Terminal.WarmUp(day, sample.HubLocodes[0].Code, sample.Facilities, sample.Carriers, perDay * options.Scale, fruit);
            }
        }
    }
}
