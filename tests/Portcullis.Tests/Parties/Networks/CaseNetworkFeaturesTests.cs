using Portcullis.Parties;
using Portcullis.Parties.Networks;
using Portcullis.Risk;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// The network features of stored consignments (<see cref="CaseNetworkFeatures"/>): scoring a few
/// consignments reads only them, the parties and the hits, and answers what the load of all gives.
/// </summary>
public sealed class CaseNetworkFeaturesTests
{
    [Fact]
    public async Task Features_of_a_few_consignments_equal_those_of_the_load_of_all()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var options = new SimulationOptions(11, 0.03, new DateOnly(2026, 11, 1), 8);
        var days = new TrafficSimulator(options).Run().ToList();
        var store = new StoreSimulatedTraffic(database);
        foreach (var day in days)
        {
            await store.StoreDayAsync(day, ct);
        }

        // Every smuggling consignment found, known two days after arrival: hits the network can reach.
        var smuggled = days.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        var consignments = days.SelectMany(d => d.Consignments).ToList();
        await using (var db = database.CreateContext())
        {
            db.DeclarationOutcomes.AddRange(consignments.Where(c => smuggled.Contains(c.Id)).Select(c => new DeclarationOutcome
            {
                ConsignmentId = c.Id,
                Inspected = true,
                Hit = true,
                KnownAt = c.ArrivedAt.AddDays(2),
                ReceiptId = Guid.Empty,
            }));
            await db.SaveChangesAsync(ct);
        }

        var end = consignments.Max(c => c.ArrivedAt).AddDays(1);
        Dictionary<Guid, NetworkFeatures> all;
        await using (var db = database.CreateContext())
        {
            all = await CaseNetworkFeatures.LoadAsync(db, end, null, ct);
        }

        var sample = consignments.Where(c => all[c.Id].HopsToOutcome is not null).Take(2)
            .Concat(consignments.Where(c => all[c.Id].YoungNearby > 0).Take(1))
            .Append(consignments[^1]).ToList();

        Assert.Equal(consignments.Count, all.Count);
        // The hits are other consignments than the ones asked about: reaching one shows they were read.
        Assert.Contains(sample, c => all[c.Id].HopsToOutcome is not null);
        foreach (var c in sample)
        {
            await using var db = database.CreateContext();
            var one = await CaseNetworkFeatures.LoadAsync(db, end, [c.Id], ct);
            Assert.Equal(all[c.Id], Assert.Single(one).Value);
        }
    }
}
