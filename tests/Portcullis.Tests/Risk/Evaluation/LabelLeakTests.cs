using Portcullis.Ingest.Csv;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Tests.Ingest.Csv;

namespace Portcullis.Tests.Risk.Evaluation;

public sealed class LabelLeakTests
{
    private static readonly DateTime Day = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// 2,000 labelled cases, about 10 % hits: office A (the first 300) finds 30 %, the others
    /// about 7 %; by default the office is the only extra feature, an honest and strong one.
    /// </summary>
    private static List<RiskCase> Cases(Func<int, bool, Dictionary<string, string>>? categorical = null, Func<int, bool, Dictionary<string, double>>? numeric = null)
    {
        var cases = new List<RiskCase>();
        for (var i = 0; i < 2000; i++)
        {
            var officeA = i < 300;
            var hit = officeA ? i % 10 < 3 : i % 10 == 0 && i % 30 != 0;
            cases.Add(new RiskCase
            {
                Id = "D" + i,
                Date = Day.AddDays(i / 100),
                Categorical = categorical?.Invoke(i, hit) ?? new Dictionary<string, string> { ["office"] = officeA ? "A" : "B" + (i % 7) },
                Numeric = numeric?.Invoke(i, hit) ?? new Dictionary<string, double>(),
                Label = new RiskLabel(hit, Day.AddDays((i / 100) + 1)),
            });
        }

        return cases;
    }

    [Fact]
    public void An_outcome_subclass_is_flagged_by_its_pure_values_whatever_its_name()
    {
        var cases = Cases((i, hit) => new Dictionary<string, string> { ["office"] = i < 300 ? "A" : "B", ["grade"] = hit && i % 2 == 0 ? "Y" : "N" });

        var leaks = LabelLeaks.Find(cases);

        var leak = Assert.Single(leaks);
        Assert.Equal("grade", leak.Feature);
        Assert.Equal(LabelLeakKind.PureValues, leak.Kind);
        Assert.Contains("value 'Y'", leak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_of_the_label_is_flagged_and_an_honest_strong_feature_is_not()
    {
        var cases = Cases((i, hit) => new Dictionary<string, string> { ["office"] = i < 300 ? "A" : "B" + (i % 7), ["checked"] = hit ? "yes" : "no" });

        var leaks = LabelLeaks.Find(cases);

        Assert.Equal(["checked"], leaks.Select(l => l.Feature).ToList());
    }

    [Fact]
    public void A_feature_that_is_always_negative_in_one_large_value_is_only_a_strong_feature()
    {
        // Office Z never finds anything in 600 cases: informative, but far from determining the label.
        var cases = Cases((i, hit) => new Dictionary<string, string> { ["office"] = i >= 1400 ? "Z" : "A" });
        cases = [.. cases.Select((c, i) => i >= 1400 ? c with { Label = c.Label! with { Hit = false } } : c)];

        Assert.Empty(LabelLeaks.Find(cases));
    }

    [Fact]
    public void A_numeric_outcome_such_as_revenue_is_flagged_and_an_honest_number_is_not()
    {
        var cases = Cases(numeric: (i, hit) => new Dictionary<string, double>
        {
            ["recovered"] = hit ? 100 + (i % 13) : 0,
            ["taxes"] = (i * 7919 % 1000) + (hit ? 150 : 0),
        });

        var leaks = LabelLeaks.Find(cases);

        var leak = Assert.Single(leaks);
        Assert.Equal(("recovered", LabelLeakKind.Determines), (leak.Feature, leak.Kind));
        Assert.Contains("AUC 1.000", leak.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical_fraud", "Fraud", true)]
    [InlineData("Seizure Type", "seized_kg", true)]
    [InlineData("tax_type", "illicit", false)]
    [InlineData("fraud_score", "x", true)]
    [InlineData("office", "Critical Fraud", false)]
    public void A_feature_named_like_an_outcome_column_is_flagged_even_on_few_cases(string feature, string outcomeColumn, bool flagged)
    {
        var cases = Enumerable.Range(0, 5).Select(i => new RiskCase
        {
            Id = "D" + i,
            Date = Day,
            Categorical = new Dictionary<string, string> { [feature] = "v" + i },
            Label = new RiskLabel(i == 0, Day.AddDays(1)),
        }).ToList();

        var leaks = LabelLeaks.Find(cases, [outcomeColumn]);

        Assert.Equal(flagged, leaks.Any(l => l.Kind == LabelLeakKind.Name && l.Feature == feature));
    }

    [Theory]
    [InlineData("kcs-customs-declarations.yaml", "kcs-declarations.csv")]
    [InlineData("date-synthetic.yaml", "date-synthetic.csv")]
    public void The_shipped_example_mappings_feed_no_outcome_column_to_the_model(string mappingFile, string sample)
    {
        var mapping = CsvMapping.Load(CsvTestKit.MappingPath(mappingFile));
        using var stream = File.OpenRead(CsvTestKit.SamplePath(sample));
        var cases = Portcullis.Risk.CaseSources.FromCsv(stream, mapping, TestContext.Current.CancellationToken).ToList();
        var outcome = mapping.Outcome!;

        var leaks = LabelLeaks.Find(cases, [.. new[] { outcome.Hit, outcome.Inspected, outcome.SeizedKg, outcome.Revenue }.Select(c => c?.Name).OfType<string>()]);

        Assert.Empty(leaks);
        Assert.NotEmpty(cases.SelectMany(c => c.Categorical.Keys));
    }
}
