using Portcullis.Tests.Simulator;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>The measured point of the network features: more hits in the top 5 % on later, held-out days (fixed seeds).</summary>
public sealed class NetworkGainTests(SimulatorRuns runs)
{
    [Fact]
    public void Network_features_raise_precision_at_five_percent_on_held_out_days()
    {
        var r = NetworkEvaluation.Run(runs.Month, labelSeed: 3, testShare: 0.3, TestContext.Current.CancellationToken);

        double without = NetworkEvaluation.At5(r.Without), with = NetworkEvaluation.At5(r.With);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"test {r.Without.TestCases} labelled, {r.Without.TestHits} hits; precision@5% without {without:0.0000}, with {with:0.0000}; {r.CasesWithPath} test cases within 2 hops of a positive control ({r.HitsWithPath} hits); network {r.NetworkTime.TotalSeconds:0.0} s, models {r.ModelTime.TotalSeconds:0.0} s");
        Assert.True(r.Without.TestHits >= 10, $"only {r.Without.TestHits} hits among {r.Without.TestCases} labelled test cases");
        Assert.True(with > without, $"precision@5% with the network {with:0.0000}, without {without:0.0000}");
    }
}
