using System.Text.Json;
using Portcullis.Risk;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Risk.Cases;

/// <summary>
/// Scoring a stored consignment on demand (`portcullis risk score`) reads only that consignment's rows;
/// the case it builds must be the one the load of all builds (training and backtests), seal changes of
/// its containers and its network columns included.
/// </summary>
public sealed class CaseSourcesTests
{
    [Fact]
    public async Task A_case_read_alone_equals_the_same_case_in_the_load_of_all()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var days = new TrafficSimulator(new SimulationOptions(11, 0.03, new DateOnly(2026, 11, 1), 8)).Run().ToList();
        var store = new StoreSimulatedTraffic(database);
        foreach (var day in days)
        {
            await store.StoreDayAsync(day, ct);
        }

        // Every smuggling consignment inspected and found: labels and network hits to read back.
        var smuggled = days.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        await using (var db = database.CreateContext())
        {
            db.DeclarationOutcomes.AddRange(days.SelectMany(d => d.Consignments).Where(c => smuggled.Contains(c.Id)).Select(c => new DeclarationOutcome
            {
                ConsignmentId = c.Id,
                Inspected = true,
                Hit = true,
                KnownAt = c.ArrivedAt.AddDays(2),
                ReceiptId = Guid.Empty,
            }));
            // A seal the declaration does not name, fitted while one container was under way: the case's
            // seal-change flag, read from that container's events.
            var carrier = days.SelectMany(d => d.Consignments).First(c => c.Equipment.Count > 0 && c.DepartedAt is not null);
            db.ContainerEvents.Add(new Portcullis.Domain.Cargo.ContainerEvent
            {
                Id = Guid.NewGuid(),
                ContainerNumber = carrier.Equipment[0].ContainerNumber,
                Type = Portcullis.Domain.Cargo.ContainerEventType.SealChanged,
                OccurredAt = carrier.ArrivedAt.AddHours(-30),
                SealNumber = "XX0000001",
                UnLocode = "NLRTM",
                Source = "test",
            });
            await db.SaveChangesAsync(ct);
        }

        List<RiskCase> all;
        await using (var db = database.CreateContext())
        {
            all = await CaseSources.LoadAsync(db, null, ct);
        }

        var sample = all.Where(c => c.SealChanged).Take(3)
            .Concat(all.Where(c => c.Label is not null).Take(2))
            .Concat(all.Where(c => c.Containers.Count > 0 && !c.SealChanged).Take(2))
            .Append(all[0]).Append(all[^1]).DistinctBy(c => c.Id).ToList();
        Assert.Contains(sample, c => c.SealChanged);
        Assert.Contains(sample, c => c.Label is not null);
        foreach (var expected in sample)
        {
            await using var db = database.CreateContext();
            var alone = Assert.Single(await CaseSources.LoadAsync(db, null, ct, [Guid.Parse(expected.Id)]));
            Assert.Equal(Canonical(expected), Canonical(alone));
        }
    }

    // The maps' order follows the rows' order in the database, which means nothing.
    private static string Canonical(RiskCase c) => JsonSerializer.Serialize(c with
    {
        Parties = new SortedDictionary<string, RiskParty>(c.Parties.ToDictionary(), StringComparer.Ordinal),
        Categorical = new SortedDictionary<string, string>(c.Categorical.ToDictionary(), StringComparer.Ordinal),
        Numeric = new SortedDictionary<string, double>(c.Numeric.ToDictionary(), StringComparer.Ordinal),
        NumericNotes = new SortedDictionary<string, string>(c.NumericNotes.ToDictionary(), StringComparer.Ordinal),
        NumericNotePhrases = new SortedDictionary<string, Portcullis.Domain.Phrasing.Phrase>(c.NumericNotePhrases.ToDictionary(), StringComparer.Ordinal),
    });
}
