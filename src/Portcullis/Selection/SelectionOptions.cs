namespace Portcullis.Selection;

/// <summary>Selection settings (section "Selection").</summary>
public sealed record SelectionOptions
{
    /// <summary>Share of each day's capacity chosen to learn: uncertain picks plus random ones.</summary>
    public double ExplorationShare { get; init; } = 0.10;

    /// <summary>Of the exploration picks, the share chosen by uncertainty; the rest are random.</summary>
    public double UncertaintyShareOfExploration { get; init; } = 0.5;

    /// <summary>Share of capacity drawn uniformly at random to measure the true hit rate.</summary>
    public double ControlShare { get; init; } = 0.02;

    /// <summary>How long before the planned control the inspection team (hub inspectors, scan analysts) may see a selection.</summary>
    public double InspectionWindowHours { get; init; } = 4;

    /// <summary>How long before the container's arrival its secure-lane order is released to the terminal.</summary>
    public double OrderLeadHours { get; init; } = 2;

    /// <summary>Hours from a container's discharge to its arrival in the secured area, where it can be scanned.</summary>
    public double TransferHours { get; init; } = 1;

    /// <summary>Hours from vessel arrival to discharge while a hub has no recent discharges to learn the usual delay from.</summary>
    public double DischargeDelayHours { get; init; } = 6;

    /// <summary>Days of a hub's past discharges the usual arrival-to-discharge delay is learned from.</summary>
    public int DischargeLearningDays { get; init; } = 14;

    /// <summary>Hours from a flight's arrival to its cargo being broken down and available for control.</summary>
    public double AirHandlingHours { get; init; } = 3;

    /// <summary>A selected container with no event for this long raises a silence alarm.</summary>
    public double SilenceHours { get; init; } = 6;

    /// <summary>How often the background job fills plans and checks secure lanes, in seconds; 0 switches it off.</summary>
    public int RunEverySeconds { get; init; } = 60;

    /// <summary>Days ahead the background job fills (0 = today only).</summary>
    public int FillDaysAhead { get; init; } = 1;

    /// <summary>Facility code of each hub's guarded area; a yard move there fulfils the order.</summary>
    public Dictionary<string, string> SecuredArea { get; init; } = [];

    /// <summary>Capacity per shift when no plan was stored for a hub and day.</summary>
    public Dictionary<string, ShiftCapacity> DefaultCapacity { get; init; } = [];

    /// <summary>Analysts' prior for the kilograms of a hit per hub, before outcomes say otherwise.</summary>
    public Dictionary<string, double> PriorKg { get; init; } = [];

    public ReadinessRules Readiness => new(TransferHours, DischargeDelayHours, AirHandlingHours);

    public string SecuredAreaFor(string hub) => SecuredArea.TryGetValue(hub, out var area) ? area : $"{hub}-SECURE";

    public ShiftCapacity CapacityFor(string hub) => DefaultCapacity.TryGetValue(hub, out var capacity) ? capacity : BuiltInCapacity(hub);

    public double PriorKgFor(string hub) => PriorKg.TryGetValue(hub, out var kg) ? kg : hub switch
    {
        "SPL" => 8,
        "FLW" => 40,
        "POST" => 0.6,
        "NZK" => 800,
        _ => 250,
    };

    // Per shift; in the order of magnitude of the scanner and team counts the seeds describe for each hub.
    private static ShiftCapacity BuiltInCapacity(string hub) => hub switch
    {
        "RTM" => new ShiftCapacity(40, 4),
        "ZWB" => new ShiftCapacity(10, 2),
        "NZK" => new ShiftCapacity(2, 1),
        "SPL" => new ShiftCapacity(30, 4),
        "FLW" => new ShiftCapacity(8, 1),
        "POST" => new ShiftCapacity(40, 2),
        _ => new ShiftCapacity(5, 1),
    };
}

/// <summary>Scanner slots and physical inspections of one shift.</summary>
public sealed record ShiftCapacity(int ScannerSlots, int PhysicalInspections);
