using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// What a day's plan chooses from: the units whose plan day it is (<see cref="PlanDay"/>: the local
/// day they arrive, or the later day whose shifts they are first ready in), each with its risk,
/// expected kilograms, uncertainty and the moment it is ready for control (<see cref="Readiness"/>:
/// a container at its discharge plus the transfer, expected or stored). A container is one unit
/// whatever it carries; air waybills, flower trucks and parcels are units by themselves. Only what
/// had happened by the planning moment counts: a discharge stamped later is not known yet.
/// </summary>
public static class Candidates
{
    public sealed record Unit(string Hub, UnitKind Kind, Candidate Candidate, IReadOnlyList<Guid> ConsignmentIds, string? WatchListReason);

    private sealed record Row(Guid Id, string Reference, ConsignmentKind Kind, DateTime ArrivedAt, double? Score, double? RuleScore, double? ModelProbability);

    /// <summary>A discharge counts for a consignment from this long before its vessel's stated arrival (early vessels), so a container's earlier visits do not.</summary>
    internal static readonly TimeSpan EarlyDischarge = TimeSpan.FromDays(2);

    /// <summary>
    /// How many days before its plan day a unit may have arrived: a box discharged late, after the
    /// last shift of its arrival day, is controlled on a later day's plan. Longer waits than this are
    /// not planned (none in the simulator's or the partners' data; the vessel would have left).
    /// </summary>
    internal const int LookbackDays = 2;

    /// <summary>
    /// The day whose plan a unit belongs to: the local day it arrives, unless it is ready only after
    /// that day's last shift has ended; then the day of the shift it is first ready in. A control
    /// cannot be planned in a shift that ends before the unit is discharged.
    /// </summary>
    public static DateOnly PlanDay(DateTime arrivedAt, DateTime readyAt)
    {
        var arrival = Shifts.LocalDate(arrivedAt);
        var ready = Shifts.At(readyAt).Day;
        return ready > arrival ? ready : arrival;
    }

    public static async Task<IReadOnlyList<Unit>> LoadAsync(PortcullisDb db, SelectionOptions options, string hub, DateOnly date, DateTime asOf, CancellationToken cancellationToken)
    {
        var from = Shifts.Day(date.AddDays(-LookbackDays)).From;
        var to = Shifts.Day(date).To;
        var consignments = db.Consignments.Where(c => c.HubCode == hub && c.ArrivedAt >= from && c.ArrivedAt < to && c.RetractedAt == null);
        var rows = await consignments
            .GroupJoin(db.RiskScores, c => c.Id, s => s.ConsignmentId, (c, s) => new { c, s })
            .SelectMany(x => x.s.DefaultIfEmpty(), (x, s) => new Row(x.c.Id, x.c.Reference, x.c.Kind, x.c.ArrivedAt, s == null ? null : s.Score, s == null ? null : s.RuleScore, s == null ? null : s.ModelProbability))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var containers = await consignments.Join(db.ConsignmentEquipment, c => c.Id, e => e.ConsignmentId, (c, e) => new { c.Id, e.ContainerNumber })
            .AsNoTracking().ToListAsync(cancellationToken);
        var watched = await consignments
            .Join(db.Set<Domain.Cargo.ConsignmentParty>(), c => c.Id, p => p.ConsignmentId, (c, p) => new { c.Id, p.PartyId, p.Role })
            .Join(db.WatchList.Where(w => w.RemovedAt == null), x => x.PartyId, w => w.PartyId, (x, w) => new { x.Id, x.Role, w.Reason })
            .Join(db.Parties, x => x.Id, p => p.Id, (x, p) => new { x.Id, x.Role, x.Reason, p.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var watchReason = watched.GroupBy(w => w.Id).ToDictionary(g => g.Key, g => $"{g.First().Role} {g.First().Name}: {g.First().Reason}");
        var expectedKg = await ExpectedKgAsync(db, options, hub, cancellationToken);
        var discharged = await DischargesAsync(db, options, hub, consignments, asOf, cancellationToken);
        var delay = await DischargeDelayAsync(db, options, hub, asOf, cancellationToken);

        var byId = rows.ToDictionary(r => r.Id);
        var inContainer = containers.Select(c => c.Id).ToHashSet();
        var units = new List<Unit>();
        foreach (var group in containers.GroupBy(c => c.ContainerNumber).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.Select(g => byId[g.Id]).DistinctBy(r => r.Id).ToList();
            var facts = new ReadinessFacts(ReadinessKind.Container, members.Min(m => m.ArrivedAt), discharged.TryGetValue(group.Key, out var at) ? at : null);
            var readyAt = Readiness.ReadyAt(facts, delay, options.Readiness);
            if (PlanDay(facts.ArrivedAt, readyAt) == date)
            {
                units.Add(Build(hub, UnitKind.Container, group.Key, members, expectedKg, watchReason, readyAt));
            }
        }

        foreach (var row in rows.Where(r => !inContainer.Contains(r.Id)).OrderBy(r => r.Reference, StringComparer.Ordinal))
        {
            var kind = row.Kind switch
            {
                ConsignmentKind.AirCargo => ReadinessKind.Air,
                ConsignmentKind.PostalItem => ReadinessKind.Post,
                _ => ReadinessKind.Other,
            };
            var readyAt = Readiness.ReadyAt(new ReadinessFacts(kind, row.ArrivedAt, null), delay, options.Readiness);
            if (PlanDay(row.ArrivedAt, readyAt) == date)
            {
                units.Add(Build(hub, UnitKind.Consignment, row.Reference, [row], expectedKg, watchReason, readyAt));
            }
        }

        // A unit an earlier day's plan already holds (its discharge has since been stamped later) is
        // that plan's: the re-plan moves its control, a second selection would control it twice.
        var earlier = await db.Selections
            .Where(s => s.HubCode == hub && s.PlanDate >= date.AddDays(-LookbackDays) && s.PlanDate < date && s.State != SelectionState.Released)
            .Select(s => s.Unit).AsNoTracking().ToListAsync(cancellationToken);
        var held = earlier.ToHashSet(StringComparer.Ordinal);
        units.RemoveAll(u => held.Contains(u.Candidate.Unit));

        // A reference can repeat across days in partners' data; keep one unit per name so the planner's uniqueness holds.
        return [.. units.DistinctBy(u => u.Candidate.Unit)];
    }

    /// <summary>
    /// Kilograms expected if a unit of this hub is a hit: the mean seized in the hub's past hits,
    /// shrunk towards the analysts' prior so that a handful of seizures does not swing it.
    /// </summary>
    public static async Task<double> ExpectedKgAsync(PortcullisDb db, SelectionOptions options, string hub, CancellationToken cancellationToken)
    {
        var seized = await db.DeclarationOutcomes.AsNoTracking()
            .Where(o => o.Hit == true && o.SeizedKg != null)
            .Join(db.Consignments.Where(c => c.HubCode == hub), o => o.ConsignmentId, c => c.Id, (o, c) => o.SeizedKg!.Value)
            .ToListAsync(cancellationToken);
        const double PriorWeight = 5;
        return (seized.Sum() + (PriorWeight * options.PriorKgFor(hub))) / (seized.Count + PriorWeight);
    }

    /// <summary>
    /// Each container's first discharge at the hub (or arrival in its secured area: a yard move or a
    /// gate-in there) that belongs to this visit and had happened by <paramref name="asOf"/>.
    /// </summary>
    private static async Task<Dictionary<string, DateTime>> DischargesAsync(PortcullisDb db, SelectionOptions options, string hub, IQueryable<Consignment> consignments, DateTime asOf, CancellationToken cancellationToken)
    {
        var locodes = HubLocodes(hub);
        var secured = options.SecuredAreaFor(hub);
        var rows = await consignments
            .Join(db.ConsignmentEquipment, c => c.Id, e => e.ConsignmentId, (c, e) => new { c.ArrivedAt, e.ContainerNumber })
            .Join(db.ContainerEvents, x => x.ContainerNumber, e => e.ContainerNumber, (x, e) => new { x.ArrivedAt, e.ContainerNumber, e.Type, e.UnLocode, e.Facility, e.OccurredAt })
            .Where(x => x.OccurredAt <= asOf && (x.Type == ContainerEventType.Discharge || x.Type == ContainerEventType.YardMove || x.Type == ContainerEventType.GateIn))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        // The visit's window and the places are checked here: date arithmetic does not translate alike on every provider.
        return rows
            .Where(x => x.OccurredAt >= x.ArrivedAt - EarlyDischarge
                && ((x.Type == ContainerEventType.Discharge && locodes.Contains(x.UnLocode)) || (x.Type != ContainerEventType.Discharge && string.Equals(x.Facility, secured, StringComparison.OrdinalIgnoreCase))))
            .GroupBy(x => x.ContainerNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(x => x.OccurredAt), StringComparer.Ordinal);
    }

    /// <summary>
    /// The hub's usual time from vessel arrival to discharge, learned from its latest discharges
    /// before <paramref name="asOf"/> (the median; the option's default when there are none).
    /// </summary>
    public static async Task<TimeSpan> DischargeDelayAsync(PortcullisDb db, SelectionOptions options, string hub, DateTime asOf, CancellationToken cancellationToken)
    {
        const int Sample = 500;
        var locodes = HubLocodes(hub);
        var since = asOf.AddDays(-Math.Max(1, options.DischargeLearningDays));
        // Two indexed reads matched here rather than one join: SQLite plans the three-way join on container numbers badly.
        var discharges = await db.ContainerEvents
            .Where(e => e.Type == ContainerEventType.Discharge && e.OccurredAt <= asOf && e.OccurredAt >= since && locodes.Contains(e.UnLocode))
            .OrderByDescending(e => e.OccurredAt)
            .Take(Sample)
            .Select(e => new { e.ContainerNumber, e.OccurredAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (discharges.Count == 0)
        {
            return Readiness.MedianDelay([], options.Readiness);
        }

        var earliest = discharges.Min(d => d.OccurredAt) - EarlyDischarge;
        var latest = asOf + EarlyDischarge;
        var arrivals = (await db.Consignments
                .Where(c => c.HubCode == hub && c.ArrivedAt >= earliest && c.ArrivedAt <= latest && c.Kind == ConsignmentKind.SeaContainer && c.RetractedAt == null)
                .Join(db.ConsignmentEquipment, c => c.Id, q => q.ConsignmentId, (c, q) => new { q.ContainerNumber, c.ArrivedAt })
                .AsNoTracking()
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.ContainerNumber, a => a.ArrivedAt, StringComparer.Ordinal);
        // A container's other visits are in range too; only an arrival within days of the discharge is this visit's.
        var observed = discharges
            .Select(d => (d.OccurredAt, Arrived: arrivals[d.ContainerNumber].Where(a => (d.OccurredAt - a).Duration() <= EarlyDischarge).Select(a => (DateTime?)a).Max()))
            .Where(x => x.Arrived is not null)
            .Select(x => (x.OccurredAt, ArrivedAt: x.Arrived!.Value));
        return Readiness.MedianDelay(observed.Select(x => x.OccurredAt - x.ArrivedAt), options.Readiness);
    }

    internal static List<string> HubLocodes(string hub) => HubCatalogue.Find(hub) is { } h ? [.. h.Locations.Select(l => l.UnLocode)] : [];

    private static Unit Build(string hub, UnitKind kind, string name, IReadOnlyList<Row> members, double expectedKg, Dictionary<Guid, string> watchReason, DateTime readyAt)
    {
        // A unit is a hit when any consignment in it is; unscored consignments count as unknown, not as safe.
        var risk = 1 - members.Aggregate(1.0, (p, m) => p * (1 - (m.Score ?? 0)));
        var uncertainty = members.Max(Uncertainty);
        var watch = members.Select(m => watchReason.GetValueOrDefault(m.Id)).FirstOrDefault(r => r is not null);
        return new Unit(hub, kind, new Candidate(name, risk, expectedKg, uncertainty, readyAt), [.. members.Select(m => m.Id)], watch);
    }

    /// <summary>
    /// How little we know about a consignment: the Bernoulli variance p(1 − p) of its score, raised
    /// where the model and the rules disagree. Unscored consignments get the maximum.
    /// </summary>
    private static double Uncertainty(Row row)
    {
        if (row.Score is not { } p)
        {
            return 0.5;
        }

        var disagreement = row.ModelProbability is { } m && row.RuleScore is { } r ? Math.Abs(m - r) : 0;
        return (p * (1 - p)) + (0.5 * disagreement);
    }
}
