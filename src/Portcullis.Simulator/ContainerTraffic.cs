using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Deep-sea container imports: vessels, bills of lading, containers and their terminal events.</summary>
internal sealed class ContainerTraffic(World world)
{
    private readonly SimRandom rng = world.Rng;

    /// <summary>Vessels at the hub today, for export loads.</summary>
    public List<(TransportMovement Vessel, DateTime Arrival, string Locode, string Facility)> Vessels { get; } = [];

    public void Generate(Lane lane, List<SmugglingPlan> plans, DayContext day)
    {
        var total = world.Count(lane, plans.Count, day);
        var vesselCount = Math.Max(1, (int)Math.Round(total / lane.ConsignmentsPerMovement));
        var vessels = new (TransportMovement Movement, TransportCall HubCall, string Facility)[vesselCount];
        for (var v = 0; v < vesselCount; v++)
        {
            var carrier = rng.Pick(lane.Carriers);
            var locode = lane.HubLocodes[rng.WeightedIndex(Fleet.Weights(lane.HubLocodes))].Code;
            var arrival = rng.TimeOnDay(day.Start, 0, 20);
            var movement = world.Fleet.Voyage(lane, carrier, locode, arrival, lane.HubCode == "RTM" && world.Fleet.PickOnward());
            var facility = rng.Pick(lane.Facilities);
            vessels[v] = (movement, movement.Calls[lane.Rotation.Length], facility);
            day.Movements.Add(movement);
            Vessels.Add((movement, arrival, locode, facility));
        }

        var positions = world.Positions(total, plans);
        for (var i = 0; i < total; i++)
        {
            var (movement, hubCall, facility) = vessels[rng.Next(vesselCount)];
            BuildConsignment(lane, movement, hubCall, facility, positions[i], day);
        }
    }

    private void BuildConsignment(Lane lane, TransportMovement vessel, TransportCall hubCall, string facility, SmugglingPlan? plan, DayContext day)
    {
        var origin = world.Origin(lane, plan?.OriginCountry);
        var commodity = world.Commodity(lane, plan, day);
        if (plan is { IsCover: false, Pattern.NeedsReefer: true } && !commodity.NeedsReefer)
        {
            // The machinery pattern needs a running reefer; a lane without reefer cargo gets bananas.
            commodity = Commodities.Get("bananas");
        }

        var (route, departure) = RouteFor(lane, vessel, origin, plan);
        var late = plan?.LateBooking ?? false;
        var booked = world.Documents.BookedBefore(departure, late, medianDays: 10, lateMinHours: 6, lateMaxHours: 48, honestLateShare: 0.04);
        var consignment = world.Documents.Create(
            ConsignmentKind.SeaContainer, Direction.Import, lane.HubCode, DocumentNumbers.BillOfLading(rng, vessel.Carrier), vessel.Id,
            booked, departure, hubCall.Arrival!.Value, origin[..2], route);

        var containers = commodity.Key is "bananas" or "pineapples" or "plastics" or "timber" or "coffee" && rng.Chance(0.15) ? rng.Next(2, 4) : 1;
        var netKg = 0.0;
        var fruit = lane.HubCode == "ZWB" || Documents.SectorOf(commodity) == Sector.Fruit;
        var smuggled = plan is { IsCover: false } ? rng.Next(containers) : -1;
        for (var c = 0; c < containers; c++)
        {
            var sizeType = rng.Pick(commodity.SizeTypes);
            var dwell = world.Terminal.DrawDwell(fruit);
            var number = world.Equipment.Acquire(vessel.Carrier, sizeType, day, day.Index + dwell + 4);
            var seal = DocumentNumbers.CarrierSeal(rng, vessel.Carrier);
            var equipment = new ConsignmentEquipment
            {
                ConsignmentId = consignment.Id,
                ContainerNumber = number,
                ReeferSetpointC = EquipmentPool.IsReefer(sizeType) ? commodity.ReeferSetpointC ?? 5.0 : null,
            };
            equipment.SealNumbers.Add(seal);
            if (rng.Chance(commodity.NeedsReefer || commodity.ValuePerKgEur > 50 ? 0.35 : 0.1))
            {
                equipment.SealNumbers.Add(DocumentNumbers.ShipperSeal(rng));
            }

            consignment.Equipment.Add(equipment);
            var sizeFactor = sizeType[0] == '2' && commodity.SizeTypes.Length > 1 ? 0.55 : 1.0;
            netKg += rng.LogNormal(commodity.NetKgMedian * sizeFactor, commodity.NetKgSigma, commodity.NetKgMedian * sizeFactor * 0.3, commodity.NetKgMedian * sizeFactor * 1.3);
            world.Terminal.Discharge(day, new Discharge(
                number, vessel.Carrier, vessel.Id, hubCall.Arrival.Value, hubCall.UnLocode, facility, seal,
                SealTamper: c == smuggled && plan!.SealTamper, dwell));
            if (c == smuggled)
            {
                day.RecordSmuggling(consignment, plan!, number);
            }
        }

        world.Documents.AddGoods(consignment, commodity, netKg, lane, plan);
        world.Documents.AddTradeParties(consignment, day, origin[..2], Documents.SectorOf(commodity), plan, forwarderShare: 0.85);
        day.Consignments.Add(consignment);
    }

    /// <summary>
    /// Direct from a rotation port, or via a transshipment hub (feeder to the hub, then this vessel).
    /// Origins off the rotation are always transshipped; plans may ask for it on any origin.
    /// </summary>
    private (Route Route, DateTime Departure) RouteFor(Lane lane, TransportMovement vessel, string origin, SmugglingPlan? plan)
    {
        var call = FindCall(vessel, origin);
        var isHub = Array.IndexOf(lane.TransshipmentPorts, origin) >= 0;
        var indirect = lane.TransshipmentPorts.Length > 0 && !isHub && (call is null || (plan?.Transship ?? rng.Chance(lane.IndirectShare)));
        var route = new Route { PortOfLoading = origin, PortOfDischarge = vessel.Calls[lane.Rotation.Length].UnLocode };
        if (rng.Chance(0.2))
        {
            route.PlaceOfDelivery = rng.Pick(InlandPlaces);
        }

        if (!indirect)
        {
            return (route, (call ?? vessel.Calls[0]).Departure!.Value);
        }

        var hub = PickTransshipment(lane, plan);
        route.TransshipmentPorts.Add(hub);
        var hubDeparture = FindCall(vessel, hub)?.Departure ?? vessel.Calls[0].Departure!.Value;
        return (route, hubDeparture.AddSeconds(-Math.Floor(rng.Uniform(2, 9) * 86_400)));
    }

    private static readonly string[] InlandPlaces = ["NLVEN", "NLTLB", "NLNIJ", "DEDUI", "BEBRU", "NLUTC", "NLMOE"];

    private string PickTransshipment(Lane lane, SmugglingPlan? plan)
    {
        // Rip-on gangs favour Panama; Panama hubs are picked three times as often for them.
        if (plan is { IsCover: false } && plan.Pattern.Name == SmugglingPatterns.RipOnRipOff)
        {
            foreach (var port in lane.TransshipmentPorts)
            {
                if (port.StartsWith("PA", StringComparison.Ordinal) && rng.Chance(0.75))
                {
                    return port;
                }
            }
        }

        return rng.Pick(lane.TransshipmentPorts);
    }

    private static TransportCall? FindCall(TransportMovement vessel, string locode)
    {
        foreach (var call in vessel.Calls)
        {
            if (string.Equals(call.UnLocode, locode, StringComparison.Ordinal) && call.Departure is not null && call.Arrival is not null)
            {
                return call;
            }
        }

        return null;
    }
}
