using Portcullis.Domain.Cargo;
using Portcullis.Storage;
using Portcullis.Traffic;

namespace Portcullis.Tests.Traffic;

public sealed class HubTrafficTests
{
    [Fact]
    public async Task Consignments_per_day_counts_each_hub_and_day_and_fills_empty_days_with_zero()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"portcullis-traffic-{Guid.NewGuid():N}.db");
        var database = new Database(DatabaseTarget.Resolve(path).GetValueOrThrow());
        await database.MigrateAsync(cancellationToken);
        try
        {
            await AssertTrendAsync(database, cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
    }

    private static async Task AssertTrendAsync(Database database, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            db.Consignments.AddRange(
                Arrival("RTM", new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc)),
                Arrival("RTM", new DateTime(2026, 11, 20, 23, 59, 59, DateTimeKind.Utc)),
                Arrival("RTM", new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc)),
                Arrival("ZWB", new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc)),
                // Outside the range on both sides, and a hub the user may not see.
                Arrival("RTM", new DateTime(2026, 11, 19, 23, 59, 59, DateTimeKind.Utc)),
                Arrival("RTM", new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc)),
                Arrival("SPL", new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var context = database.CreateContext();
        var trend = await new HubTraffic(context, TimeProvider.System)
            .ConsignmentsPerDayAsync(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 22), hub => hub is "RTM" or "ZWB", cancellationToken);

        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22)], trend.Days);
        Assert.Equal(["RTM", "ZWB"], trend.Hubs.Select(h => h.HubCode));
        Assert.Equal([2, 0, 1], trend.Hubs[0].Consignments);
        Assert.Equal([0, 1, 0], trend.Hubs[1].Consignments);
    }

    private static Consignment Arrival(string hub, DateTime arrivedAt) => new()
    {
        Id = Guid.CreateVersion7(),
        Reference = $"REF{arrivedAt.Ticks}",
        Kind = ConsignmentKind.SeaContainer,
        Direction = Direction.Import,
        HubCode = hub,
        BookedAt = arrivedAt.AddDays(-20),
        ArrivedAt = arrivedAt,
        OriginCountry = "EC",
        Route = new Route { PortOfLoading = "ECGYE", PortOfDischarge = "NLRTM" },
    };
}
