using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Access;
using Portcullis.Risk.Monitoring;
using Portcullis.Storage;

namespace Portcullis.Monitoring;

/// <summary>
/// REST, CSV and the page /monitoring/waterbed: has a lane's smuggling moved from one hub to another?
/// Hits of closed controls (seizures) per lane, hub and day go through <see cref="ShareShift"/>; the
/// lanes it flags come back with the hubs that lost and gained share, the score and the onset.
/// </summary>
public static class Waterbed
{
    public const string TestName = "likelihood-ratio change-point test of each hub's share of a lane's hits (G = 2·ln LR, maximised over the onset)";

    /// <summary>Days of the share window in <see cref="DayShares.TrailingShares"/>: a day holds a handful of hits, too few for a readable share.</summary>
    public const int ShareWindowDays = 7;

    public const int DefaultDays = 28;

    /// <summary>One day of a flagged lane: its hits per hub (in the order of <see cref="FlaggedLane.Hubs"/>), and each hub's share of the lane's hits over the <see cref="ShareWindowDays"/> days ending that day (null without hits).</summary>
    public sealed record DayShares(DateOnly Day, IReadOnlyList<int> Hits, IReadOnlyList<double?> TrailingShares);

    public sealed record FlaggedLane(string Lane, string FromHub, string ToHub, double Score, double Threshold, DateOnly Onset, DateOnly FlaggedOn, int Hits, IReadOnlyList<string> Hubs, IReadOnlyList<DayShares> Daily);

    public sealed record Report(string Test, DateOnly From, DateOnly To, double Threshold, int Hits, int LanesTested, IReadOnlyList<FlaggedLane> Flagged);

    public static async Task<Results<Ok<Report>, FileContentHttpResult, ProblemHttpResult>> GetAsync(DateOnly? from, DateOnly? to, string? format, string? table, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (MonitoringModule.Period(from, to, clock, DefaultDays, out var periodProblem) is not { } period)
        {
            return TypedResults.Problem(periodProblem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid period.");
        }

        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var name = string.IsNullOrEmpty(table) ? "flags" : table.ToLowerInvariant();
        if (name is not ("flags" or "series"))
        {
            return TypedResults.Problem($"table '{Hosting.Echo.Of(table)}' is unknown; use table=flags or table=series.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown table.");
        }

        var report = await RunAsync(db, CurrentUser.From(context.User)!, period.From, period.To, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(report);
        }

        var file = name == "flags" ? FlagsTable(report) : SeriesTable(report);
        return TypedResults.File(Encoding.UTF8.GetBytes(file.ToCsv()), "text/csv", $"waterbed-{file.Name}-{CsvTable.Day(report.From)}-{CsvTable.Day(report.To)}.csv");
    }

    /// <summary>The monitor over a period, on the hits of the hubs <paramref name="user"/> may see (the function the page calls too).</summary>
    public static async Task<Report> RunAsync(PortcullisDb db, CurrentUser user, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var hits = (await MonitoringData.ClosedControlsAsync(db, user, from, to, cancellationToken)).Where(c => c.Hit).ToList();
        var options = new ShareShiftOptions();
        var lanes = ShareShift.Scan(hits.Select(h => new LaneEvent(h.Lane, h.Hub, h.Day)), from, to, options);
        var flagged = lanes.Where(l => l.Alarm && l.Best is not null && l.Onset is not null).Select(l => new FlaggedLane(
            l.Lane, string.Join(" + ", l.From), string.Join(" + ", l.To), l.Best!.Score, options.Threshold, l.Onset!.Value, l.FlaggedOn!.Value, l.Events, l.Hubs, Series(l, from))).ToList();
        return new Report(TestName, from, to, options.Threshold, hits.Count, lanes.Count, flagged);
    }

    public static CsvTable FlagsTable(Report report) => new("flags",
        ["lane", "from_hub", "to_hub", "score_g", "threshold", "onset", "flagged_on", "hits", "test"],
        [.. report.Flagged.Select(f => (IReadOnlyList<string>)[f.Lane, f.FromHub, f.ToHub, CsvTable.Number(f.Score), CsvTable.Number(f.Threshold), CsvTable.Day(f.Onset), CsvTable.Day(f.FlaggedOn), f.Hits.ToString(CultureInfo.InvariantCulture), report.Test])]);

    public static CsvTable SeriesTable(Report report) => new("series",
        ["lane", "day", "hub", "hits", "share_7_days"],
        [.. report.Flagged.SelectMany(f => f.Daily.SelectMany(d => f.Hubs.Select((hub, h) => (IReadOnlyList<string>)[f.Lane, CsvTable.Day(d.Day), hub, d.Hits[h].ToString(CultureInfo.InvariantCulture), CsvTable.Number(d.TrailingShares[h], 4)])))]);

    private static List<DayShares> Series(LaneShift lane, DateOnly first)
    {
        var days = new List<DayShares>(lane.Daily.Count);
        for (var d = 0; d < lane.Daily.Count; d++)
        {
            var window = new int[lane.Hubs.Count];
            for (var w = Math.Max(0, d - ShareWindowDays + 1); w <= d; w++)
            {
                for (var h = 0; h < window.Length; h++)
                {
                    window[h] += lane.Daily[w][h];
                }
            }

            var total = window.Sum();
            days.Add(new DayShares(first.AddDays(d), lane.Daily[d], [.. window.Select(x => total == 0 ? (double?)null : (double)x / total)]));
        }

        return days;
    }
}
