using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>What to simulate. Scale 1.0 is a realistic full day of Dutch mainport traffic.</summary>
public sealed record SimulationOptions(int Seed, double Scale, DateOnly FirstDay, int Days)
{
    /// <summary>
    /// The simulation's present (UTC): container events and postal acceptances stamped after it
    /// have not happened yet and are withheld, so a demo that simulates all of today stores no
    /// future. Manifests of vessels and flights still to arrive are sent before arrival and kept.
    /// Null simulates every day in full.
    /// </summary>
    public DateTime? Now { get; init; }

    public static SimulationOptions Default(DateOnly firstDay) => new(Seed: 42, Scale: 1.0, FirstDay: firstDay, Days: 1);
}

/// <summary>
/// One simulated day: what partners would have sent customs (parties, movements, consignments,
/// container events) and, apart from it, the ground truth of which consignments hide drugs.
/// Parties and equipment appear in the first day they are used and are reused afterwards.
/// </summary>
public sealed record SimulatedDay(
    DateOnly Date,
    IReadOnlyList<Party> NewParties,
    IReadOnlyList<Equipment> NewEquipment,
    IReadOnlyList<TransportMovement> Movements,
    IReadOnlyList<Consignment> Consignments,
    IReadOnlyList<ContainerEvent> Events,
    IReadOnlyList<SmugglingCase> GroundTruth);

/// <summary>
/// Ground truth for one smuggling consignment. Stored apart from the cargo data; only evaluation
/// code and the inspection of that very consignment may read it.
/// </summary>
public sealed class SmugglingCase
{
    public required Guid ConsignmentId { get; init; }

    /// <summary>The container the drugs are in; null for bulk, air cargo and post.</summary>
    public string? ContainerNumber { get; init; }

    public required Substance Substance { get; init; }

    public required ConcealmentMethod Concealment { get; init; }

    public required double Kilograms { get; init; }

    /// <summary>Which smuggling organisation's pattern produced this case (for evaluation by pattern).</summary>
    public required string Pattern { get; init; }
}
