using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Monitoring;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// Audit search for auditors (REST, CSV and the page /audit): entries by actor, action (prefix),
/// subject (part of it) and period, newest first, a page at a time. The search is itself audited
/// (audit.search). Entries about a unit whose control is still to come, or about another hub than
/// the auditor's, are withheld and counted, as the leads do.
/// </summary>
public static class SearchAudit
{
    public const int PageSize = 50;

    public sealed record Query(string? Actor, string? Action, string? Subject, DateOnly From, DateOnly To, int Page);

    /// <summary>One page of results; <c>Withheld</c> counts the entries of this page left out by need-to-know.</summary>
    public sealed record Result(Query Query, int Total, int Pages, int Withheld, IReadOnlyList<AuditLeads.EvidenceEntry> Entries);

    public static async Task<Results<Ok<Result>, FileContentHttpResult, ProblemHttpResult>> GetAsync(string? actor, string? action, string? subject, DateOnly? from, DateOnly? to, int? page, string? format, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(actor, action, subject, from, to, page, clock, out var problem) is not { } query)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid search.");
        }

        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var result = await RunAsync(db, clock, CurrentUser.From(context.User)!, query, cancellationToken);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(result).ToCsv()), "text/csv", $"audit-{CsvTable.Day(query.From)}-{CsvTable.Day(query.To)}-page-{query.Page}.csv")
            : TypedResults.Ok(result);
    }

    /// <summary>The query, or null and one sentence naming what is wrong.</summary>
    public static Query? Validate(string? actor, string? action, string? subject, DateOnly? from, DateOnly? to, int? page, TimeProvider clock, out string? problem)
    {
        if (AuditLeads.Period(from, to, clock, out problem) is not { } period)
        {
            return null;
        }

        if (page is < 1)
        {
            problem = $"page {page} does not exist; pages start at 1.";
            return null;
        }

        foreach (var (name, value) in new[] { ("actor", actor), ("action", action), ("subject", subject) })
        {
            if (value is { Length: > 200 })
            {
                problem = $"'{name}' is longer than 200 characters; no audit entry has one that long.";
                return null;
            }
        }

        return new Query(Blank(actor), Blank(action), Blank(subject), period.From, period.To, page ?? 1);
    }

    /// <summary>One page of the search, newest first; records audit.search.</summary>
    public static async Task<Result> RunAsync(PortcullisDb db, TimeProvider clock, CurrentUser user, Query query, CancellationToken cancellationToken)
    {
        var start = Selection.Shifts.Day(query.From).From;
        var end = Selection.Shifts.Day(query.To).To;
        var entries = db.Audit.AsNoTracking().Where(a => a.At >= start && a.At < end);
        if (query.Actor is { } actor)
        {
            entries = entries.Where(a => a.Actor == actor);
        }

        if (query.Action is { } action)
        {
            var prefix = action.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            entries = entries.Where(a => EF.Functions.Like(a.Action, prefix, "\\"));
        }

        if (query.Subject is { } subject)
        {
            entries = entries.Where(a => a.Subject.Contains(subject));
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(a => a.Sequence).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(a => new AuditLeads.EvidenceEntry(a.Id, a.At, a.Actor, a.Action, a.Subject, a.Detail))
            .ToListAsync(cancellationToken);

        var subjects = new AuditSubjectMap();
        await subjects.LoadAsync(db, rows.Select(r => r.Subject), cancellationToken);
        var shown = rows.Where(r => subjects.Resolve(r.Subject) is var (container, hub)
            && (container is null || !subjects.OpenUnits.Contains(container))
            && (hub is null || user.CanSeeHub(hub))).ToList();

        AuditLog.Record(db, clock, user, "audit.search", "audit log",
            $"actor={query.Actor} action={query.Action} subject={query.Subject} {query.From:yyyy-MM-dd}..{query.To:yyyy-MM-dd} page {query.Page}: {shown.Count} shown, {rows.Count - shown.Count} withheld");
        return new Result(query, total, Math.Max(1, (total + PageSize - 1) / PageSize), rows.Count - shown.Count, shown);
    }

    public static CsvTable Table(Result result) => new("entries",
        ["id", "at_utc", "actor", "action", "subject", "detail"],
        [.. result.Entries.Select(e => (IReadOnlyList<string>)[e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture), e.Actor, e.Action, e.Subject, e.Detail])]);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
