using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Phrasing;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Access;

/// <summary>
/// The "who knew" report: for a container (or consignment), every person and organisation that
/// could see, or did see, its selection before the control, in time order. "Could" comes from the
/// same need-to-know rules that guard every read (<see cref="Visibility"/>) applied to today's
/// accounts; "did" comes from the audit log. This is where a leak investigation starts.
/// </summary>
public static class WhoKnew
{
    /// <summary>
    /// One line of the report. <paramref name="What"/> is the English the API always gave; a page says
    /// <paramref name="WhatPhrase"/> (who could see) or the entry's action in words with its detail as
    /// recorded (<paramref name="Action"/>, <paramref name="Detail"/>: who saw or acted).
    /// </summary>
    public sealed record Entry(DateTime At, string Who, string Organisation, string Role, string Kind, string What,
        [property: JsonIgnore] Phrase? WhatPhrase = null,
        [property: JsonIgnore] string? Action = null,
        [property: JsonIgnore] string? Detail = null);

    /// <summary>The report's sentences about who could see (<c>WhoKnewWhy.*</c>); their English is the API's <see cref="Entry.What"/>.</summary>
    public static readonly PhraseCatalogue Catalogue = new(
        new Dictionary<string, string>
        {
            ["WhoKnewWhy.CircleOf"] = "{0} of {1}{2}",
            ["WhoKnewWhy.Circle.TargetingTeam"] = "targeting team",
            ["WhoKnewWhy.Circle.InspectionTeam"] = "inspection team",
            ["WhoKnewWhy.NowDisabled"] = " (account now disabled)",
            ["WhoKnewWhy.Order"] = "the secure-lane order to {0}",
        }
        .Concat(Roles.All.Select(r => KeyValuePair.Create("WhoKnewWhy.Role." + r, r)))
        .ToDictionary());

    public sealed record SelectionReport(Guid SelectionId, string Hub, string State, string Reason, DateTime SelectedAt, DateTime ControlAt, bool ControlOver, IReadOnlyList<Entry> Entries);

    public sealed record Report(string Unit, string Subject, IReadOnlyList<SelectionReport> Selections);

    public static async Task<Results<Ok<Report>, ProblemHttpResult>> GetAsync(string unit, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var report = await ForAsync(db, clock, options, CurrentUser.From(context.User)!, unit, cancellationToken);
        return report.Selections.Count == 0
            ? TypedResults.Problem(NothingToInvestigate(unit), statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(report);
    }

    public static string NothingToInvestigate(string unit) => $"There is no selection of '{Portcullis.Hosting.Echo.Of(unit)}' that you may investigate (auditors: only once its control is over).";

    /// <summary>The report as <paramref name="user"/> may have it (the API and the page /audit); records view.who-knew when it has selections.</summary>
    public static async Task<Report> ForAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, string unit, CancellationToken cancellationToken)
    {
        var report = await BuildAsync(db, options, unit, s => user.CanSeeHub(s.HubCode) && (user.Role == Roles.Supervisor || Visibility.ControlOver(s) is not null), cancellationToken);
        if (report.Selections.Count > 0)
        {
            AuditLog.Record(db, clock, user, "view.who-knew", report.Subject, $"{report.Selections.Count} selection(s)");
        }

        return report;
    }

    public static async Task<Report> BuildAsync(PortcullisDb db, SelectionOptions options, string unit, Func<SelectionCase, bool> mayInvestigate, CancellationToken cancellationToken)
    {
        var name = unit.Trim().ToUpperInvariant();
        var selections = (await db.Selections.AsNoTracking().Where(s => s.Unit == name).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken))
            .Where(mayInvestigate).ToList();
        if (selections.Count == 0)
        {
            return new Report(name, AuditSubject.Consignment(name), []);
        }

        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.RevokedAt == null).ToListAsync(cancellationToken);
        var window = Visibility.InspectionWindow(options);
        var consignmentIds = selections.SelectMany(s => s.ConsignmentIds).Distinct().ToList();
        var consignmentRefs = await db.Consignments.AsNoTracking()
            .Where(c => consignmentIds.Contains(c.Id))
            .Select(c => c.Reference).ToListAsync(cancellationToken);
        var subjects = new List<string> { AuditSubject.Of(selections[0]) };
        subjects.AddRange(consignmentRefs.Select(AuditSubject.Consignment));
        var audit = await db.Audit.AsNoTracking().Where(a => subjects.Contains(a.Subject)).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var orders = await db.SecureLaneOrders.AsNoTracking().Where(o => o.ContainerNumber == name).ToListAsync(cancellationToken);

        var reports = new List<SelectionReport>();
        foreach (var s in selections)
        {
            var over = Visibility.ControlOver(s);
            var controlAt = over ?? (s.ScannedAt ?? s.PlannedControlAt);
            var entries = new List<Entry>();
            foreach (var account in accounts)
            {
                if (Visibility.VisibleFrom(s, account.Role, account.Hubs, isSystem: false, window) is { } from && from < controlAt)
                {
                    entries.Add(CouldSee(from, account.UserName, organisations.GetValueOrDefault(account.OrganisationId, "?"), account.Role,
                        Phrase.Of("WhoKnewWhy.CircleOf", Circle(account.Role), s.HubCode, account.Disabled ? Phrase.Of("WhoKnewWhy.NowDisabled") : "")));
                }
            }

            if (orders.FirstOrDefault(o => o.SelectionId == s.Id) is { } order && order.ReleaseAt < controlAt)
            {
                // A terminal learns only "to the secured area", but that alone tells an insider the container is watched.
                foreach (var account in accounts.Where(a => a.Role == Roles.TerminalPartner && !a.Disabled && CanSeeHub(a.Hubs, s.HubCode)))
                {
                    entries.Add(CouldSee(order.ReleaseAt, account.UserName, organisations.GetValueOrDefault(account.OrganisationId, "?"), account.Role, Phrase.Of("WhoKnewWhy.Order", order.SecuredArea)));
                }

                foreach (var token in tokens.Where(t => t.Role == Roles.TerminalPartner && t.Scopes.Contains("orders:read") && CanSeeHub(t.Hubs, s.HubCode)))
                {
                    entries.Add(CouldSee(order.ReleaseAt, $"token:{token.Name}", organisations.GetValueOrDefault(token.OrganisationId, "?"), token.Role, Phrase.Of("WhoKnewWhy.Order", order.SecuredArea)));
                }
            }

            foreach (var a in audit.Where(a => a.At >= s.CreatedAt.AddDays(-1) && a.At < controlAt))
            {
                var kind = a.Action.StartsWith("view.", StringComparison.Ordinal) ? "saw" : "acted";
                var role = accounts.FirstOrDefault(x => x.UserName == a.Actor)?.Role ?? tokens.FirstOrDefault(t => $"token:{t.Name}" == a.Actor)?.Role ?? (a.Actor.StartsWith("system:", StringComparison.Ordinal) ? "system" : "?");
                entries.Add(new Entry(a.At, a.Actor, a.OrganisationId is { } org ? organisations.GetValueOrDefault(org, "?") : "", role, kind, $"{a.Action}: {a.Detail}", Action: a.Action, Detail: a.Detail));
            }

            reports.Add(new SelectionReport(s.Id, s.HubCode, s.State.ToString(), s.Reason.ToString(), s.CreatedAt, controlAt, over is not null,
                [.. entries.OrderBy(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Who, StringComparer.Ordinal)]));
        }

        return new Report(name, subjects[0], reports);
    }

    private static bool CanSeeHub(IReadOnlyList<string> hubs, string hub) => hubs.Contains("*") || hubs.Contains(hub, StringComparer.OrdinalIgnoreCase);

    private static Entry CouldSee(DateTime at, string who, string organisation, string role, Phrase what) =>
        new(at, who, organisation, role, "could see", Catalogue.Say(what), WhatPhrase: what);

    private static Phrase Circle(string role) => Visibility.CircleOf(role) switch
    {
        Visibility.Circle.TargetingTeam => Phrase.Of("WhoKnewWhy.Circle.TargetingTeam"),
        Visibility.Circle.InspectionTeam => Phrase.Of("WhoKnewWhy.Circle.InspectionTeam"),
        _ => Phrase.Of("WhoKnewWhy.Role." + role),
    };
}
