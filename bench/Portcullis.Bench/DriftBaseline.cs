using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// Bench only: <c>Drift.ReportAsync</c> as it was before the database counted the bins (every score of
/// the period read into memory), kept to compare results and time with the current one in the same run.
/// </summary>
internal static class DriftBaseline
{
    public static async Task<Drift.DriftReport> ReportAsync(PortcullisDb db, DateOnly today, int weeks, CancellationToken cancellationToken)
    {
        var end = today.AddDays(1);
        var start = end.AddDays(-7 * weeks);
        var from = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.RiskScores.AsNoTracking()
            .Join(db.Consignments, s => s.ConsignmentId, c => c.Id, (s, c) => new { s.ConsignmentId, s.Score, c.ArrivedAt })
            .Where(x => x.ArrivedAt >= from && x.ArrivedAt < to)
            .ToListAsync(cancellationToken);
        var outcomes = await db.DeclarationOutcomes.AsNoTracking()
            .Join(db.Consignments, o => o.ConsignmentId, c => c.Id, (o, c) => new { o.Inspected, o.Hit, c.ArrivedAt })
            .Where(x => x.Inspected && x.ArrivedAt >= from && x.ArrivedAt < to)
            .ToListAsync(cancellationToken);

        int WeekOf(DateTime at) => (DateOnly.FromDateTime(at).DayNumber - start.DayNumber) / 7;
        var scoresByWeek = rows.GroupBy(r => WeekOf(r.ArrivedAt)).ToDictionary(g => g.Key, g => g.Select(r => r.Score).ToArray());
        var outcomesByWeek = outcomes.GroupBy(o => WeekOf(o.ArrivedAt)).ToDictionary(g => g.Key, g => (Inspected: g.Count(), Hits: g.Count(o => o.Hit == true)));
        var reference = Enumerable.Range(0, weeks).Select(w => scoresByWeek.GetValueOrDefault(w)).FirstOrDefault(s => s is { Length: > 0 }) ?? [];
        var result = new List<Drift.WeekView>();
        for (var w = 0; w < weeks; w++)
        {
            var scores = scoresByWeek.GetValueOrDefault(w) ?? [];
            var (inspected, hits) = outcomesByWeek.GetValueOrDefault(w);
            var psi = PopulationStability.Psi(reference, scores);
            var weekStart = start.AddDays(7 * w);
            result.Add(new Drift.WeekView(
                ISOWeek.GetYear(weekStart.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture) + "-W" + ISOWeek.GetWeekOfYear(weekStart.ToDateTime(TimeOnly.MinValue)).ToString("00", CultureInfo.InvariantCulture),
                weekStart, scores.Length, scores.Length == 0 ? 0 : scores.Average(), psi, Stability(psi, scores.Length), inspected, hits, inspected == 0 ? null : (double)hits / inspected));
        }

        return new Drift.DriftReport(start, today, result);
    }

    private static string Stability(double psi, int scored) => scored == 0 ? "no scores" : psi < 0.1 ? "stable" : psi < 0.25 ? "moving" : "shifted";
}
