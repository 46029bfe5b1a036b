using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Integrity;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Inspection;

/// <summary>
/// REST: the steps of a control before its result: schedule, record the scan, give the scan
/// verdict, start the physical inspection, release. Each request names the version it was made
/// against; a stale version or a step the state machine forbids answers 409 with the reason.
/// </summary>
public static class InspectionSteps
{
    public sealed record ScheduleRequest(int Version, DateTime At, string? Note);

    /// <summary>The scan step: the stored scans of the unit (<c>scanIds</c>), or a free-text reference to a scan kept elsewhere, or both.</summary>
    public sealed record ScanRequest(int Version, string? ScanReference, string? Note, IReadOnlyList<Guid>? ScanIds = null);

    public const int MaxScansPerStep = 20;

    public sealed record VerdictRequest(int Version, string Verdict, string? Note);

    public sealed record StepRequest(int Version, string? Note);

    public sealed record ReleaseRequest(int Version, string Reason);

    public static Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> ScheduleAsync(Guid id, ScheduleRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(db, context, clock, options, id, request.Version, InspectionStep.Schedule, request.Note ?? "", async (s, now) =>
        {
            if (request.At == default)
            {
                return "Give the planned control time as 'at' (UTC, ISO 8601).";
            }

            s.PlannedControlAt = DateTime.SpecifyKind(request.At.ToUniversalTime(), DateTimeKind.Utc);
            await SecureLane.RescheduleAsync(db, s, options, now, cancellationToken);
            return null;
        }, cancellationToken);

    public static Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> ScanAsync(Guid id, ScanRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(db, context, clock, options, id, request.Version, InspectionStep.RecordScan, request.Note ?? "", async (s, now) =>
        {
            var ids = (request.ScanIds ?? []).Distinct().ToList();
            var reference = string.IsNullOrWhiteSpace(request.ScanReference) ? null : request.ScanReference.Trim();
            if ((ids.Count == 0 && reference is null) || reference is { Length: > 200 })
            {
                return "Give the stored scans' ids as scanIds, or the scan's reference (scanner and image id, up to 200 characters) as scanReference.";
            }

            if (ids.Count > MaxScansPerStep)
            {
                return $"{ids.Count} scans in one step is more than the {MaxScansPerStep} a control has; give the ids of this unit's scans only.";
            }

            var scans = ids.Count == 0 ? [] : await db.Scans.Where(x => ids.Contains(x.Id)).ToListAsync(cancellationToken);
            foreach (var scanId in ids)
            {
                // One sentence whether the scan is unknown, of another unit or of another control: the
                // answer must not tell someone what scans exist of units they may not see.
                var scan = scans.SingleOrDefault(x => x.Id == scanId);
                if (scan is null || !string.Equals(scan.Subject, s.Unit, StringComparison.Ordinal) || (scan.SelectionId is { } other && other != s.Id))
                {
                    return $"Scan {scanId} is not a stored scan of {s.Unit} that this control may take; give the ids of this unit's scans (GET /api/v1/scans?container={s.Unit}).";
                }
            }

            var user = CurrentUser.From(context.User)!;
            foreach (var scan in scans.Where(x => x.SelectionId is null))
            {
                scan.SelectionId = s.Id;
                scan.Version++;
                AuditLog.Record(db, clock, user, "scan.linked", AuditSubject.Of(scan), $"scan {scan.Id} to selection {s.Id} at the scan step");
            }

            var text = reference ?? "scans " + string.Join(", ", ids);
            s.ScanReference = text.Length > 200 ? text[..200] : text;
            s.ScannedAt = now;
            return null;
        }, cancellationToken);

    public static Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> VerdictAsync(Guid id, VerdictRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var verdict = ParseVerdict(request.Verdict);
        return ApplyAsync(db, context, clock, options, id, request.Version, InspectionStep.GiveVerdict, request.Note ?? "", (s, now) =>
        {
            if (verdict is null)
            {
                return Task.FromResult<string?>($"Verdict '{Echo.Of(request.Verdict)}' is not known; use clear, suspicious or needs-physical.");
            }

            s.Verdict = verdict;
            return Task.FromResult<string?>(null);
        }, cancellationToken);
    }

    public static Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> StartPhysicalAsync(Guid id, StepRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(db, context, clock, options, id, request.Version, InspectionStep.StartPhysical, request.Note ?? "", async (s, now) =>
        {
            // Physical inspections use the teams of the shift in which they start; never more than planned.
            var (day, shift) = CurrentShift(now);
            var (from, to) = Shifts.Span(day, shift);
            var planned = (await CapacityPlans.ShiftsAsync(db, options, s.HubCode, day, cancellationToken)).Single(x => x.Name == shift).PhysicalInspections;
            var used = await db.Selections.CountAsync(x => x.HubCode == s.HubCode && x.PhysicalStartedAt >= from && x.PhysicalStartedAt < to, cancellationToken);
            if (used >= planned)
            {
                return $"All {planned} physical inspections of the {shift} shift at {s.HubCode} are in use; wait for the next shift or ask a supervisor to raise the capacity.";
            }

            s.PhysicalStartedAt = now;
            return null;
        }, cancellationToken, conflictOnCheck: true);

    public static Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> ReleaseAsync(Guid id, ReleaseRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(db, context, clock, options, id, request.Version, InspectionStep.Release, request.Reason ?? "", (s, now) =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 5)
            {
                return Task.FromResult<string?>("A reason is required to release a selection; say in a sentence why it is withdrawn.");
            }

            // Withdrawing random control picks at will would bias the unbiased hit-rate estimate; that stays a supervisor's call.
            if (s.Reason == SelectionReason.Control && CurrentUser.From(context.User)?.Role != Roles.Supervisor)
            {
                return Task.FromResult<string?>("A random control pick can only be released by a supervisor; ask one, or leave it in the plan.");
            }

            s.ReleaseReason = request.Reason.Trim();
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public static ScanVerdict? ParseVerdict(string? text) => text?.Trim().ToLowerInvariant().Replace("_", "-") switch
    {
        "clear" => ScanVerdict.Clear,
        "suspicious" => ScanVerdict.Suspicious,
        "needs-physical" or "needsphysical" => ScanVerdict.NeedsPhysical,
        _ => null,
    };

    /// <summary>The shift running at a moment, as (local day, name); the night shift after midnight belongs to the day before.</summary>
    public static (DateOnly Day, string Shift) CurrentShift(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, Shifts.Local);
        var day = DateOnly.FromDateTime(local);
        return local.Hour switch
        {
            < 6 => (day.AddDays(-1), Shifts.Night),
            < 14 => (day, Shifts.Early),
            < 22 => (day, Shifts.Late),
            _ => (day, Shifts.Night),
        };
    }

    /// <summary>
    /// The common path of every step: find (need-to-know: 404 if not visible), check role (403),
    /// version (409), state machine (409), apply (400 or, for capacity, 409), record history and
    /// audit, save; a concurrent save in between is caught by the version token (409).
    /// </summary>
    internal static async Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> ApplyAsync(PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options,
        Guid id, int version, InspectionStep step, string note, Func<SelectionCase, DateTime, Task<string?>> apply, CancellationToken cancellationToken, bool conflictOnCheck = false, bool hasFindings = false)
    {
        var user = CurrentUser.From(context.User)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var selection = await db.Selections.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (selection is null || !Visibility.CanSee(selection, user, now, Visibility.InspectionWindow(options)))
        {
            return Visibility.NotFound(id);
        }

        if (!InspectionWorkflow.RolesFor(step).Contains(user.Role))
        {
            return TypedResults.Problem($"Your role ({user.Role}) may not {Verb(step)}; that is for {string.Join(" or ", InspectionWorkflow.RolesFor(step))}.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        if (version != selection.Version)
        {
            return Conflict($"The selection changed since you loaded it (you sent version {version}, it is now {selection.Version}, last changed by {selection.UpdatedBy} at {selection.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC); reload it and try again.", "Edited by someone else.");
        }

        var decision = InspectionWorkflow.Decide(selection.State, selection.Verdict, step, hasFindings);
        if (!decision.Allowed)
        {
            return Conflict(decision.Reason, "Not possible in this state.");
        }

        if (await apply(selection, now) is { } problem)
        {
            return conflictOnCheck
                ? Conflict(problem, "No capacity.")
                : TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request.");
        }

        var from = selection.State;
        selection.State = decision.To;
        selection.UpdatedAt = now;
        selection.UpdatedBy = user.Name;
        selection.Version++;
        db.SelectionTransitions.Add(new SelectionTransition { SelectionId = selection.Id, From = from, To = decision.To, At = now, By = user.Name, Note = Trim(note) });
        AuditLog.Record(db, clock, user, AuditAction(step), AuditSubject.Of(selection), $"selection {selection.Id}: {InspectionWorkflow.Describe(from)} → {InspectionWorkflow.Describe(decision.To)}");
        // The request's unit of work commits; a concurrent change to the same selection (its Version
        // is the concurrency token) makes that commit fail with 409 Conflict.
        return TypedResults.Ok(GetSelections.View(selection, user, await GetSelections.ScanIdsAsync(db, selection.Id, cancellationToken)));
    }

    public static ProblemHttpResult Conflict(string detail, string title) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    /// <summary>The audit action of a step (selection.record-scan, …): one spelling for the people's steps and the simulated ones, so a search by action finds both.</summary>
    public static string AuditAction(InspectionStep step) => $"selection.{Verb(step).Replace(' ', '-')}";

    private static string Verb(InspectionStep step) => step switch
    {
        InspectionStep.Schedule => "schedule",
        InspectionStep.RecordScan => "record scan",
        InspectionStep.GiveVerdict => "give verdict",
        InspectionStep.StartPhysical => "start physical",
        InspectionStep.Close => "close",
        InspectionStep.Release => "release",
        _ => "change",
    };

    private static string Trim(string note) => note.Length > 1000 ? note[..1000] : note;
}
