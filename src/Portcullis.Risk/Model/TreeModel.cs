using Microsoft.ML.Trainers.FastTree;

namespace Portcullis.Risk.Model;

/// <summary>
/// The boosted trees of a trained LightGBM model, flattened into arrays and evaluated directly: several
/// times faster than an ML.NET prediction engine, thread-safe, and able to stop after the first k trees
/// (so the search scores every iteration count of one fit) and to split a score into per-slot
/// contributions. Feature vectors never contain NaN, so a split is just "value ≤ threshold goes left".
/// </summary>
internal sealed class TreeModel
{
    private readonly int[] roots;      // first node of each tree
    private readonly int[] leafStarts; // first leaf of each tree
    private readonly int[] feature;
    private readonly float[] threshold;
    private readonly int[] left;       // tree-local: ≥ 0 node, < 0 ~leaf
    private readonly int[] right;
    private readonly double[] leaf;    // already multiplied by the tree weight
    private double[] nodeValue = [];   // expected tree output at each node, for contributions
    private double[] rootValue = [];

    private TreeModel(int[] roots, int[] leafStarts, int[] feature, float[] threshold, int[] left, int[] right, double[] leaf, double bias)
    {
        this.roots = roots;
        this.leafStarts = leafStarts;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.leaf = leaf;
        Bias = bias;
        LeafCounts = new long[leaf.Length];
    }

    public int TreeCount => roots.Length;

    public double Bias { get; }

    /// <summary>How many sample rows reached each leaf; the weights of the expected values behind contributions.</summary>
    public long[] LeafCounts { get; private set; }

    public static TreeModel From(RegressionTreeEnsemble ensemble)
    {
        var trees = ensemble.Trees;
        int nodes = 0, leaves = 0;
        foreach (var t in trees)
        {
            nodes += t.NumberOfNodes;
            leaves += t.NumberOfLeaves;
        }

        var roots = new int[trees.Count];
        var leafStarts = new int[trees.Count];
        var feature = new int[nodes];
        var threshold = new float[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var leaf = new double[leaves];
        int n = 0, l = 0;
        for (var i = 0; i < trees.Count; i++)
        {
            var t = trees[i];
            if (t.CategoricalSplitFlags.Any(f => f))
            {
                throw new NotSupportedException("Categorical splits are not used by the risk model.");
            }

            roots[i] = n;
            leafStarts[i] = l;
            for (var j = 0; j < t.NumberOfNodes; j++)
            {
                feature[n + j] = t.NumericalSplitFeatureIndexes[j];
                threshold[n + j] = t.NumericalSplitThresholds[j];
                left[n + j] = t.LeftChild[j];
                right[n + j] = t.RightChild[j];
            }

            for (var j = 0; j < t.NumberOfLeaves; j++)
            {
                leaf[l + j] = t.LeafValues[j] * ensemble.TreeWeights[i];
            }

            n += t.NumberOfNodes;
            l += t.NumberOfLeaves;
        }

        var model = new TreeModel(roots, leafStarts, feature, threshold, left, right, leaf, ensemble.Bias);
        model.SetLeafCounts(model.LeafCounts);
        return model;
    }

    /// <summary>Raw score (log-odds scale) from the first <paramref name="trees"/> trees.</summary>
    public double Raw(ReadOnlySpan<float> x, int trees)
    {
        var sum = Bias;
        for (var t = 0; t < trees; t++)
        {
            sum += leaf[leafStarts[t] + LeafOf(x, t)];
        }

        return sum;
    }

    public double Raw(ReadOnlySpan<float> x) => Raw(x, roots.Length);

    /// <summary>Counts the leaves a sample reaches; contributions then weigh subtrees by how much data they hold.</summary>
    public void Count(IEnumerable<float[]> sample)
    {
        var counts = new long[leaf.Length];
        foreach (var x in sample)
        {
            for (var t = 0; t < roots.Length; t++)
            {
                counts[leafStarts[t] + LeafOf(x, t)]++;
            }
        }

        SetLeafCounts(counts);
    }

    /// <summary>Adds each slot's share of the raw score (Saabas path attribution) to <paramref name="perSlot"/>; returns the expected score they start from.</summary>
    public double Contributions(ReadOnlySpan<float> x, Span<double> perSlot)
    {
        var expected = Bias;
        for (var t = 0; t < roots.Length; t++)
        {
            var root = roots[t];
            expected += rootValue[t];
            if (left.Length == 0 || Nodes(t) == 0)
            {
                continue;
            }

            var node = 0;
            var value = rootValue[t];
            while (node >= 0)
            {
                var g = root + node;
                var next = x[feature[g]] <= threshold[g] ? left[g] : right[g];
                var nextValue = next >= 0 ? nodeValue[root + next] : leaf[leafStarts[t] + ~next];
                perSlot[feature[g]] += nextValue - value;
                value = nextValue;
                node = next;
            }
        }

        return expected;
    }

    public void SetLeafCounts(long[] counts)
    {
        LeafCounts = counts;
        nodeValue = new double[feature.Length];
        rootValue = new double[roots.Length];
        for (var t = 0; t < roots.Length; t++)
        {
            if (Nodes(t) == 0)
            {
                rootValue[t] = leaf[leafStarts[t]];
                continue;
            }

            rootValue[t] = Expected(t, 0).Value;
        }
    }

    private (double Value, double Weight) Expected(int t, int child)
    {
        if (child < 0)
        {
            var li = leafStarts[t] + ~child;
            // Leaves no sample reached still count a little, so an unseen subtree has a defined mean.
            return (leaf[li], LeafCounts[li] + 1e-3);
        }

        var g = roots[t] + child;
        var (lv, lw) = Expected(t, left[g]);
        var (rv, rw) = Expected(t, right[g]);
        var value = ((lv * lw) + (rv * rw)) / (lw + rw);
        nodeValue[g] = value;
        return (value, lw + rw);
    }

    private int Nodes(int t) => (t + 1 < roots.Length ? roots[t + 1] : feature.Length) - roots[t];

    private int LeafOf(ReadOnlySpan<float> x, int t)
    {
        if (Nodes(t) == 0)
        {
            return 0;
        }

        var root = roots[t];
        var node = 0;
        while (node >= 0)
        {
            var g = root + node;
            node = x[feature[g]] <= threshold[g] ? left[g] : right[g];
        }

        return ~node;
    }
}
