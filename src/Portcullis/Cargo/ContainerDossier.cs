using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Geography;
using Portcullis.Domain.Standards;
using Portcullis.Hosting;
using Portcullis.Imaging;
using Portcullis.Integrity;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Cargo;

/// <summary>
/// REST and page: everything known about a container on one timeline: manifest lines and parties of
/// its consignments, container events, seal and sensor readings, alarms, risk scores with readable
/// reasons, selections with their history, scans with their analyses, the inspection's findings and
/// photos. Need-to-know is applied per part exactly as each capability's own endpoint does: a part the
/// caller may never see is null (not an empty list), so "nothing there" and "not for you" differ.
/// </summary>
public static class ContainerDossier
{
    /// <summary>One line of the timeline, its title and detail in the words the caller asked for (<see cref="Wording"/>).</summary>
    /// <param name="At">When it happened (event time, UTC).</param>
    /// <param name="Kind">consignment, event, reading, alarm, risk, selection, photo or scan.</param>
    /// <param name="Title">What happened, in one line.</param>
    /// <param name="Detail">The particulars.</param>
    /// <param name="Link">Where the full record is, when the reader may open it.</param>
    /// <param name="Code">What happened as a code, the same in every language (the event type, alarm kind, reading kind or new control state), for colour and filters.</param>
    public sealed record TimelineEntry(DateTime At, string Kind, string Title, string Detail, string? Link, string Code = "");

    /// <summary>
    /// The timeline's words: a resource key of Components/Text.resx and its arguments. The page passes
    /// its reader's language; the API and the CLI get <see cref="English"/>, so both read the same
    /// sentences from the same resource and no wording lives only in the page.
    /// </summary>
    public delegate string Wording(string key, params object[] args);

    private static readonly ResourceManager EnglishText = new(typeof(Components.Text));

    /// <summary>The neutral (English) text of a resource key, formatted invariantly: what the API says.</summary>
    public static string English(string key, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, EnglishText.GetString(key, CultureInfo.InvariantCulture) ?? key, args);

    /// <summary>A consignment of the container; its parties each with their history as the reader may know it (<see cref="PartyHistory"/>).</summary>
    public sealed record ConsignmentPart(Guid Id, string Reference, string HubCode, DateTime ArrivedAt, IReadOnlyList<PartyHistory.PartyPart> Parties, IReadOnlyList<GetConsignment.GoodsView> Goods);

    /// <summary><c>BasisKey</c> is <see cref="Assessment.BasisKey"/>, for the page's own words (not sent: the API has <c>Basis</c>).</summary>
    public sealed record RiskPart(Guid ConsignmentId, string Reference, double Score, double RuleScore, double? ModelProbability, int? ModelVersion, string Basis,
        IReadOnlyList<ReadableReasons.ReasonView> Reasons, DateTime ScoredAt, [property: System.Text.Json.Serialization.JsonIgnore] string BasisKey);

    public sealed record SelectionPart(GetSelections.SelectionView Selection, IReadOnlyList<GetSelections.TransitionView> History,
        IReadOnlyList<GetSelections.FindingView> Findings, IReadOnlyList<GetSelections.PhotoView> Photos, string? ChainOfCustody);

    /// <summary>
    /// A scan of the container: <c>Width</c> and <c>Height</c> are the image's pixels, the coordinate space of
    /// <c>Boxes</c>, the regions of its newest own analysis as the viewer draws them (none for a refusal or no
    /// analysis); <c>Preview</c> is the 8-bit preview image (people only, as the viewer).
    /// </summary>
    public sealed record ScanPart(Guid Id, DateTime ScannedAt, string ScannerId, string Origin, Guid? SelectionId, IReadOnlyList<AnalysisPart> Analyses,
        string Container, int Width, int Height, IReadOnlyList<OverlayRegion> Boxes, string Preview);

    /// <summary>One analysis of a scan; <c>SummaryPhrase</c> lets the timeline say its first reason or its refusal in the reader's words (not part of the API).</summary>
    public sealed record AnalysisPart(string Family, double? Score, bool Alarm, string? Summary, DateTime AnalysedAt,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? SummaryPhrase = null);

    /// <summary>An alarm on the container; <c>DetailPhrase</c> lets the timeline say the detail in the reader's words (not part of the API).</summary>
    public sealed record AlarmPart(Guid Id, string Kind, string Severity, string Status, DateTime RaisedAt, string Detail, string Container,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? DetailPhrase = null);

    public sealed record ReadingPart(string DeviceId, string Kind, DateTime OccurredAt, string? SealNumber, bool? DoorOpen, double? Value, string Evaluation);

    /// <summary>
    /// <c>Risk</c>: null unless the caller may read scores (targeting analysts, supervisors, auditors;
    /// a token needs <c>risk:read</c>). <c>Selections</c>: null for those who never see selections
    /// (systems), otherwise only those <see cref="Visibility"/> shows now, redacted as
    /// <see cref="GetSelections.View"/> does. <c>Alarms</c>: null unless a supervisor (as the alarm API).
    /// Scans: only those <see cref="ScanAccess"/> shows. <c>Route</c>: the newest consignment's declared
    /// route and the container's reported places (null without a consignment the caller may see).
    /// </summary>
    public sealed record Dossier(string ContainerNumber, string OwnerCode, string SizeType, bool Reefer, IReadOnlyList<ConsignmentPart> Consignments,
        IReadOnlyList<GetContainer.ContainerEventView> Events, IReadOnlyList<ReadingPart> Readings, IReadOnlyList<AlarmPart>? Alarms, IReadOnlyList<RiskPart>? Risk,
        IReadOnlyList<SelectionPart>? Selections, IReadOnlyList<ScanPart> Scans, IReadOnlyList<TimelineEntry> Timeline, RoutePlanner.RoutePlan? Route);

    public static async Task<Results<Ok<Dossier>, ProblemHttpResult>> HandleAsync(string number, HttpContext context, PortcullisDb db, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var parsed = ContainerNumber.Parse(number);
        if (!parsed.Success)
        {
            return TypedResults.Problem(parsed.Error!.Replace(number, Echo.Of(number), StringComparison.Ordinal), statusCode: StatusCodes.Status400BadRequest, title: "Not an ISO 6346 container number.");
        }

        var dossier = await BuildAsync(db, clock, options, CurrentUser.From(context.User)!, parsed.Value, English, cancellationToken);
        return dossier is null
            ? TypedResults.Problem($"There is no container {parsed.Value.Value} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(dossier);
    }

    /// <summary>Whether this caller may read risk scores and reasons: the risk API's roles, and for a token its <c>risk:read</c> scope.</summary>
    public static bool MayReadRisk(CurrentUser user) =>
        user.Role is Roles.TargetingAnalyst or Roles.Supervisor or Roles.Auditor
        && (!user.IsSystem || user.Scopes.Contains(TokenScopes.RiskRead, StringComparer.Ordinal));

    /// <summary>
    /// The dossier as this person may see it; null when the container is unknown or has no consignment
    /// in their hubs. Every score, selection and finding shown is logged as viewed (the caller commits).
    /// </summary>
    public static async Task<Dossier?> BuildAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, ContainerNumber number, Wording words, CancellationToken cancellationToken)
    {
        var container = await GetContainer.FindAsync(db, number, user, cancellationToken);
        if (container is null)
        {
            return null;
        }

        var canonical = container.ContainerNumber;
        var timeline = new List<TimelineEntry>();
        var consignments = new List<ConsignmentPart>();
        GetConsignment.ConsignmentView? latest = null;
        foreach (var c in container.Consignments)
        {
            if (await GetConsignment.FindAsync(db, c.Id, user, cancellationToken) is not { } full)
            {
                continue;
            }

            latest ??= full;
            var parties = await PartyHistory.OfAsync(db, clock, options, user, full.Id, full.ArrivedAt, full.Parties, cancellationToken);
            consignments.Add(new ConsignmentPart(full.Id, full.Reference, full.HubCode, full.ArrivedAt, parties, full.Goods));
            timeline.AddRange(ConsignmentEntries(full, words));
        }

        timeline.AddRange(EventEntries(container.Events, words));

        var readings = await db.SensorReadings.AsNoTracking().Where(r => r.ContainerNumber == canonical).OrderByDescending(r => r.OccurredAt).Take(200)
            .Select(r => new ReadingPart(r.DeviceId, r.Kind.ToString(), r.OccurredAt, r.SealNumber, r.DoorOpen, r.Value, r.Evaluation.ToString()))
            .ToListAsync(cancellationToken);
        timeline.AddRange(readings.Select(r => new TimelineEntry(r.OccurredAt, "reading", words("Timeline.Reading", words("ReadingKind." + r.Kind)), ReadingDetail(r, words), null, r.Kind)));

        var alarms = await AlarmsAsync(db, user, [canonical], cancellationToken);
        timeline.AddRange(AlarmEntries(alarms, words));

        var risk = MayReadRisk(user) ? await RiskAsync(db, clock, user, [.. consignments.Select(c => (c.Id, c.Reference))], cancellationToken) : null;
        timeline.AddRange(RiskEntries(risk, words));

        var selections = await SelectionsAsync(db, clock, options, user, [.. consignments.Select(c => c.Reference).Append(canonical)], $"the dossier of {canonical}", cancellationToken);
        timeline.AddRange(SelectionEntries(selections, words));

        var scans = await ScansAsync(db, clock, options, user, [canonical], cancellationToken);
        timeline.AddRange(ScanEntries(scans, words));

        // The map shows the latest consignment's declared route and every place the container was reported at.
        var route = latest is null ? null : RouteOf(latest.Route, container.Events);

        return new Dossier(canonical, container.OwnerCode, container.SizeType, container.Reefer, consignments, container.Events, readings, alarms, risk, selections, scans,
            [.. timeline.OrderBy(t => t.At).ThenBy(t => t.Kind, StringComparer.Ordinal)], route);
    }

    /// <summary>The map's route: the declared stops and the container events' places in time order.</summary>
    public static RoutePlanner.RoutePlan RouteOf(GetConsignment.RouteView route, IEnumerable<GetContainer.ContainerEventView> events) =>
        RoutePlanner.Build(route.PlaceOfReceipt, route.PortOfLoading, route.TransshipmentPorts, route.PortOfDischarge, route.PlaceOfDelivery,
            events.Select(e => new RoutePlanner.Sighting(e.UnLocode, e.OccurredAt, e.Type)));

    internal static IEnumerable<TimelineEntry> ConsignmentEntries(GetConsignment.ConsignmentView full, Wording words)
    {
        var lines = string.Join("; ", full.Goods.Select(g => words("Timeline.GoodsLine", g.HsCode, g.Description, g.GrossKg)));
        yield return new(full.BookedAt, "consignment", words("Timeline.Booked", full.Reference), lines, $"/consignments/{full.Id}");
        if (full.DepartedAt is { } departed)
        {
            var via = full.Route.TransshipmentPorts.Count == 0 ? words("Timeline.NoTransshipment") : string.Join(", ", full.Route.TransshipmentPorts);
            yield return new(departed, "consignment", words("Timeline.Departed", full.Route.PortOfLoading, full.Reference), words("Timeline.FromVia", full.OriginCountry, via), $"/consignments/{full.Id}");
        }

        yield return new(full.ArrivedAt, "consignment", words("Timeline.Arrived", full.HubCode, full.Reference),
            string.Join("; ", full.Parties.Select(p => $"{words("PartyRole." + p.Role)} {p.Name} ({p.Country})")), $"/consignments/{full.Id}");
    }

    internal static IEnumerable<TimelineEntry> EventEntries(IEnumerable<GetContainer.ContainerEventView> events, Wording words, string? container = null) =>
        events.Select(e => new TimelineEntry(e.OccurredAt, "event", container is null ? words("EventType." + e.Type) : $"{words("EventType." + e.Type)} · {container}",
            string.Join(" · ", new[] { e.UnLocode, e.Facility, e.SealNumber is null ? null : words("Timeline.Seal", e.SealNumber), words("Timeline.ReportedBy", e.Source) }.Where(x => !string.IsNullOrEmpty(x))),
            container is null ? null : $"/containers/{container}", e.Type));

    internal static IEnumerable<TimelineEntry> AlarmEntries(IReadOnlyList<AlarmPart>? alarms, Wording words) =>
        (alarms ?? []).Select(a => new TimelineEntry(a.RaisedAt, "alarm",
            words("Timeline.Alarm", words("AlarmKind." + a.Kind), words("AlarmSeverity." + a.Severity), words("AlarmStatus." + a.Status)), a.DetailPhrase is { } p ? p.Say((key, args) => words(key, args)) : a.Detail, "/alarms", a.Kind));

    // A reason with a phrase (the model's, outside evidence) in the caller's words, as on the risk page;
    // rule texts (the analysts' own words) as written, in Dutch where the rule has a Dutch reason. In English this is the API's explanation exactly.
    internal static IEnumerable<TimelineEntry> RiskEntries(IReadOnlyList<RiskPart>? risk, Wording words) =>
        (risk ?? []).Select(r =>
        {
            var strongest = ReadableReasons.Explain(r.Reasons, r.ModelVersion, 2);
            return new TimelineEntry(r.ScoredAt, "risk", words("Timeline.Scored", r.Score, r.Reference), string.Join("; ", strongest.Raising.Concat(strongest.Lowering).Select(v => Said(v, words))), "/risk");
        });

    // A rule's own Dutch reason where the wording is Dutch (the API's English wording never picks it).
    private static string Said(ReadableReasons.ReasonView v, Wording words) => v.Phrase is { } phrase
        ? $"{words(v.Direction == ReadableReasons.Raises ? "Reason.Raises" : "Reason.Lowers")}: {phrase.Say((key, args) => words(key, args))}, {v.FormattedEffect}"
        : v.DutchText is { } dutch && words("Language.Code") == Components.Languages.Dutch.Code
            ? $"{words(v.Direction == ReadableReasons.Raises ? "Reason.Raises" : "Reason.Lowers")}: {dutch}, {v.FormattedEffect}"
            : v.Explanation;

    internal static IEnumerable<TimelineEntry> SelectionEntries(IReadOnlyList<SelectionPart>? selections, Wording words) =>
        (selections ?? []).SelectMany(s => s.History.Select(t => new TimelineEntry(t.At, "selection", words("Timeline.Control", words("SelectionState." + t.From), words("SelectionState." + t.To)),
                t.NotePhrase?.Say((key, args) => words(key, args)) ?? t.Note ?? (t.To == "Selected" && s.Selection.Why is { } why ? s.Selection.WhyPhrase?.Say((key, args) => words(key, args)) ?? why : ""), $"/inspections/{s.Selection.Id}", t.To))
            .Concat(s.Photos.Select(p => new TimelineEntry(p.UploadedAt, "photo", words("Timeline.Photo", p.FileName), words("Timeline.By", p.UploadedBy), $"/api/v1/selections/{s.Selection.Id}/photos/{p.Id}"))));

    internal static IEnumerable<TimelineEntry> ScanEntries(IReadOnlyList<ScanPart> scans, Wording words) =>
        scans.Select(s => new TimelineEntry(s.ScannedAt, "scan", words("Timeline.Scan", s.ScannerId, s.Origin),
            string.Join("; ", s.Analyses.Select(a => string.Join(", ", new[]
            {
                a.Score is { } x ? words("Timeline.AnalysisScore", a.Family, x) : words("Timeline.AnalysisNoScore", a.Family),
                a.Alarm ? words("Timeline.AnalysisAlarm") : null,
                a.SummaryPhrase is { } said ? said.Say((key, args) => words(key, args)) : a.Summary,
            }.Where(x => x is not null)))),
            $"/scans/{s.Id}"));

    private static string ReadingDetail(ReadingPart r, Wording words) => string.Join(" · ", new[]
    {
        r.SealNumber is null ? null : words("Timeline.Seal", r.SealNumber),
        r.DoorOpen is null ? null : words(r.DoorOpen.Value ? "Timeline.DoorOpen" : "Timeline.DoorClosed"),
        r.Value is null ? null : words("Timeline.Value", r.Value.Value),
        words("Timeline.Device", words("ReadingEvaluation." + r.Evaluation), r.DeviceId),
    }.Where(x => x is not null));

    // The alarm API is for supervisors (people) only; everyone else sees none of a container's alarms.
    internal static async Task<IReadOnlyList<AlarmPart>?> AlarmsAsync(PortcullisDb db, CurrentUser user, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        if (user.IsSystem || user.Role != Roles.Supervisor)
        {
            return null;
        }

        var parts = new List<AlarmPart>();
        foreach (var container in containers)
        {
            var found = await ListAlarms.QueryAsync(db, user, new ListAlarms.Filter(Container: container, All: true), cancellationToken);
            parts.AddRange((found.Value ?? []).Select(a => new AlarmPart(a.Id, a.Kind.ToString(), a.Severity.ToString().ToLowerInvariant(), a.Status.ToString().ToLowerInvariant(), a.RaisedAt, a.Detail, container, a.DetailPhrase)));
        }

        return [.. parts.OrderBy(a => a.RaisedAt)];
    }

    internal static async Task<IReadOnlyList<RiskPart>> RiskAsync(PortcullisDb db, TimeProvider clock, CurrentUser user, IReadOnlyList<(Guid Id, string Reference)> consignments, CancellationToken cancellationToken)
    {
        var ids = consignments.Select(c => c.Id).ToList();
        var scores = await db.RiskScores.AsNoTracking().Where(s => ids.Contains(s.ConsignmentId)).ToListAsync(cancellationToken);
        var parts = scores.Where(s => user.CanSeeHub(s.HubCode)).OrderByDescending(s => s.Score)
            .Select(s => new RiskPart(s.ConsignmentId, consignments.First(c => c.Id == s.ConsignmentId).Reference, s.Score, s.RuleScore, s.ModelProbability, s.ModelVersion,
                Assessment.BasisOf(s.ModelVersion, s.Profiles), ReadableReasons.Views(s.Reasons), s.ScoredAt, Assessment.BasisKey(s.ModelVersion, s.Profiles)))
            .ToList();
        foreach (var p in parts)
        {
            AuditLog.Record(db, clock, user, "view.score", $"consignment {p.Reference}", $"score {p.Score:0.###} in the dossier");
        }

        return parts;
    }

    // The controls of these units (consignment references and container numbers) that the reader may see now; "where" names the page for the audit entries.
    internal static async Task<IReadOnlyList<SelectionPart>?> SelectionsAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, IReadOnlyList<string> units,
        string where, CancellationToken cancellationToken)
    {
        if (user.IsSystem || Visibility.CircleOf(user.Role) == Visibility.Circle.None)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var window = Visibility.InspectionWindow(options);
        var all = await db.Selections.AsNoTracking().Include(s => s.Findings).Where(s => units.Contains(s.Unit)).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var parts = new List<SelectionPart>();
        foreach (var s in all.Where(s => Visibility.CanSee(s, user, now, window)))
        {
            var transitions = await db.SelectionTransitions.AsNoTracking().Where(t => t.SelectionId == s.Id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
            var photos = await db.InspectionPhotos.AsNoTracking().Where(p => p.SelectionId == s.Id).OrderBy(p => p.UploadedAt)
                .Select(p => new GetSelections.PhotoView(p.Id, p.FileName, p.ContentType, p.Sha256, p.UploadedAt, p.UploadedBy)).ToListAsync(cancellationToken);
            AuditLog.Record(db, clock, user, "view.selection", AuditSubject.Of(s), $"selection {s.Id} in {where}");
            if (s.Findings.Count > 0)
            {
                AuditLog.Record(db, clock, user, "view.finding", AuditSubject.Of(s), $"selection {s.Id}: {s.Findings.Count} finding(s) in the dossier");
            }

            parts.Add(new SelectionPart(GetSelections.View(s, user, await GetSelections.ScanIdsAsync(db, s.Id, cancellationToken)),
                [.. transitions.Select(t => GetSelections.History(t, user))],
                [.. s.Findings.Select(f => new GetSelections.FindingView(f.Substance.ToString(), f.Kilograms, f.Packages, f.Concealment.ToString(), f.Description))],
                photos, s.ChainOfCustody));
        }

        return parts;
    }

    internal static async Task<IReadOnlyList<ScanPart>> ScansAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var stored = await db.Scans.AsNoTracking().Where(s => s.SubjectKind == ScanSubjectKind.Container && containers.Contains(s.Subject)).OrderBy(s => s.ScannedAt).ToListAsync(cancellationToken);
        var visible = await ScanAccess.VisibleAsync(db, user, stored, clock, options, cancellationToken);
        var ids = visible.Select(s => s.Id).ToList();
        var analyses = (await db.ScanAnalyses.AsNoTracking().Where(a => ids.Contains(a.ScanId)).ToListAsync(cancellationToken)).ToLookup(a => a.ScanId);
        return [.. visible.Select(s =>
        {
            // The boxes are the viewer's: its newest own analysis (not a comparison), clipped to the image, none for a refusal.
            var newest = analyses[s.Id].Where(a => a.OriginScanId == null).OrderByDescending(a => a.AnalysedAt).ThenByDescending(a => a.Id).FirstOrDefault();
            var boxes = newest is { CannotAnalyse: null } ? StoredAnalysisOverlays.Overlay(s, newest, newest.Family).Regions : [];
            return new ScanPart(s.Id, s.ScannedAt, s.ScannerId, s.Origin.ToString(), user.IsSystem ? null : s.SelectionId,
                [.. analyses[s.Id].OrderBy(a => a.AnalysedAt).Select(a => new AnalysisPart(a.Family, a.Score, a.Alarm, a.CannotAnalyse ?? a.Reasons.FirstOrDefault(), a.AnalysedAt,
                    a.CannotAnalyse is null ? a.ReasonPhrases?.FirstOrDefault() : a.CannotAnalysePhrase))],
                s.Subject, s.Width, s.Height, boxes, $"/api/v1/scans/{s.Id}/preview");
        })];
    }
}
