using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Monitoring;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Worklists;

/// <summary>
/// REST and the scan worklist page (<c>/scans</c>): scans of controls waiting for a verdict, oldest
/// first, with the latest own analysis (score, alarm, or why it could not be analysed). Only scans of
/// controls the caller may see now (<see cref="Visibility"/>); each control shown is logged as a view.
/// </summary>
public static class ScanWorklist
{
    /// <summary>
    /// One waiting scan. <c>Score</c>, <c>Alarm</c> and <c>CannotAnalyse</c> are null while no analysis is stored;
    /// <c>CannotAnalysePhrase</c> lets the page say the refusal in the reader's words (not part of the API).
    /// </summary>
    public sealed record WaitingScan(Guid ScanId, string Subject, bool PreviewOnly, string Hub, string Scanner, string? Site, string Origin, string? Partner,
        DateTime ScannedAt, Guid SelectionId, DateTime PlannedControlAt, double? Score, bool? Alarm, string? CannotAnalyse,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? CannotAnalysePhrase = null);

    /// <summary>The longest list one request gives: the oldest first, so nothing waiting longer is cut.</summary>
    public const int Limit = 200;

    public static async Task<Results<Ok<IReadOnlyList<WaitingScan>>, FileContentHttpResult, ProblemHttpResult>> GetAsync(string? format, PortcullisDb db, HttpContext context,
        TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var list = await BuildAsync(db, clock, options, CurrentUser.From(context.User)!, cancellationToken);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(list).ToCsv()), "text/csv", "scan-worklist.csv")
            : TypedResults.Ok(list);
    }

    /// <summary>The waiting scans the caller may see, oldest first. The API and the page call this.</summary>
    public static async Task<IReadOnlyList<WaitingScan>> BuildAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, CancellationToken cancellationToken)
    {
        var rows = await (from scan in db.Scans.AsNoTracking()
                          join selection in db.Selections.AsNoTracking() on scan.SelectionId equals selection.Id
                          where selection.State == SelectionState.Scanned
                          select new { scan, selection }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var window = Visibility.InspectionWindow(options);
        var waiting = rows.Where(r => Visibility.CanSee(r.selection, user, now, window))
            .OrderBy(r => r.scan.ScannedAt).ThenBy(r => r.scan.Id)
            .Take(Limit)
            .ToList();
        var ids = waiting.Select(w => w.scan.Id).ToList();
        // The score helps to read the list, it does not reorder it: the oldest scan still comes first.
        var analyses = (await db.ScanAnalyses.AsNoTracking().Where(a => ids.Contains(a.ScanId) && a.OriginScanId == null).ToListAsync(cancellationToken))
            .GroupBy(a => a.ScanId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.AnalysedAt).ThenByDescending(a => a.Id).First());
        foreach (var w in waiting)
        {
            AuditLog.RecordView(db, clock, user, "selection", AuditSubject.Of(w.selection), $"selection {w.selection.Id} in the scan worklist");
        }

        return [.. waiting.Select(w =>
        {
            var a = analyses.GetValueOrDefault(w.scan.Id);
            return new WaitingScan(w.scan.Id, w.scan.Subject, w.scan.PreviewOnly, w.selection.HubCode, w.scan.ScannerId, w.scan.Site, w.scan.Origin.ToString(), w.scan.Partner,
                w.scan.ScannedAt, w.selection.Id, w.selection.PlannedControlAt, a?.CannotAnalyse is null ? a?.Score : null, a?.CannotAnalyse is null ? a?.Alarm : null, a?.CannotAnalyse, a?.CannotAnalysePhrase);
        })];
    }

    public static CsvTable Table(IReadOnlyList<WaitingScan> list) =>
        new("scans", ["scanned_utc", "subject", "hub", "scanner", "site", "origin", "planned_control_utc", "score", "alarm", "cannot_analyse", "scan_id"],
            [.. list.Select(s => (IReadOnlyList<string>)[InspectorWorklist.Utc(s.ScannedAt), s.Subject, s.Hub, s.Scanner, s.Site ?? "", s.Origin, InspectorWorklist.Utc(s.PlannedControlAt),
                CsvTable.Number(s.Score), s.Alarm switch { true => "true", false => "false", null => "" }, s.CannotAnalyse ?? "", s.ScanId.ToString()])]);
}
