using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Phrasing;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Storage;

namespace Portcullis.Inspection;

/// <summary>
/// For simulated traffic only: carries a day's due controls through the workflow as the teams
/// would, and the physical inspection reveals the simulator's ground truth of that unit and of
/// nothing else. The scan flags every real hit and, at random, a few clean units (false alarms).
/// A container's control starts only once it is discharged and transferred (a control planned
/// earlier is moved there, as the re-plan would) and closes before now; what is not yet
/// possible stays open.
/// </summary>
public static class SimulatedInspections
{
    public const string Actor = "simulator:inspection";

    /// <summary>Share of clean units a scan analyst would still send to a physical inspection.</summary>
    public const double FalseAlarmRate = 0.04;

    /// <summary>Hours from a control's planned start to its close when it goes to a physical inspection.</summary>
    private const int LongestControlHours = 4;

    /// <summary>
    /// Minutes a hub's scanner is busy with one unit (driving in, scanning, driving out): one box at a
    /// time, so two controls at a hub are never scanned at the same moment. A container portal does
    /// about ten an hour; air cargo and parcels go through faster.
    /// </summary>
    private static TimeSpan ScanCycle(UnitKind kind) => TimeSpan.FromMinutes(kind == UnitKind.Container ? 6 : 2);

    public sealed record Summary(int Closed, int Hits, double SeizedKg, int Physical);

    internal static async Task<Summary> RunAsync(Database database, GroundTruthVault vault, TimeProvider clock, SelectionOptions options, string hub, DateOnly date, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = database.CreateContext();
        var due = await db.Selections
            .Where(s => s.HubCode == hub && s.PlanDate == date && (s.State == SelectionState.Scheduled || s.State == SelectionState.Selected))
            .OrderBy(s => s.PlannedControlAt).ThenBy(s => s.Unit)
            .ToListAsync(cancellationToken);
        var random = new Random(date.DayNumber ^ hub.Aggregate(17, (h, c) => (h * 31) + c));
        var readiness = await Replan.StatesAsync(db, options, due, now, cancellationToken);
        int closed = 0, hits = 0, physical = 0;
        double kg = 0;
        var scannerFree = DateTime.MinValue;
        foreach (var selection in due)
        {
            // A scan cannot happen while the box is on the ship: a container starts once discharged
            // and transferred, never before its planned time.
            var start = selection.PlannedControlAt;
            if (readiness.GetValueOrDefault(selection.Id) is { } ready)
            {
                if (ready.DischargedAt is null)
                {
                    continue;
                }

                if (ready.ReadyAt > start)
                {
                    // As the re-plan would have moved it right after the discharge: the pending order is then released at the discharge, not now.
                    await Replan.MoveAsync(db, clock, options, selection, ready, ready.ReadyAt, SelectionService.PlannerActor, ready.DischargedAt.Value, cancellationToken);
                    // A later shift when the one the readiness falls in is full.
                    start = selection.PlannedControlAt;
                }
            }

            // The unit waits for the scanner when the one before it is still being scanned.
            var waited = scannerFree > start.AddMinutes(20) ? scannerFree - start.AddMinutes(20) : TimeSpan.Zero;

            // Only controls that would have ended by now: a physical inspection takes up to four
            // hours after the start, and a control must not close in the future.
            if (start.Add(waited).AddHours(LongestControlHours) > now)
            {
                continue;
            }

            var truth = new List<Simulator.SmugglingCase>();
            foreach (var id in selection.ConsignmentIds)
            {
                if (await vault.RevealForInspectionAsync(id, cancellationToken) is { } found)
                {
                    truth.Add(found);
                }
            }

            if (selection.State == SelectionState.Selected)
            {
                Step(db, clock, selection, InspectionStep.Schedule, selection.PlannedControlAt, Phrase.Of("SelectionWhy.Simulated.Scheduled"));
            }

            var at = selection.PlannedControlAt.Add(waited);
            scannerFree = at.AddMinutes(20).Add(ScanCycle(selection.UnitKind));

            selection.ScanReference = $"SIM-SCAN-{hub}-{selection.Unit}";
            selection.ScannedAt = at.AddMinutes(20);
            Step(db, clock, selection, InspectionStep.RecordScan, selection.ScannedAt.Value, Phrase.Of("SelectionWhy.Simulated.Scanned"));
            selection.Verdict = truth.Count > 0 ? ScanVerdict.NeedsPhysical : random.NextDouble() < FalseAlarmRate ? ScanVerdict.Suspicious : ScanVerdict.Clear;
            Step(db, clock, selection, InspectionStep.GiveVerdict, at.AddMinutes(40), SelectionPhrases.SimulatedVerdict(selection.Verdict));
            var findings = new List<Finding>();
            if (selection.Verdict != ScanVerdict.Clear)
            {
                selection.PhysicalStartedAt = at.AddHours(1);
                Step(db, clock, selection, InspectionStep.StartPhysical, selection.PhysicalStartedAt.Value, Phrase.Of("SelectionWhy.Simulated.Physical"));
                physical++;
                findings.AddRange(truth.Select(t => new Finding
                {
                    Id = Guid.CreateVersion7(),
                    SelectionId = selection.Id,
                    Substance = t.Substance,
                    Kilograms = t.Kilograms,
                    // Cocaine travels in bricks of about a kilo; pills in bags of about 100 g.
                    Packages = Math.Max(1, (int)Math.Round(t.Kilograms / (t.Substance == Substance.Cocaine ? 1.1 : 0.1))),
                    Concealment = t.Concealment,
                    Description = "Found by the simulated inspection.",
                }));
            }

            closed++;
            hits += findings.Count > 0 ? 1 : 0;
            kg += findings.Sum(f => f.Kilograms);
            var request = new CloseInspection.CloseRequest(selection.Version, null,
                findings.Count == 0 ? null : truth.Any(t => t.Concealment == ConcealmentMethod.AmongCargoNearDoors) ? "Seal present but not the one declared: replaced after loading (rip-on/rip-off)." : "Seal intact as declared.",
                findings.Count == 0 ? null : $"SIM-COC-{hub}-{date:yyyyMMdd}-{closed:0000}",
                findings.Count == 0 ? "Nothing found." : $"{findings.Sum(f => f.Kilograms):0.#} kg found.");
            CloseInspection.Apply(db, clock, selection, findings, request, at.AddHours(selection.Verdict == ScanVerdict.Clear ? 1 : LongestControlHours));
            Step(db, clock, selection, InspectionStep.Close, selection.ClosedAt!.Value, Phrase.Of(findings.Count > 0 ? "SelectionWhy.Simulated.ClosedWithFindings" : "SelectionWhy.Simulated.ClosedNothingFound"), findings.Count > 0);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Summary(closed, hits, kg, physical);
    }

    /// <summary>
    /// Carries a control only as far as its scan (scheduled, then scanned at <paramref name="at"/>), so
    /// that it waits for the scan analyst's verdict: the demo's scan worklist.
    /// </summary>
    internal static void ScanOnly(PortcullisDb db, TimeProvider clock, SelectionCase selection, DateTime at)
    {
        if (selection.State == SelectionState.Selected)
        {
            Step(db, clock, selection, InspectionStep.Schedule, selection.PlannedControlAt, Phrase.Of("SelectionWhy.Simulated.Scheduled"));
        }

        selection.ScanReference = $"SIM-SCAN-{selection.HubCode}-{selection.Unit}";
        selection.ScannedAt = at;
        Step(db, clock, selection, InspectionStep.RecordScan, at, Phrase.Of("SelectionWhy.Simulated.Scanned"));
    }

    private static void Step(PortcullisDb db, TimeProvider clock, SelectionCase selection, InspectionStep step, DateTime at, Phrase notePhrase, bool hasFindings = false)
    {
        var decision = InspectionWorkflow.Decide(selection.State, selection.Verdict, step, hasFindings);
        if (!decision.Allowed)
        {
            throw new InvalidOperationException($"Simulated inspection of {selection.Unit}: {decision.Reason}");
        }

        var note = SelectionPhrases.Say(notePhrase);
        db.SelectionTransitions.Add(new SelectionTransition { SelectionId = selection.Id, From = selection.State, To = decision.To, At = at, By = Actor, Note = note, NotePhrase = notePhrase });
        AuditLog.Record(db, clock, Actor, null, InspectionSteps.AuditAction(step), AuditSubject.Of(selection), $"selection {selection.Id}: {note}");
        selection.State = decision.To;
        selection.UpdatedAt = at;
        selection.UpdatedBy = Actor;
        selection.Version++;
    }
}
