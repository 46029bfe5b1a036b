using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Features;

namespace Portcullis.Tests.Risk.Model;

/// <summary>The running history never leaks an outcome or declaration into a case of the same day or earlier.</summary>
public sealed class HistoryFeatureTests
{
    private static readonly DateTime Day1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private static RiskCase Case(string id, int day, double hour, string consignee, bool? hit = null, double knownAfterHours = 8,
        string hs = "0803901000", double kg = 1000, double value = 2000) => new()
        {
            Id = id,
            Date = Day1.AddDays(day).AddHours(hour),
            OriginCountry = "EC",
            HsCode = hs,
            HsCodes = [hs],
            GrossKg = kg,
            ValueEur = value,
            Parties = new Dictionary<string, RiskParty>
            {
                ["consignee"] = new(consignee, FirstSeen: consignee == "OLD" ? Day1.AddDays(-100) : null),
                ["declarant"] = new("D1"),
            },
            Label = hit is { } h ? new RiskLabel(h, Day1.AddDays(day).AddHours(hour + knownAfterHours)) : null,
        };

    private static FeatureLayout Layout(IEnumerable<RiskCase> cases) => new(LayoutBuilder.Build(cases, new HistoryOptions(MinCategoryCount: 1)));

    private static float Slot(FeatureLayout layout, float[] row, string name) => row[layout.SlotNames.ToList().IndexOf(name)];

    [Fact]
    public void Hits_on_day_D_are_invisible_on_day_D_and_visible_the_day_after()
    {
        List<RiskCase> cases =
        [
            Case("a", 0, 9, "X"),
            Case("b", 1, 9, "X"),
            Case("c", 2, 8, "X", hit: true),  // day D: hit, known the same evening
            Case("d", 2, 15, "X", hit: true), // known after midnight of D+1... only 8 h later: still day D
            Case("e", 2, 20, "X"),
            Case("f", 3, 9, "X"),
        ];
        var layout = Layout(cases);
        var pass = HistoryFeatures.Run(cases, layout, null, CancellationToken.None);
        foreach (var i in new[] { 2, 3, 4 })
        {
            Assert.Equal(0, Slot(layout, pass.Vectors[i]!, "consignee inspections"));
            Assert.Equal(0, Slot(layout, pass.Vectors[i]!, "consignee hits"));
        }

        // "d" became known at 23:00 on day D, before day D+1 starts; both outcomes count on D+1.
        Assert.Equal(2, Slot(layout, pass.Vectors[5]!, "consignee inspections"));
        Assert.Equal(2, Slot(layout, pass.Vectors[5]!, "consignee hits"));
    }

    [Fact]
    public void An_outcome_counts_only_from_the_first_day_starting_after_it_became_known()
    {
        List<RiskCase> cases =
        [
            Case("a", 0, 10, "X", hit: true, knownAfterHours: 48), // known day 2, 10:00
            Case("b", 1, 10, "X"),
            Case("c", 2, 23, "X"), // same day as known: not yet
            Case("d", 3, 1, "X"),
        ];
        var layout = Layout(cases);
        var pass = HistoryFeatures.Run(cases, layout, null, CancellationToken.None);
        Assert.Equal(0, Slot(layout, pass.Vectors[1]!, "consignee hits"));
        Assert.Equal(0, Slot(layout, pass.Vectors[2]!, "consignee hits"));
        Assert.Equal(1, Slot(layout, pass.Vectors[3]!, "consignee hits"));
    }

    [Fact]
    public void Same_day_declarations_do_not_count_as_activity()
    {
        List<RiskCase> cases = [Case("a", 0, 9, "X"), Case("b", 0, 10, "X"), Case("c", 1, 9, "X")];
        var layout = Layout(cases);
        var pass = HistoryFeatures.Run(cases, layout, null, CancellationToken.None);
        Assert.Equal(0, Slot(layout, pass.Vectors[1]!, "consignee log declarations"));
        Assert.Equal(Math.Log(3), Slot(layout, pass.Vectors[2]!, "consignee log declarations"), 4);
    }

    [Fact]
    public void Changing_a_later_label_never_changes_an_earlier_or_same_day_vector()
    {
        var cases = SyntheticDeclarations.Generate(4000, seed: 9, rowsPerDay: 200);
        var layout = Layout(cases);
        var before = HistoryFeatures.Run(cases, layout, null, CancellationToken.None).Vectors;
        var k = 2500;
        var flipped = cases.ToList();
        flipped[k] = flipped[k] with { Label = flipped[k].Label! with { Hit = !flipped[k].Label!.Hit } };
        var after = HistoryFeatures.Run(flipped, layout, null, CancellationToken.None).Vectors;
        var changed = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i].Date.Date <= cases[k].Date.Date)
            {
                Assert.Equal(before[i], after[i]);
            }
            else
            {
                changed += before[i]!.SequenceEqual(after[i]!) ? 0 : 1;
            }
        }

        Assert.True(changed > 0, "the flipped label should change some later vector");
    }

    [Fact]
    public void A_snapshot_as_of_a_day_encodes_that_days_case_like_the_pass()
    {
        var cases = SyntheticDeclarations.Generate(3000, seed: 4, rowsPerDay: 300);
        var layout = Layout(cases);
        var pass = HistoryFeatures.Run(cases, layout, null, CancellationToken.None);
        var k = 2100;
        var day = cases[k].Date.Date;
        var earlier = cases.Where(c => c.Date < day).ToList();
        var snapshot = HistoryFeatures.Run(earlier, layout, new HistoryPassOptions { Want = _ => false, SnapshotAsOf = day }, CancellationToken.None).Snapshot;
        Assert.Equal(pass.Vectors[k], snapshot.Vector(cases[k]));
    }

    [Fact]
    public void Facts_give_the_price_ratio_to_earlier_declarations_party_age_and_novelty()
    {
        List<RiskCase> cases =
        [
            Case("a", 0, 9, "A", value: 2000), Case("b", 0, 10, "B", value: 8000), Case("c", 1, 9, "C", value: 500),
            Case("d", 2, 9, "OLD", value: 500), Case("e", 2, 10, "NEW", hs: "9999000000"),
        ];
        var layout = Layout(cases);
        var pass = HistoryFeatures.Run(cases, layout, new HistoryPassOptions { WithFacts = true }, CancellationToken.None);
        var facts = pass.Facts[3]!;
        // Norm: geometric mean of 2, 8 and 0.5 EUR/kg = 2; this case declares 0.5 EUR/kg.
        Assert.Equal(0.25, facts.ValuePerKgRatio!.Value, 6);
        Assert.Equal(3, facts.OriginCommodityCount);
        Assert.Equal(102, facts.PartyAgeDays["consignee"], 6);
        Assert.Null(pass.Facts[2]!.ValuePerKgRatio); // only two earlier declarations: no norm yet
        Assert.Equal(0, pass.Facts[4]!.OriginCommodityCount);
        Assert.Equal(0, pass.Facts[4]!.PartyAgeDays["consignee"]);
    }

    [Fact]
    public void Unsorted_cases_are_refused()
    {
        List<RiskCase> cases = [Case("a", 1, 9, "X"), Case("b", 0, 9, "X")];
        Assert.Throws<ArgumentException>(() => HistoryFeatures.Run(cases, Layout(cases), null, CancellationToken.None));
    }
}
