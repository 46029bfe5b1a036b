using System.Globalization;
using System.Text.Json;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Tests.Ingest.Dcsa;

/// <summary>
/// Every example event of the DCSA specifications (TNT 2.2, TNT 3, IoT 1, Reefer 1) is read, and
/// each result is checked against what the raw example JSON itself says.
/// </summary>
public sealed class DcsaExampleTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Ingest", "Dcsa", "Examples");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, file));
        }

        return data;
    }

    [Fact]
    public void All_four_specifications_are_covered()
    {
        var folders = Examples().Select(row => row.Data.Split(Path.DirectorySeparatorChar)[0]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["iot-v1", "reefer-v1", "tnt-v2.2", "tnt-v3"], folders);
        Assert.Equal(17, Examples().Count);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_event_maps_as_its_JSON_says(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Root, relativePath));
        var result = DcsaEventReader.Read(bytes);

        using var raw = JsonDocument.Parse(bytes);
        var events = raw.RootElement.ValueKind == JsonValueKind.Array ? raw.RootElement.EnumerateArray().ToList() : [raw.RootElement];
        Assert.Equal(events.Count, result.Events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            AssertMapped(events[i], result.Events[i]);
        }
    }

    [Fact]
    public void The_pick_example_with_an_invalid_container_number_is_accepted_as_sent_with_a_warning()
    {
        var result = DcsaEventReader.Read(File.ReadAllBytes(Path.Combine(Root, "tnt-v3", "v3-events-droppickexample.json")));

        Assert.Equal(DcsaOutcome.ContainerEvent, result.Events[0].Outcome);
        Assert.Equal(ContainerEventType.GateIn, result.Events[0].ContainerEvent!.Type);
        Assert.Null(result.Events[0].Warnings);
        Assert.Equal(DcsaOutcome.ContainerEvent, result.Events[1].Outcome);
        Assert.Equal("APNR7744962", result.Events[1].ContainerEvent!.ContainerNumber);
        Assert.Equal(ContainerEventType.GateOut, result.Events[1].ContainerEvent!.Type);
        var warning = Assert.Single(result.Events[1].Warnings!);
        Assert.Equal("dcsa.unverified-container", warning.Code);
        Assert.Contains("APNR7744962", warning.Message, StringComparison.Ordinal);
        Assert.Contains("3ac63340-3f64-434b-8410-67942a2cef21", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_positions_point_at_each_event_object()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Root, "tnt-v3", "v3-events-droppickexample.json"));
        var result = DcsaEventReader.Read(bytes);
        var position = result.Events[1].Warnings![0].Position!;

        Assert.Equal((byte)'{', bytes[position.ByteOffset]);
        var lines = File.ReadAllLines(Path.Combine(Root, "tnt-v3", "v3-events-droppickexample.json"));
        Assert.Equal('{', lines[position.Line - 1][position.Column - 1]);
        Assert.True(position.Line > 2);
    }

    [Fact]
    public void The_iot_door_opened_examples_carry_their_coordinates()
    {
        var result = DcsaEventReader.Read(File.ReadAllBytes(Path.Combine(Root, "iot-v1", "v1-events-eventid-iot-event.json")));
        var door = Assert.Single(result.ContainerEvents);

        Assert.Equal(ContainerEventType.DoorOpened, door.Type);
        Assert.Equal(48.85855, door.Latitude!.Value, 6);
        Assert.Equal(2.294492036, door.Longitude!.Value, 9);
        Assert.Equal("APZU4812090", door.ContainerNumber);
    }

    /// <summary>The test's own reading of the raw example, independent of the reader's code paths.</summary>
    private static void AssertMapped(JsonElement ev, DcsaEventResult result)
    {
        var hasMetadata = ev.TryGetProperty("metadata", out var metadata);
        var header = hasMetadata ? metadata : ev;
        Assert.Equal(header.GetProperty("eventID").GetString(), result.EventId);
        if (hasMetadata && metadata.TryGetProperty("retractedEventID", out var retracted))
        {
            Assert.Equal(DcsaOutcome.Retraction, result.Outcome);
            Assert.Equal(retracted.GetString(), result.RetractedEventId);
            return;
        }

        var body = hasMetadata ? ev.GetProperty("payload") : ev;
        var type = header.GetProperty("eventType").GetString();
        switch (type)
        {
            case "SHIPMENT" or "REEFER":
                Assert.Equal(DcsaOutcome.Skipped, result.Outcome);
                Assert.Equal(IssueSeverity.Warning, result.Issue!.Severity);
                Assert.Contains(type, result.Issue.Message, StringComparison.Ordinal);
                Assert.Contains(result.EventId!, result.Issue.Message, StringComparison.Ordinal);
                return;
            case "TRANSPORT":
                AssertTransport(body, result);
                return;
            case "EQUIPMENT" or "IOT":
                AssertContainer(type, body, result);
                return;
            default:
                Assert.Fail($"The example has eventType {type}, which this test does not know.");
                return;
        }
    }

    private static void AssertContainer(string type, JsonElement body, DcsaEventResult result)
    {
        if (body.GetProperty("eventClassifierCode").GetString() != "ACT")
        {
            Assert.Equal(DcsaOutcome.Skipped, result.Outcome);
            Assert.Equal("dcsa.not-actual", result.Issue!.Code);
            return;
        }

        var container = body.GetProperty("equipmentReference").GetString()!;
        Assert.Equal(DcsaOutcome.ContainerEvent, result.Outcome);
        var record = result.ContainerEvent!;
        Assert.Equal(container, record.ContainerNumber);
        Assert.Equal(ExpectedTime(body), record.OccurredAt);
        if (type == "IOT")
        {
            Assert.Equal(body.GetProperty("iotEventCode").GetString() == "DRO" ? ContainerEventType.DoorOpened : ContainerEventType.DoorClosed, record.Type);
            var geo = body.GetProperty("geoLocation");
            Assert.Equal(geo.GetProperty("latitude").GetDouble(), record.Latitude);
            Assert.Equal(geo.GetProperty("longitude").GetDouble(), record.Longitude);
            return;
        }

        var expectedType = body.GetProperty("equipmentEventTypeCode").GetString() switch
        {
            "LOAD" => ContainerEventType.Load,
            "DISC" => ContainerEventType.Discharge,
            "DROP" => ContainerEventType.GateIn,
            "PICK" => ContainerEventType.GateOut,
            var other => throw new InvalidOperationException($"No expectation for {other}."),
        };
        Assert.Equal(expectedType, record.Type);
        var location = body.TryGetProperty("location", out var own) ? own : body.GetProperty("transportCall").GetProperty("location");
        Assert.Equal(location.GetProperty("UNLocationCode").GetString(), record.UnLocode);
        if (body.TryGetProperty("seals", out var seals))
        {
            Assert.Equal(seals[0].GetProperty("number").GetString(), record.SealNumber);
        }
    }

    private static void AssertTransport(JsonElement body, DcsaEventResult result)
    {
        Assert.Equal(DcsaOutcome.TransportCallEvent, result.Outcome);
        var record = result.TransportCallEvent!;
        Assert.Equal(body.GetProperty("transportEventTypeCode").GetString() == "ARRI" ? TransportCallEventKind.Arrival : TransportCallEventKind.Departure, record.Kind);
        Assert.Equal(body.GetProperty("eventClassifierCode").GetString() switch { "ACT" => EventClassifier.Actual, "EST" => EventClassifier.Estimated, _ => EventClassifier.Planned }, record.Classifier);
        Assert.Equal(ExpectedTime(body), record.OccurredAt);
        var call = body.GetProperty("transportCall");
        Assert.Equal(call.GetProperty("modeOfTransport").GetString(), record.ModeOfTransport);
        Assert.Equal(call.TryGetProperty("location", out var location) ? location.GetProperty("UNLocationCode").GetString() : null, record.UnLocode);
        if (call.TryGetProperty("vessel", out var vessel))
        {
            Assert.Equal(vessel.GetProperty("vesselIMONumber").GetString(), record.VesselImo);
            Assert.Equal(vessel.GetProperty("name").GetString(), record.VesselName);
            Assert.Equal(vessel.GetProperty("operatorCarrierCode").GetString(), record.CarrierCode);
            Assert.Equal(call.GetProperty("carrierImportVoyageNumber").GetString(), record.CarrierVoyageNumber);
        }
    }

    private static DateTime ExpectedTime(JsonElement body) =>
        DateTimeOffset.Parse(body.GetProperty("eventDateTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
}
