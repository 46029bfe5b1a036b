using System.Text.Json;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Dcsa;
using Portcullis.Simulator;
using Portcullis.Tests.Simulator;

namespace Portcullis.Tests.Ingest.Dcsa;

public sealed class DcsaEventWriterTests
{
    [Fact]
    public void A_simulated_day_reads_back_unchanged_except_yard_moves()
    {
        var day = SimulatorRuns.Simulate(new SimulationOptions(3, 0.05, SimulatorRuns.FirstDay, 1))[0];
        var events = day.Events;
        using var stream = new MemoryStream();

        var written = DcsaEventWriter.Write(stream, events);
        var read = DcsaEventReader.Read(stream.ToArray());

        var expected = events.Where(e => e.Type != ContainerEventType.YardMove).ToList();
        Assert.True(expected.Count > 100, $"only {expected.Count} events");
        Assert.Contains(events, e => e.Type == ContainerEventType.YardMove);
        Assert.Contains(expected, e => e.Type == ContainerEventType.SealChanged);
        Assert.Equal(expected.Count, written);
        Assert.Empty(read.Errors);
        Assert.Empty(read.Warnings);
        var back = read.ContainerEvents.ToList();
        Assert.Equal(expected.Count, back.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, r) = (expected[i], back[i]);
            Assert.Equal(e.Id.ToString("D"), r.EventId);
            Assert.Equal(e.ContainerNumber, r.ContainerNumber);
            Assert.Equal(e.Type, r.Type);
            Assert.Equal(e.OccurredAt, r.OccurredAt);
            Assert.Equal(e.UnLocode, r.UnLocode);
            Assert.Equal(e.Facility, r.Facility);
            Assert.Equal(e.SealNumber, r.SealNumber);
        }
    }

    [Fact]
    public void Door_events_and_removed_seals_round_trip_and_ids_are_stable()
    {
        var at = new DateTime(2025, 3, 3, 4, 5, 6, DateTimeKind.Utc);
        ContainerEvent[] events =
        [
            new() { Id = Guid.Parse("0b7f5c1e-8a51-4c1b-9a43-0d2c3f9e7a01"), ContainerNumber = DcsaEvents.Container, Type = ContainerEventType.DoorOpened, OccurredAt = at, UnLocode = "NLRTM", Source = "sensor" },
            new() { Id = Guid.Parse("0b7f5c1e-8a51-4c1b-9a43-0d2c3f9e7a02"), ContainerNumber = DcsaEvents.Container, Type = ContainerEventType.SealChanged, OccurredAt = at, UnLocode = "NLRTM", Facility = "ECTDE", Source = "terminal" },
        ];
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        DcsaEventWriter.Write(first, events);
        DcsaEventWriter.Write(second, events);

        Assert.Equal(first.ToArray(), second.ToArray());
        var back = DcsaEventReader.Read(first.ToArray()).ContainerEvents.ToList();
        Assert.Equal([ContainerEventType.DoorOpened, ContainerEventType.SealChanged], back.Select(r => r.Type));
        Assert.Null(back[1].SealNumber);
        Assert.Equal("NLRTM", back[0].UnLocode);
        using var json = JsonDocument.Parse(first.ToArray());
        Assert.Equal("DRO", json.RootElement[0].GetProperty("payload").GetProperty("iotEventCode").GetString());
        Assert.Equal("IOT", json.RootElement[0].GetProperty("metadata").GetProperty("eventType").GetString());
        Assert.Equal("RMVD", json.RootElement[1].GetProperty("payload").GetProperty("equipmentEventTypeCode").GetString());
        Assert.Equal("2025-03-03T04:05:06Z", json.RootElement[1].GetProperty("payload").GetProperty("eventDateTime").GetString());
    }

    [Fact]
    public async Task The_async_writer_writes_the_same_bytes()
    {
        var day = SimulatorRuns.Simulate(new SimulationOptions(4, 0.02, SimulatorRuns.FirstDay, 1))[0];
        using var sync = new MemoryStream();
        using var async = new MemoryStream();

        var count = DcsaEventWriter.Write(sync, day.Events);
        var asyncCount = await DcsaEventWriter.WriteAsync(async, day.Events, TestContext.Current.CancellationToken);

        Assert.Equal(count, asyncCount);
        Assert.Equal(sync.ToArray(), async.ToArray());
    }
}
