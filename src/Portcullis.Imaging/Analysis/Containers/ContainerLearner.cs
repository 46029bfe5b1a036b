namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Learns, from cleared container scans, the normal of each container type and commodity group, and the
/// operating point: the score that at most 2% of the learning scans exceed when each is scored by normals
/// learned from the other half (so the threshold is not set on scans the normal has already seen).
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
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (view, _) = ContainerView.Prepare(example.Image, example.Subject, cancellationToken);
            if (view is not null)
            {
                views.Add((view, CommodityGroups.Of(example.Subject.HsCode)));
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
        var scores = new List<double>();
        for (var fold = 0; fold < 2; fold++)
        {
            var learn = views.Where((_, i) => i % 2 != fold).ToList();
            var held = views.Where((_, i) => i % 2 == fold).ToList();
            // Each half has half the scans of a group: the minimum halves too, so the fold uses the same normals the model will.
            var model = new ContainerModel(ContainerAnalyzer.Version, Normals: All(learn, Math.Max(3, MinimumPerGroup / 2)));
            foreach (var (view, group) in held)
            {
                var normal = ContainerAnalyzer.Pick(model, view, group, false);
                if (normal is not null)
                {
                    Orient(view, normal);
                    scores.Add(Scoring.ToScore(Scoring.Score(view, normal).Max));
                }
            }
        }

        scores.Sort();
        var threshold = scores.Count >= 5 ? scores[Math.Min(scores.Count - 1, (int)Math.Floor((1 - targetFalseAlarmRate) * scores.Count))] : ContainerAnalyzer.DefaultThreshold;
        return new ContainerModel(ContainerAnalyzer.Version, ContainerView.GridColumns, ContainerView.GridRows, normals, Math.Round(threshold, 4), targetFalseAlarmRate, views.Count);
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
            normals.Add(new ContainerNormal(type, group, members.Count, em, es, lm, ls));
        }

        return normals;
    }
}
