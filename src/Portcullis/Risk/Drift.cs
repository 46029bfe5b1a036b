using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Risk.Evaluation;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// REST and CLI: how the score distribution and the hit rate move week by week. Each week's stored
/// scores are compared with the first week of the report by the population stability index (PSI,
/// ten bins at the reference week's deciles): below 0.1 stable, 0.1–0.25 moving, above 0.25 shifted.
/// </summary>
public static class Drift
{
    public sealed record WeekView(string Week, DateOnly From, int Scored, double MeanScore, double Psi, string Stability, int Inspected, int Hits, double? HitRate);

    public sealed record DriftReport(DateOnly From, DateOnly To, IReadOnlyList<WeekView> Weeks);

    public static async Task<Results<Ok<DriftReport>, ProblemHttpResult>> HandleAsync(int? weeks, PortcullisDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var count = weeks ?? 8;
        if (count is < 2 or > 104)
        {
            return TypedResults.Problem($"weeks={count} is out of range; ask for 2 to 104 weeks.", statusCode: StatusCodes.Status400BadRequest, title: "Bad range.");
        }

        return TypedResults.Ok(await ReportAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), count, cancellationToken));
    }

    public static async Task<DriftReport> ReportAsync(PortcullisDb db, DateOnly today, int weeks, CancellationToken cancellationToken)
    {
        var end = today.AddDays(1);
        var start = end.AddDays(-7 * weeks);
        DateTime WeekStart(int week) => start.AddDays(7 * week).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        IQueryable<double> ScoresOf(int week)
        {
            DateTime from = WeekStart(week), to = WeekStart(week + 1);
            return db.RiskScores.AsNoTracking()
                .Join(db.Consignments.AsNoTracking().Where(c => c.ArrivedAt >= from && c.ArrivedAt < to), s => s.ConsignmentId, c => c.Id, (s, c) => s.Score);
        }

        // The reference is the first week with scores, read whole for its deciles (the bin edges).
        double[] edges = [];
        for (var w = 0; w < weeks && edges.Length == 0; w++)
        {
            edges = PopulationStability.Edges(await ScoresOf(w).ToListAsync(cancellationToken));
        }

        // Every week is counted per bin by the database: a month of full-scale traffic has about 900,000
        // scores, and reading them one by one made the hub dashboard take 36 s (docs/BENCHMARKS.md,
        // "Monitoring"). A score's bin is the number of edges at or below it (PopulationStability.Shares);
        // fewer than nine distinct edges are padded with edges no score reaches, whose bins stay empty.
        var padded = edges.Concat(Enumerable.Repeat(double.MaxValue, 9 - edges.Length)).ToArray();
        double e0 = padded[0], e1 = padded[1], e2 = padded[2], e3 = padded[3], e4 = padded[4], e5 = padded[5], e6 = padded[6], e7 = padded[7], e8 = padded[8];
        var counts = new List<(long[] Bins, double Sum)>();
        for (var w = 0; w < weeks; w++)
        {
            var rows = await ScoresOf(w)
                .Select(v => new
                {
                    Bin = (v >= e0 ? 1 : 0) + (v >= e1 ? 1 : 0) + (v >= e2 ? 1 : 0) + (v >= e3 ? 1 : 0) + (v >= e4 ? 1 : 0)
                        + (v >= e5 ? 1 : 0) + (v >= e6 ? 1 : 0) + (v >= e7 ? 1 : 0) + (v >= e8 ? 1 : 0),
                    Score = v,
                })
                .GroupBy(x => x.Bin)
                .Select(g => new { g.Key, Count = g.LongCount(), Sum = g.Sum(x => x.Score) })
                .ToListAsync(cancellationToken);
            var bins = new long[edges.Length + 1];
            foreach (var r in rows)
            {
                bins[r.Key] = r.Count;
            }

            counts.Add((bins, rows.Sum(r => r.Sum)));
        }

        DateTime first = WeekStart(0), last = WeekStart(weeks);
        var outcomes = await db.DeclarationOutcomes.AsNoTracking()
            .Join(db.Consignments, o => o.ConsignmentId, c => c.Id, (o, c) => new { o.Inspected, o.Hit, c.ArrivedAt })
            .Where(x => x.Inspected && x.ArrivedAt >= first && x.ArrivedAt < last)
            .ToListAsync(cancellationToken);
        var outcomesByWeek = outcomes.GroupBy(o => (DateOnly.FromDateTime(o.ArrivedAt).DayNumber - start.DayNumber) / 7)
            .ToDictionary(g => g.Key, g => (Inspected: g.Count(), Hits: g.Count(o => o.Hit == true)));
        var reference = counts.Select(c => c.Bins).FirstOrDefault(b => b.Sum() > 0) ?? new long[edges.Length + 1];
        var result = new List<WeekView>();
        for (var w = 0; w < weeks; w++)
        {
            var (bins, sum) = counts[w];
            var scored = (int)bins.Sum();
            var (inspected, hits) = outcomesByWeek.GetValueOrDefault(w);
            var psi = PopulationStability.FromCounts(reference, bins);
            var weekStart = start.AddDays(7 * w);
            result.Add(new WeekView(
                ISOWeek.GetYear(weekStart.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture) + "-W" + ISOWeek.GetWeekOfYear(weekStart.ToDateTime(TimeOnly.MinValue)).ToString("00", CultureInfo.InvariantCulture),
                weekStart, scored, scored == 0 ? 0 : sum / scored, psi, Stability(psi, scored), inspected, hits, inspected == 0 ? null : (double)hits / inspected));
        }

        return new DriftReport(start, today, result);
    }

    private static string Stability(double psi, int scored) => scored == 0 ? "no scores" : psi < 0.1 ? "stable" : psi < 0.25 ? "moving" : "shifted";
}
