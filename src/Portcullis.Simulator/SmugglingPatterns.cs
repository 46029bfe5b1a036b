using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>How often each risk signal shows on this pattern's cases (honest traffic shows them too, less often).</summary>
internal sealed record SignalOdds(
    double FrontConsignee,
    double ComplicitForwarder,
    double Transship,
    double LateBooking,
    double ValueOddity,
    double WeightMismatch,
    double SealTamper);

/// <summary>
/// One smuggling organisation's way of working. Rates are cases per day at scale 1; rates, lanes,
/// origins and goods are functions of the day index (0 = first simulated day) so patterns drift.
/// </summary>
internal sealed class SmugglingPattern
{
    public required string Name { get; init; }

    public required Substance Substance { get; init; }

    public required ConcealmentMethod[] Concealments { get; init; }

    public required Func<int, double> DailyRate { get; init; }

    public required Func<int, Weighted[]> Lanes { get; init; }

    /// <summary>Preferred origin countries (ISO alpha-2); lanes without them fall back to their own origins.</summary>
    public required Func<int, Weighted[]> Origins { get; init; }

    /// <summary>Preferred commodities; for post, the goods declared on the parcel.</summary>
    public required Func<int, Weighted[]> Commodities { get; init; }

    public required SignalOdds Signals { get; init; }

    public required (double Median, double Sigma, double Min, double Max) Kilograms { get; init; }

    public Sector FrontSector { get; init; } = Sector.General;

    /// <summary>Only reefer commodities will do (the machinery pattern needs a cooling unit).</summary>
    public bool NeedsReefer { get; init; }

    /// <summary>Which of the complicit forwarders works for the organisation on a day; -1 for none.</summary>
    public Func<int, int> ForwarderSlot { get; init; } = static _ => -1;
}

/// <summary>
/// The patterns and their drift; docs/SIMULATOR.md explains them. Waterbed: rip-on/rip-off moves
/// from Rotterdam to Vlissingen between days 8 and 16. Lane shift: Ecuador gives way to Costa Rica
/// between days 10 and 24. Forwarder change: the fruit front organisation swaps its forwarder on
/// day 14. Growth: reefer machinery triples, timber and bulk cocoa grow, fruit fronts halve.
/// </summary>
internal static class SmugglingPatterns
{
    public const string RipOnRipOff = "ripon-fruit-ec-pa";
    public const string FrontCompanyFruit = "front-consignee-fruit";
    public const string ReeferMachinery = "reefer-machinery";
    public const string TimberStructure = "timber-structure";
    public const string WestAfricaTransit = "west-africa-transit";
    public const string BulkCocoa = "bulk-cocoa";
    public const string AirCourier = "air-cargo-courier";
    public const string FlowerTrucks = "flower-trucks";
    public const string PostPills = "post-pills";

    public static IReadOnlyList<SmugglingPattern> All { get; } =
    [
        new()
        {
            Name = RipOnRipOff, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.AmongCargoNearDoors],
            DailyRate = t => Lerp(9, 7, Ramp(t, 0, 27)),
            Lanes = t =>
            {
                var shift = Lerp(0.15, 0.8, Ramp(t, 8, 16));
                return [new(Simulator.Lanes.RotterdamWestCoastSouthAmerica, 0.6 * (1 - shift)), new(Simulator.Lanes.RotterdamCaribbean, 0.4 * (1 - shift)), new(Simulator.Lanes.VlissingenFruit, shift)];
            },
            Origins = t => [new("EC", Lerp(1, 0.35, Ramp(t, 10, 24))), new("CR", Lerp(0.15, 1, Ramp(t, 10, 24))), new("CO", 0.2)],
            Commodities = _ => [new("bananas", 3), new("pineapples", 1)],
            Signals = new(FrontConsignee: 0.08, ComplicitForwarder: 0, Transship: 0.75, LateBooking: 0.12, ValueOddity: 0.05, WeightMismatch: 0.3, SealTamper: 0.7),
            Kilograms = (120, 0.6, 25, 600),
            FrontSector = Sector.Fruit,
        },
        new()
        {
            Name = FrontCompanyFruit, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.AmongCargoNearDoors, ConcealmentMethod.AmongCargoNearDoors, ConcealmentMethod.ContainerStructure],
            DailyRate = t => Lerp(8, 4, Ramp(t, 0, 27)),
            Lanes = _ => [new(Simulator.Lanes.RotterdamCaribbean, 0.5), new(Simulator.Lanes.RotterdamWestCoastSouthAmerica, 0.3), new(Simulator.Lanes.VlissingenFruit, 0.2)],
            Origins = t => [new("EC", Lerp(1, 0.3, Ramp(t, 10, 24))), new("CR", Lerp(0.3, 1, Ramp(t, 10, 24))), new("CO", 0.5)],
            Commodities = _ => [new("pineapples", 2), new("bananas", 2), new("avocados", 1)],
            Signals = new(FrontConsignee: 0.75, ComplicitForwarder: 0.55, Transship: 0.35, LateBooking: 0.5, ValueOddity: 0.4, WeightMismatch: 0.2, SealTamper: 0.15),
            Kilograms = (600, 0.9, 50, 8000),
            FrontSector = Sector.Fruit,
            ForwarderSlot = t => t < 14 ? 0 : 1,
        },
        new()
        {
            Name = ReeferMachinery, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.ReeferMachinery],
            DailyRate = t => Lerp(3, 9, Ramp(t, 3, 24)),
            Lanes = _ => [new(Simulator.Lanes.RotterdamEastCoastSouthAmerica, 0.6), new(Simulator.Lanes.RotterdamWestCoastSouthAmerica, 0.2), new(Simulator.Lanes.VlissingenFruit, 0.2)],
            Origins = _ => [new("BR", 1), new("PY", 0.6), new("UY", 0.3), new("EC", 0.4), new("CO", 0.3)],
            Commodities = _ => [new("frozenbeef", 1), new("frozenchicken", 1), new("juice", 0.5), new("frozenshrimp", 1)],
            Signals = new(FrontConsignee: 0.3, ComplicitForwarder: 0.35, Transship: 0.6, LateBooking: 0.3, ValueOddity: 0.15, WeightMismatch: 0.1, SealTamper: 0.1),
            Kilograms = (150, 0.5, 30, 500),
            FrontSector = Sector.Food,
            NeedsReefer = true,
            ForwarderSlot = t => t < 10 ? -1 : 2,
        },
        new()
        {
            Name = TimberStructure, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.ContainerStructure],
            DailyRate = t => Lerp(3, 5, Ramp(t, 0, 27)),
            Lanes = _ => [new(Simulator.Lanes.RotterdamEastCoastSouthAmerica, 0.85), new(Simulator.Lanes.RotterdamWestCoastSouthAmerica, 0.15)],
            Origins = _ => [new("BR", 1), new("PY", 0.8), new("EC", 0.2)],
            Commodities = _ => [new("timber", 3), new("furniture", 1)],
            Signals = new(FrontConsignee: 0.45, ComplicitForwarder: 0.5, Transship: 0.4, LateBooking: 0.25, ValueOddity: 0.55, WeightMismatch: 0.3, SealTamper: 0.05),
            Kilograms = (300, 0.7, 50, 1500),
            ForwarderSlot = _ => 3,
        },
        new()
        {
            Name = WestAfricaTransit, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.AmongCargoNearDoors, ConcealmentMethod.ContainerStructure],
            DailyRate = _ => 0.6,
            Lanes = _ => [new(Simulator.Lanes.RotterdamAfrica, 1)],
            Origins = _ => [new("CI", 1), new("GH", 1), new("NG", 0.5)],
            Commodities = _ => [new("cocoabags", 1), new("cannedtuna", 1), new("citrus", 0.5)],
            Signals = new(FrontConsignee: 0.5, ComplicitForwarder: 0.2, Transship: 0.5, LateBooking: 0.3, ValueOddity: 0.3, WeightMismatch: 0.2, SealTamper: 0.4),
            Kilograms = (250, 0.8, 30, 2000),
            FrontSector = Sector.Food,
            ForwarderSlot = _ => 6,
        },
        new()
        {
            Name = BulkCocoa, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.Bulk],
            DailyRate = t => Lerp(0.08, 0.25, Ramp(t, 5, 25)),
            Lanes = _ => [new(Simulator.Lanes.AmsterdamCocoa, 1)],
            Origins = _ => [new("EC", 1), new("CI", 0.5), new("GH", 0.3), new("BR", 0.4)],
            Commodities = _ => [new("cocoabulk", 1)],
            Signals = new(FrontConsignee: 0.4, ComplicitForwarder: 0.3, Transship: 0, LateBooking: 0.2, ValueOddity: 0.2, WeightMismatch: 0.3, SealTamper: 0),
            Kilograms = (800, 0.8, 100, 6000),
            FrontSector = Sector.Cocoa,
            ForwarderSlot = _ => 6,
        },
        new()
        {
            Name = AirCourier, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.Other],
            DailyRate = _ => 1.5,
            Lanes = _ => [new(Simulator.Lanes.SchipholLatinAmerica, 0.7), new(Simulator.Lanes.SchipholAfrica, 0.15), new(Simulator.Lanes.SchipholGulf, 0.15)],
            Origins = _ => [new("BR", 1), new("CO", 1), new("PE", 0.7), new("EC", 0.5), new("NG", 0.5), new("ET", 0.3)],
            Commodities = _ => [new("courier", 2), new("fruitfresh", 1), new("fishfresh", 1)],
            Signals = new(FrontConsignee: 0.6, ComplicitForwarder: 0.3, Transship: 0.2, LateBooking: 0.7, ValueOddity: 0.4, WeightMismatch: 0.3, SealTamper: 0),
            Kilograms = (8, 0.7, 1, 40),
            ForwarderSlot = _ => 4,
        },
        new()
        {
            Name = FlowerTrucks, Substance = Substance.Cocaine, Concealments = [ConcealmentMethod.AmongCargoNearDoors],
            DailyRate = _ => 0.4,
            Lanes = _ => [new(Simulator.Lanes.FlowersViaSchiphol, 0.6), new(Simulator.Lanes.FlowersByRoad, 0.4)],
            Origins = _ => [new("CO", 1), new("EC", 1)],
            Commodities = _ => [new("roses", 1)],
            Signals = new(FrontConsignee: 0.5, ComplicitForwarder: 0.3, Transship: 0, LateBooking: 0.3, ValueOddity: 0.2, WeightMismatch: 0.3, SealTamper: 0),
            Kilograms = (40, 0.7, 5, 250),
            FrontSector = Sector.Flowers,
            ForwarderSlot = _ => 5,
        },
        new()
        {
            Name = PostPills, Substance = Substance.SyntheticDrugs, Concealments = [ConcealmentMethod.Other],
            DailyRate = t => Lerp(20, 24, Ramp(t, 0, 27)),
            Lanes = _ => [new(Simulator.Lanes.PostOutbound, 1)],
            Origins = t => [new("AU", Lerp(0.6, 0.3, Ramp(t, 7, 21))), new("NZ", Lerp(0.05, 0.3, Ramp(t, 7, 21))), new("US", 0.2), new("GB", 0.1), new("JP", 0.05)],
            Commodities = t => Ramp(t, 12, 18) < 0.5
                ? [new("books", 1), new("postclothing", 1), new("cosmetics", 1), new("posttoys", 0.5)]
                : [new("stroopwafels", 1), new("bulbs", 1), new("coffeepods", 1), new("cosmetics", 0.3)],
            Signals = new(FrontConsignee: 0.55, ComplicitForwarder: 0, Transship: 0, LateBooking: 0, ValueOddity: 0.35, WeightMismatch: 0.4, SealTamper: 0),
            Kilograms = (0.6, 0.9, 0.1, 5),
            FrontSector = Sector.Webshop,
        },
    ];

    private static double Ramp(int t, int from, int to) => Math.Clamp((t - from) / (double)(to - from), 0, 1);

    private static double Lerp(double a, double b, double x) => a + ((b - a) * x);
}
