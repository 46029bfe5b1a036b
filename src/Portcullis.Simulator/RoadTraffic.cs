using System.Globalization;
using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Flower trucks to the auctions: flown-in flowers trucked from Schiphol, or by road from other airports.</summary>
internal sealed class RoadTraffic(World world)
{
    private readonly SimRandom rng = world.Rng;

    public void Generate(Lane lane, List<SmugglingPlan> plans, DayContext day)
    {
        var total = world.Count(lane, plans.Count, day);
        var positions = world.Positions(total, plans);
        TransportMovement? truck = null;
        var loadLeft = 0;
        for (var i = 0; i < total; i++)
        {
            if (loadLeft == 0 || truck is null)
            {
                truck = NewTruck(lane, day);
                loadLeft = rng.Next(1, 4);
            }

            loadLeft--;
            var plan = positions[i];
            var origin = world.Origin(lane, plan?.OriginCountry);
            var from = truck.Calls[0];
            var to = truck.Calls[1];
            var route = new Route { PlaceOfReceipt = origin, PortOfLoading = from.UnLocode, PortOfDischarge = to.UnLocode };
            var booked = world.Documents.BookedBefore(from.Departure!.Value, plan?.LateBooking ?? false, medianDays: 0.6, lateMinHours: 0.1, lateMaxHours: 1, honestLateShare: 0.03);
            var reference = "CMR" + rng.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            var consignment = world.Documents.Create(
                ConsignmentKind.RoadTruck, Direction.Import, lane.HubCode, reference, truck.Id,
                booked, from.Departure, to.Arrival!.Value, origin[..2], route);
            var commodity = world.Commodity(lane, plan, day);
            var netKg = rng.LogNormal(commodity.NetKgMedian, commodity.NetKgSigma, 200, 9_000);
            world.Documents.AddGoods(consignment, commodity, netKg, lane, plan);
            world.Documents.AddTradeParties(consignment, day, origin[..2], Sector.Flowers, plan, forwarderShare: 0.7);
            day.Consignments.Add(consignment);
            if (plan is { IsCover: false })
            {
                day.RecordSmuggling(consignment, plan);
            }
        }
    }

    private TransportMovement NewTruck(Lane lane, DayContext day)
    {
        var from = rng.Pick(lane.Rotation);
        var to = lane.HubLocodes[rng.WeightedIndex(Fleet.Weights(lane.HubLocodes))].Code;
        var arrival = rng.TimeOnDay(day.Start, 1, 23.5);
        var hours = from switch
        {
            "NLAMS" => rng.Uniform(0.4, 1.5),
            "BELGG" => rng.Uniform(3, 5),
            "DEFRA" => rng.Uniform(5, 8),
            _ => rng.Uniform(20, 28),
        };
        var truck = world.Fleet.Truck(world.Parties.Haulier(), from, to, arrival.AddSeconds(-Math.Floor(hours * 3600)), arrival);
        day.Movements.Add(truck);
        return truck;
    }
}
