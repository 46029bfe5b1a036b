namespace Portcullis.Risk.Insider;

/// <summary>A stretch of time an account was on duty (UTC, [Start, End)).</summary>
public readonly record struct WorkSpan(DateTime Start, DateTime End);

/// <summary>
/// An account as the audit trail knows it. <paramref name="Hubs"/> holds "*" for every hub.
/// <paramref name="Shifts"/> is null when the account's working hours are not known: the
/// outside-working-hours signal is then left out for it (never guessed).
/// </summary>
public sealed record InsiderAccount(string Name, string Role, IReadOnlyList<string> Hubs, IReadOnlyList<WorkSpan>? Shifts = null)
{
    /// <summary>The peer group key: same role and the same set of hubs.</summary>
    public string PeerKey { get; } = Role + "|" + string.Join(",", Hubs.Select(h => h.ToUpperInvariant()).Order(StringComparer.Ordinal));

    public bool WorksFor(string hub) => Hubs.Contains("*") || Hubs.Contains(hub, StringComparer.OrdinalIgnoreCase);
}

public enum ViewKind
{
    /// <summary>A selection or its findings.</summary>
    Selection,

    /// <summary>A risk score.</summary>
    Score,

    /// <summary>Anything else need-to-know about a container (a scan, an order): not counted for volume.</summary>
    Other,
}

/// <summary>One audit entry of someone looking at something; <paramref name="Container"/> and <paramref name="Hub"/> are null when unknown.</summary>
public sealed record ViewEvent(long EntryId, string Account, DateTime At, ViewKind Kind, string? Container, string? Hub);

/// <summary>A selection whose control took place at <paramref name="ControlAt"/> (scan or physical start, else the plan).</summary>
public sealed record ControlledSelection(string Container, string Hub, DateTime SelectedAt, DateTime ControlAt);

/// <summary>A secure-lane alarm or seal mismatch of a container.</summary>
public sealed record ContainerAlarm(string Container, DateTime At, string Kind);

/// <param name="MinimumPeers">Other accounts of the same role and hubs needed before volume is compared at all.</param>
/// <param name="VolumeZ">Robust z-score from which the volume signal fires (3.5, Iglewicz and Hoaglin's outlier cut).</param>
/// <param name="MinimumViews">Fewer selection and score views than this are never "many", whatever the peers did.</param>
/// <param name="AlarmTail">Binomial tail probability at or below which the later-alarm signal fires.</param>
/// <param name="MinimumAlarmed">Alarmed containers needed before the later-alarm signal fires: one may be chance.</param>
/// <param name="AlarmHorizonDays">How many days after a view an alarm still counts as "later".</param>
/// <param name="BurstWindowHours">The hours before a control in which repeated views count towards a burst.</param>
/// <param name="BurstViews">Views of one selected container within the window that make a burst.</param>
/// <param name="GraceOutsideShiftMinutes">Views this many minutes close to a shift's start or end are not "outside".</param>
/// <param name="MaximumEvidence">Entries listed per signal (the count in the sentence is always the full one).</param>
public sealed record InsiderOptions(
    int MinimumPeers = 3,
    double VolumeZ = 3.5,
    int MinimumViews = 10,
    double AlarmTail = 0.01,
    int MinimumAlarmed = 2,
    double AlarmHorizonDays = 14,
    double BurstWindowHours = 6,
    int BurstViews = 3,
    double GraceOutsideShiftMinutes = 60,
    int MaximumEvidence = 50);

public enum SignalKind
{
    Volume,
    OutsideHubs,
    OutsideShifts,
    LaterAlarms,
    BurstBeforeControl,
}

/// <summary>
/// One reason an account is worth a look. <paramref name="Points"/> is the signal's strength scaled so
/// that its firing threshold is 1, capped at 3; <paramref name="Numbers"/> are the figures the sentence names
/// (so a page can say it in another language); <paramref name="Evidence"/> the audit entry ids behind it.
/// </summary>
public sealed record LeadSignal(SignalKind Kind, double Points, string Sentence, IReadOnlyDictionary<string, double> Numbers, IReadOnlyList<long> Evidence);

/// <summary>
/// A lead: an account whose trail differs from its peers' in the named ways. A lead is a reason to
/// look at the evidence, never a finding: every signal has innocent explanations.
/// <paramref name="Notes"/> say what could not be judged (no peer group, working hours unknown);
/// <paramref name="Peers"/> counts the other accounts of the same role and hubs; <paramref name="ShiftsKnown"/> says whether working hours were judged.
/// </summary>
public sealed record InsiderLead(int Rank, string Account, string Role, IReadOnlyList<string> Hubs, double Score, IReadOnlyList<LeadSignal> Signals, IReadOnlyList<string> Notes, int Peers, bool ShiftsKnown);

/// <summary>
/// Insider-risk leads from the audit trail. Each signal is computed per account and fires on its own
/// threshold; the score is the sum of the fired signals' points (each 1 at its threshold, at most 3),
/// so two weak signals together rank above one just-firing signal, and no single signal can bury
/// the others. Accounts with no fired signal are no lead. docs/AUDIT.md explains each method.
/// </summary>
public static class InsiderLeads
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
        // Index the views once; every signal below reads the index instead of regrouping the entries
        // (a month is 600,000 of them: docs/BENCHMARKS.md, issue 17).
        var index = new ViewIndex(views, selections, alarms, TimeSpan.FromDays(options.AlarmHorizonDays));
        var window = TimeSpan.FromHours(options.BurstWindowHours);
        var known = accounts.GroupBy(a => a.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var ids = known.Select(a => index.Account(a.Name)).ToList();
        var volume = ids.Select(index.Counted).ToList();
        var bursts = ids.Select(id => index.Bursts(id, window, options.BurstViews, evidence: null)).ToList();
        var groups = Enumerable.Range(0, known.Count).ToLookup(i => known[i].PeerKey, StringComparer.Ordinal);

        var leads = new List<InsiderLead>();
        for (var i = 0; i < known.Count; i++)
        {
            var (account, id) = (known[i], ids[i]);
            var own = index.Views(id);
            var peers = groups[account.PeerKey].Where(p => p != i).ToList();
            var signals = new List<LeadSignal>();
            var notes = new List<string>();

            if (peers.Count < options.MinimumPeers)
            {
                notes.Add($"No peer group: {peers.Count} other account(s) of the same role and hubs, {options.MinimumPeers} needed to compare volume and bursts.");
            }
            else
            {
                Add(signals, Volume(own, volume[i], peers.Select(p => (double)volume[p]).ToList(), options));
            }

            Add(signals, OutsideHubs(account, index, id, options));
            if (account.Shifts is null)
            {
                notes.Add("Working hours unknown: views outside shifts were not judged.");
            }
            else
            {
                Add(signals, OutsideShifts(account, own, options));
            }

            Add(signals, LaterAlarms(index, id, options));
            Add(signals, Burst(bursts[i], () => BurstViews(index, id, window, options), peers.Count >= options.MinimumPeers ? peers.Select(p => (double)bursts[p].Bursts).ToList() : null, options));

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

    private static LeadSignal? OutsideHubs(InsiderAccount account, ViewIndex index, int id, InsiderOptions options)
    {
        // WorksFor once per distinct hub spelling, not once per view: 0 not yet asked, 1 its own, 2 outside.
        var works = new byte[index.HubCount];
        var own = index.Views(id);
        List<ViewEvent>? outside = null;
        for (var i = 0; i < own.Count; i++)
        {
            var hub = index.HubAt(index.Start(id) + i);
            if (hub < 0)
            {
                continue;
            }

            if (works[hub] == 0)
            {
                works[hub] = account.WorksFor(index.Hub(hub)) ? (byte)1 : (byte)2;
            }

            if (works[hub] == 2)
            {
                (outside ??= []).Add(own[i]);
            }
        }

        if (outside is null)
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
        // The shifts widened by the grace and merged into disjoint [start, end) spans in time order; the
        // views are in time order too, so one walk over both finds the span each view could fall in.
        var grace = TimeSpan.FromMinutes(options.GraceOutsideShiftMinutes);
        var spans = new List<(DateTime Start, DateTime End)>();
        foreach (var (start, end) in account.Shifts!.Select(s => (Start: s.Start - grace, End: s.End + grace)).Where(s => s.Start < s.End).OrderBy(s => s.Start))
        {
            if (spans.Count > 0 && start <= spans[^1].End)
            {
                spans[^1] = (spans[^1].Start, end > spans[^1].End ? end : spans[^1].End);
            }
            else
            {
                spans.Add((start, end));
            }
        }

        var outside = new List<ViewEvent>();
        var span = -1;
        foreach (var v in own)
        {
            while (span + 1 < spans.Count && spans[span + 1].Start <= v.At)
            {
                span++;
            }

            if (span < 0 || v.At >= spans[span].End)
            {
                outside.Add(v);
            }
        }

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
    private static LeadSignal? LaterAlarms(ViewIndex index, int id, InsiderOptions options)
    {
        var mine = index.FirstViews(id);
        var alarmed = new List<ViewEvent>();
        foreach (var (container, position) in mine)
        {
            if (index.AlarmAfter(container, index.At(position)))
            {
                alarmed.Add(index.Sorted[position]);
            }
        }

        if (alarmed.Count < options.MinimumAlarmed)
        {
            return null;
        }

        var (baseAlarmed, baseViewed) = index.BaseRateWithout(id);
        var p = (baseAlarmed + 1.0) / (baseViewed + 2.0);
        var tail = BinomialUpperTail(alarmed.Count, mine.Length, p);
        if (tail > options.AlarmTail)
        {
            return null;
        }

        return new LeadSignal(SignalKind.LaterAlarms, Points(Math.Log10(tail) / Math.Log10(options.AlarmTail)),
            $"{alarmed.Count} of the {mine.Length} container(s) viewed later had a secure-lane alarm or seal mismatch, where {baseAlarmed} of the {baseViewed} viewed by others did (chance of so many or more: {tail:0.###E+0}).",
            new Dictionary<string, double> { ["alarmed"] = alarmed.Count, ["viewed"] = mine.Length, ["baseAlarmed"] = baseAlarmed, ["baseViewed"] = baseViewed, ["tail"] = tail },
            Evidence(alarmed, options));
    }

    /// <summary>The views behind an account's bursts, gathered again only for an account whose signal fires.</summary>
    private static List<ViewEvent> BurstViews(ViewIndex index, int id, TimeSpan window, InsiderOptions options)
    {
        var views = new List<ViewEvent>();
        index.Bursts(id, window, options.BurstViews, views);
        return views;
    }

    /// <summary>
    /// Bursts count only where the account has more of them than its peers' median plus one (inspectors
    /// open their controls before they start; a whole team doing so is the work, not a lead); without
    /// a peer group, any burst counts.
    /// </summary>
    private static LeadSignal? Burst((int Bursts, int Views) bursts, Func<List<ViewEvent>> evidence, IReadOnlyList<double>? peers, InsiderOptions options)
    {
        var median = peers is null ? 0 : Median(peers);
        var excess = bursts.Bursts - (peers is null ? 0 : median + 1);
        if (bursts.Bursts == 0 || excess <= 0)
        {
            return null;
        }

        return new LeadSignal(SignalKind.BurstBeforeControl, Points(excess),
            $"{bursts.Bursts} selected container(s) viewed {options.BurstViews} or more times in the {options.BurstWindowHours:0} hours before their control ({bursts.Views} views){(peers is null ? "" : $"; peers' median {median:0.#}")}.",
            new Dictionary<string, double> { ["bursts"] = bursts.Bursts, ["views"] = bursts.Views, ["times"] = options.BurstViews, ["hours"] = options.BurstWindowHours, ["median"] = median },
            Evidence(evidence(), options));
    }

    private static double Points(double strength) => Math.Round(Math.Min(MaxPoints, strength), 3);

    private static List<long> Evidence(IEnumerable<ViewEvent> views, InsiderOptions options) =>
        [.. views.OrderBy(v => v.At).ThenBy(v => v.EntryId).Select(v => v.EntryId).Distinct().Take(options.MaximumEvidence)];

    internal static double Median(IReadOnlyList<double> values)
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
    internal static double BinomialUpperTail(int k, int n, double p)
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
