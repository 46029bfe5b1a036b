using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Outbound parcels and packets lodged at the Amsterdam international mail centre.</summary>
internal sealed class PostTraffic(World world)
{
    private readonly SimRandom rng = world.Rng;

    public void Generate(Lane lane, List<SmugglingPlan> plans, DayContext day)
    {
        var total = world.Count(lane, plans.Count, day);
        var positions = world.Positions(total, plans);
        for (var i = 0; i < total; i++)
        {
            var plan = positions[i];
            var destination = world.Origin(lane, plan?.OriginCountry);
            var lodged = rng.TimeOnDay(day.Start, 6, 22);
            var labelled = lodged.AddSeconds(-Math.Floor(rng.Uniform(0.1, 48) * 3600));
            var draw = rng.NextDouble();
            var service = draw < 0.7 ? (rng.Chance(0.5) ? "CX" : "CP") : draw < 0.8 ? "EE" : (rng.Chance(0.5) ? "RR" : "LX");
            var consignment = world.Documents.Create(
                ConsignmentKind.PostalItem, Direction.Export, lane.HubCode, DocumentNumbers.PostalItem(rng, service), null,
                labelled, null, lodged, "NL",
                new Route { PortOfLoading = "NLAMS", PortOfDischarge = destination, PlaceOfDelivery = destination });
            var commodity = world.Commodity(lane, plan, day);
            var netKg = rng.LogNormal(commodity.NetKgMedian, commodity.NetKgSigma, 0.02, 20);
            var smuggling = plan is { IsCover: false };

            // The scale weighs the box too, so the total always exceeds the declared items a little;
            // hidden pills add to that, which overlaps with heavy packaging for small amounts.
            var packaging = rng.LogNormal(0.15, 0.6, 0.02, 1.5);
            var pills = smuggling ? plan!.Kilograms : 0;
            world.Documents.AddGoods(consignment, commodity, netKg, lane, plan, extraGrossKg: packaging + pills);
            var sender = plan switch
            {
                { NewSender: true } => world.Parties.NewPrivateSender(day),
                { IsCover: false } => world.Parties.PrivateSender(day),
                _ => rng.Chance(0.65) ? world.Parties.Webshop(day) : world.Parties.PrivateSender(day),
            };
            Documents.Add(consignment, day, PartyRole.Consignor, sender);
            Documents.Add(consignment, day, PartyRole.Consignee, world.Parties.Recipient(destination[..2], day));
            day.Consignments.Add(consignment);
            if (smuggling)
            {
                day.RecordSmuggling(consignment, plan!);
            }
        }
    }
}
