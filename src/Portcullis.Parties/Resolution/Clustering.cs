namespace Portcullis.Parties.Resolution;

/// <summary>
/// Clusters links strongest first (union–find) with a cap on chaining: two parties merge on any link
/// above the threshold, but a cluster only grows through weak links that are dense enough (a share of
/// all member pairs), so A–B, B–C, C–D… does not snowball into one entity. A strong link (e.g. same
/// EORI and phone) merges on its own. Analysts' merges are applied first; their splits are never
/// crossed.
/// </summary>
internal sealed class Clustering(int count, ResolutionOptions options)
{
    private readonly int[] parent = [.. Enumerable.Range(0, count)];
    private readonly List<int>?[] members = new List<int>?[count];
    private readonly Dictionary<int, List<int>> cannot = [];
    private readonly List<(int Other, double Score)>?[] adjacency = new List<(int, double)>?[count];

    public List<(int A, int B, double Score, int Pattern)> Run(
        List<(int A, int B, double Score, int Pattern)> links,
        IReadOnlyList<ResolutionConstraint> constraints,
        Dictionary<Guid, int> index)
    {
        foreach (var c in constraints)
        {
            if (!index.TryGetValue(c.A, out var a) || !index.TryGetValue(c.B, out var b) || a == b)
            {
                continue;
            }

            if (!c.SameEntity)
            {
                Add(cannot, a, b);
                Add(cannot, b, a);
            }
        }

        foreach (var c in constraints)
        {
            if (c.SameEntity && index.TryGetValue(c.A, out var a) && index.TryGetValue(c.B, out var b) && !Forbidden(Find(a), Find(b)))
            {
                Union(Find(a), Find(b));
            }
        }

        foreach (var (a, b, score, _) in links)
        {
            (adjacency[a] ??= []).Add((b, score));
            (adjacency[b] ??= []).Add((a, score));
        }

        foreach (var (a, b, score, _) in links)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb || Forbidden(ra, rb))
            {
                continue;
            }

            var sizeA = Members(ra).Count;
            var sizeB = Members(rb).Count;
            if ((sizeA == 1 && sizeB == 1) || score >= options.StrongLink || Density(ra, rb, sizeA, sizeB) >= options.MinLinkDensity)
            {
                Union(ra, rb);
            }
        }

        return links.FindAll(l => Find(l.A) == Find(l.B));
    }

    /// <summary>An entity number per party: 0, 1, 2… in order of each entity's first party.</summary>
    public int[] Entities()
    {
        var numbers = new Dictionary<int, int>();
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            var root = Find(i);
            if (!numbers.TryGetValue(root, out var number))
            {
                number = numbers.Count;
                numbers[root] = number;
            }

            result[i] = number;
        }

        return result;
    }

    private double Density(int ra, int rb, int sizeA, int sizeB)
    {
        var (small, other) = sizeA <= sizeB ? (ra, rb) : (rb, ra);
        var linked = 0;
        foreach (var m in Members(small))
        {
            foreach (var (n, _) in adjacency[m] ?? [])
            {
                if (Find(n) == other)
                {
                    linked++;
                }
            }
        }

        return linked / ((double)sizeA * sizeB);
    }

    private bool Forbidden(int ra, int rb)
    {
        if (cannot.Count == 0)
        {
            return false;
        }

        foreach (var m in Members(ra))
        {
            if (cannot.TryGetValue(m, out var others) && others.Exists(o => Find(o) == rb))
            {
                return true;
            }
        }

        return false;
    }

    private List<int> Members(int root) => members[root] ??= [root];

    private int Find(int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private void Union(int ra, int rb)
    {
        var (big, small) = Members(ra).Count >= Members(rb).Count ? (ra, rb) : (rb, ra);
        parent[small] = big;
        Members(big).AddRange(Members(small));
        members[small] = null;
    }

    private static void Add(Dictionary<int, List<int>> map, int key, int value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }
}
