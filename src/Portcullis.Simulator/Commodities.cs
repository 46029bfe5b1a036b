namespace Portcullis.Simulator;

/// <summary>
/// A kind of goods as it appears on manifests: HS code (CN/TARIC where known), description,
/// UN/ECE Rec. 21 package type and the quantities and prices that are normal for it. Net mass
/// is per consignment (a container, a bulk B/L, an AWB, a truck load or a parcel).
/// </summary>
internal sealed record Commodity(
    string Key,
    string HsCode,
    string Description,
    string PackageType,
    double KgPerPackage,
    double NetKgMedian,
    double NetKgSigma,
    double ValuePerKgEur,
    double? ReeferSetpointC,
    string[] SizeTypes)
{
    public bool NeedsReefer => ReeferSetpointC is not null;
}

internal static class Commodities
{
    private static readonly string[] Reefer40 = ["45R1", "45R1", "45R1", "42R1"];
    private static readonly string[] Reefer20 = ["22R1"];
    private static readonly string[] Dry20 = ["22G1"];
    private static readonly string[] Dry40 = ["42G1", "45G1", "45G1"];
    private static readonly string[] DryAny = ["22G1", "42G1", "45G1"];
    private static readonly string[] None = [];

    private static readonly Commodity[] Catalogue =
    [
        // Sea containers: one container's worth of goods.
        new("bananas", "08039010", "Fresh bananas, Cavendish, 18.14 kg cartons", "CT", 18.14, 19_600, 0.04, 0.75, 13.3, Reefer40),
        new("pineapples", "08043000", "Fresh pineapples MD2, cartons", "CT", 12, 19_000, 0.06, 0.85, 7.0, Reefer40),
        new("avocados", "08044000", "Fresh avocados Hass, 4 kg cartons", "CT", 4, 18_500, 0.06, 2.4, 5.0, Reefer40),
        new("mangoes", "08045000", "Fresh mangoes, 4 kg cartons", "CT", 4, 17_000, 0.08, 1.8, 10.0, Reefer40),
        new("grapes", "08061010", "Fresh table grapes", "CT", 8.2, 18_000, 0.08, 2.2, -0.5, Reefer40),
        new("citrus", "08051022", "Fresh oranges", "CT", 15, 22_000, 0.06, 0.7, 4.0, Reefer40),
        new("frozenshrimp", "0306179210", "Frozen shrimp Penaeus vannamei, 2 kg blocks", "CT", 20, 24_000, 0.08, 7.5, -18.0, Reefer40),
        new("frozenfish", "03048990", "Frozen fish fillets", "CT", 20, 24_000, 0.08, 4.0, -18.0, Reefer40),
        new("frozenbeef", "02023090", "Frozen boneless beef cuts", "CT", 25, 25_000, 0.06, 8.0, -18.0, Reefer40),
        new("frozenchicken", "02071410", "Frozen chicken cuts", "CT", 15, 25_000, 0.06, 2.5, -18.0, Reefer40),
        new("juice", "20091100", "Frozen orange juice concentrate in drums", "DR", 250, 20_000, 0.05, 1.6, -18.0, Reefer20),
        new("cannedtuna", "16041421", "Canned tuna in vegetable oil", "CT", 10, 20_000, 0.08, 4.2, null, Dry20),
        new("coffee", "09011100", "Green coffee beans, not roasted, 60 kg bags", "BG", 60, 19_200, 0.03, 4.5, null, Dry20),
        new("cocoabags", "180100", "Cocoa beans, whole, raw, in jute bags", "BG", 64, 16_000, 0.05, 6.5, null, Dry20),
        new("wine", "22042138", "Red wine in bottles", "CT", 9, 15_000, 0.1, 4.0, null, Dry20),
        new("timber", "44072969", "Sawn tropical hardwood", "BE", 1_200, 22_000, 0.1, 0.9, null, DryAny),
        new("furniture", "94036090", "Wooden furniture", "PK", 30, 8_000, 0.3, 4.5, null, Dry40),
        new("electronics", "84713000", "Portable computers", "CT", 12, 6_000, 0.4, 85, null, Dry40),
        new("phones", "85171300", "Smartphones", "CT", 8, 3_000, 0.4, 220, null, Dry40),
        new("textiles", "62034231", "Men's cotton trousers", "CT", 15, 9_000, 0.3, 16, null, Dry40),
        new("clothing", "61091000", "Cotton T-shirts", "CT", 12, 8_000, 0.3, 14, null, Dry40),
        new("toys", "95030075", "Plastic toys", "CT", 10, 7_000, 0.3, 6, null, Dry40),
        new("autoparts", "87089997", "Motor vehicle parts", "PX", 400, 14_000, 0.3, 9, null, Dry40),
        new("machinery", "84798997", "Industrial machinery", "CS", 800, 12_000, 0.4, 16, null, DryAny),
        new("plastics", "39011010", "Polyethylene granules", "BG", 25, 24_000, 0.05, 1.2, null, Dry20),
        new("chemicals", "29051200", "Propan-1-ol in drums", "DR", 200, 20_000, 0.08, 1.1, null, Dry20),
        new("tyres", "40111000", "New pneumatic tyres for cars", "PK", 9, 9_000, 0.2, 3.2, null, Dry40),

        // Bulk: one bill of lading of a bulk carrier's cargo.
        new("cocoabulk", "180100", "Cocoa beans, whole, raw, in bulk", "VR", 3_000_000, 3_000_000, 0.5, 6.5, null, None),

        // Air cargo: one air waybill.
        new("flowers", "06031100", "Fresh cut roses in boxes", "BX", 12, 600, 0.8, 5.5, null, None),
        new("fishfresh", "03028990", "Fresh fish, chilled", "BX", 25, 500, 0.8, 9, null, None),
        new("fruitfresh", "08109075", "Fresh exotic fruit (physalis, passion fruit)", "CT", 5, 400, 0.8, 4.5, null, None),
        new("vegetablesfresh", "07082000", "Fresh green beans", "CT", 5, 800, 0.7, 3, null, None),
        new("medicines", "30049000", "Medicaments, packaged for retail sale", "CT", 10, 150, 1.0, 180, null, None),
        new("machineparts", "84879090", "Machine parts", "PK", 20, 120, 1.2, 60, null, None),
        new("courier", "49119900", "Documents and trade samples", "PK", 3, 15, 0.8, 30, null, None),
        new("airelectronics", "85423190", "Integrated circuits", "CT", 8, 200, 1.0, 400, null, None),
        new("airphones", "85171300", "Smartphones", "CT", 8, 300, 0.8, 250, null, None),
        new("airtextiles", "62046200", "Women's cotton trousers", "CT", 12, 250, 0.8, 25, null, None),

        // Flower auction trucks: one trolley load under one CMR.
        new("roses", "06031100", "Fresh cut roses, sleeved bunches", "CT", 15, 2_500, 0.5, 5.0, null, None),
        new("carnations", "06031200", "Fresh cut carnations", "CT", 15, 2_200, 0.5, 3.5, null, None),
        new("chrysanthemums", "06031400", "Fresh cut chrysanthemums", "CT", 15, 2_400, 0.5, 3.0, null, None),
        new("cutflowers", "06031970", "Fresh cut flowers, mixed", "CT", 15, 2_000, 0.5, 4.0, null, None),

        // Outbound post: one parcel or packet.
        new("books", "49019900", "Books", "PK", 1, 0.8, 0.6, 18, null, None),
        new("postclothing", "62044300", "Women's dresses", "PK", 1, 0.6, 0.6, 45, null, None),
        new("cosmetics", "33049900", "Skin care products", "PK", 1, 0.4, 0.6, 60, null, None),
        new("postmedicines", "30049000", "Vitamins and food supplements", "PK", 1, 0.3, 0.6, 120, null, None),
        new("stroopwafels", "19053299", "Stroopwafels (syrup waffles)", "PK", 1, 1.2, 0.5, 9, null, None),
        new("bulbs", "06011010", "Tulip bulbs, dormant", "PK", 1, 1.0, 0.5, 12, null, None),
        new("accessories", "85444290", "Cables and phone accessories", "PK", 1, 0.3, 0.6, 70, null, None),
        new("bicycleparts", "87149990", "Bicycle parts", "PK", 1, 1.5, 0.6, 30, null, None),
        new("coffeepods", "09012100", "Roasted coffee capsules", "PK", 1, 0.8, 0.5, 25, null, None),
        new("posttoys", "95030099", "Toys", "PK", 1, 0.7, 0.6, 20, null, None),
    ];

    private static readonly Dictionary<string, Commodity> ByKey = Catalogue.ToDictionary(c => c.Key, StringComparer.Ordinal);

    public static IReadOnlyList<Commodity> All => Catalogue;

    public static Commodity Get(string key) => ByKey[key];
}
