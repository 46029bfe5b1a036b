using Portcullis.Domain.Hubs;

namespace Portcullis.Simulator;

internal enum Region
{
    LatinAmerica,
    Asia,
    IndiaMiddleEast,
    NorthAmerica,
    Africa,
    Europe,
}

internal enum LaneKind
{
    Container,
    Bulk,
    Air,
    Truck,
    Post,
}

/// <summary>A weighted choice of a code (port, commodity, destination).</summary>
internal readonly record struct Weighted(string Code, double Weight);

/// <summary>
/// A trade lane into (or, for post, out of) one hub: where goods come from, how they travel and
/// what they are. Counts are consignments per day at scale 1.
/// </summary>
internal sealed class Lane
{
    public required string Name { get; init; }

    public required string HubCode { get; init; }

    /// <summary>The hub location(s) where the lane arrives, weighted.</summary>
    public required Weighted[] HubLocodes { get; init; }

    public required LaneKind Kind { get; init; }

    public required Region Region { get; init; }

    public required double ConsignmentsPerDay { get; init; }

    /// <summary>Consignments carried by one vessel, flight or truck.</summary>
    public required double ConsignmentsPerMovement { get; init; }

    /// <summary>Places of loading (for post: destinations), weighted by volume.</summary>
    public required Weighted[] Origins { get; init; }

    /// <summary>Ports the vessel or flight calls at before the hub; origins off this list are transshipped.</summary>
    public string[] Rotation { get; init; } = [];

    /// <summary>Ports where cargo from feeder origins changes vessel; all are on the rotation.</summary>
    public string[] TransshipmentPorts { get; init; } = [];

    /// <summary>Share of cargo from rotation ports that still travels via a transshipment port.</summary>
    public double IndirectShare { get; init; }

    public required string[] Carriers { get; init; }

    public required int MinTransitDays { get; init; }

    public required int MaxTransitDays { get; init; }

    public required Weighted[] Commodities { get; init; }

    /// <summary>Terminal names used on container events at the hub.</summary>
    public string[] Facilities { get; init; } = [];

    /// <summary>Direction letter of the voyage number (ships sailing to Europe from Asia run westbound).</summary>
    public char VoyageDirection { get; init; } = 'N';
}

/// <summary>The lanes of all hubs. Volumes follow the brief: Rotterdam ≈ 15k import B/Ls a day, Vlissingen ≈ 1k fruit reefers…</summary>
internal static class Lanes
{
    public const string RotterdamFarEast = "RTM-FarEast";
    public const string RotterdamIndiaMiddleEast = "RTM-IndiaMiddleEast";
    public const string RotterdamNorthAmerica = "RTM-NorthAmerica";
    public const string RotterdamAfrica = "RTM-Africa";
    public const string RotterdamWestCoastSouthAmerica = "RTM-WCSA";
    public const string RotterdamCaribbean = "RTM-Caribbean";
    public const string RotterdamEastCoastSouthAmerica = "RTM-ECSA";
    public const string VlissingenFruit = "ZWB-Fruit";
    public const string AmsterdamCocoa = "NZK-Cocoa";
    public const string SchipholLatinAmerica = "SPL-LatAm";
    public const string SchipholAfrica = "SPL-Africa";
    public const string SchipholGulf = "SPL-Gulf";
    public const string SchipholAsia = "SPL-Asia";
    public const string SchipholNorthAmerica = "SPL-NorthAmerica";
    public const string FlowersViaSchiphol = "FLW-ViaSchiphol";
    public const string FlowersByRoad = "FLW-ByRoad";
    public const string PostOutbound = "POST-Outbound";

    private static readonly string[] DeepSeaCarriers = ["MAEU", "MSCU", "CMDU", "HLCU", "ONEY", "EGLV", "COSU"];
    private static readonly string[] RotterdamTerminals = ["ECT Delta", "Euromax", "APMT MV2", "APMT Maasvlakte", "RWG", "Uniport"];
    private static readonly Weighted[] Rotterdam = [new("NLRTM", 1)];

    public static IReadOnlyList<Lane> All { get; } =
    [
        new()
        {
            Name = RotterdamFarEast, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.Asia, ConsignmentsPerDay = 7000, ConsignmentsPerMovement = 1400,
            Origins = [new("CNSHA", 3), new("CNNGB", 2.5), new("CNYTN", 2), new("KRPUS", 1), new("VNSGN", 1), new("SGSIN", 0.5), new("MYPKG", 0.5), new("THLCH", 0.6)],
            Rotation = ["CNSHA", "CNNGB", "CNYTN", "KRPUS", "SGSIN", "MYPKG"], TransshipmentPorts = ["SGSIN"], IndirectShare = 0.05,
            Carriers = DeepSeaCarriers, MinTransitDays = 28, MaxTransitDays = 40, VoyageDirection = 'W', Facilities = RotterdamTerminals,
            Commodities = [new("electronics", 3), new("phones", 1), new("textiles", 2.5), new("clothing", 2), new("furniture", 2), new("toys", 1.5), new("autoparts", 1.5), new("machinery", 2), new("plastics", 1), new("chemicals", 1), new("tyres", 0.8), new("frozenfish", 0.6)],
        },
        new()
        {
            Name = RotterdamIndiaMiddleEast, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.IndiaMiddleEast, ConsignmentsPerDay = 1300, ConsignmentsPerMovement = 650,
            Origins = [new("INNSA", 3), new("INMUN", 1.2), new("LKCMB", 0.5), new("PKKHI", 0.5), new("AEJEA", 1)],
            Rotation = ["INNSA", "INMUN", "PKKHI", "AEJEA"], TransshipmentPorts = ["AEJEA"], IndirectShare = 0.05,
            Carriers = DeepSeaCarriers, MinTransitDays = 18, MaxTransitDays = 26, VoyageDirection = 'W', Facilities = RotterdamTerminals,
            Commodities = [new("textiles", 3), new("clothing", 2), new("chemicals", 2), new("machinery", 1), new("autoparts", 1), new("frozenshrimp", 0.6), new("furniture", 0.5)],
        },
        new()
        {
            Name = RotterdamNorthAmerica, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.NorthAmerica, ConsignmentsPerDay = 1800, ConsignmentsPerMovement = 500,
            Origins = [new("USNYC", 2), new("USSAV", 1.5), new("USHOU", 1), new("CAMTR", 1), new("USCHS", 0.7)],
            Rotation = ["USHOU", "USSAV", "USCHS", "USNYC", "CAMTR"],
            Carriers = DeepSeaCarriers, MinTransitDays = 9, MaxTransitDays = 15, VoyageDirection = 'E', Facilities = RotterdamTerminals,
            Commodities = [new("machinery", 3), new("plastics", 2.5), new("chemicals", 2.5), new("autoparts", 1), new("timber", 1), new("frozenfish", 0.5), new("electronics", 0.8)],
        },
        new()
        {
            Name = RotterdamAfrica, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.Africa, ConsignmentsPerDay = 900, ConsignmentsPerMovement = 450,
            Origins = [new("ZADUR", 1.5), new("ZACPT", 0.8), new("KEMBA", 0.5), new("CIABJ", 1), new("GHTEM", 1), new("NGAPP", 0.5)],
            Rotation = ["ZADUR", "ZACPT", "GHTEM", "CIABJ", "MAPTM"], TransshipmentPorts = ["MAPTM"], IndirectShare = 0.1,
            Carriers = DeepSeaCarriers, MinTransitDays = 12, MaxTransitDays = 26, VoyageDirection = 'N', Facilities = RotterdamTerminals,
            Commodities = [new("citrus", 2), new("cocoabags", 2), new("timber", 1), new("frozenfish", 1), new("cannedtuna", 1), new("machinery", 0.5), new("wine", 0.8)],
        },
        new()
        {
            Name = RotterdamWestCoastSouthAmerica, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.LatinAmerica, ConsignmentsPerDay = 1500, ConsignmentsPerMovement = 700,
            Origins = [new("ECGYE", 3), new("ECPBO", 1), new("PECLL", 1.2), new("PEPAI", 0.6), new("COBUN", 0.8), new("CLSAI", 0.5)],
            Rotation = ["CLSAI", "PECLL", "ECGYE", "PABLB", "PAMIT", "COCTG", "ESALG"], TransshipmentPorts = ["PABLB", "PAMIT", "COCTG", "ESALG"], IndirectShare = 0.15,
            Carriers = DeepSeaCarriers, MinTransitDays = 16, MaxTransitDays = 25, VoyageDirection = 'N', Facilities = RotterdamTerminals,
            Commodities = [new("bananas", 4), new("frozenshrimp", 1.5), new("avocados", 1), new("coffee", 0.8), new("cannedtuna", 0.7), new("grapes", 0.6), new("cocoabags", 0.4), new("timber", 0.3)],
        },
        new()
        {
            Name = RotterdamCaribbean, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.LatinAmerica, ConsignmentsPerDay = 1000, ConsignmentsPerMovement = 500,
            Origins = [new("CRMOB", 2), new("COSMR", 1), new("COCTG", 1.5), new("PAMIT", 0.5), new("DOCAU", 0.6), new("JMKIN", 0.4), new("GTSTC", 0.3), new("HNPCR", 0.3)],
            Rotation = ["CRMOB", "PAONX", "PAMIT", "COCTG", "COSMR", "DOCAU"], TransshipmentPorts = ["PAMIT", "PAONX", "COCTG"], IndirectShare = 0.12,
            Carriers = DeepSeaCarriers, MinTransitDays = 12, MaxTransitDays = 19, VoyageDirection = 'N', Facilities = RotterdamTerminals,
            Commodities = [new("bananas", 3), new("pineapples", 2.5), new("coffee", 1), new("avocados", 0.5), new("juice", 0.6), new("textiles", 0.3)],
        },
        new()
        {
            Name = RotterdamEastCoastSouthAmerica, HubCode = HubCatalogue.Rotterdam, HubLocodes = Rotterdam, Kind = LaneKind.Container,
            Region = Region.LatinAmerica, ConsignmentsPerDay = 1500, ConsignmentsPerMovement = 700,
            Origins = [new("BRSSZ", 3), new("BRPNG", 1.5), new("BRRIG", 1), new("BRNVT", 0.7), new("UYMVD", 0.6), new("PYASU", 0.5), new("ARBUE", 0.8)],
            Rotation = ["ARBUE", "UYMVD", "BRRIG", "BRNVT", "BRPNG", "BRSSZ", "PTSIE", "ESVLC"], TransshipmentPorts = ["UYMVD", "BRSSZ", "PTSIE", "ESVLC"], IndirectShare = 0.12,
            Carriers = DeepSeaCarriers, MinTransitDays = 18, MaxTransitDays = 27, VoyageDirection = 'N', Facilities = RotterdamTerminals,
            Commodities = [new("frozenbeef", 1.5), new("frozenchicken", 1.2), new("timber", 1.5), new("coffee", 1.2), new("juice", 1), new("machinery", 0.5), new("citrus", 0.6), new("furniture", 0.4)],
        },
        new()
        {
            Name = VlissingenFruit, HubCode = HubCatalogue.ZeelandWestBrabant, HubLocodes = [new("NLVLI", 0.85), new("NLBOR", 0.15)], Kind = LaneKind.Container,
            Region = Region.LatinAmerica, ConsignmentsPerDay = 1000, ConsignmentsPerMovement = 350,
            Origins = [new("ECGYE", 3), new("ECPBO", 2), new("CRMOB", 2), new("COSMR", 1), new("COTRB", 1), new("PAMIT", 0.3)],
            Rotation = ["ECPBO", "ECGYE", "PABLB", "CRMOB", "COTRB", "COSMR"], TransshipmentPorts = ["PABLB", "PAMIT", "COCTG"], IndirectShare = 0.1,
            Carriers = ["SEAU", "CMDU", "MAEU", "HLCU", "BLRS"], MinTransitDays = 13, MaxTransitDays = 19, VoyageDirection = 'N',
            Facilities = ["Kloosterboer Vlissingen", "Verbrugge Scaldia"],
            Commodities = [new("bananas", 6), new("pineapples", 2.5), new("avocados", 0.6), new("mangoes", 0.4)],
        },
        new()
        {
            Name = AmsterdamCocoa, HubCode = HubCatalogue.NorthSeaCanal, HubLocodes = [new("NLAMS", 0.8), new("NLIJM", 0.2)], Kind = LaneKind.Bulk,
            Region = Region.Africa, ConsignmentsPerDay = 30, ConsignmentsPerMovement = 15,
            Origins = [new("CIABJ", 3), new("CISPY", 2.5), new("GHTEM", 1.5), new("GHTKD", 1.2), new("ECGYE", 0.8), new("BRIOS", 0.4)],
            Carriers = ["SPBC", "NVBK", "WAFL"], MinTransitDays = 12, MaxTransitDays = 22,
            Commodities = [new("cocoabulk", 1)],
        },
        Air(SchipholLatinAmerica, Region.LatinAmerica, 700, [new("COBOG", 2.5), new("ECUIO", 2), new("BRGRU", 1.5), new("BRVCP", 1), new("PELIM", 1), new("MXMEX", 0.5)],
            [], ["KL", "MP", "LA"], [new("flowers", 3), new("fishfresh", 1), new("fruitfresh", 1), new("medicines", 0.5), new("machineparts", 0.8), new("courier", 1)]),
        Air(SchipholAfrica, Region.Africa, 500, [new("KENBO", 3), new("ETADD", 1.5), new("ZAJNB", 1), new("NGLOS", 0.4)],
            [], ["KL", "MP", "ET"], [new("flowers", 4), new("vegetablesfresh", 1.5), new("fishfresh", 0.5), new("courier", 0.5)]),
        Air(SchipholGulf, Region.IndiaMiddleEast, 900, [new("AEDXB", 2), new("QADOH", 2), new("INBOM", 1), new("LKCMB", 0.4), new("PKKHI", 0.4)],
            ["AEDXB", "QADOH"], ["EK", "QR"], [new("airelectronics", 2), new("medicines", 1), new("airtextiles", 1), new("machineparts", 1), new("fishfresh", 0.5), new("courier", 1)]),
        Air(SchipholAsia, Region.Asia, 1100, [new("HKHKG", 2), new("CNSHA", 1.5), new("KRSEL", 1), new("SGSIN", 0.8), new("TWTPE", 0.8), new("JPTYO", 0.6)],
            [], ["CV", "KL", "CX", "TK"], [new("airelectronics", 3), new("airphones", 2), new("machineparts", 2), new("medicines", 0.8), new("airtextiles", 0.8), new("courier", 1.5)]),
        Air(SchipholNorthAmerica, Region.NorthAmerica, 800, [new("USNYC", 1.5), new("USCHI", 1.5), new("USATL", 1), new("USLAX", 0.8), new("CAMTR", 0.5)],
            [], ["KL", "CV"], [new("machineparts", 2), new("medicines", 2), new("airelectronics", 1), new("courier", 1.5)]),
        new()
        {
            Name = FlowersViaSchiphol, HubCode = HubCatalogue.FlowerAuctions, HubLocodes = [new("NLAAM", 0.55), new("NLNDW", 0.25), new("NLRIB", 0.2)], Kind = LaneKind.Truck,
            Region = Region.Africa, ConsignmentsPerDay = 2100, ConsignmentsPerMovement = 2,
            Origins = [new("KENBO", 3), new("ETADD", 1.5), new("ECUIO", 1.5), new("COBOG", 1.5)],
            Rotation = ["NLAMS"], Carriers = [], MinTransitDays = 1, MaxTransitDays = 2,
            Commodities = [new("roses", 5), new("carnations", 1.5), new("chrysanthemums", 1), new("cutflowers", 2)],
        },
        new()
        {
            Name = FlowersByRoad, HubCode = HubCatalogue.FlowerAuctions, HubLocodes = [new("NLAAM", 0.55), new("NLNDW", 0.25), new("NLRIB", 0.2)], Kind = LaneKind.Truck,
            Region = Region.Africa, ConsignmentsPerDay = 900, ConsignmentsPerMovement = 2,
            Origins = [new("KENBO", 2), new("ETADD", 1), new("ECUIO", 1.5), new("COBOG", 1.5)],
            Rotation = ["BELGG", "DEFRA", "ESMAD"], Carriers = [], MinTransitDays = 1, MaxTransitDays = 3,
            Commodities = [new("roses", 5), new("carnations", 1.5), new("chrysanthemums", 1), new("cutflowers", 2)],
        },
        new()
        {
            Name = PostOutbound, HubCode = HubCatalogue.Post, HubLocodes = [new("NLAMS", 1)], Kind = LaneKind.Post,
            Region = Region.Europe, ConsignmentsPerDay = 8000, ConsignmentsPerMovement = 1,
            Origins = [new("AUSYD", 1.2), new("AUMEL", 1), new("USNYC", 2), new("USLAX", 1), new("GBLON", 2.5), new("CAYTO", 0.5), new("NZAKL", 0.4), new("JPTYO", 0.4), new("NOOSL", 0.5), new("CHZRH", 0.8), new("ILTLV", 0.3), new("SGSIN", 0.3)],
            Carriers = [], MinTransitDays = 0, MaxTransitDays = 0,
            Commodities = [new("books", 1.5), new("postclothing", 2.5), new("cosmetics", 1.5), new("postmedicines", 0.6), new("stroopwafels", 1), new("bulbs", 0.6), new("accessories", 2), new("bicycleparts", 0.8), new("coffeepods", 0.6), new("posttoys", 0.8)],
        },
    ];

    public static Lane Get(string name)
    {
        foreach (var lane in All)
        {
            if (string.Equals(lane.Name, name, StringComparison.Ordinal))
            {
                return lane;
            }
        }

        throw new ArgumentException($"Unknown lane '{name}'.", nameof(name));
    }

    private static Lane Air(string name, Region region, double perDay, Weighted[] origins, string[] viaHubs, string[] carriers, Weighted[] commodities) => new()
    {
        Name = name,
        HubCode = HubCatalogue.Schiphol,
        HubLocodes = [new("NLAMS", 1)],
        Kind = LaneKind.Air,
        Region = region,
        ConsignmentsPerDay = perDay,
        ConsignmentsPerMovement = 60,
        Origins = origins,
        Rotation = viaHubs,
        TransshipmentPorts = viaHubs,
        Carriers = carriers,
        MinTransitDays = 0,
        MaxTransitDays = 1,
        Commodities = commodities,
    };
}
