using Microsoft.EntityFrameworkCore;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Simulation;

public sealed class StoreSimulatedTrafficTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Simulated_days_are_stored_completely(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var options = new SimulationOptions(11, 0.02, new DateOnly(2026, 11, 1), 3);
        var expected = new TrafficSimulator(options).Run().ToList();

        var summary = await new StoreSimulatedTraffic(database).RunAsync(options, null, CancellationToken.None);

        await using var db = database.CreateContext();
        Assert.Equal(3, summary.Days);
        Assert.Equal(expected.Sum(d => d.Consignments.Count), await db.Consignments.CountAsync());
        Assert.Equal(expected.Sum(d => d.Consignments.Sum(c => c.Goods.Count)), await db.GoodsLines.CountAsync());
        Assert.Equal(expected.Sum(d => d.Events.Count), await db.ContainerEvents.CountAsync());
        Assert.Equal(expected.Sum(d => d.NewParties.Count), await db.Parties.CountAsync());
        Assert.Equal(expected.Sum(d => d.NewEquipment.Count), await db.Equipment.CountAsync());
        Assert.True(summary.Consignments > 0);

        var first = expected[0].Consignments[0];
        var stored = await db.Consignments.Include(c => c.Goods).Include(c => c.Parties).SingleAsync(c => c.Id == first.Id);
        Assert.Equal(first.Reference, stored.Reference);
        Assert.Equal(first.ArrivedAt, stored.ArrivedAt);
        Assert.Equal(DateTimeKind.Utc, stored.ArrivedAt.Kind);
        Assert.Equal(first.Route.TransshipmentPorts, stored.Route.TransshipmentPorts);
        Assert.Equal(first.Goods.Count, stored.Goods.Count);
        Assert.Equal(first.Parties.Count, stored.Parties.Count);
    }

    [Fact]
    public async Task Demo_simulation_only_runs_into_an_empty_database()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var store = new StoreSimulatedTraffic(database);
        Assert.True(await store.IsEmptyAsync(CancellationToken.None));
        await store.RunAsync(new SimulationOptions(3, 0.02, new DateOnly(2026, 11, 1), 1), null, CancellationToken.None);
        Assert.False(await store.IsEmptyAsync(CancellationToken.None));
    }
}
