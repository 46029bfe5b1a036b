using Portcullis.Risk.Insider;

namespace Portcullis.Bench;

/// <summary>
/// BENCH ONLY: a frozen copy of <see cref="InsiderLeads.Find"/> as it was before issue 17's rewrite
/// (LINQ GroupBy/ToList per account, commit 5514b2e), kept so that audit-leads can run both on the same
/// data and assert that the fast one gives exactly the same leads. Not used by the application.
/// </summary>
public static class InsiderLeadsBaseline
{
    private const double MaxPoints = 3;

    public static IReadOnlyList<InsiderLead> Find(
        IReadOnlyList<InsiderAccount> accounts,
        IReadOnlyList<ViewEvent> views,
        IReadOnlyList<ControlledSelection> selections,
        IReadOnlyList<ContainerAlarm> alarms,
        InsiderOptions? options = null)
    {
        options ??= new InsiderOptions();
        var byAccount = views.GroupBy(v => v.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(v => v.At).ThenBy(v => v.EntryId).ToList(), StringComparer.Ordinal);
        var known = accounts.GroupBy(a => a.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var volume = known.ToDictionary(a => a.Name, a => byAccount.TryGetValue(a.Name, out var v) ? v.Count(IsCounted) : 0, StringComparer.Ordinal);
        var controls = selections.ToLookup(s => s.Container, StringComparer.OrdinalIgnoreCase);
        var bursts = known.ToDictionary(a => a.Name, a => Bursts(byAccount.GetValueOrDefault(a.Name) ?? [], controls, options), StringComparer.Ordinal);
        var alarmTimes = alarms.GroupBy(a => a.Container, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(a => a.At).Order().ToList(), StringComparer.OrdinalIgnoreCase);
        var baseRate = new BaseRate(byAccount, alarmTimes, TimeSpan.FromDays(options.AlarmHorizonDays));

        var leads = new List<InsiderLead>();
        foreach (var account in known)
        {
            var own = byAccount.GetValueOrDefault(account.Name) ?? [];
            var peers = known.Where(p => p.Name != account.Name && p.PeerKey == account.PeerKey).Select(p => p.Name).ToList();
            var signals = new List<LeadSignal>();
            var notes = new List<string>();

            if (peers.Count < options.MinimumPeers)
            {
                notes.Add($"No peer group: {peers.Count} other account(s) of the same role and hubs, {options.MinimumPeers} needed to compare volume and bursts.");
            }
            else
            {
                Add(signals, Volume(own, volume[account.Name], peers.Select(p => (double)volume[p]).ToList(), options));
            }

            Add(signals, OutsideHubs(account, own, options));
            if (account.Shifts is null)
            {
                notes.Add("Working hours unknown: views outside shifts were not judged.");
            }
            else
            {
                Add(signals, OutsideShifts(account, own, options));
            }

            Add(signals, LaterAlarms(account.Name, own, baseRate, alarmTimes, options));
            Add(signals, Burst(bursts[account.Name], peers.Count >= options.MinimumPeers ? peers.Select(p => (double)bursts[p].Count).ToList() : null, options));

            if (signals.Count > 0)
            {
                leads.Add(new InsiderLead(0, account.Name, account.Role, account.Hubs, Math.Round(signals.Sum(s => s.Points), 3), signals, notes, peers.Count, account.Shifts is not null));
            }
        }

        return [.. leads.OrderByDescending(l => l.Score).ThenBy(l => l.Account, StringComparer.Ordinal).Select((l, i) => l with { Rank = i + 1 })];
    }

    private static bool IsCounted(ViewEvent v) => v.Kind is ViewKind.Selection or ViewKind.Score;

    private static void Add(List<LeadSignal> signals, LeadSignal? signal)
    {
        if (signal is not null)
        {
            signals.Add(signal);
        }
    }

    /// <summary>
    /// Robust z-score of the account's selection and score views against its peers (the others of the
    /// same role and hubs): 0.6745·(x − median) / MAD. MAD is floored at one view, so that peers who all
    /// viewed the same number do not make one extra view infinitely surprising, and at 5 % of the
    /// median, so that a few percent more in a busy month (thousands of views, where peers that happen
    /// to agree closely give a tiny MAD) is not a lead: measured in bench audit-leads, docs/AUDIT.md.
    /// </summary>
    private static LeadSignal? Volume(IReadOnlyList<ViewEvent> own, int count, IReadOnlyList<double> peers, InsiderOptions options)
    {
        var median = Median(peers);
        var mad = Math.Max(Math.Max(1, 0.05 * median), Median([.. peers.Select(p => Math.Abs(p - median))]));
        var z = 0.6745 * (count - median) / mad;
        if (count < options.MinimumViews || z < options.VolumeZ)
        {
            return null;
        }

        return new LeadSignal(SignalKind.Volume, Points(z / options.VolumeZ),
            $"{count} views of selections and scores, where the {peers.Count} peers of the same role and hubs had a median of {median:0.#} (robust z = {z:0.0}).",
            new Dictionary<string, double> { ["views"] = count, ["peers"] = peers.Count, ["median"] = median, ["z"] = Math.Round(z, 1) },
            Evidence(own.Where(IsCounted), options));
    }

    private static LeadSignal? OutsideHubs(InsiderAccount account, IReadOnlyList<ViewEvent> own, InsiderOptions options)
    {
        var outside = own.Where(v => v.Hub is { Length: > 0 } hub && !account.WorksFor(hub)).ToList();
        if (outside.Count == 0)
        {
            return null;
        }

        var hubs = string.Join(", ", outside.Select(v => v.Hub!.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));
        return new LeadSignal(SignalKind.OutsideHubs, Points(outside.Count),
            $"{outside.Count} view(s) of containers at {hubs}, outside the account's hubs ({string.Join(", ", account.Hubs)}).",
            new Dictionary<string, double> { ["views"] = outside.Count },
            Evidence(outside, options));
    }

    private static LeadSignal? OutsideShifts(InsiderAccount account, IReadOnlyList<ViewEvent> own, InsiderOptions options)
    {
        var grace = TimeSpan.FromMinutes(options.GraceOutsideShiftMinutes);
        var outside = own.Where(v => !account.Shifts!.Any(s => v.At >= s.Start - grace && v.At < s.End + grace)).ToList();
        if (outside.Count == 0)
        {
            return null;
        }

        return new LeadSignal(SignalKind.OutsideShifts, Points(outside.Count),
            $"{outside.Count} of {own.Count} view(s) more than {options.GraceOutsideShiftMinutes:0} minutes outside the account's shifts.",
            new Dictionary<string, double> { ["views"] = outside.Count, ["of"] = own.Count, ["minutes"] = options.GraceOutsideShiftMinutes },
            Evidence(outside, options));
    }

    /// <summary>
    /// Of the distinct containers the account viewed, how many had an alarm within the horizon after
    /// its first view, against the rate among the containers everyone else viewed (Laplace-smoothed:
    /// (alarmed + 1) / (viewed + 2), so an empty or spotless base never makes a single alarm certain
    /// proof). The signal is the binomial upper tail P(X ≥ k | n, p).
    /// </summary>
    private static LeadSignal? LaterAlarms(string name, IReadOnlyList<ViewEvent> own, BaseRate baseRate, Dictionary<string, List<DateTime>> alarms, InsiderOptions options)
    {
        var horizon = TimeSpan.FromDays(options.AlarmHorizonDays);
        var mine = FirstViews(own);
        var alarmed = mine.Where(c => AlarmAfter(alarms, c.Key, c.Value.At, horizon)).ToList();
        if (alarmed.Count < options.MinimumAlarmed)
        {
            return null;
        }

        var (baseAlarmed, baseViewed) = baseRate.Without(name, mine.Keys);
        var p = (baseAlarmed + 1.0) / (baseViewed + 2.0);
        var tail = BinomialUpperTail(alarmed.Count, mine.Count, p);
        if (tail > options.AlarmTail)
        {
            return null;
        }

        return new LeadSignal(SignalKind.LaterAlarms, Points(Math.Log10(tail) / Math.Log10(options.AlarmTail)),
            $"{alarmed.Count} of the {mine.Count} container(s) viewed later had a secure-lane alarm or seal mismatch, where {baseAlarmed} of the {baseViewed} viewed by others did (chance of so many or more: {tail:0.###E+0}).",
            new Dictionary<string, double> { ["alarmed"] = alarmed.Count, ["viewed"] = mine.Count, ["baseAlarmed"] = baseAlarmed, ["baseViewed"] = baseViewed, ["tail"] = tail },
            Evidence(alarmed.Select(c => c.Value), options));
    }

    /// <summary>
    /// The base rate of "alarm after the first view" among the containers everyone but one account
    /// viewed, for every account without walking every other account's views each time: per container
    /// the earliest first view and the earliest by anyone else, so that leaving one account out only
    /// changes the containers it was the first (or only) one to view.
    /// </summary>
    private sealed class BaseRate
    {
        private readonly Dictionary<string, (string Account, DateTime First, DateTime? Second)> _first = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<DateTime>> _alarms;
        private readonly TimeSpan _horizon;
        private readonly int _alarmed;

        public BaseRate(Dictionary<string, List<ViewEvent>> byAccount, Dictionary<string, List<DateTime>> alarms, TimeSpan horizon)
        {
            (_alarms, _horizon) = (alarms, horizon);
            foreach (var (account, views) in byAccount)
            {
                foreach (var (container, view) in FirstViews(views))
                {
                    if (!_first.TryGetValue(container, out var f))
                    {
                        _first[container] = (account, view.At, null);
                    }
                    else if (view.At < f.First)
                    {
                        _first[container] = (account, view.At, f.First);
                    }
                    else if (f.Second is null || view.At < f.Second)
                    {
                        _first[container] = f with { Second = view.At };
                    }
                }
            }

            _alarmed = _first.Count(kv => AlarmAfter(_alarms, kv.Key, kv.Value.First, _horizon));
        }

        /// <summary>(alarmed, viewed) over the containers viewed by anyone but <paramref name="account"/>, each from its earliest view by them.</summary>
        public (int Alarmed, int Viewed) Without(string account, IEnumerable<string> viewedByAccount)
        {
            var (alarmed, viewed) = (_alarmed, _first.Count);
            foreach (var container in viewedByAccount)
            {
                var f = _first[container];
                if (f.Account != account)
                {
                    continue;
                }

                alarmed -= AlarmAfter(_alarms, container, f.First, _horizon) ? 1 : 0;
                if (f.Second is { } second)
                {
                    alarmed += AlarmAfter(_alarms, container, second, _horizon) ? 1 : 0;
                }
                else
                {
                    viewed--;
                }
            }

            return (alarmed, viewed);
        }
    }

    private static Dictionary<string, ViewEvent> FirstViews(IEnumerable<ViewEvent> views)
    {
        var first = new Dictionary<string, ViewEvent>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in views)
        {
            if (v.Container is { Length: > 0 } c && (!first.TryGetValue(c, out var seen) || v.At < seen.At))
            {
                first[c] = v;
            }
        }

        return first;
    }

    private static bool AlarmAfter(Dictionary<string, List<DateTime>> alarms, string container, DateTime viewedAt, TimeSpan horizon) =>
        alarms.TryGetValue(container, out var times) && times.Any(t => t > viewedAt && t <= viewedAt + horizon);

    /// <summary>Per selection: the account's views of its container in the window before its control, where there were enough for a burst.</summary>
    private static List<List<ViewEvent>> Bursts(IReadOnlyList<ViewEvent> own, ILookup<string, ControlledSelection> controls, InsiderOptions options)
    {
        var window = TimeSpan.FromHours(options.BurstWindowHours);
        var bursts = new List<List<ViewEvent>>();
        // Only the containers the account viewed, so the cost follows its own views, not every selection.
        foreach (var viewed in own.Where(v => v.Container is not null && controls.Contains(v.Container)).GroupBy(v => v.Container!, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var s in controls[viewed.Key])
            {
                var before = viewed.Where(v => v.At < s.ControlAt && v.At >= s.ControlAt - window).ToList();
                if (before.Count >= options.BurstViews)
                {
                    bursts.Add(before);
                }
            }
        }

        return bursts;
    }

    /// <summary>
    /// Bursts count only where the account has more of them than its peers' median plus one (inspectors
    /// open their controls before they start; a whole team doing so is the work, not a lead); without
    /// a peer group, any burst counts.
    /// </summary>
    private static LeadSignal? Burst(List<List<ViewEvent>> bursts, IReadOnlyList<double>? peers, InsiderOptions options)
    {
        var median = peers is null ? 0 : Median(peers);
        var excess = bursts.Count - (peers is null ? 0 : median + 1);
        if (bursts.Count == 0 || excess <= 0)
        {
            return null;
        }

        var views = bursts.Sum(b => b.Count);
        return new LeadSignal(SignalKind.BurstBeforeControl, Points(excess),
            $"{bursts.Count} selected container(s) viewed {options.BurstViews} or more times in the {options.BurstWindowHours:0} hours before their control ({views} views){(peers is null ? "" : $"; peers' median {median:0.#}")}.",
            new Dictionary<string, double> { ["bursts"] = bursts.Count, ["views"] = views, ["times"] = options.BurstViews, ["hours"] = options.BurstWindowHours, ["median"] = median },
            Evidence(bursts.SelectMany(b => b), options));
    }

    private static double Points(double strength) => Math.Round(Math.Min(MaxPoints, strength), 3);

    private static List<long> Evidence(IEnumerable<ViewEvent> views, InsiderOptions options) =>
        [.. views.OrderBy(v => v.At).ThenBy(v => v.EntryId).Select(v => v.EntryId).Distinct().Take(options.MaximumEvidence)];

    private static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p), summed in log space so that thousands of trials do not underflow.</summary>
    private static double BinomialUpperTail(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (k > n || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return 1;
        }

        var logP = Math.Log(p);
        var logQ = Math.Log(1 - p);
        var logPmf = n * logQ;
        var terms = new List<double>();
        for (var i = 0; i <= n; i++)
        {
            if (i >= k)
            {
                terms.Add(logPmf);
            }

            logPmf += Math.Log((double)(n - i) / (i + 1)) + logP - logQ;
        }

        var max = terms.Max();
        return Math.Min(1, Math.Exp(max) * terms.Sum(t => Math.Exp(t - max)));
    }
}
