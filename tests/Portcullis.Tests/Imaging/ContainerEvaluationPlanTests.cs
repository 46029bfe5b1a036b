using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Tests.Imaging;

/// <summary>The evaluation's crossed design (<see cref="ContainerEvaluation.Plan"/>): no factor stands in for another.</summary>
public sealed class ContainerEvaluationPlanTests
{
    private static readonly Commodity[] Dry = [Commodity.Cocoa, Commodity.Machinery, Commodity.Textiles, Commodity.Timber];
    private static readonly Commodity[] Fruit = [Commodity.Bananas, Commodity.Pineapples];

    [Fact]
    public void Every_method_meets_every_commodity_of_its_kind_and_every_scanner_in_sixty_concealed_cases()
    {
        var plan = ContainerEvaluation.Plan(60, 3, concealed: true);

        var expected = new HashSet<(ConcealmentMethod, Commodity)>();
        foreach (var m in new[] { ConcealmentMethod.Cargo, ConcealmentMethod.Doors, ConcealmentMethod.Floor, ConcealmentMethod.Wall })
        {
            expected.UnionWith(Dry.Select(c => (m, c)));
            expected.UnionWith(Fruit.Select(c => (m, c)));
        }

        expected.UnionWith(Fruit.Select(c => (ConcealmentMethod.Machinery, c)));
        Assert.Equal(expected.OrderBy(p => p.ToString()), plan.Select(d => (d.Method!.Value, d.Commodity)).Distinct().OrderBy(p => p.ToString()));
        foreach (var method in Enum.GetValues<ConcealmentMethod>().Where(m => plan.Any(d => d.Method == m)))
        {
            Assert.Equal([0, 1, 2], plan.Where(d => d.Method == method).Select(d => d.Scanner).Distinct().Order());
            if (method != ConcealmentMethod.Machinery)
            {
                Assert.Contains(plan, d => d.Method == method && d.Kind == ContainerKind.Dry20);
                Assert.Contains(plan, d => d.Method == method && d.Kind == ContainerKind.Dry40);
            }
        }
    }

    [Fact]
    public void Clean_cases_cross_commodity_size_and_scanner()
    {
        // The learning set (four scanners) and an evaluation's clean scans (three).
        foreach (var (count, scanners) in new[] { (150, ContainerEvaluation.Training.Count), (60, 3) })
        {
            var plan = ContainerEvaluation.Plan(count, scanners, concealed: false);
            Assert.All(plan, d => Assert.Null(d.Method));
            foreach (var (kind, commodities) in new[] { (ContainerKind.Dry20, Dry), (ContainerKind.Dry40, Dry), (ContainerKind.Reefer40HighCube, Fruit) })
            {
                foreach (var commodity in commodities)
                {
                    Assert.Equal(Enumerable.Range(0, scanners), plan.Where(d => d.Kind == kind && d.Commodity == commodity).Select(d => d.Scanner).Distinct().Order());
                }
            }
        }
    }

    [Fact]
    public void Four_training_scanners_none_of_them_a_tuning_or_held_out_one()
    {
        // At least three, so that a scanner fold of the calibration still learns from two; four leave three.
        Assert.Equal(4, ContainerEvaluation.Training.Count);
        var others = ContainerEvaluation.Tuning.Concat(ContainerEvaluation.HeldOut).ToList();
        Assert.All(ContainerEvaluation.Training, s => Assert.DoesNotContain(s with { Name = "" }, others.Select(o => o with { Name = "" })));
        Assert.Empty(ContainerEvaluation.Training.Select(s => s.Name).Intersect(others.Select(o => o.Name)));
        Assert.Equal(4, ContainerEvaluation.Training.Select(s => s with { Name = "" }).Distinct().Count());
    }

    [Fact]
    public void Tuning_scanners_are_neither_training_nor_held_out_ones()
    {
        var others = ContainerEvaluation.Training.Concat(ContainerEvaluation.HeldOut).ToList();
        Assert.Equal(3, ContainerEvaluation.Tuning.Count);
        Assert.All(ContainerEvaluation.Tuning, s => Assert.DoesNotContain(s with { Name = "" }, others.Select(o => o with { Name = "" })));
        Assert.Empty(ContainerEvaluation.Tuning.Select(s => s.Name).Intersect(others.Select(o => o.Name)));
    }
}
