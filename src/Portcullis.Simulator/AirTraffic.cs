using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Air cargo into Schiphol: freighter and belly flights, air waybills.</summary>
internal sealed class AirTraffic(World world)
{
    private readonly SimRandom rng = world.Rng;

    public void Generate(Lane lane, List<SmugglingPlan> plans, DayContext day)
    {
        var total = world.Count(lane, plans.Count, day);
        var flightCount = Math.Max(1, (int)Math.Round(total / lane.ConsignmentsPerMovement));
        var flights = new List<(TransportMovement Flight, string Origin)>(flightCount + 4);
        for (var f = 0; f < flightCount; f++)
        {
            flights.Add(NewFlight(lane, world.Origin(lane, null), day));
        }

        var positions = world.Positions(total, plans);
        for (var i = 0; i < total; i++)
        {
            var plan = positions[i];
            var (flight, origin) = PickFlight(lane, flights, plan?.OriginCountry, day);
            var hubCall = flight.Calls[^1];
            var departure = flight.Calls[0].Departure!.Value;
            var route = new Route { PortOfLoading = origin, PortOfDischarge = "NLAMS" };
            if (flight.Calls.Count > 2)
            {
                route.TransshipmentPorts.Add(flight.Calls[1].UnLocode);
            }

            var booked = world.Documents.BookedBefore(departure, plan?.LateBooking ?? false, medianDays: 1.5, lateMinHours: 0.2, lateMaxHours: 3, honestLateShare: 0.03);
            var consignment = world.Documents.Create(
                ConsignmentKind.AirCargo, Direction.Import, lane.HubCode, DocumentNumbers.AirWaybill(rng, Fleet.AwbPrefix(flight.Carrier)), flight.Id,
                booked, departure, hubCall.Arrival!.Value, origin[..2], route);
            var commodity = world.Commodity(lane, plan, day);
            var netKg = rng.LogNormal(commodity.NetKgMedian, commodity.NetKgSigma, 1, 20_000);
            world.Documents.AddGoods(consignment, commodity, netKg, lane, plan);
            world.Documents.AddTradeParties(consignment, day, origin[..2], Documents.SectorOf(commodity), plan, forwarderShare: 0.9);
            day.Consignments.Add(consignment);
            if (plan is { IsCover: false })
            {
                day.RecordSmuggling(consignment, plan);
            }
        }
    }

    private (TransportMovement Flight, string Origin) PickFlight(Lane lane, List<(TransportMovement Flight, string Origin)> flights, string? country, DayContext day)
    {
        if (country is null)
        {
            return flights[rng.Next(flights.Count)];
        }

        foreach (var flight in flights)
        {
            if (flight.Origin.StartsWith(country, StringComparison.Ordinal))
            {
                return flight;
            }
        }

        // No flight from that country yet today: schedule one (small scales have few flights).
        var origin = world.Origin(lane, country);
        var added = NewFlight(lane, origin, day);
        flights.Add(added);
        return added;
    }

    private (TransportMovement Flight, string Origin) NewFlight(Lane lane, string origin, DayContext day)
    {
        string carrier;
        string? via = null;
        if (lane.TransshipmentPorts.Length > 0)
        {
            // Gulf carriers fly everything through their home hub.
            carrier = origin switch { "AEDXB" => "EK", "QADOH" => "QR", _ => rng.Pick(lane.Carriers) };
            via = carrier == "EK" ? "AEDXB" : "QADOH";
        }
        else
        {
            carrier = rng.Pick(lane.Carriers);
        }

        var flight = world.Fleet.Flight(carrier, origin, via, rng.TimeOnDay(day.Start, 0.5, 23.5));
        day.Movements.Add(flight);
        return (flight, origin);
    }
}
