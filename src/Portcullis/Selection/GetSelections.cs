using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// REST: a hub's selections of a day, and one selection with its history. Each caller sees only
/// what <see cref="Visibility"/> allows at this moment; everything else answers as if it did not
/// exist. Every selection shown is logged as a view (who, when, organisation, what).
/// </summary>
public static class GetSelections
{
    public sealed record SelectionView(Guid Id, string Hub, string Unit, string UnitKind, DateOnly PlanDate, string Shift, DateTime PlannedControlAt,
        string State, string? Verdict, int Version, string? Reason, string? Why, double? Risk, double? ExpectedKg, double? ExpectedValue,
        bool? Hit, double? SeizedKg, DateTime CreatedAt, string? CreatedBy, IReadOnlyList<Guid>? ScanIds = null,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? WhyPhrase = null);

    /// <summary>
    /// One step of the history; <c>By</c> and <c>Note</c> are null where the caller may not know them (<see cref="Visibility.IsTargetingAct"/>).
    /// <c>NotePhrase</c> is the note as a phrase where the app wrote it, for pages (the API keeps the English <c>Note</c>).
    /// </summary>
    public sealed record TransitionView(string From, string To, DateTime At, string? By, string? Note,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? NotePhrase = null);

    public sealed record FindingView(string Substance, double Kilograms, int Packages, string Concealment, string Description);

    public sealed record PhotoView(Guid Id, string FileName, string ContentType, string Sha256, DateTime UploadedAt, string UploadedBy);

    public sealed record OrderView(string Status, string SecuredArea, DateTime ReleaseAt, DateTime? AcknowledgedAt, string? AcknowledgedBy);

    public sealed record SelectionDetail(SelectionView Selection, IReadOnlyList<TransitionView> History, IReadOnlyList<FindingView> Findings,
        IReadOnlyList<PhotoView> Photos, string? SealEvidence, string? ChainOfCustody, string? Notes, OrderView? Order);

    public static async Task<Results<Ok<IReadOnlyList<SelectionView>>, ProblemHttpResult>> ListAsync(string hub, DateOnly? date, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (!user.CanSeeHub(hub))
        {
            return TypedResults.Problem($"Hub {Echo.Of(hub)} is not one of yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        var day = date ?? Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);
        var visible = await VisibleAsync(db, clock, options, user, hub.ToUpperInvariant(), day, cancellationToken);
        var ids = visible.Select(s => (Guid?)s.Id).ToList();
        var scans = (await db.Scans.AsNoTracking().Where(x => ids.Contains(x.SelectionId)).Select(x => new { x.Id, x.SelectionId }).ToListAsync(cancellationToken))
            .ToLookup(x => x.SelectionId!.Value, x => x.Id);
        return TypedResults.Ok<IReadOnlyList<SelectionView>>([.. visible.Select(s => View(s, user, [.. scans[s.Id]]))]);
    }

    /// <summary>The selections of a hub and day that this person may see now; each one is logged as viewed. The API and the page both read through here.</summary>
    public static async Task<IReadOnlyList<SelectionCase>> VisibleAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, string hub, DateOnly day, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var all = await db.Selections.AsNoTracking().Where(s => s.HubCode == hub && s.PlanDate == day)
            .OrderBy(s => s.PlannedControlAt).ThenBy(s => s.Unit).ToListAsync(cancellationToken);
        var visible = all.Where(s => Visibility.CanSee(s, user, now, Visibility.InspectionWindow(options))).ToList();
        foreach (var s in visible)
        {
            AuditLog.Record(db, clock, user, "view.selection", AuditSubject.Of(s), $"selection {s.Id} in a list of {hub} {day:yyyy-MM-dd}");
        }

        return visible;
    }

    public static async Task<Results<Ok<SelectionDetail>, ProblemHttpResult>> DetailAsync(Guid id, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var selection = await db.Selections.AsNoTracking().Include(s => s.Findings).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (selection is null || !Visibility.CanSee(selection, user, clock.GetUtcNow().UtcDateTime, Visibility.InspectionWindow(options)))
        {
            return Visibility.NotFound(id);
        }

        var transitions = await db.SelectionTransitions.AsNoTracking().Where(t => t.SelectionId == id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var history = transitions.Select(t => History(t, user)).ToList();
        var photos = await db.InspectionPhotos.AsNoTracking().Where(p => p.SelectionId == id).OrderBy(p => p.UploadedAt)
            .Select(p => new PhotoView(p.Id, p.FileName, p.ContentType, p.Sha256, p.UploadedAt, p.UploadedBy)).ToListAsync(cancellationToken);
        var order = await db.SecureLaneOrders.AsNoTracking().Where(o => o.SelectionId == id)
            .Select(o => new OrderView(o.Status.ToString(), o.SecuredArea, o.ReleaseAt, o.AcknowledgedAt, o.AcknowledgedBy)).SingleOrDefaultAsync(cancellationToken);
        AuditLog.Record(db, clock, user, "view.selection", AuditSubject.Of(selection), $"selection {selection.Id}");
        if (selection.Findings.Count > 0)
        {
            AuditLog.Record(db, clock, user, "view.finding", AuditSubject.Of(selection), $"selection {selection.Id}: {selection.Findings.Count} finding(s)");
        }

        return TypedResults.Ok(new SelectionDetail(View(selection, user, await ScanIdsAsync(db, selection.Id, cancellationToken)), history,
            [.. selection.Findings.Select(f => new FindingView(f.Substance.ToString(), f.Kilograms, f.Packages, f.Concealment.ToString(), f.Description))],
            photos, selection.SealEvidence, selection.ChainOfCustody, selection.Notes, order));
    }

    /// <summary>A transition as this person may see it: the targeting team's acts without author and note for the uninformed.</summary>
    public static TransitionView History(SelectionTransition t, CurrentUser user) =>
        Visibility.IsInformed(user.Role) || !Visibility.IsTargetingAct(t.To)
            ? new TransitionView(t.From.ToString(), t.To.ToString(), t.At, t.By, t.Note, t.NotePhrase)
            : new TransitionView(t.From.ToString(), t.To.ToString(), t.At, null, null);

    /// <summary>
    /// The inspection team is blind to why a unit was chosen and how risky it looked: a control
    /// pick must be inspected as thoroughly as a targeted one, or the unbiased estimate is lost.
    /// <c>scanIds</c>: the scans linked to the control (the viewer opens them); null where they were not looked up.
    /// </summary>
    /// <summary>The ids of the scans linked to the control, those this request linked included (not saved yet).</summary>
    public static async Task<IReadOnlyList<Guid>> ScanIdsAsync(PortcullisDb db, Guid selectionId, CancellationToken cancellationToken)
    {
        var stored = await db.Scans.AsNoTracking().Where(x => x.SelectionId == selectionId).Select(x => x.Id).ToListAsync(cancellationToken);
        return [.. stored.Union(db.Scans.Local.Where(x => x.SelectionId == selectionId).Select(x => x.Id)).Order()];
    }

    public static SelectionView View(SelectionCase s, CurrentUser user, IReadOnlyList<Guid>? scanIds = null)
    {
        var informed = Visibility.IsInformed(user.Role);
        return new SelectionView(s.Id, s.HubCode, s.Unit, s.UnitKind.ToString(), s.PlanDate, s.Shift, s.PlannedControlAt, s.State.ToString(), s.Verdict?.ToString(), s.Version,
            informed ? s.Reason.ToString() : null, informed ? s.Why : null, informed ? s.Risk : null, informed ? s.ExpectedKg : null, informed ? s.ExpectedValue : null,
            s.Hit, s.SeizedKg, s.CreatedAt, informed ? s.CreatedBy : null, scanIds, informed ? s.WhyPhrase : null);
    }
}
