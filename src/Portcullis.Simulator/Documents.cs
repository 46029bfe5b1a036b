using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>
/// Builds the declared side of a consignment: goods lines with plausible masses and values, and
/// the parties. Oddities (value per kg off the norm, gross not matching the lines) come from
/// smuggling plans and, less often, from honest clerical noise.
/// </summary>
internal sealed class Documents(SimRandom rng, PartyPool parties)
{
    private const double HonestValueOddity = 0.02;
    private const double HonestWeightMismatch = 0.015;

    public static Sector SectorOf(Commodity commodity) => commodity.Key switch
    {
        "bananas" or "pineapples" or "avocados" or "mangoes" or "grapes" or "citrus" or "fruitfresh" or "vegetablesfresh" => Sector.Fruit,
        "frozenshrimp" or "frozenfish" or "frozenbeef" or "frozenchicken" or "juice" or "cannedtuna" or "coffee" or "wine" or "fishfresh" => Sector.Food,
        "cocoabags" or "cocoabulk" => Sector.Cocoa,
        "flowers" or "roses" or "carnations" or "chrysanthemums" or "cutflowers" => Sector.Flowers,
        _ => Sector.General,
    };

    public Consignment Create(
        ConsignmentKind kind, Direction direction, string hubCode, string reference, Guid? movementId,
        DateTime bookedAt, DateTime? departedAt, DateTime arrivedAt, string originCountry, Route route) => new()
        {
            Id = rng.NextGuid(),
            Reference = reference,
            Kind = kind,
            Direction = direction,
            HubCode = hubCode,
            MovementId = movementId,
            BookedAt = bookedAt,
            DepartedAt = departedAt,
            ArrivedAt = arrivedAt,
            OriginCountry = originCountry,
            Route = route,
        };

    /// <summary>
    /// Adds the goods: one line, or for mixed general cargo two or three. Returns the net mass.
    /// <paramref name="netKg"/> is the consignment's total net mass.
    /// </summary>
    public void AddGoods(Consignment consignment, Commodity commodity, double netKg, Lane lane, SmugglingPlan? plan, double extraGrossKg = 0)
    {
        var decimals = consignment.Kind == ConsignmentKind.PostalItem ? 3 : 1;
        var lines = commodity.SizeTypes.Length > 0 && !commodity.NeedsReefer && SectorOf(commodity) == Sector.General && rng.Chance(0.25) ? rng.Next(2, 4) : 1;
        var oddValue = plan is { IsCover: false, ValueOddity: true } || rng.Chance(HonestValueOddity);
        var oddFactor = oddValue ? (rng.Chance(0.6) ? rng.Uniform(0.15, 0.45) : rng.Uniform(2.2, 4.0)) : 1.0;
        var remaining = netKg;
        var grossSum = 0.0;
        var valueSum = 0.0;
        for (var line = 1; line <= lines; line++)
        {
            var goods = line == 1 ? commodity : OtherDryGoods(lane, commodity);
            var lineNet = line == lines ? remaining : remaining * rng.Uniform(0.3, 0.7);
            remaining -= lineNet;
            lineNet = Math.Round(Math.Max(lineNet, 0.05), decimals);
            var gross = Math.Round(lineNet * (1 + rng.Uniform(0.04, 0.09)), decimals);
            var value = Math.Round(lineNet * goods.ValuePerKgEur * rng.LogNormal(1, 0.18) * oddFactor, 2);
            consignment.Goods.Add(new GoodsLine
            {
                ConsignmentId = consignment.Id,
                LineNumber = line,
                HsCode = goods.HsCode,
                Description = goods.Description,
                Packages = Math.Max(1, (int)Math.Round(lineNet / goods.KgPerPackage)),
                PackageType = goods.PackageType,
                GrossKg = gross,
                NetKg = lineNet,
                ValueEur = value,
            });
            grossSum += gross;
            valueSum += value;
        }

        var mismatch = plan is { IsCover: false, WeightMismatch: true } || rng.Chance(HonestWeightMismatch);
        var total = grossSum + extraGrossKg;
        if (mismatch)
        {
            total *= rng.Chance(0.7) ? 1 + rng.Uniform(0.04, 0.15) : 1 - rng.Uniform(0.04, 0.12);
        }

        consignment.TotalGrossKg = Math.Round(total, decimals);
        consignment.TotalValueEur = Math.Round(valueSum, 2);
    }

    /// <summary>Consignor, consignee and usually notify, forwarder and declarant, as on an import manifest.</summary>
    public void AddTradeParties(Consignment consignment, DayContext day, string originCountry, Sector sector, SmugglingPlan? plan, double forwarderShare)
    {
        var consignor = parties.Exporter(originCountry, sector, day);
        var consignee = plan?.Front ?? parties.Importer(sector, day);
        Add(consignment, day, PartyRole.Consignor, consignor);
        Add(consignment, day, PartyRole.Consignee, consignee);

        var forwarder = plan?.Forwarder ?? (rng.Chance(forwarderShare) ? parties.Forwarder() : null);
        var notifyDraw = rng.NextDouble();
        var notify = notifyDraw < 0.55 ? consignee : notifyDraw < 0.85 ? forwarder ?? consignee : parties.Importer(Sector.General, day);
        Add(consignment, day, PartyRole.Notify, notify);
        if (forwarder is not null)
        {
            Add(consignment, day, PartyRole.Forwarder, forwarder);
        }

        if (rng.Chance(0.95))
        {
            var declarant = forwarder is not null && rng.Chance(0.4) ? forwarder : parties.Declarant();
            Add(consignment, day, PartyRole.Declarant, declarant);
        }
    }

    public static void Add(Consignment consignment, DayContext day, PartyRole role, PoolParty party) =>
        consignment.Parties.Add(new ConsignmentParty { ConsignmentId = consignment.Id, Role = role, PartyId = day.Use(party) });

    /// <summary>Booking lead time before departure; late bookings (under two days for sea) are a known risk signal.</summary>
    public DateTime BookedBefore(DateTime departure, bool late, double medianDays, double lateMinHours, double lateMaxHours, double honestLateShare)
    {
        if (late || rng.Chance(honestLateShare))
        {
            return departure.AddSeconds(-Math.Floor(rng.Uniform(lateMinHours, lateMaxHours) * 3600));
        }

        var days = rng.LogNormal(medianDays, 0.5, lateMaxHours / 24.0 * 1.05, medianDays * 5);
        return departure.AddSeconds(-Math.Floor(days * 86_400));
    }

    private Commodity OtherDryGoods(Lane lane, Commodity main)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var candidate = Commodities.Get(rng.Pick(lane.Commodities).Code);
            if (!candidate.NeedsReefer && candidate.SizeTypes.Length > 0 && !ReferenceEquals(candidate, main))
            {
                return candidate;
            }
        }

        return main;
    }
}
