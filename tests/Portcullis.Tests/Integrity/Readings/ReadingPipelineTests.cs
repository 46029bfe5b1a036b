using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Readings;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Integrity.Readings;

/// <summary>The one reading pipeline against a real database: idempotency, event order, waiting for the container, floods.</summary>
public sealed class ReadingPipelineTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private sealed class Recorder : IReadingEvaluator
    {
        public List<SensorReading> Seen { get; } = [];

        public Task<IReadOnlyList<AlarmCandidate>> EvaluateAsync(PortcullisDb db, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken)
        {
            Seen.AddRange(readings);
            return Task.FromResult<IReadOnlyList<AlarmCandidate>>([]);
        }
    }

    private static ReadingPipeline Pipeline(Database database, IReadingEvaluator evaluator, ReadingOptions? options = null)
    {
        options ??= new ReadingOptions();
        return new ReadingPipeline(database, evaluator, new FakeTimeProvider(new DateTimeOffset(Now)), options, new DeviceRateLimiter(options));
    }

    private static ReadingPayloadIn Payload(string json) => new(Encoding.UTF8.GetBytes(json), "test");

    private static string Door(string device, string id, string time, string? container = null) =>
        $$"""{"device":"{{device}}","id":"{{id}}","time":"{{time}}","door":"open"{{(container is null ? "" : $",\"container\":\"{container}\"")}}}""";

    private static async Task<int> CountAsync(Database database)
    {
        await using var db = database.CreateContext();
        return await db.SensorReadings.CountAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_same_device_and_reading_id_is_stored_once_and_counted_as_a_duplicate(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var pipeline = Pipeline(database, new Recorder());
        var first = await pipeline.StoreAsync([Payload($"[{Door("d1", "1", "2026-12-06T09:00:00Z")},{Door("d1", "2", "2026-12-06T09:01:00Z")},{Door("d2", "1", "2026-12-06T09:02:00Z")}]")], CancellationToken.None);
        Assert.Equal((3, 0), (first[0].Accepted, first[0].Duplicates));

        // Redelivered, with one new reading that is itself sent twice in the batch.
        var again = await pipeline.StoreAsync(
            [
                Payload($"[{Door("d1", "1", "2026-12-06T09:00:00Z")},{Door("d1", "2", "2026-12-06T09:01:00Z")}]"),
                Payload($"[{Door("d2", "1", "2026-12-06T09:02:00Z")},{Door("d2", "2", "2026-12-06T09:03:00Z")},{Door("d2", "2", "2026-12-06T09:03:00Z")}]"),
            ],
            CancellationToken.None);
        Assert.Equal((0, 2), (again[0].Accepted, again[0].Duplicates));
        Assert.Equal((1, 2), (again[1].Accepted, again[1].Duplicates));
        Assert.Equal(4, await CountAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Out_of_order_readings_reach_the_rules_in_event_order_and_a_tampered_seal_alarms_once(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", Now.AddDays(-1), serial: 200001);
        var recorder = new Recorder();
        var payload = $$"""
            [{{Door("d1", "3", "2026-12-06T09:30:00Z", cargo.ContainerNumber)}},
             {{Door("d1", "1", "2026-12-06T09:10:00Z", cargo.ContainerNumber)}},
             {{Door("d1", "2", "2026-12-06T09:20:00Z", cargo.ContainerNumber)}}]
            """;
        await Pipeline(database, recorder).StoreAsync([Payload(payload)], CancellationToken.None);
        Assert.Equal(["1", "2", "3"], recorder.Seen.Select(r => r.ReadingId));

        var seal = $$"""{"device":"ACME:77","id":"9","time":"2026-12-06T09:40:00Z","kind":"seal","seal":"tampered","container":"{{cargo.ContainerNumber}}"}""";
        var monitorClock = new FakeTimeProvider(new DateTimeOffset(Now));
        var tampered = Pipeline(database, new IntegrityMonitor(new GeofenceCache(monitorClock), monitorClock));
        await tampered.StoreAsync([Payload(seal)], CancellationToken.None);
        await tampered.StoreAsync([Payload(seal)], CancellationToken.None);
        await using var db = database.CreateContext();
        var alarm = Assert.Single(await db.IntegrityAlarms.ToListAsync());
        Assert.Equal((AlarmKind.SealTampered, "RTM", cargo.ContainerNumber), (alarm.Kind, alarm.HubCode, alarm.ContainerNumber));
        Assert.Equal(["reading:ACME:77/9"], alarm.Evidence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_reading_for_an_unknown_container_waits_and_is_evaluated_when_the_consignment_arrives(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        const string Container = "TSTU2000029";
        var seal = $$"""{"device":"ACME:78","id":"1","time":"2026-12-06T09:40:00Z","kind":"seal","seal":"tampered","container":"{{Container}}"}""";
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var evaluator = new IntegrityMonitor(new GeofenceCache(clock), clock);
        var outcome = await Pipeline(database, evaluator).StoreAsync([Payload(seal)], CancellationToken.None);
        Assert.Equal(1, outcome[0].Accepted);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(ReadingEvaluation.AwaitingContainer, (await db.SensorReadings.SingleAsync()).Evaluation);
            Assert.Empty(await db.IntegrityAlarms.ToListAsync());
        }

        Assert.Equal(0, await ReadingMatcher.MatchAsync(database, clock, evaluator, CancellationToken.None));
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(database, "ZWB", Now.AddDays(-1), serial: 200002);
        Assert.Equal(Container, cargo.ContainerNumber);
        Assert.Equal(1, await ReadingMatcher.MatchAsync(database, clock, evaluator, CancellationToken.None));
        Assert.Equal(0, await ReadingMatcher.MatchAsync(database, clock, evaluator, CancellationToken.None));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(ReadingEvaluation.Evaluated, (await db.SensorReadings.SingleAsync()).Evaluation);
            var alarm = Assert.Single(await db.IntegrityAlarms.ToListAsync());
            Assert.Equal(("ZWB", Container), (alarm.HubCode, alarm.ContainerNumber));
        }
    }

    [Fact]
    public async Task A_flooding_device_is_refused_over_its_limit_and_the_others_are_not()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var pipeline = Pipeline(database, new Recorder(), new ReadingOptions { MaxPerDevicePerMinute = 5 });
        var flood = string.Join(",", Enumerable.Range(1, 8).Select(i => Door("noisy", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "2026-12-06T09:00:00Z")));
        var outcome = await pipeline.StoreAsync([Payload($"[{flood},{Door("quiet", "1", "2026-12-06T09:00:00Z")}]")], CancellationToken.None);
        Assert.Equal((6, 3, 3), (outcome[0].Accepted, outcome[0].Rejected, outcome[0].RateLimited));
        Assert.Equal([5, 6, 7], outcome[0].Issues.Where(i => i.Issue.Code == "reading.rate-limited").Select(i => i.Index));
        Assert.Equal(6, await CountAsync(database));
    }

    [Fact]
    public async Task A_reading_without_a_container_is_kept_and_never_evaluated()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var recorder = new Recorder();
        await Pipeline(database, recorder).StoreAsync([Payload(Door("d9", "1", "2026-12-06T09:00:00Z"))], CancellationToken.None);
        Assert.Empty(recorder.Seen);
        await using var db = database.CreateContext();
        Assert.Equal(ReadingEvaluation.NotPaired, (await db.SensorReadings.SingleAsync()).Evaluation);
    }
}
