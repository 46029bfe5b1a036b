namespace Portcullis.Selection;

/// <summary>How a unit travels, for when it can be controlled.</summary>
public enum ReadinessKind
{
    /// <summary>A sea container: ready once it is off the vessel and in the secured area.</summary>
    Container,

    /// <summary>Air cargo: ready once the flight is in and the handler has broken it down.</summary>
    Air,

    /// <summary>A postal item: ready at its acceptance at the mail centre.</summary>
    Post,

    /// <summary>Trucks and bulk: ready at arrival.</summary>
    Other,
}

/// <summary>The rule's hours (from the options): transfer to the secured area, the usual discharge delay, air handling.</summary>
/// <param name="TransferHours">From discharge to the secured area (and the scanner).</param>
/// <param name="DefaultDischargeDelayHours">Vessel arrival to discharge when the hub has no recent discharges to learn from.</param>
/// <param name="AirHandlingHours">Flight arrival to the shipment being available for control.</param>
public sealed record ReadinessRules(double TransferHours = 1, double DefaultDischargeDelayHours = 6, double AirHandlingHours = 3);

/// <summary>What was known of a unit at the planning moment.</summary>
/// <param name="Kind">How it travels.</param>
/// <param name="ArrivedAt">The vessel's or flight's (expected) arrival, the truck's arrival or the postal acceptance.</param>
/// <param name="DischargedAt">The stored discharge (or arrival in the secured area) at the hub, when it had happened by the planning moment.</param>
public sealed record ReadinessFacts(ReadinessKind Kind, DateTime ArrivedAt, DateTime? DischargedAt);

/// <summary>
/// When a unit can first be controlled. A scan cannot happen while the box is on the ship, so a
/// container is ready at its discharge plus the transfer to the secured area, not at its vessel's
/// arrival; before the discharge is known the plan uses the expected discharge (arrival plus the
/// hub's usual delay) and is moved when the real one comes later.
/// </summary>
public static class Readiness
{
    /// <summary>
    /// The earliest moment of control. <paramref name="dischargeDelay"/> is the hub's usual time from
    /// vessel arrival to discharge (see <see cref="MedianDelay"/>); it is used only while the
    /// discharge is unknown.
    /// </summary>
    public static DateTime ReadyAt(ReadinessFacts facts, TimeSpan dischargeDelay, ReadinessRules rules)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        return facts.Kind switch
        {
            ReadinessKind.Container => (facts.DischargedAt ?? facts.ArrivedAt.Add(dischargeDelay)).AddHours(rules.TransferHours),
            ReadinessKind.Air => facts.ArrivedAt.AddHours(rules.AirHandlingHours),
            _ => facts.ArrivedAt,
        };
    }

    /// <summary>
    /// The hub's usual delay from vessel arrival to discharge: the median of the observed delays
    /// (negative ones, discharges before the stated arrival, count as zero), or the rule's default
    /// when there are none. The median, so that a few boxes left on board for days do not move it.
    /// </summary>
    public static TimeSpan MedianDelay(IEnumerable<TimeSpan> observed, ReadinessRules rules)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(rules);
        var sorted = observed.Select(d => d < TimeSpan.Zero ? TimeSpan.Zero : d).Order().ToList();
        if (sorted.Count == 0)
        {
            return TimeSpan.FromHours(rules.DefaultDischargeDelayHours);
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// When a planned control should be: never before the unit is ready, never before the selection
    /// is made, and otherwise at the start of its shift (or when the unit is ready within it).
    /// </summary>
    public static DateTime PlannedControlAt(DateTime readyAt, DateTime shiftStart, DateTime createdAt)
    {
        var at = readyAt > shiftStart ? readyAt : shiftStart;
        return at > createdAt ? at : createdAt;
    }
}
