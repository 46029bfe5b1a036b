namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Learns, from cleared container scans, the normal of each container type and commodity group, and the
/// operating point: the score that at most 2% of the learning scans exceed when each is scored by normals
/// learned from all the others (leave one out, so the threshold is not set on scans the normal has already seen),
/// each group's calibration spread widened by how much further its scans stand out when their own scanner is left
/// out of the learning (so the operating point allows for a scanner the model has not seen).
/// </summary>
public static class ContainerLearner
{
    /// <summary>A group needs this many cleared scans for its own normal; fewer fall back on the type's generic normal.</summary>
    public const int MinimumPerGroup = 8;

    public static ContainerModel Learn(IReadOnlyList<LearningExample> examples, CancellationToken cancellationToken = default) =>
        Learn(examples, 0.02, cancellationToken);

    public static ContainerModel Learn(IReadOnlyList<LearningExample> examples, double targetFalseAlarmRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var views = new List<(ContainerView View, string Group)>();
        var scanners = new List<string?>();
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (view, _) = ContainerView.Prepare(example.Image, example.Subject, cancellationToken);
            if (view is not null)
            {
                views.Add((view, CommodityGroups.Of(example.Subject.HsCode)));
                scanners.Add(example.Image.Metadata.Scanner);
            }
        }

        // Orientation: a first normal per type from the default orientation, then each scan turned to match it better.
        foreach (var generic in Normals(views, CommodityGroups.Generic))
        {
            foreach (var (view, _) in views.Where(v => v.View.TypeKey == generic.TypeKey))
            {
                var straight = Scoring.Deviation(view, generic);
                view.Flip();
                if (Scoring.Deviation(view, generic) >= straight)
                {
                    view.Flip();
                }
            }
        }

        var normals = All(views, MinimumPerGroup);
        var full = new ContainerModel(ContainerAnalyzer.Version, Normals: normals);
        // Leave one out: each learning scan is judged by normals from all the others of its type, as a new scan is by
        // the model (two halves judged a dry group's scans by normals from six and set its calibration too high).
        var single = Enumerable.Range(0, views.Count).ToArray();
        var scored = OutOfSample(views, full, single, views.Count, cancellationToken);

        // Per type and cell, how heavy the tail of z is among the out-of-sample scans. A scan's own statistic uses
        // the tails measured on the scans outside its fold only, so that the calibration below stays out of sample.
        var tails = views.Select(v => v.View.TypeKey).Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => Tails([.. scored.Where(s => s is not null && s.Value.TypeKey == t).Select(s => s!.Value.Z)]), StringComparer.Ordinal);
        var statistics = Statistics(scored, scored, single);

        // The scanner allowance: the same statistics with each scan judged by normals learnt without its scanner
        // (from at least three scanners named in the files, so that every fold still learns from two), otherwise
        // without its half of the scans.
        var (folds, foldCount) = ScannerFolds([.. views.Select(v => v.View.TypeKey)], scanners);
        var away = Statistics(OutOfSample(views, full, folds, foldCount, cancellationToken), scored, folds);

        // Calibration per normal: its own group's out-of-sample statistics (a generic normal: all of its type's).
        var calibrated = new List<ContainerNormal>();
        foreach (var normal in normals)
        {
            var tailed = normal with { CellTail = tails.GetValueOrDefault(normal.TypeKey) };
            var own = Own(statistics, normal);
            if (own.Count < 5)
            {
                calibrated.Add(tailed);
                continue;
            }

            var (median, spread) = Scoring.Robust([.. own]);
            // A new scanner shifts a group's statistics up as a whole: leave one out cannot see that (the other scans
            // of the same scanner are in every fold), the scanner folds can, so their shift widens the spread.
            if (Own(away, normal) is { Count: >= 5 } others)
            {
                spread += Math.Max(0, Scoring.Robust([.. others]).Median - median);
            }

            // Upper spread floored at a tenth of the median: a dozen scans may agree closely by chance.
            calibrated.Add(tailed with { CalibrationMedian = Math.Round(median, 5), CalibrationScale = Math.Round(Math.Max(spread, Math.Max(0.5, 0.1 * Math.Abs(median))), 5) });
        }

        // One threshold for all groups: the calibrated statistics of every learning scan pooled.
        var scores = statistics.Select(s => Scoring.CalibratedScore(Scoring.Calibrate(s.Statistic, calibrated[normals.FindIndex(n => ReferenceEquals(n, s.Final))]))).Order().ToList();
        // The empirical quantile needs two scans beyond it at least; from fewer (24 scans at 2 %) it would be
        // the single worst learning scan, so the calibrated statistic's normal quantile stands in.
        var threshold = scores.Count >= 2 / targetFalseAlarmRate
            ? scores[Math.Min(scores.Count - 1, (int)Math.Floor((1 - targetFalseAlarmRate) * scores.Count))]
            : calibrated.Any(n => n.CalibrationScale > 0) ? Scoring.CalibratedScore(NormalQuantile(1 - targetFalseAlarmRate)) : ContainerAnalyzer.DefaultThreshold;
        return new ContainerModel(ContainerAnalyzer.Version, ContainerView.GridColumns, ContainerView.GridRows, calibrated, Math.Round(threshold, 4), targetFalseAlarmRate, views.Count);
    }

    /// <summary>
    /// One fold per scanner named in the files when there are at least three and every scan names one; otherwise two
    /// halves alternating within each container type (a list ordered by type would otherwise put every scan of one
    /// type in one half and leave the other half nothing to learn from).
    /// </summary>
    internal static (int[] Folds, int Count) ScannerFolds(IReadOnlyList<string> typeKeys, IReadOnlyList<string?> scanners)
    {
        var named = scanners.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return named.Count >= 3 && scanners.All(s => s is not null)
            ? ([.. scanners.Select(s => named.IndexOf(s!))], named.Count)
            : ([.. typeKeys.Select((t, i) => typeKeys.Take(i).Count(u => u == t) % 2)], 2);
    }

    /// <summary>
    /// Each scored scan's statistic, its z divided by the cell tails of <paramref name="tailScored"/> measured on the
    /// scans outside its own fold (so a learning scan's statistic is out of sample in the tails too).
    /// </summary>
    private static List<(ContainerNormal Final, string TypeKey, double Statistic)> Statistics((ContainerNormal Final, string TypeKey, double[] Z)?[] scored, (ContainerNormal Final, string TypeKey, double[] Z)?[] tailScored, int[] folds)
    {
        var statistics = new List<(ContainerNormal Final, string TypeKey, double Statistic)>();
        for (var i = 0; i < scored.Length; i++)
        {
            if (scored[i] is not { } scan)
            {
                continue;
            }

            var (final, typeKey, z) = scan;
            var other = Tails([.. tailScored.Where((s, k) => s is not null && s.Value.TypeKey == typeKey && folds[k] != folds[i]).Select(s => s!.Value.Z)]);
            var own = (double[])z.Clone();
            if (other is not null)
            {
                Scoring.Untail(own, other);
            }

            statistics.Add((final, typeKey, Scoring.Statistic(own)));
        }

        return statistics;
    }

    /// <summary>The statistics of a normal's own group (a generic normal: all of its type's), the type's if fewer than five.</summary>
    private static List<double> Own(List<(ContainerNormal Final, string TypeKey, double Statistic)> statistics, ContainerNormal normal)
    {
        var own = statistics.Where(s => normal.Group == CommodityGroups.Generic ? s.TypeKey == normal.TypeKey : ReferenceEquals(s.Final, normal)).Select(s => s.Statistic).ToList();
        return own.Count < 5 ? [.. statistics.Where(s => s.TypeKey == normal.TypeKey).Select(s => s.Statistic)] : own;
    }

    /// <summary>Each learning scan's per-cell z against normals learnt on the other folds (null where no normal fits).</summary>
    private static (ContainerNormal Final, string TypeKey, double[] Z)?[] OutOfSample(List<(ContainerView View, string Group)> views, ContainerModel full, int[] folds, int foldCount, CancellationToken cancellationToken)
    {
        var scored = new (ContainerNormal Final, string TypeKey, double[] Z)?[views.Count];
        for (var fold = 0; fold < foldCount; fold++)
        {
            var learn = views.Where((_, i) => folds[i] != fold).ToList();
            // A fold learns from part of a group's scans: the minimum shrinks alike, so the fold uses the same normals the model will.
            var model = new ContainerModel(ContainerAnalyzer.Version, Normals: All(learn, Math.Max(3, (int)Math.Round(MinimumPerGroup * learn.Count / (double)views.Count))));
            for (var i = 0; i < views.Count; i++)
            {
                if (folds[i] != fold)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var (view, group) = views[i];
                var normal = ContainerAnalyzer.Pick(model, view, group, false);
                var final = ContainerAnalyzer.Pick(full, view, group, false);
                if (normal is not null && final is not null)
                {
                    Orient(view, normal);
                    scored[i] = (final, view.TypeKey, Scoring.Score(view, normal).Z);
                }
            }
        }

        return scored;
    }

    /// <summary>The standard normal quantile for p ≥ 0.5 (Abramowitz and Stegun 26.2.23, error under 4.5·10⁻⁴).</summary>
    private static double NormalQuantile(double p)
    {
        var t = Math.Sqrt(-2 * Math.Log(1 - p));
        return t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
    }

    /// <summary>Per cell the square root of (the 90th percentile of z over 1.28, a normal's), 1 to √10; null for fewer than 20 scans.</summary>
    private static double[]? Tails(List<double[]> zs)
    {
        // From fewer scans the 90th percentile is the largest z or the next: too noisy to discount a cell by.
        if (zs.Count < 20)
        {
            return null;
        }

        var n = zs[0].Length;
        var tail = new double[n];
        var column = new double[zs.Count];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < zs.Count; k++)
            {
                column[k] = zs[k][i];
            }

            Array.Sort(column);
            var q90 = column[(int)Math.Ceiling(0.9 * (column.Length - 1))];
            // The square root: the full ratio also silenced concealments in the floor and walls, whose cells vary most.
            tail[i] = Math.Round(Math.Sqrt(Math.Clamp(q90 / 1.28, 1, 10)), 4);
        }

        return tail;
    }

    /// <summary>Turns the view to whichever orientation its levels match the normal better.</summary>
    internal static void Orient(ContainerView view, ContainerNormal normal)
    {
        var straight = Scoring.Deviation(view, normal);
        view.Flip();
        if (Scoring.Deviation(view, normal) >= straight)
        {
            view.Flip();
        }
    }

    /// <summary>
    /// Median and a spread that reaches the pooled tail: the 99th percentile sits 2.33 spreads above the median,
    /// so what the group shows somewhere in one scan in a hundred positions (a machine's edge) is not rare.
    /// </summary>
    private static (double Median, double Scale) Tail(double[] values)
    {
        var (median, scale) = Scoring.Robust(values);
        Array.Sort(values);
        var q99 = values[(int)Math.Ceiling(0.99 * (values.Length - 1))];
        return (median, Math.Max(scale, (q99 - median) / 2.33));
    }

    private static void PoolRows(double[] scales)
    {
        for (var r = 0; r < ContainerView.GridRows; r++)
        {
            var row = scales.AsSpan(r * ContainerView.GridColumns, ContainerView.GridColumns);
            var sorted = row.ToArray();
            Array.Sort(sorted);
            var floor = sorted[sorted.Length / 2] / 2;
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = Math.Max(row[c], floor);
            }
        }
    }

    private static List<ContainerNormal> All(List<(ContainerView View, string Group)> views, int minimumPerGroup)
    {
        var normals = Normals(views, CommodityGroups.Generic);
        foreach (var group in views.Select(v => v.Group).Distinct().Where(g => g != CommodityGroups.Generic).Order(StringComparer.Ordinal))
        {
            normals.AddRange(Normals(views.Where(v => v.Group == group).ToList(), group).Where(n => n.Examples >= minimumPerGroup));
        }

        return normals;
    }

    private static List<ContainerNormal> Normals(List<(ContainerView View, string Group)> views, string group)
    {
        var normals = new List<ContainerNormal>();
        foreach (var type in views.Select(v => v.View.TypeKey).Distinct().Order(StringComparer.Ordinal))
        {
            var members = views.Where(v => v.View.TypeKey == type).Select(v => v.View).ToList();
            if (members.Count < 3)
            {
                continue;
            }

            var n = members[0].CellLevel.Length;
            var em = new double[n];
            var es = new double[n];
            var lm = new double[n];
            var ls = new double[n];
            for (var i = 0; i < n; i++)
            {
                var (m1, s1) = Scoring.Robust([.. members.Select(v => v.CellExcess[i])]);
                var (m2, s2) = Scoring.Robust([.. members.Select(v => v.CellLevel[i])]);

                // Floors on the spread: a few dozen scans under-estimate it, and noise alone is a few hundredths.
                em[i] = Math.Round(m1, 5);
                es[i] = Math.Round(Math.Max(s1, 0.03 + (0.1 * Math.Abs(m1))), 5);
                lm[i] = Math.Round(m2, 5);
                ls[i] = Math.Round(Math.Max(s2, 0.05 + (0.05 * Math.Abs(m2))), 5);
            }

            // A cell's spread from a few dozen scans may be small by chance: at least half the typical spread of its row.
            PoolRows(es);
            PoolRows(ls);

            // The position-free normal: per row, every cargo cell of every member pooled.
            var rows = ContainerView.GridRows;
            var (rem, res, rlm, rls) = (new double[rows], new double[rows], new double[rows], new double[rows]);
            for (var r = 0; r < rows; r++)
            {
                var cols = Enumerable.Range(0, ContainerView.GridColumns).Where(c => ContainerView.IsCargoCell(c, r)).ToList();
                if (cols.Count == 0)
                {
                    continue;
                }

                var (m1, s1) = Tail([.. members.SelectMany(v => cols.Select(c => v.CellExcess[(r * ContainerView.GridColumns) + c]))]);
                var (m2, s2) = Tail([.. members.SelectMany(v => cols.Select(c => v.CellLevel[(r * ContainerView.GridColumns) + c]))]);
                rem[r] = Math.Round(m1, 5);
                res[r] = Math.Round(Math.Max(s1, 0.03 + (0.1 * Math.Abs(m1))), 5);
                rlm[r] = Math.Round(m2, 5);
                rls[r] = Math.Round(Math.Max(s2, 0.05 + (0.05 * Math.Abs(m2))), 5);
            }

            normals.Add(new ContainerNormal(type, group, members.Count, em, es, lm, ls, rem, res, rlm, rls));
        }

        return normals;
    }
}
