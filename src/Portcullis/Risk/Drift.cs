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
        DateTime first = WeekStart(0), last = WeekStart(weeks);
        var scores = db.RiskScores.AsNoTracking();
        int WeekOf(DateTime at) => (DateOnly.FromDateTime(at).DayNumber - start.DayNumber) / 7;

        // The reference is the first week with scores, read whole for its deciles (the bin edges).
        double[] edges = [];
        for (var w = 0; w < weeks && edges.Length == 0; w++)
        {
            DateTime from = WeekStart(w), to = WeekStart(w + 1);
            edges = PopulationStability.Edges(await scores.Where(x => x.ArrivedAt >= from && x.ArrivedAt < to).Select(x => x.Score).ToListAsync(cancellationToken));
        }

        // Then each week is counted per bin by the database, one range of the scores' (ArrivedAt, Score)
        // index each: a full-scale month has about 900,000 scores, and reading them one by one, each
        // joined to its consignment, made the hub dashboard take 36 s on a loaded machine and 4 s on a quiet
        // one (docs/BENCHMARKS.md, "Monitoring"). A score's bin is the number of edges at or below it
        // (PopulationStability.Shares); fewer than nine distinct edges are padded with edges no score
        // reaches, whose bins stay empty.
        var padded = edges.Concat(Enumerable.Repeat(double.MaxValue, 9 - edges.Length)).ToArray();
        double e0 = padded[0], e1 = padded[1], e2 = padded[2], e3 = padded[3], e4 = padded[4], e5 = padded[5], e6 = padded[6], e7 = padded[7], e8 = padded[8];
        var counts = new long[weeks][];
        var sums = new double[weeks];
        for (var w = 0; w < weeks; w++)
        {
            DateTime from = WeekStart(w), to = WeekStart(w + 1);
            var rows = await scores
                .Where(x => x.ArrivedAt >= from && x.ArrivedAt < to)
                .Select(x => new
                {
                    Bin = (x.Score >= e0 ? 1 : 0) + (x.Score >= e1 ? 1 : 0) + (x.Score >= e2 ? 1 : 0) + (x.Score >= e3 ? 1 : 0) + (x.Score >= e4 ? 1 : 0)
                        + (x.Score >= e5 ? 1 : 0) + (x.Score >= e6 ? 1 : 0) + (x.Score >= e7 ? 1 : 0) + (x.Score >= e8 ? 1 : 0),
                    x.Score,
                })
                .GroupBy(x => x.Bin)
                .Select(g => new { Bin = g.Key, Count = g.LongCount(), Sum = g.Sum(x => x.Score) })
                .ToListAsync(cancellationToken);
            counts[w] = new long[edges.Length + 1];
            foreach (var r in rows)
            {
                counts[w][r.Bin] = r.Count;
                sums[w] += r.Sum;
            }
        }

        var outcomes = await db.DeclarationOutcomes.AsNoTracking()
            .Join(db.Consignments, o => o.ConsignmentId, c => c.Id, (o, c) => new { o.Inspected, o.Hit, c.ArrivedAt })
            .Where(x => x.Inspected && x.ArrivedAt >= first && x.ArrivedAt < last)
            .ToListAsync(cancellationToken);
        var outcomesByWeek = outcomes.GroupBy(o => WeekOf(o.ArrivedAt))
            .ToDictionary(g => g.Key, g => (Inspected: g.Count(), Hits: g.Count(o => o.Hit == true)));
        var reference = counts.FirstOrDefault(b => b.Sum() > 0) ?? new long[edges.Length + 1];
        var result = new List<WeekView>();
        for (var w = 0; w < weeks; w++)
        {
            var (bins, sum) = (counts[w], sums[w]);
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
