using System.Runtime.InteropServices;

namespace Portcullis.Risk.Insider;

/// <summary>
/// The period's views indexed once for <see cref="InsiderLeads"/>: accounts, containers and hubs
/// interned to dense ids, every account's views in one array sorted by (time, entry id), each
/// account's first view of every container, and the alarms and controls of each container as sorted
/// times. The signals then walk arrays and binary-search times instead of grouping, re-hashing
/// container names case-insensitively and allocating per entry: that took 1.6 s for a month of
/// 601,200 views (issue 17, docs/BENCHMARKS.md).
/// </summary>
internal sealed class ViewIndex
{
    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    private readonly int[] _accountStart;

    /// <summary>Per sorted position: the time, the container id (-1 when the view names none) and the hub id (-1 when none).</summary>
    private readonly DateTime[] _at;
    private readonly int[] _container;
    private readonly int[] _hub;
    private readonly List<string> _hubs = [];
    private readonly int _containers;

    /// <summary>The id of the empty container name, which counts for bursts but never as a viewed container.</summary>
    private readonly int _noContainer;
    private readonly int[] _counted;

    /// <summary>Per account: its first view of each (non-empty) container, as container id and sorted position, in time order.</summary>
    private readonly int[] _firstStart;
    private readonly List<(int Container, int Position)> _firstViews = [];

    // Per container: the earliest first view by any account, which account made it, and the earliest
    // first view by anyone else (the base rate "without one account" needs only these).
    private readonly int[] _earliestAccount;
    private readonly DateTime[] _earliest;
    private readonly DateTime?[] _secondEarliest;
    private readonly int _viewed;
    private readonly int _alarmed;

    private readonly TimeSpan _horizon;
    private readonly int[] _alarmStart;
    private readonly DateTime[] _alarmTimes;
    private readonly int[] _controlStart;
    private readonly DateTime[] _controlTimes;

    // Scratch for Bursts, reused from account to account so that it allocates nothing per view.
    private readonly int[] _burstStamp;
    private readonly int[] _burstSlot;
    private readonly List<int> _groupSize = [];
    private readonly DateTime[] _groupTimes;
    private readonly int[] _groupPositions;
    private int _burstCall;

    public ViewIndex(IReadOnlyList<ViewEvent> views, IReadOnlyList<ControlledSelection> selections, IReadOnlyList<ContainerAlarm> alarms, TimeSpan horizon)
    {
        _horizon = horizon;
        var n = views.Count;

        // One pass in input order, the only one that reads the entries' strings: the views were most
        // likely created in that order, so it walks memory in order where a pass by account would jump.
        // Accounts are numbered in order of their first view (the order the base rate's ties are broken in).
        var accountOf = new int[n];
        var atOf = new DateTime[n];
        var containerOf = new int[n];
        var hubOf = new int[n];
        var perAccount = new List<int>();
        var counted = new List<int>();
        var containers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var hubs = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var v = views[i];
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, v.Account, out var exists);
            if (!exists)
            {
                id = perAccount.Count;
                perAccount.Add(0);
                counted.Add(0);
            }

            (accountOf[i], atOf[i]) = (id, v.At);
            perAccount[id]++;
            counted[id] += v.Kind is ViewKind.Selection or ViewKind.Score ? 1 : 0;
            containerOf[i] = v.Container is null ? -1 : Intern(containers, v.Container);
            hubOf[i] = v.Hub is { Length: > 0 } ? Intern(hubs, v.Hub) : -1;
        }

        _counted = [.. counted];
        _containers = containers.Count;
        _noContainer = containers.GetValueOrDefault("", -1);
        _hubs.AddRange(hubs.OrderBy(h => h.Value).Select(h => h.Key));

        // A counting sort by account keeps the input order within each; then each account's views by
        // time (ticks, as DateTime compares), entry id and input order, as a stable OrderBy.ThenBy would.
        _accountStart = new int[perAccount.Count + 1];
        for (var a = 0; a < perAccount.Count; a++)
        {
            _accountStart[a + 1] = _accountStart[a] + perAccount[a];
        }

        var order = new int[n];
        var fill = _accountStart[..^1];
        for (var i = 0; i < n; i++)
        {
            order[fill[accountOf[i]]++] = i;
        }

        var ticks = new long[n];
        for (var p = 0; p < n; p++)
        {
            ticks[p] = atOf[order[p]].Ticks;
        }

        for (var a = 0; a < perAccount.Count; a++)
        {
            var (start, length) = (_accountStart[a], perAccount[a]);
            ticks.AsSpan(start, length).Sort(order.AsSpan(start, length));
            BreakTies(views, ticks, order, start, start + length);
        }

        Sorted = new ViewEvent[n];
        (_at, _container, _hub) = (new DateTime[n], new int[n], new int[n]);
        for (var p = 0; p < n; p++)
        {
            var i = order[p];
            (Sorted[p], _at[p], _container[p], _hub[p]) = (views[i], atOf[i], containerOf[i], hubOf[i]);
        }

        (_alarmStart, _alarmTimes) = ByContainer(containers, alarms, a => a.Container, a => a.At, sort: true);
        (_controlStart, _controlTimes) = ByContainer(containers, selections, s => s.Container, s => s.ControlAt, sort: false);

        (_earliestAccount, _earliest, _secondEarliest) = (new int[_containers], new DateTime[_containers], new DateTime?[_containers]);
        Array.Fill(_earliestAccount, -1);
        _firstStart = new int[perAccount.Count + 1];
        var seenBy = new int[_containers];
        Array.Fill(seenBy, -1);
        for (var a = 0; a < perAccount.Count; a++)
        {
            for (var p = _accountStart[a]; p < _accountStart[a + 1]; p++)
            {
                var c = _container[p];
                // The views are in time order, so the first met is the account's first view of the container.
                if (c < 0 || c == _noContainer || seenBy[c] == a)
                {
                    continue;
                }

                seenBy[c] = a;
                _firstViews.Add((c, p));
                var at = _at[p];
                if (_earliestAccount[c] < 0)
                {
                    (_earliestAccount[c], _earliest[c]) = (a, at);
                }
                else if (at < _earliest[c])
                {
                    (_secondEarliest[c], _earliestAccount[c], _earliest[c]) = (_earliest[c], a, at);
                }
                else if (_secondEarliest[c] is not { } second || at < second)
                {
                    _secondEarliest[c] = at;
                }
            }

            _firstStart[a + 1] = _firstViews.Count;
        }

        for (var c = 0; c < _containers; c++)
        {
            if (_earliestAccount[c] >= 0)
            {
                _viewed++;
                _alarmed += AlarmAfter(c, _earliest[c]) ? 1 : 0;
            }
        }

        _burstStamp = new int[_containers];
        _burstSlot = new int[_containers];
        var longest = perAccount.Count == 0 ? 0 : perAccount.Max();
        (_groupTimes, _groupPositions) = (new DateTime[longest], new int[longest]);
    }

    /// <summary>Every view, grouped by account and in time order within it.</summary>
    public ViewEvent[] Sorted { get; }

    public int HubCount => _hubs.Count;

    /// <summary>The account's selection and score views (0 for -1).</summary>
    public int Counted(int account) => account < 0 ? 0 : _counted[account];

    /// <summary>The time of the view at a sorted position.</summary>
    public DateTime At(int position) => _at[position];

    public string Hub(int id) => _hubs[id];

    /// <summary>The account's id, or -1 when it viewed nothing.</summary>
    public int Account(string name) => _accounts.GetValueOrDefault(name, -1);

    /// <summary>The account's views in time order (empty for -1).</summary>
    public ArraySegment<ViewEvent> Views(int account) =>
        account < 0 ? ArraySegment<ViewEvent>.Empty : new(Sorted, _accountStart[account], _accountStart[account + 1] - _accountStart[account]);

    /// <summary>The hub id of the view at a sorted position (-1 when none).</summary>
    public int HubAt(int position) => _hub[position];

    public int Start(int account) => account < 0 ? 0 : _accountStart[account];

    /// <summary>The account's first view of each container it viewed, in time order.</summary>
    public ReadOnlySpan<(int Container, int Position)> FirstViews(int account) =>
        account < 0 ? [] : CollectionsMarshal.AsSpan(_firstViews)[_firstStart[account].._firstStart[account + 1]];

    /// <summary>Whether the container had an alarm after <paramref name="viewedAt"/> and within the horizon.</summary>
    public bool AlarmAfter(int container, DateTime viewedAt)
    {
        var times = _alarmTimes.AsSpan(_alarmStart[container], _alarmStart[container + 1] - _alarmStart[container]);
        // The earliest alarm strictly after the view is the only one that can fall within the horizon.
        var next = UpperBound(times, viewedAt);
        return next < times.Length && times[next] <= viewedAt + _horizon;
    }

    /// <summary>
    /// (alarmed, viewed) over the containers viewed by anyone but the account, each from its earliest view
    /// by them: only the containers the account was the first to view change.
    /// </summary>
    public (int Alarmed, int Viewed) BaseRateWithout(int account)
    {
        var (alarmed, viewed) = (_alarmed, _viewed);
        foreach (var (c, _) in FirstViews(account))
        {
            if (_earliestAccount[c] != account)
            {
                continue;
            }

            alarmed -= AlarmAfter(c, _earliest[c]) ? 1 : 0;
            if (_secondEarliest[c] is { } second)
            {
                alarmed += AlarmAfter(c, second) ? 1 : 0;
            }
            else
            {
                viewed--;
            }
        }

        return (alarmed, viewed);
    }

    /// <summary>
    /// Per control of a container the account viewed: its views of that container in the window before
    /// the control; a burst where there are at least <paramref name="burstViews"/>. Returns the bursts and
    /// their views (a view in two overlapping windows counts twice), adding those views to
    /// <paramref name="evidence"/> when given.
    /// </summary>
    public (int Bursts, int Views) Bursts(int account, TimeSpan window, int burstViews, List<ViewEvent>? evidence)
    {
        if (account < 0)
        {
            return (0, 0);
        }

        // Gather the account's views of controlled containers per container (a counting sort by
        // container), each group still in time order, so a window is two binary searches.
        var call = ++_burstCall;
        var (from, to) = (_accountStart[account], _accountStart[account + 1]);
        var groups = new List<int>();
        _groupSize.Clear();
        for (var p = from; p < to; p++)
        {
            var c = _container[p];
            if (c < 0 || _controlStart[c] == _controlStart[c + 1])
            {
                continue;
            }

            if (_burstStamp[c] != call)
            {
                (_burstStamp[c], _burstSlot[c]) = (call, groups.Count);
                groups.Add(c);
                _groupSize.Add(0);
            }

            _groupSize[_burstSlot[c]]++;
        }

        var sizes = CollectionsMarshal.AsSpan(_groupSize);
        var next = new int[sizes.Length];
        for (var g = 1; g < sizes.Length; g++)
        {
            next[g] = next[g - 1] + sizes[g - 1];
        }

        var groupStart = (int[])next.Clone();
        for (var p = from; p < to; p++)
        {
            var c = _container[p];
            if (c >= 0 && _burstStamp[c] == call)
            {
                var at = next[_burstSlot[c]]++;
                (_groupTimes[at], _groupPositions[at]) = (_at[p], p);
            }
        }

        var (bursts, views) = (0, 0);
        for (var g = 0; g < groups.Count; g++)
        {
            var times = _groupTimes.AsSpan(groupStart[g], sizes[g]);
            var c = groups[g];
            for (var s = _controlStart[c]; s < _controlStart[c + 1]; s++)
            {
                var control = _controlTimes[s];
                var first = LowerBound(times, control - window);
                var count = Math.Max(0, LowerBound(times, control) - first);
                if (count < burstViews)
                {
                    continue;
                }

                (bursts, views) = (bursts + 1, views + count);
                for (var i = first; i < first + count; i++)
                {
                    evidence?.Add(Sorted[_groupPositions[groupStart[g] + i]]);
                }
            }
        }

        return (bursts, views);
    }

    private static int Intern(Dictionary<string, int> ids, string key)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, key, out var exists);
        if (!exists)
        {
            id = ids.Count - 1;
        }

        return id;
    }

    /// <summary>Within runs of equal times, the order by entry id and then input order (a stable sort's).</summary>
    private static void BreakTies(IReadOnlyList<ViewEvent> views, long[] ticks, int[] order, int from, int to)
    {
        for (var run = from; run < to;)
        {
            var end = run + 1;
            while (end < to && ticks[end] == ticks[run])
            {
                end++;
            }

            if (end - run > 1)
            {
                order.AsSpan(run, end - run).Sort((x, y) => views[x].EntryId != views[y].EntryId ? views[x].EntryId.CompareTo(views[y].EntryId) : x.CompareTo(y));
            }

            run = end;
        }
    }

    /// <summary>Times per container id (for the containers anyone viewed) in compressed rows; the input order within a container unless sorted.</summary>
    private (int[] Start, DateTime[] Times) ByContainer<T>(Dictionary<string, int> containers, IReadOnlyList<T> items, Func<T, string?> container, Func<T, DateTime> at, bool sort)
    {
        var ids = new int[items.Count];
        var start = new int[_containers + 1];
        for (var i = 0; i < items.Count; i++)
        {
            ids[i] = container(items[i]) is { } name && containers.TryGetValue(name, out var c) ? c : -1;
            if (ids[i] >= 0)
            {
                start[ids[i] + 1]++;
            }
        }

        for (var c = 0; c < _containers; c++)
        {
            start[c + 1] += start[c];
        }

        var times = new DateTime[start[_containers]];
        var next = start[..^1];
        for (var i = 0; i < items.Count; i++)
        {
            if (ids[i] >= 0)
            {
                times[next[ids[i]]++] = at(items[i]);
            }
        }

        for (var c = 0; sort && c < _containers; c++)
        {
            times.AsSpan(start[c], start[c + 1] - start[c]).Sort();
        }

        return (start, times);
    }

    /// <summary>The first index whose time is at or after <paramref name="at"/>.</summary>
    private static int LowerBound(ReadOnlySpan<DateTime> times, DateTime at)
    {
        var (lo, hi) = (0, times.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = times[mid] < at ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>The first index whose time is after <paramref name="at"/>.</summary>
    private static int UpperBound(ReadOnlySpan<DateTime> times, DateTime at)
    {
        var (lo, hi) = (0, times.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = times[mid] <= at ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }
}
