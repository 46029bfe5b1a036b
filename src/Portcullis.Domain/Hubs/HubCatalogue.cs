namespace Portcullis.Domain.Hubs;

/// <summary>The hubs and their locations as reference data; seeded into every database.</summary>
public static class HubCatalogue
{
    public const string Rotterdam = "RTM";
    public const string ZeelandWestBrabant = "ZWB";
    public const string NorthSeaCanal = "NZK";
    public const string Schiphol = "SPL";
    public const string FlowerAuctions = "FLW";
    public const string Post = "POST";

    public static IReadOnlyList<string> Codes { get; } = [Rotterdam, ZeelandWestBrabant, NorthSeaCanal, Schiphol, FlowerAuctions, Post];

    public static IReadOnlyList<Hub> All { get; } =
    [
        Build(Rotterdam, "Port of Rotterdam", HubKind.Seaport,
            ("NLRTM", "Rotterdam (Maasvlakte, Waalhaven, Eemhaven)", 51.9500, 4.0500)),
        Build(ZeelandWestBrabant, "Zeeland and West-Brabant", HubKind.Seaport,
            ("NLVLI", "Vlissingen", 51.4430, 3.5960),
            ("NLBOR", "Borsele (Vlissingen-Oost)", 51.4330, 3.7100),
            ("NLTNZ", "Terneuzen", 51.3360, 3.8280),
            ("NLMOE", "Moerdijk", 51.6950, 4.5830)),
        Build(NorthSeaCanal, "North Sea Canal area", HubKind.Seaport,
            ("NLAMS", "Amsterdam port", 52.4100, 4.8200),
            ("NLIJM", "IJmuiden", 52.4630, 4.6050)),
        Build(Schiphol, "Schiphol airport", HubKind.Airport,
            ("NLAMS", "Amsterdam Airport Schiphol", 52.3080, 4.7640)),
        Build(FlowerAuctions, "Flower auctions", HubKind.FlowerAuction,
            ("NLAAM", "Aalsmeer", 52.2650, 4.7620),
            ("NLNDW", "Naaldwijk", 51.9940, 4.2090),
            ("NLRIB", "Rijnsburg", 52.1900, 4.4410)),
        Build(Post, "Postal centre (outbound)", HubKind.Postal,
            ("NLAMS", "Amsterdam international mail centre", 52.3340, 4.8170)),
    ];

    public static Hub? Find(string code) => All.FirstOrDefault(h => string.Equals(h.Code, code, StringComparison.OrdinalIgnoreCase));

    private static Hub Build(string code, string name, HubKind kind, params (string Locode, string Name, double Lat, double Lon)[] locations) => new()
    {
        Code = code,
        Name = name,
        Kind = kind,
        Locations = [.. locations.Select(l => new HubLocation { HubCode = code, UnLocode = l.Locode, Name = l.Name, Latitude = l.Lat, Longitude = l.Lon })],
    };
}
