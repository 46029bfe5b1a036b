using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Risk;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Storage;

/// <summary>The two mechanisms that let several processes share one database: job leases and the outbox.</summary>
public sealed class OutboxAndLeaseTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_lease_has_one_holder_until_it_expires_or_is_released(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var a = new JobLeases(database, clock, "node-a");
        var b = new JobLeases(database, clock, "node-b");
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await a.TryAcquireAsync("job", Minute, ct));
        Assert.False(await b.TryAcquireAsync("job", Minute, ct));
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await a.TryAcquireAsync("job", Minute, ct)); // renewed until 08:01:50
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.False(await b.TryAcquireAsync("job", Minute, ct)); // 08:01:40: a's renewal still holds
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await b.TryAcquireAsync("job", Minute, ct)); // 08:01:51: expired, taken over
        Assert.False(await a.TryAcquireAsync("job", Minute, ct));
        Assert.True(await a.TryAcquireAsync("other job", Minute, ct)); // leases are per job

        await b.ReleaseAllAsync(ct);
        Assert.True(await a.TryAcquireAsync("job", Minute, ct));
        await using var db = database.CreateContext();
        Assert.Equal(["node-a", "node-a"], await db.JobLeases.OrderBy(l => l.Name).Select(l => l.Holder).ToListAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Two_nodes_racing_for_a_free_lease_never_both_win(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < 20; round++)
        {
            var nodes = Enumerable.Range(0, 4).Select(n => new JobLeases(database, clock, $"node-{round}-{n}")).ToList();
            var wins = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.TryAcquireAsync($"race-{round}", Minute, ct), ct)));
            Assert.Equal(1, wins.Count(w => w));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_process_handles_every_committed_row_once_and_nothing_rolled_back(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ct = TestContext.Current.CancellationToken;
        var (first, seenByFirst) = Dispatcher(database, clock);
        var (second, seenBySecond) = Dispatcher(database, clock);
        await first.StartFromNowAsync(ct);
        await second.StartFromNowAsync(ct);

        await using (var db = database.CreateContext())
        {
            Outbox.Add(db, clock, new ProfileActivated(Guid.NewGuid(), "p", 1));
            Outbox.Add(db, clock, new ModelActivated(Guid.NewGuid(), 2));
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Outbox.Add(db, clock, new ModelActivated(Guid.NewGuid(), 3));
            await db.SaveChangesAsync(ct);
            await transaction.RollbackAsync(ct);
        }

        Assert.Equal(2, await first.DispatchAsync(ct));
        Assert.Equal(2, await second.DispatchAsync(ct));
        Assert.Equal(0, await first.DispatchAsync(ct));
        clock.Advance(TimeSpan.FromMinutes(5)); // past the settling window: rows become final
        Assert.Equal(0, await first.DispatchAsync(ct));
        Assert.Equal([ProfileActivated.EventType, ModelActivated.EventType], seenByFirst);
        Assert.Equal([ProfileActivated.EventType, ModelActivated.EventType], seenBySecond);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_process_handles_its_own_rows_even_when_they_were_committed_before_its_first_dispatch(Provider provider)
    {
        // A command, or the demo set-up before the server starts, commits and dispatches before any
        // poller ran: its own rows must still reach its own handlers; other processes' older rows not.
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            db.Outbox.Add(new OutboxMessage { Type = "other.process", Payload = "{}", OccurredAt = clock.GetUtcNow().UtcDateTime, Origin = "another-node/1/abc" });
            Outbox.Add(db, clock, new ProfileActivated(Guid.NewGuid(), "own", 1));
            db.Outbox.Add(new OutboxMessage { Type = "other.process", Payload = "{}", OccurredAt = clock.GetUtcNow().UtcDateTime, Origin = "another-node/1/abc" });
            await db.SaveChangesAsync(ct);
        }

        var (dispatcher, seen) = Dispatcher(database, clock);

        Assert.Equal(1, await dispatcher.DispatchAsync(ct));
        Assert.Equal([ProfileActivated.EventType], seen);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await dispatcher.DispatchAsync(ct));
    }

    [Fact]
    public async Task A_row_that_commits_after_a_later_one_is_still_handled()
    {
        // PostgreSQL hands out identities before commit: id 1 can become visible after id 2.
        var database = await TestDatabases.CreateMigratedAsync(Provider.Postgres);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ct = TestContext.Current.CancellationToken;
        var (dispatcher, seen) = Dispatcher(database, clock);
        await dispatcher.StartFromNowAsync(ct);

        await using var slow = database.CreateContext();
        await using var transaction = await slow.Database.BeginTransactionAsync(ct);
        Outbox.Add(slow, clock, new ModelActivated(Guid.NewGuid(), 1));
        await slow.SaveChangesAsync(ct);
        await using (var fast = database.CreateContext())
        {
            Outbox.Add(fast, clock, new ModelActivated(Guid.NewGuid(), 2));
            await fast.SaveChangesAsync(ct);
        }

        Assert.Equal(1, await dispatcher.DispatchAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(20));
        await transaction.CommitAsync(ct);

        Assert.Equal(1, await dispatcher.DispatchAsync(ct));
        Assert.Equal(2, seen.Count);
        await using var db = database.CreateContext();
        var ids = await db.Outbox.OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync(ct);
        Assert.Contains("\"version\":1", ids[0], StringComparison.Ordinal); // the slow one has the lower id
    }

    private static (OutboxDispatcher Dispatcher, List<string> Seen) Dispatcher(Database database, TimeProvider clock)
    {
        var seen = new List<string>();
        var dispatcher = new OutboxDispatcher(database, [new Recorder(seen)], new OutboxSignal(), clock, NullLogger<OutboxDispatcher>.Instance);
        return (dispatcher, seen);
    }

    private sealed class Recorder(List<string> seen) : IOutboxHandler
    {
        public bool Handles(string type) => true;

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            seen.Add(message.Type);
            return Task.CompletedTask;
        }
    }
}
