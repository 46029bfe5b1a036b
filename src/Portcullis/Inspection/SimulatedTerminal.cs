using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Inspection;

/// <summary>
/// For simulated traffic only: the hub terminals' side of the secure lane. A terminal that has a
/// container's order moves it into the secured area after discharge and holds it there; a small,
/// deterministic share of selected containers meets an insider who tries to move it before its
/// control closes (a gate-out, a load onto a vessel, or a gate-out from the secured area). What
/// the terminal does reaches customs as its gate and load reports (CODECO, COARRI) through the
/// ingest pipeline, like any partner data; the insiders' attempts are recorded as ground truth so
/// that the alarms can be scored against them. Nothing after now is reported.
/// </summary>
public static class SimulatedTerminal
{
    public const string Sender = "TERMINALS";

    /// <summary>Share of selected containers an insider tries to move before the control closes.</summary>
    public const double InsiderShare = 0.04;

    /// <summary>The ground-truth kind of an insider's attempt.</summary>
    public const string InsiderKind = "insider-move";

    public sealed record Summary(int Secured, IReadOnlyList<IntegrityIncident> Incidents);

    /// <summary>Reports the moves due by now and records the insiders' attempts in the <paramref name="vault"/>.</summary>
    internal static async Task<Summary> RunAsync(Database database, IngestPipeline pipeline, GroundTruthVault vault, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<SecureLaneOrder> orders;
        List<SelectionCase> selections;
        Dictionary<Guid, Replan.State> states;
        HashSet<string> secured;
        await using (var db = database.CreateContext())
        {
            orders = await db.SecureLaneOrders.AsNoTracking().Where(o => o.Status != OrderStatus.Cancelled).ToListAsync(cancellationToken);
            var ids = orders.Select(o => o.SelectionId).ToList();
            selections = await db.Selections.AsNoTracking().Where(s => ids.Contains(s.Id) && s.State != SelectionState.Released).ToListAsync(cancellationToken);
            states = await Replan.StatesAsync(db, options, selections, now, cancellationToken);
            // Already in the secured area (an earlier run): the terminal does not move it again.
            var numbers = orders.Select(o => o.ContainerNumber).Distinct().ToList();
            var areas = orders.Select(o => o.SecuredArea).Distinct().ToList();
            secured = [.. await db.ContainerEvents.AsNoTracking()
                .Where(e => numbers.Contains(e.ContainerNumber) && e.Type == ContainerEventType.GateIn && e.Facility != null && areas.Contains(e.Facility))
                .Select(e => e.ContainerNumber).Distinct().ToListAsync(cancellationToken)];
        }

        var byId = selections.ToDictionary(s => s.Id);
        var events = new List<ContainerEvent>();
        var incidents = new List<IntegrityIncident>();
        foreach (var order in orders.OrderBy(o => o.ContainerNumber, StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(order.SelectionId, out var selection) || secured.Contains(order.ContainerNumber)
                || states.GetValueOrDefault(order.SelectionId) is not { DischargedAt: { } discharged } state)
            {
                continue;
            }

            var random = new Random(Seed(order.ContainerNumber, selection.PlanDate));
            // The terminal acts once it has the order: at discharge, or when a late order reaches it.
            var knows = discharged > order.ReleaseAt ? discharged : order.ReleaseAt;
            var inArea = knows.AddSeconds(Math.Floor((0.5 + (0.4 * random.NextDouble())) * 3600));
            var insider = random.NextDouble() < InsiderShare;
            if (inArea > now)
            {
                continue;
            }

            var locode = state.Locode ?? Candidates.HubLocodes(order.HubCode).FirstOrDefault() ?? "";
            events.Add(Event(order.ContainerNumber, ContainerEventType.GateIn, inArea, locode, order.SecuredArea));
            var end = selection.ClosedAt ?? now;
            if (!insider || end - inArea < TimeSpan.FromMinutes(30))
            {
                continue;
            }

            // Somewhere between the box reaching the secured area and the control closing.
            var at = inArea.AddSeconds(Math.Floor((0.1 + (0.8 * random.NextDouble())) * (end - inArea).TotalSeconds));
            var (type, facility, alarm, what) = random.Next(3) switch
            {
                0 => (ContainerEventType.GateOut, state.Facility ?? order.SecuredArea, nameof(AlarmKind.GateOut), "gated out at the terminal gate"),
                1 => (ContainerEventType.Load, state.Facility ?? order.SecuredArea, nameof(AlarmKind.Loaded), "loaded onto a departing vessel"),
                _ => (ContainerEventType.GateOut, order.SecuredArea, nameof(AlarmKind.GateOut), "taken out of the secured area"),
            };
            events.Add(Event(order.ContainerNumber, type, at, locode, facility));
            incidents.Add(new IntegrityIncident
            {
                Id = Guid.CreateVersion7(),
                ContainerNumber = order.ContainerNumber,
                Kind = InsiderKind,
                From = at,
                To = at,
                ExpectedAlarm = alarm,
                Description = string.Create(CultureInfo.InvariantCulture, $"An insider {what} at {at:yyyy-MM-dd HH:mm} UTC, before the control closed ({(selection.ClosedAt is { } c ? c.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "still open")})."),
            });
        }

        if (events.Count > 0)
        {
            await IngestAsync(pipeline, events, now, cancellationToken);
            await vault.RecordIncidentsAsync(incidents, cancellationToken);
        }

        return new Summary(events.Count - incidents.Count, incidents);
    }

    /// <summary>Writes the terminals' reports as one interchange and reads it back through the pipeline.</summary>
    private static async Task IngestAsync(IngestPipeline pipeline, List<ContainerEvent> events, DateTime now, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("portcullis-terminal-").FullName;
        try
        {
            var path = Path.Combine(folder, "secure-lane-moves.edi");
            await using (var file = File.Create(path))
            {
                var reference = "S" + now.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
                EventReportWriter.WriteInterchange(file, new InterchangeEnvelope(Sender, SimulatedFiles.CustomsRecipient, now, reference), events.OrderBy(e => e.OccurredAt));
            }

            var receipt = await pipeline.IngestEdifactAsync(path, new IngestOrigin("simulator", "simulator", null, Path.GetFileName(path)), null, cancellationToken);
            if (receipt.Rejected > 0)
            {
                var first = receipt.Issues.FirstOrDefault(i => i.Severity == "error");
                throw new InvalidOperationException($"The simulated terminal wrote reports that ingest rejected: {first?.Message} ({first?.Where}).");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ContainerEvent Event(string container, ContainerEventType type, DateTime at, string locode, string facility) => new()
    {
        Id = Guid.CreateVersion7(),
        ContainerNumber = container,
        Type = type,
        OccurredAt = at,
        UnLocode = locode,
        Facility = facility,
        Source = Sender,
    };

    // Stable across runs and machines (string.GetHashCode is randomised per process).
    private static int Seed(string container, DateOnly day) => unchecked(container.Aggregate(day.DayNumber * 397, (h, c) => (h * 31) + c));
}
