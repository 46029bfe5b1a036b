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

    /// <summary>
    /// The smuggling organisations' scale when it differs from the traffic's: a test of a monitor
    /// whose power depends on the real number of cases a day (the waterbed test) simulates full-scale
    /// smuggling in a fifth of the honest traffic. Null uses <see cref="Scale"/>.
    /// </summary>
    public double? SmugglingScale { get; init; }

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
    IReadOnlyList<SmugglingCase> GroundTruth)
{
    /// <summary>
    /// Ground truth for entity resolution: the parties emitted today that belong to a larger real
    /// entity (fronts of one organisation, second registrations of one company). A party not listed
    /// is an entity of its own. Like <see cref="GroundTruth"/>, for evaluation only.
    /// </summary>
    public IReadOnlyList<PartyTruth> PartyTruth { get; init; } = [];
}

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

/// <summary>
/// Ground truth of something that happened to a container and that the integrity rules should
/// catch (an insider moving a selected container, a rip-on/rip-off, a seal swap, a reefer opened
/// before arrival) or deliberately should not (GPS jitter at a fence: Kind starting "benign-").
/// Kept in the vault, never read by the rules; evaluation compares alarms with it.
/// </summary>
public sealed class IntegrityIncident
{
    public required Guid Id { get; init; }

    public required string ContainerNumber { get; init; }

    /// <summary>e.g. "insider-move", "rip-on-rip-off", "seal-swap", "reefer-opened"; "benign-..." for decoys.</summary>
    public required string Kind { get; init; }

    /// <summary>The window in which it happened (event times).</summary>
    public required DateTime From { get; init; }

    public required DateTime To { get; init; }

    /// <summary>The name of the alarm kind that should fire (Portcullis.Integrity.Alarms.AlarmKind); null when none should.</summary>
    public string? ExpectedAlarm { get; init; }

    public required string Description { get; init; }
}

/// <summary>
/// Which real entity a simulated party belongs to. <paramref name="EntityKey"/> is shared by all the
/// parties of one entity ("organisation:NAME" for the fronts of a smuggling organisation,
/// "party:ID" for another registration of that party); <paramref name="Organisation"/> names the
/// smuggling organisation, if any.
/// </summary>
public sealed record PartyTruth(Guid PartyId, string EntityKey, string? Organisation);
