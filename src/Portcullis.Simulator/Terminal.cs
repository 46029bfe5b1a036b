using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>
/// Container moves at the hub terminals: discharges, yard moves, gate-outs days later, export
/// loads, and seal observations. Gate-outs of earlier days are queued and emitted on their day;
/// the first days are warmed up with containers discharged before the run began.
/// </summary>
internal sealed class Terminal(SimRandom rng, EquipmentPool equipment)
{
    public const string Source = "simulator";

    // Days between discharge and gate-out: deep-sea boxes wait for customs, transport and paperwork.
    private static readonly double[] DeepSeaDwell = [0.12, 0.35, 0.25, 0.15, 0.08, 0.05];

    // Fruit leaves the quay fast: ripening rooms want it within a day or two.
    private static readonly double[] FruitDwell = [0.45, 0.45, 0.10];

    /// <summary>
    /// Hours after discharge before an import may gate out: customs release takes its time, so an
    /// honest terminal never lets a box go before a control planned within a shift or two of its
    /// discharge could have closed (a day's plan ends at most 30 h after its first discharge, a
    /// control takes up to 4 h).
    /// </summary>
    public const double MinimumHoldHours = 36;

    private static readonly string[] ExportSizeTypes = ["45G1", "45G1", "42G1", "22G1", "22G1", "45R1"];

    private readonly List<Pending>[] queue = CreateQueue();

    /// <summary>Emits the events queued for this day (gate-outs of containers discharged earlier).</summary>
    public void Flush(DayContext day)
    {
        var pending = queue[day.Index % queue.Length];
        foreach (var p in pending)
        {
            day.Events.Add(Event(p.Container, p.Type, p.At, p.Locode, p.Facility, null, null));
        }

        pending.Clear();
    }

    /// <summary>Queues the gate-outs of containers that were discharged before the first simulated day.</summary>
    public void WarmUp(DayContext day, string locode, string[] facilities, string[] carriers, double containersPerDay, bool fruit)
    {
        var dwell = fruit ? FruitDwell : DeepSeaDwell;
        for (var offset = 0; offset < dwell.Length - 1; offset++)
        {
            var tail = 0.0;
            for (var k = offset + 1; k < dwell.Length; k++)
            {
                tail += dwell[k];
            }

            var count = rng.StochasticRound(containersPerDay * tail);
            for (var i = 0; i < count; i++)
            {
                var sizeType = fruit ? "45R1" : rng.Pick(ExportSizeTypes);
                var container = equipment.Acquire(rng.Pick(carriers), sizeType, day, day.Index + offset + 3);
                var at = rng.TimeOnDay(day.Start.AddDays(offset), 5, 23);
                queue[(day.Index + offset) % queue.Length].Add(new Pending(container, ContainerEventType.GateOut, at, locode, rng.Pick(facilities)));
            }
        }
    }

    /// <summary>The day after discharge the container is busy until, so the pool does not reuse it meanwhile.</summary>
    public int DrawDwell(bool fruit) => rng.WeightedIndex(fruit ? FruitDwell : DeepSeaDwell);

    /// <summary>
    /// Discharge of an import container and what follows: maybe a yard move, a seal change, the
    /// gate-out today or queued. A tampered seal shows either as a seal at discharge that differs
    /// from the declared one (replaced at loading) or as a seal change after discharge (rip-off).
    /// </summary>
    public void Discharge(DayContext day, Discharge d)
    {
        var hoursLeft = (day.End - d.VesselArrival).TotalHours;
        var at = d.VesselArrival.AddSeconds(Math.Floor(rng.Uniform(0.5, Math.Min(14, hoursLeft - 0.6)) * 3600));
        var observedSeal = d.DeclaredSeal;
        var changeAfter = false;
        if (d.SealTamper)
        {
            // 45 % replaced at loading only, 35 % replaced at arrival only, 20 % both.
            var mode = rng.NextDouble();
            observedSeal = mode is < 0.45 or >= 0.8 ? DocumentNumbers.CarrierSeal(rng, d.Carrier) : d.DeclaredSeal;
            changeAfter = mode >= 0.45;
        }
        else if (rng.Chance(0.003))
        {
            observedSeal = Transpose(d.DeclaredSeal);
        }

        day.Events.Add(Event(d.Container, ContainerEventType.Discharge, at, d.Locode, d.Facility, d.MovementId, observedSeal));
        var left = (day.End - at).TotalHours - 0.05;
        if (rng.Chance(0.15) && left > 0.5)
        {
            // Quay to stack, straight after discharge (a secure-lane transfer, if any, comes after it).
            day.Events.Add(Event(d.Container, ContainerEventType.YardMove, Later(at, Math.Min(0.4, left)), d.Locode, d.Facility, null, null));
        }

        if (changeAfter || rng.Chance(0.005))
        {
            // Honest re-seals: customs after an inspection, or the carrier after a reefer check.
            var seal = changeAfter || rng.Chance(0.6) ? DocumentNumbers.CarrierSeal(rng, d.Carrier) : DocumentNumbers.CustomsSeal(rng);
            if (left > 0.2)
            {
                day.Events.Add(Event(d.Container, ContainerEventType.SealChanged, Later(at, left), d.Locode, d.Facility, null, seal));
            }
        }

        // Never before customs could release it: at least the minimum hold after discharge, so a short dwell spills into the next day.
        var dwell = Math.Max(1, d.Dwell);
        var gateOut = rng.TimeOnDay(day.Start.AddDays(dwell), 5, 23);
        var released = at.AddHours(MinimumHoldHours);
        if (gateOut < released)
        {
            gateOut = released.AddSeconds(Math.Floor(rng.Uniform(0, 6) * 3600));
        }

        var onDay = (int)(gateOut.Date - day.Start).TotalDays;
        queue[(day.Index + onDay) % queue.Length].Add(new Pending(d.Container, ContainerEventType.GateOut, gateOut, d.Locode, d.Facility));
    }

    /// <summary>Export containers: some gated in today, all loaded onto today's vessels before they sail.</summary>
    public void Exports(DayContext day, IReadOnlyList<(TransportMovement Vessel, DateTime Arrival, string Locode, string Facility)> vessels, int count)
    {
        if (vessels.Count == 0)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var (vessel, arrival, locode, facility) = vessels[rng.Next(vessels.Count)];
            var container = equipment.Acquire(vessel.Carrier, rng.Pick(ExportSizeTypes), day, day.Index + 25);
            var left = (day.End - arrival).TotalHours - 0.05;
            var load = Later(arrival.AddHours(0.5), left - 0.5);
            if (rng.Chance(0.4))
            {
                var gateIn = day.Start.AddSeconds(Math.Floor(rng.Uniform(0, (load - day.Start).TotalHours) * 3600));
                day.Events.Add(Event(container, ContainerEventType.GateIn, gateIn, locode, facility, null, null));
            }

            day.Events.Add(Event(container, ContainerEventType.Load, load, locode, facility, vessel.Id, DocumentNumbers.CarrierSeal(rng, vessel.Carrier)));
        }
    }

    private DateTime Later(DateTime from, double maxHours) => from.AddSeconds(Math.Floor(rng.Uniform(0.05, Math.Max(0.1, maxHours)) * 3600));

    private ContainerEvent Event(string container, ContainerEventType type, DateTime at, string locode, string facility, Guid? movementId, string? seal) => new()
    {
        Id = rng.NextGuid(),
        ContainerNumber = container,
        Type = type,
        OccurredAt = at,
        UnLocode = locode,
        Facility = facility,
        MovementId = movementId,
        SealNumber = seal,
        Source = Source,
    };

    /// <summary>A clerk's slip: the last two digits swapped.</summary>
    private static string Transpose(string seal)
    {
        var chars = seal.ToCharArray();
        (chars[^1], chars[^2]) = (chars[^2], chars[^1]);
        return new string(chars);
    }

    private static List<Pending>[] CreateQueue()
    {
        var queue = new List<Pending>[8];
        for (var i = 0; i < queue.Length; i++)
        {
            queue[i] = [];
        }

        return queue;
    }

    private readonly record struct Pending(string Container, ContainerEventType Type, DateTime At, string Locode, string Facility);
}

/// <summary>One import container coming off a vessel.</summary>
internal readonly record struct Discharge(
    string Container,
    string Carrier,
    Guid MovementId,
    DateTime VesselArrival,
    string Locode,
    string Facility,
    string DeclaredSeal,
    bool SealTamper,
    int Dwell);
