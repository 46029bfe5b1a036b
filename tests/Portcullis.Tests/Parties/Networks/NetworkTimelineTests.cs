using Portcullis.Domain.Cargo;
using Portcullis.Parties.Networks;
using Portcullis.Tests.Simulator;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// The day-by-day network (<see cref="NetworkTimeline"/>): the leakage rule on the day boundary, and the
/// same answers as asking <see cref="NetworkHistory"/> case by case on the whole network.
/// </summary>
public sealed class NetworkTimelineTests
{
    private static readonly DateOnly D = new(2026, 10, 20);
    private static readonly Dictionary<Guid, Guid> Unresolved = [];

    [Fact]
    public void An_outcome_known_on_the_day_is_used_from_the_next_day_and_one_known_the_day_before_is_used()
    {
        var front = Party("New Front BV", D.AddDays(-1), phone: "+31 20 555 0101");
        var caught = Party("Caught Trading", D.AddDays(-100), phone: "020 555 0101");
        var forwarder = Party("Quick Forwarding", D.AddDays(-300));
        var onD = EntityNetworkTests.Consignment(front, forwarder, "MSCU1234565", D);
        var next = EntityNetworkTests.Consignment(front, forwarder, "MSCU1234565", D.AddDays(1));
        Dictionary<Guid, NetworkFeatures> Run(DateOnly known) => NetworkTimeline.Compute(
            [front, caught, forwarder], [onD, next], Unresolved, [new NetworkOutcome(caught.Id, known, "cocaine")], [], null, TestContext.Current.CancellationToken);

        var knownOnD = Run(D);
        var knownBefore = Run(D.AddDays(-1));

        Assert.Null(knownOnD[onD.Id].HopsToOutcome);
        Assert.Equal(1, knownOnD[next.Id].HopsToOutcome);
        Assert.Equal(1, knownBefore[onD.Id].HopsToOutcome);
        Assert.Equal("1 hop from Caught Trading, which had a cocaine hit known on 2026-10-19, via the same phone +31205550101", knownBefore[onD.Id].HopsReason);
    }

    [Fact]
    public void A_link_first_sighted_on_the_day_reaches_other_cases_only_from_the_next_day()
    {
        // The sibling's phone arrives with its own first record on D: invisible to the front's case that day.
        var front = Party("New Front BV", D.AddDays(-3), phone: "+31 20 555 0101");
        var sibling = Party("Sibling BV", D, phone: "0205550101");
        var forwarder = Party("Quick Forwarding", D.AddDays(-300));
        var onD = EntityNetworkTests.Consignment(front, forwarder, "MSCU1234565", D);
        var next = EntityNetworkTests.Consignment(front, forwarder, "TGHU7654321", D.AddDays(1));

        var features = NetworkTimeline.Compute([front, sibling, forwarder], [onD, next], Unresolved, [], [], null, TestContext.Current.CancellationToken);

        Assert.Equal(0, features[onD.Id].YoungNearby);
        Assert.Equal(1, features[next.Id].YoungNearby);
        Assert.Equal("1 company first seen in the last 30 days within 2 hops (Sibling BV)", features[next.Id].YoungReason);
    }

    [Fact]
    public void On_simulated_days_the_answers_are_those_of_the_whole_network_asked_case_by_case()
    {
        // A small run (a twentieth of the scale, ten days): asking the whole network case by case is slow.
        var days = SimulatorRuns.Simulate(new Portcullis.Simulator.SimulationOptions(11, 0.05, SimulatorRuns.FirstDay, 10));
        var ct = TestContext.Current.CancellationToken;
        var parties = days.SelectMany(d => d.NewParties).ToList();
        var consignments = days.SelectMany(d => d.Consignments).ToList();
        var hit = days.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        // Every third smuggling consignment is "found", known two days after arrival; a few parties watch-listed.
        var outcomes = consignments.Where(c => hit.Contains(c.Id)).Where((_, i) => i % 3 == 0)
            .SelectMany(c => EntityNetwork.ReceivingEntities(c, Unresolved).Select(e => new NetworkOutcome(e, DateOnly.FromDateTime(c.ArrivedAt).AddDays(2), "cocaine")))
            .ToList();
        var watch = parties.Where((_, i) => i % 97 == 0).Select(p => new WatchListing(p.Id, DateOnly.FromDateTime(p.FirstSeen).AddDays(3))).ToList();

        // Over every kind of link the small run has cases two hops from a hit, so the second-hop index
        // is exercised; over the contact links (the default) the kinds filter is.
        foreach (var options in new[] { new NetworkOptions { FeatureKinds = NetworkOptions.AllKinds }, new NetworkOptions() })
        {
            var fast = NetworkTimeline.Compute(parties, consignments, Unresolved, outcomes, watch, options, ct);
            var reference = new NetworkHistory(EntityNetwork.From(parties, consignments, Unresolved, options), outcomes, watch);
            // Asking the whole network is slow: a spread sample, plus every case the timeline puts near a hit.
            var sample = consignments.Where((c, i) => i % 97 == 0 || fast[c.Id].HopsToOutcome is not null).Take(400).ToList();

            Assert.Equal(consignments.Count, fast.Count);
            Assert.Contains(sample, c => fast[c.Id].HopsToOutcome is not null);
            if (options.FeatureKinds.Count > NetworkOptions.ContactKinds.Count)
            {
                Assert.Contains(sample, c => fast[c.Id].HopsToOutcome == 2);
                Assert.Contains(sample, c => fast[c.Id].YoungNearby > 0);
            }

            foreach (var c in sample)
            {
                var expected = reference.FeaturesOf([.. EntityNetwork.ReceivingEntities(c, Unresolved).Order()], DateOnly.FromDateTime(c.ArrivedAt));
                Assert.Equal(expected, fast[c.Id]);
            }
        }
    }

    private static Party Party(string name, DateOnly firstSeen, string? phone = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        CountryCode = "NL",
        FirstSeen = firstSeen.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
        Phone = phone,
    };
}
