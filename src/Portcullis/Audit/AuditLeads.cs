using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Integrity.Alarms;
using Portcullis.Monitoring;
using Portcullis.Risk.Insider;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// Insider-risk leads for auditors (REST, CSV, the page /audit and `portcullis audit leads`): the
/// audit trail's views of a period turned into <see cref="InsiderLeads"/> inputs, the ranked leads
/// with their evidence entries. Asking for them is itself an audit entry (audit.leads.view).
/// Views of a unit whose control is still to come are left out, so the list never tells an auditor
/// what is selected now (auditors see a selection only once its control is over, as in who-knew).
/// </summary>
public static class AuditLeads
{
    public const int DefaultDays = 7;

    public const int MaximumDays = 92;

    /// <summary>What a lead is and is not; the API, the CLI and the page say it with every list.</summary>
    public const string Caveat = "A lead is a pattern worth a look, never an accusation: every signal has innocent explanations; read the evidence entries before anything else.";

    /// <summary>The alarm kinds that say "someone tampered with a watched container": secure-lane contradictions and seal mismatches.</summary>
    private static readonly AlarmKind[] TellingAlarms =
        [AlarmKind.GateOut, AlarmKind.YardMove, AlarmKind.DoorOpened, AlarmKind.SealChanged, AlarmKind.SealMismatch, AlarmKind.SealTampered, AlarmKind.DoorOpenedOutsideZone, AlarmKind.ReleaseMissing];

    private static readonly string[] ViewActions = AuditViewFacts.Actions;

    public sealed record EvidenceEntry(long Id, DateTime At, string Actor, string Action, string Subject, string Detail);

    public sealed record SignalView(string Kind, double Points, string Sentence, IReadOnlyDictionary<string, double> Numbers, IReadOnlyList<EvidenceEntry> Evidence);

    public sealed record LeadView(int Rank, string Account, string Role, IReadOnlyList<string> Hubs, double Score, IReadOnlyList<SignalView> Signals, IReadOnlyList<string> Notes, int Peers, bool ShiftsKnown);

    /// <summary>The leads of a period; <c>Withheld</c> counts the view entries left out because their unit's control is still to come.</summary>
    public sealed record Report(DateOnly From, DateOnly To, string? Hub, int Accounts, int Views, int Withheld, string Caveat, IReadOnlyList<LeadView> Leads);

    public static async Task<Results<Ok<Report>, FileContentHttpResult, ProblemHttpResult>> GetAsync(DateOnly? from, DateOnly? to, string? hub, string? format, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Period(from, to, clock, out var periodProblem) is not { } period)
        {
            return TypedResults.Problem(periodProblem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid period.");
        }

        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var user = CurrentUser.From(context.User)!;
        if (await HubProblemAsync(db, user, hub, cancellationToken) is { } hubProblem)
        {
            return TypedResults.Problem(hubProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown hub.");
        }

        var report = await RunAsync(db, clock, user, period.From, period.To, hub, cancellationToken);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(report).ToCsv()), "text/csv", $"audit-leads-{CsvTable.Day(report.From)}-{CsvTable.Day(report.To)}.csv")
            : TypedResults.Ok(report);
    }

    /// <summary>The period: <paramref name="to"/> defaults to today (Europe/Amsterdam), <paramref name="from"/> to <see cref="DefaultDays"/> before it; at most <see cref="MaximumDays"/>.</summary>
    public static (DateOnly From, DateOnly To)? Period(DateOnly? from, DateOnly? to, TimeProvider clock, out string? problem)
    {
        var last = to ?? Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(1 - DefaultDays);
        problem = first > last || last.DayNumber - first.DayNumber >= MaximumDays
            ? $"The period {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is not valid; give 'from' not after 'to' and at most {MaximumDays} days."
            : null;
        return problem is null ? (first, last) : null;
    }

    /// <summary>Null when the hub is empty or one the caller may see; else the sentence that says why not.</summary>
    public static async Task<string?> HubProblemAsync(PortcullisDb db, CurrentUser user, string? hub, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(hub))
        {
            return null;
        }

        var code = hub.ToUpperInvariant();
        var exists = await db.Hubs.AsNoTracking().AnyAsync(h => h.Code == code, cancellationToken);
        return exists && user.CanSeeHub(code) ? null : $"'{Hosting.Echo.Of(hub)}' is not a hub you audit; give one of your hubs or leave 'hub' out.";
    }

    /// <summary>The leads of a period (local days, inclusive), for the hubs <paramref name="user"/> audits; records audit.leads.view.</summary>
    public static async Task<Report> RunAsync(PortcullisDb db, TimeProvider clock, CurrentUser user, DateOnly from, DateOnly to, string? hub, CancellationToken cancellationToken)
    {
        var hubCode = string.IsNullOrEmpty(hub) ? null : hub.ToUpperInvariant();
        var start = Shifts.Day(from).From;
        var end = Shifts.Day(to).To;
        bool Audits(string subjectHub) => hubCode is null ? user.CanSeeHub(subjectHub) : string.Equals(subjectHub, hubCode, StringComparison.OrdinalIgnoreCase);

        var accounts = (await db.Accounts.AsNoTracking().ToListAsync(cancellationToken))
            .Where(a => a.Hubs.Contains("*") || a.Hubs.Any(Audits))
            .Select(a => new InsiderAccount(a.UserName, a.Role, a.Hubs))
            .ToList();
        var names = accounts.Select(a => a.Name).ToList();
        var listed = names.ToHashSet(StringComparer.Ordinal);

        // The period's view facts (resolved when written), as compact rows; the selections of their
        // containers are read now, since whether a control is over (and a later selection's hub)
        // depends on today. Selections are few next to views: each is probed against the facts' index
        // on (Container, At), rather than the period's 200,000 containers against the selections.
        var facts = await AuditViewFacts.ReadAsync(db, start, end, cancellationToken);
        var subjects = new AuditSubjectMap();
        subjects.AddSelections(await db.Selections.AsNoTracking()
            .Where(s => db.Set<AuditViewFact>().Any(f => f.Container == s.Unit && f.At >= start && f.At < end))
            .ToListAsync(cancellationToken));

        // View entries without a fact (written before the facts were, or inserted outside Portcullis, until
        // `db migrate` fills them in) are resolved from their subjects as before. Counting both is an index
        // range each; only when they differ are the entries without a fact read.
        var entries = new List<(long Id, DateTime At, string Actor, string Action, string? Container, string? Hub)>(facts.Count);
        entries.AddRange(facts.Where(f => listed.Contains(f.Actor))
            .Select(f => (f.EntryId, f.At, f.Actor, f.Action, f.Container, f.Container is null ? f.Hub : subjects.SelectionHub(f.Container) ?? f.Hub)));
        var viewEntries = await db.Audit.CountAsync(a => ViewActions.Contains(a.Action) && a.At >= start && a.At < end, cancellationToken);
        if (viewEntries != facts.Count)
        {
            var unresolved = await db.Audit.AsNoTracking()
                .Where(a => ViewActions.Contains(a.Action) && a.At >= start && a.At < end && EF.Parameter(names).Contains(a.Actor)
                    && !db.Set<AuditViewFact>().Any(f => f.EntryId == a.Id))
                .Select(a => new { a.Id, a.At, a.Actor, a.Action, a.Subject })
                .ToListAsync(cancellationToken);
            var units = await subjects.LoadSubjectsAsync(db, unresolved.Select(e => e.Subject), cancellationToken);
            subjects.AddSelections(await db.Selections.AsNoTracking().Where(s => EF.Parameter(units).Contains(s.Unit)).ToListAsync(cancellationToken));
            entries.AddRange(unresolved.Select(e =>
            {
                var (container, subjectHub) = subjects.Resolve(e.Subject);
                return (e.Id, e.At, e.Actor, e.Action, container, subjectHub);
            }));
        }

        // In the order of the trail, whichever way each entry was resolved: ties in the signals are broken by
        // input order. The facts come in time order, which is the trail's (times never go back along the chain).
        if (!InIdOrder(entries))
        {
            entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        }

        var views = new List<ViewEvent>(entries.Count);
        var withheld = 0;
        foreach (var (id, at, actor, action, container, subjectHub) in entries)
        {
            if (container is not null && subjects.OpenUnits.Contains(container))
            {
                withheld++;
                continue;
            }

            if (subjectHub is null ? !user.AllHubs || hubCode is not null : !Audits(subjectHub))
            {
                continue;
            }

            var kind = action switch
            {
                "view.selection" or "view.finding" => ViewKind.Selection,
                "view.score" => ViewKind.Score,
                _ => ViewKind.Other,
            };
            views.Add(new ViewEvent(id, actor, at, kind, container, subjectHub));
        }

        // Telling alarms are rare next to views (thousands a month against about 200,000 viewed
        // containers): read the period's and keep those of viewed containers, rather than send the
        // viewed containers to the database.
        var viewed = views.Where(v => v.Container is not null).Select(v => v.Container!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var alarms = (await db.IntegrityAlarms.AsNoTracking()
                .Where(a => TellingAlarms.Contains(a.Kind) && a.RaisedAt >= start)
                .Select(a => new { a.ContainerNumber, a.RaisedAt, a.EventAt, a.Kind })
                .ToListAsync(cancellationToken))
            .Where(a => viewed.Contains(a.ContainerNumber))
            .Select(a => new ContainerAlarm(a.ContainerNumber, a.EventAt ?? a.RaisedAt, a.Kind.ToString()))
            .ToList();

        var leads = InsiderLeads.Find(accounts, views, subjects.Controlled, alarms);
        var ids = leads.SelectMany(l => l.Signals).SelectMany(s => s.Evidence).Distinct().ToList();
        var evidence = await db.Audit.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new EvidenceEntry(a.Id, a.At, a.Actor, a.Action, a.Subject, a.Detail))
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        AuditLog.Record(db, clock, user, "audit.leads.view", $"leads {from:yyyy-MM-dd}..{to:yyyy-MM-dd}" + (hubCode is null ? "" : $" {hubCode}"),
            $"{leads.Count} lead(s): {string.Join(", ", leads.Take(20).Select(l => l.Account))}");

        return new Report(from, to, hubCode, accounts.Count, views.Count, withheld, Caveat,
            [.. leads.Select(l => new LeadView(l.Rank, l.Account, l.Role, l.Hubs, l.Score,
                [.. l.Signals.Select(s => new SignalView(Kind(s.Kind), s.Points, s.Sentence, s.Numbers, [.. s.Evidence.Select(id => evidence[id])]))],
                l.Notes, l.Peers, l.ShiftsKnown))]);
    }

    private static bool InIdOrder(List<(long Id, DateTime At, string Actor, string Action, string? Container, string? Hub)> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Id < entries[i - 1].Id)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The signal's name in the API (kebab-case, as the page's resource keys use it).</summary>
    public static string Kind(SignalKind kind) => kind switch
    {
        SignalKind.Volume => "volume",
        SignalKind.OutsideHubs => "outside-hubs",
        SignalKind.OutsideShifts => "outside-shifts",
        SignalKind.LaterAlarms => "later-alarms",
        _ => "burst-before-control",
    };

    public static CsvTable Table(Report report) => new("leads",
        ["rank", "account", "role", "hubs", "score", "signal", "points", "explanation", "evidence_entries"],
        [.. report.Leads.SelectMany(l => l.Signals.Select(s => (IReadOnlyList<string>)[
            l.Rank.ToString(CultureInfo.InvariantCulture), l.Account, l.Role, string.Join(' ', l.Hubs), CsvTable.Number(l.Score, 3),
            s.Kind, CsvTable.Number(s.Points, 3), s.Sentence, string.Join(' ', s.Evidence.Select(e => e.Id.ToString(CultureInfo.InvariantCulture)))]))]);
}
