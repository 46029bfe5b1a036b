namespace Portcullis.Risk.Monitoring;

/// <summary>What a monitored key groups: a <see cref="Monitoring.Lane"/> or a <see cref="Monitoring.Pattern"/>.</summary>
public enum KeyKind
{
    Lane,
    Pattern,
}

/// <summary>
/// One counted event of a key at a hub on a day: a seizure, an inspection hit. A hit is usually
/// counted twice, once under its lane and once under its pattern; keys of different kinds are
/// tested apart even when their text is the same.
/// </summary>
public readonly record struct LaneEvent(string Key, string Hub, DateOnly Day, int Count = 1, KeyKind Kind = KeyKind.Lane);

/// <summary>How the waterbed test decides.</summary>
/// <param name="Threshold">Alarm when the likelihood-ratio statistic G of a key seen at two hubs
/// reaches it. G is the maximum over the onset of 2·ln(likelihood ratio), rerun every day, so it
/// runs well above a χ² quantile: 16 keeps a stable two-hub key's false alarms at or below about
/// 1 % a month (a Monte Carlo of stable series, docs/MONITORING.md).</param>
/// <param name="ThresholdPerExtraHub">Added per hub beyond two: G has one degree of freedom per
/// hub less one, so with one fixed threshold a key seen at five hubs alarmed on about 30 % of
/// stable months at G ≥ 15; three per hub keeps each hub count near 1 %.</param>
/// <param name="MinimumDaysBefore">The earliest onset: days of data before it, so a baseline exists.</param>
/// <param name="MinimumEventsBefore">Events needed before the onset, so one early seizure is not a baseline.</param>
/// <param name="MinimumEventsAfter">Events needed from the onset on, so one seizure cannot make an alarm.</param>
public sealed record ShareShiftOptions(double Threshold = 16, double ThresholdPerExtraHub = 3, int MinimumDaysBefore = 5, int MinimumEventsBefore = 8, int MinimumEventsAfter = 5)
{
    /// <summary>The threshold for a key seen at <paramref name="hubs"/> hubs (two or more).</summary>
    public double ThresholdFor(int hubs) => Threshold + (ThresholdPerExtraHub * Math.Max(0, hubs - 2));
}

/// <summary>A hub's share of a key's events before and from the estimated onset.</summary>
public sealed record HubShare(string Hub, int EventsBefore, int EventsAfter, double ShareBefore, double ShareAfter);

/// <summary>
/// The best split of one key's series: where the hubs' shares changed most, and how surely.
/// <c>Score</c> is G = 2·ln(likelihood ratio) of "shares changed at the onset" against "one set of
/// shares throughout"; <c>OnsetIndex</c> is the first day (index) of the changed shares, the split maximising G.
/// </summary>
public sealed record ChangePoint(double Score, int OnsetIndex, IReadOnlyList<HubShare> Shares);

/// <summary>
/// A key's result over a period: its series, its best change point, and when (if ever) it alarmed.
/// <c>Threshold</c> is the one for its number of hubs (<see cref="ShareShiftOptions.ThresholdFor"/>);
/// <c>FlaggedOn</c> is the first day on which the test, run on the data up to that day, reached it
/// (null when never); <c>From</c> and <c>To</c> name the hubs whose share fell and rose from the
/// onset on (only for an alarm); <c>Daily</c> holds the events per day (index 0 = first day) per
/// hub, in the order of <c>Hubs</c>.
/// </summary>
public sealed record LaneShift(
    KeyKind Kind,
    string Key,
    double Threshold,
    IReadOnlyList<string> Hubs,
    int Events,
    ChangePoint? Best,
    DateOnly? Onset,
    DateOnly? FlaggedOn,
    IReadOnlyList<string> From,
    IReadOnlyList<string> To,
    IReadOnlyList<int[]> Daily)
{
    public bool Alarm => FlaggedOn is not null;
}

/// <summary>
/// The waterbed test: have a lane's or a pattern's seizures moved between hubs? For each key the events
/// per hub and day form a multinomial series; the test is the likelihood-ratio change-point test of
/// the hubs' shares (one set of shares throughout against one set before an onset and another
/// from it), maximised over the onset. It uses counts only, so the volume of a key does not matter
/// (a key that grows everywhere keeps its shares), and a key seen at one hub cannot alarm.
/// Run day by day on the data up to each day, its first crossing is when a monitor would have
/// flagged the shift; the onset it estimates is the split that fits best, not the alarm day.
/// </summary>
public static class ShareShift
{
    /// <summary>
    /// The best change point of a series (rows = days, columns = hubs); null when no onset leaves
    /// enough events on both sides (see <paramref name="options"/>) or fewer than two hubs have events.
    /// </summary>
    public static ChangePoint? BestChangePoint(IReadOnlyList<int[]> daily, IReadOnlyList<string> hubs, ShareShiftOptions options)
    {
        ArgumentNullException.ThrowIfNull(daily);
        ArgumentNullException.ThrowIfNull(hubs);
        ArgumentNullException.ThrowIfNull(options);
        var days = daily.Count;
        var k = hubs.Count;
        var total = new long[k];
        foreach (var row in daily)
        {
            for (var h = 0; h < k; h++)
            {
                total[h] += row[h];
            }
        }

        if (total.Count(t => t > 0) < 2)
        {
            return null;
        }

        var whole = LogLikelihood(total);
        var before = new long[k];
        var after = new long[k];
        ChangePoint? best = null;
        for (var onset = 1; onset < days; onset++)
        {
            for (var h = 0; h < k; h++)
            {
                before[h] += daily[onset - 1][h];
                after[h] = total[h] - before[h];
            }

            if (onset < options.MinimumDaysBefore || before.Sum() < options.MinimumEventsBefore || after.Sum() < options.MinimumEventsAfter)
            {
                continue;
            }

            var g = 2 * (LogLikelihood(before) + LogLikelihood(after) - whole);
            if (best is null || g > best.Score + 1e-12)
            {
                best = new ChangePoint(g, onset, Shares(hubs, before, after));
            }
        }

        return best;
    }

    /// <summary>
    /// Runs the test for every key (kind and text) over the days from <paramref name="first"/> to
    /// <paramref name="last"/> (events outside are ignored), day by day, and returns the keys with at
    /// least two hubs, alarms first.
    /// </summary>
    public static IReadOnlyList<LaneShift> Scan(IEnumerable<LaneEvent> events, DateOnly first, DateOnly last, ShareShiftOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var days = last.DayNumber - first.DayNumber + 1;
        if (days < 1)
        {
            return [];
        }

        var results = new List<LaneShift>();
        foreach (var key in events.Where(e => e.Day >= first && e.Day <= last).GroupBy(e => (e.Kind, e.Key)))
        {
            var hubs = key.Select(e => e.Hub).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (hubs.Count < 2)
            {
                continue;
            }

            var daily = new List<int[]>(days);
            for (var d = 0; d < days; d++)
            {
                daily.Add(new int[hubs.Count]);
            }

            foreach (var e in key)
            {
                daily[e.Day.DayNumber - first.DayNumber][hubs.IndexOf(e.Hub)] += e.Count;
            }

            var threshold = options.ThresholdFor(hubs.Count);
            DateOnly? flagged = null;
            for (var upTo = 2; upTo <= days && flagged is null; upTo++)
            {
                if (BestChangePoint(daily.GetRange(0, upTo), hubs, options) is { } cp && cp.Score >= threshold)
                {
                    flagged = first.AddDays(upTo - 1);
                }
            }

            var best = BestChangePoint(daily, hubs, options);
            var alarm = flagged is not null && best is not null;
            results.Add(new LaneShift(
                key.Key.Kind,
                key.Key.Key,
                threshold,
                hubs,
                daily.Sum(r => r.Sum()),
                best,
                best is null ? null : first.AddDays(best.OnsetIndex),
                flagged,
                alarm ? [.. best!.Shares.Where(s => s.ShareAfter < s.ShareBefore).OrderBy(s => s.ShareAfter - s.ShareBefore).Select(s => s.Hub)] : [],
                alarm ? [.. best!.Shares.Where(s => s.ShareAfter > s.ShareBefore).OrderByDescending(s => s.ShareAfter - s.ShareBefore).Select(s => s.Hub)] : [],
                daily));
        }

        return [.. results.OrderByDescending(r => r.Alarm).ThenByDescending(r => r.Best?.Score ?? 0).ThenBy(r => r.Kind).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>Σ xᵢ·ln(xᵢ/n): the multinomial log-likelihood at its maximum (the observed shares).</summary>
    internal static double LogLikelihood(long[] counts)
    {
        var n = counts.Sum();
        var sum = 0.0;
        foreach (var x in counts)
        {
            if (x > 0)
            {
                sum += x * Math.Log((double)x / n);
            }
        }

        return sum;
    }

    private static List<HubShare> Shares(IReadOnlyList<string> hubs, long[] before, long[] after)
    {
        var nb = (double)before.Sum();
        var na = (double)after.Sum();
        return [.. hubs.Select((hub, h) => new HubShare(hub, (int)before[h], (int)after[h], before[h] / nb, after[h] / na))];
    }
}
