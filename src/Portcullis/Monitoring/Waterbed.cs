using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Access;
using Portcullis.Risk.Monitoring;
using Portcullis.Storage;

namespace Portcullis.Monitoring;

/// <summary>
/// REST, CSV and the page /monitoring/waterbed: has a lane's or a pattern's smuggling moved from one
/// hub to another? Hits of closed controls (seizures) per key, hub and day go through
/// <see cref="ShareShift"/>, each hit under its lane and, when its findings name a concealment, under
/// its pattern; the keys it flags come back with their kind, the hubs that lost and gained share,
/// the score, the threshold for their number of hubs and the onset.
/// </summary>
public static class Waterbed
{
    public const string TestName = "likelihood-ratio change-point test of each hub's share of a lane's or a pattern's hits (G = 2·ln LR, maximised over the onset)";

    /// <summary>The kinds of key as the API and CSV name them.</summary>
    public const string LaneKind = "lane";

    public const string PatternKind = "pattern";

    /// <summary>Days of the share window in <see cref="DayShares.TrailingShares"/>: a day holds a handful of hits, too few for a readable share.</summary>
    public const int ShareWindowDays = 7;

    public const int DefaultDays = 28;

    /// <summary>One day of a flagged key: its hits per hub (in the order of <see cref="FlaggedKey.Hubs"/>), and each hub's share of the key's hits over the <see cref="ShareWindowDays"/> days ending that day (null without hits).</summary>
    public sealed record DayShares(DateOnly Day, IReadOnlyList<int> Hits, IReadOnlyList<double?> TrailingShares);

    /// <summary>A flagged lane or pattern (<paramref name="Kind"/> is <see cref="LaneKind"/> or <see cref="PatternKind"/>); <paramref name="Threshold"/> is the one for its number of hubs.</summary>
    public sealed record FlaggedKey(string Kind, string Key, string FromHub, string ToHub, double Score, double Threshold, DateOnly Onset, DateOnly FlaggedOn, int Hits, IReadOnlyList<string> Hubs, IReadOnlyList<DayShares> Daily);

    /// <summary>The monitor's answer: <paramref name="Threshold"/> applies to a key seen at two hubs, plus <paramref name="ThresholdPerExtraHub"/> for each further hub.</summary>
    public sealed record Report(string Test, DateOnly From, DateOnly To, double Threshold, double ThresholdPerExtraHub, int Hits, int LanesTested, int PatternsTested, IReadOnlyList<FlaggedKey> Flagged);

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
        var hits = (await MonitoringData.ClosedControlsAsync(db, user, from, to, cancellationToken, patterns: true)).Where(c => c.Hit).ToList();
        var options = new ShareShiftOptions();
        var events = hits.Select(h => new LaneEvent(h.Lane, h.Hub, h.Day))
            .Concat(hits.Where(h => h.Pattern is not null).Select(h => new LaneEvent(h.Pattern!, h.Hub, h.Day, Kind: KeyKind.Pattern)));
        var keys = ShareShift.Scan(events, from, to, options);
        var flagged = keys.Where(k => k.Alarm && k.Best is not null && k.Onset is not null).Select(k => new FlaggedKey(
            KindName(k.Kind), k.Key, string.Join(" + ", k.From), string.Join(" + ", k.To), k.Best!.Score, k.Threshold, k.Onset!.Value, k.FlaggedOn!.Value, k.Events, k.Hubs, Series(k, from))).ToList();
        return new Report(TestName, from, to, options.Threshold, options.ThresholdPerExtraHub, hits.Count, keys.Count(k => k.Kind == KeyKind.Lane), keys.Count(k => k.Kind == KeyKind.Pattern), flagged);
    }

    public static CsvTable FlagsTable(Report report) => new("flags",
        ["kind", "key", "from_hub", "to_hub", "score_g", "threshold", "onset", "flagged_on", "hits", "test"],
        [.. report.Flagged.Select(f => (IReadOnlyList<string>)[f.Kind, f.Key, f.FromHub, f.ToHub, CsvTable.Number(f.Score), CsvTable.Number(f.Threshold), CsvTable.Day(f.Onset), CsvTable.Day(f.FlaggedOn), f.Hits.ToString(CultureInfo.InvariantCulture), report.Test])]);

    public static CsvTable SeriesTable(Report report) => new("series",
        ["kind", "key", "day", "hub", "hits", "share_7_days"],
        [.. report.Flagged.SelectMany(f => f.Daily.SelectMany(d => f.Hubs.Select((hub, h) => (IReadOnlyList<string>)[f.Kind, f.Key, CsvTable.Day(d.Day), hub, d.Hits[h].ToString(CultureInfo.InvariantCulture), CsvTable.Number(d.TrailingShares[h], 4)])))]);

    private static string KindName(KeyKind kind) => kind == KeyKind.Pattern ? PatternKind : LaneKind;

    private static List<DayShares> Series(LaneShift key, DateOnly first)
    {
        var days = new List<DayShares>(key.Daily.Count);
        for (var d = 0; d < key.Daily.Count; d++)
        {
            var window = new int[key.Hubs.Count];
            for (var w = Math.Max(0, d - ShareWindowDays + 1); w <= d; w++)
            {
                for (var h = 0; h < window.Length; h++)
                {
                    window[h] += key.Daily[w][h];
                }
            }

            var total = window.Sum();
            days.Add(new DayShares(first.AddDays(d), key.Daily[d], [.. window.Select(x => total == 0 ? (double?)null : (double)x / total)]));
        }

        return days;
    }
}
