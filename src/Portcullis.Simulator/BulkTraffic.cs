using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Bulk cocoa bean carriers into the North Sea Canal: a few vessels, a few dozen large bills of lading.</summary>
internal sealed class BulkTraffic(World world)
{
    private readonly SimRandom rng = world.Rng;

    public void Generate(Lane lane, List<SmugglingPlan> plans, DayContext day)
    {
        var total = world.Count(lane, plans.Count, day);
        var vesselCount = Math.Max(1, (int)Math.Round(total / lane.ConsignmentsPerMovement));
        var vessels = new TransportMovement[vesselCount];
        for (var v = 0; v < vesselCount; v++)
        {
            var locode = lane.HubLocodes[rng.WeightedIndex(Fleet.Weights(lane.HubLocodes))].Code;
            vessels[v] = world.Fleet.Voyage(lane, rng.Pick(lane.Carriers), locode, rng.TimeOnDay(day.Start, 0, 22), onward: false);
            day.Movements.Add(vessels[v]);
        }

        var positions = world.Positions(total, plans);
        for (var i = 0; i < total; i++)
        {
            var plan = positions[i];
            var vessel = PickVessel(vessels, plan?.OriginCountry);
            var hubCall = vessel.Calls[^1];
            var loadCall = vessel.Calls[rng.Next(vessel.Calls.Count - 1)];
            var origin = loadCall.UnLocode;
            var booked = world.Documents.BookedBefore(loadCall.Departure!.Value, plan?.LateBooking ?? false, medianDays: 20, lateMinHours: 12, lateMaxHours: 72, honestLateShare: 0.03);
            var consignment = world.Documents.Create(
                ConsignmentKind.SeaBulk, Direction.Import, lane.HubCode, DocumentNumbers.BillOfLading(rng, vessel.Carrier), vessel.Id,
                booked, loadCall.Departure, hubCall.Arrival!.Value, origin[..2],
                new Route { PortOfLoading = origin, PortOfDischarge = hubCall.UnLocode, PlaceOfDelivery = rng.Chance(0.3) ? "NLZAA" : null });
            var commodity = Commodities.Get("cocoabulk");
            var netKg = rng.LogNormal(commodity.NetKgMedian, commodity.NetKgSigma, 300_000, 9_000_000);
            world.Documents.AddGoods(consignment, commodity, netKg, lane, plan);
            world.Documents.AddTradeParties(consignment, day, origin[..2], Sector.Cocoa, plan, forwarderShare: 0.5);
            day.Consignments.Add(consignment);
            if (plan is { IsCover: false })
            {
                day.RecordSmuggling(consignment, plan);
            }
        }
    }

    private TransportMovement PickVessel(TransportMovement[] vessels, string? country)
    {
        if (country is not null)
        {
            foreach (var vessel in vessels)
            {
                if (vessel.Calls[0].UnLocode.StartsWith(country, StringComparison.Ordinal))
                {
                    return vessel;
                }
            }
        }

        return vessels[rng.Next(vessels.Length)];
    }
}
