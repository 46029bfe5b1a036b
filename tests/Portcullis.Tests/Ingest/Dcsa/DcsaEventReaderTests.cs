using System.Text;
using System.Text.Json.Nodes;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Tests.Ingest.Dcsa;

public sealed class DcsaEventReaderTests
{
    private static readonly DateTime TenFifteenCet = new(2025, 3, 3, 9, 15, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("LOAD", ContainerEventType.Load)]
    [InlineData("DISC", ContainerEventType.Discharge)]
    [InlineData("GTIN", ContainerEventType.GateIn)]
    [InlineData("GTOT", ContainerEventType.GateOut)]
    [InlineData("STUF", ContainerEventType.Stuffed)]
    [InlineData("STRP", ContainerEventType.Stripped)]
    [InlineData("PICK", ContainerEventType.GateOut)]
    [InlineData("DROP", ContainerEventType.GateIn)]
    [InlineData("INSP", ContainerEventType.Inspected)]
    [InlineData("RSEA", ContainerEventType.SealChanged)]
    [InlineData("RMVD", ContainerEventType.SealChanged)]
    public void Every_equipment_code_maps_in_both_shapes(string code, ContainerEventType expected)
    {
        var v3 = Single(DcsaEvents.V3Equipment(code));
        var v22 = Single(DcsaEvents.V22Equipment(code));

        foreach (var record in new[] { v3, v22 })
        {
            Assert.Equal(expected, record.Type);
            Assert.Equal(DcsaEvents.Container, record.ContainerNumber);
            Assert.Equal(TenFifteenCet, record.OccurredAt);
            Assert.Equal(DateTimeKind.Utc, record.OccurredAt.Kind);
            Assert.Equal("NLRTM", record.UnLocode);
        }

        Assert.Equal("e-1", v3.EventId);
        Assert.Equal("ECTDE", v3.Facility);
        Assert.Equal("DCSA/MSK", v3.Source);
        Assert.Null(v3.InlandMode);
        Assert.Equal(code == "DISC" ? "511E" : "512W", v3.TransportReference);
        Assert.Equal(code == "RMVD" ? null : "ML-123456", v3.SealNumber);

        Assert.Equal("f-1", v22.EventId);
        Assert.Equal("EUROM", v22.Facility);
        Assert.Equal("2106W", v22.TransportReference);
        Assert.Equal("RAIL", v22.InlandMode);
        Assert.Equal(code == "RMVD" ? null : "CU-998877", v22.SealNumber);
        Assert.Equal("DCSA", v22.Source);
    }

    [Theory]
    [InlineData("DRO", ContainerEventType.DoorOpened)]
    [InlineData("DRC", ContainerEventType.DoorClosed)]
    public void Door_events_map_with_their_coordinates(string code, ContainerEventType expected)
    {
        var record = Single(DcsaEvents.V3Door(code, 51.9496, 4.1453));

        Assert.Equal(expected, record.Type);
        Assert.Equal(51.9496, record.Latitude);
        Assert.Equal(4.1453, record.Longitude);
        Assert.Equal(string.Empty, record.UnLocode);
        Assert.Equal(new DateTime(2025, 3, 3, 3, 12, 9, DateTimeKind.Utc), record.OccurredAt);
    }

    [Theory]
    [InlineData("ARRI", TransportCallEventKind.Arrival, "511E")]
    [InlineData("DEPA", TransportCallEventKind.Departure, "512W")]
    public void Transport_events_keep_vessel_voyage_and_place(string code, TransportCallEventKind kind, string voyage)
    {
        var result = DcsaEventReader.Read(DcsaEvents.Bytes(DcsaEvents.V3Transport(code, "EST")));
        var record = Assert.Single(result.TransportCallEvents);

        Assert.Equal(new TransportCallEventRecord("t-1", kind, EventClassifier.Estimated, new DateTime(2025, 3, 3, 5, 30, 0, DateTimeKind.Utc), "NLRTM", "9321483", "Maersk Example", voyage, "MAEU", "VESSEL", "TC-9", "DCSA"), record);
    }

    [Fact]
    public void Transport_events_in_the_2_2_shape_map_too()
    {
        var record = Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(DcsaEvents.V22Transport("DEPA"))).TransportCallEvents);

        Assert.Equal(TransportCallEventKind.Departure, record.Kind);
        Assert.Equal(EventClassifier.Planned, record.Classifier);
        Assert.Equal(new DateTime(2025, 3, 4, 11, 0, 0, DateTimeKind.Utc), record.OccurredAt);
        Assert.Equal("BEANR", record.UnLocode);
        Assert.Equal("Emma Example", record.VesselName);
        Assert.Equal("2106W", record.CarrierVoyageNumber);
        Assert.Equal("call-22", record.TransportCallReference);
    }

    [Theory]
    [InlineData("EST")]
    [InlineData("PLN")]
    public void Estimated_and_planned_container_events_are_skipped_with_a_warning(string classifier)
    {
        var result = DcsaEventReader.Read(DcsaEvents.Bytes(DcsaEvents.V3Equipment("LOAD", classifier: classifier)));
        var only = Assert.Single(result.Events);

        Assert.Equal(DcsaOutcome.Skipped, only.Outcome);
        Assert.Equal("dcsa.not-actual", only.Issue!.Code);
        Assert.Contains(classifier, only.Issue.Message, StringComparison.Ordinal);
        Assert.Empty(result.ContainerEvents);
    }

    [Fact]
    public void Shipment_events_are_reported_as_not_supported_without_failing_the_rest()
    {
        var shipment = new JsonObject { ["eventID"] = "s-9", ["eventType"] = "SHIPMENT", ["eventClassifierCode"] = "ACT", ["shipmentEventTypeCode"] = "ISSU" };
        var result = DcsaEventReader.Read(DcsaEvents.Array(shipment, DcsaEvents.V3Equipment("GTIN")));

        Assert.Equal(DcsaOutcome.Skipped, result.Events[0].Outcome);
        Assert.Equal(IssueSeverity.Warning, result.Events[0].Issue!.Severity);
        Assert.Contains("s-9", result.Events[0].Issue!.Message, StringComparison.Ordinal);
        Assert.Contains("SHIPMENT", result.Events[0].Issue!.Message, StringComparison.Ordinal);
        Assert.Equal(ContainerEventType.GateIn, Assert.Single(result.ContainerEvents).Type);
    }

    [Fact]
    public void A_bad_check_digit_is_kept_as_sent_with_a_warning_naming_the_event()
    {
        var bad = DcsaEvents.V3Equipment("LOAD", id: "bad-1");
        bad["payload"]!["equipmentReference"] = "MSKU9070324";
        var result = DcsaEventReader.Read(DcsaEvents.Array(DcsaEvents.V3Equipment("DISC"), bad));

        Assert.Empty(result.Errors);
        Assert.Equal(["MSKU9070323", "MSKU9070324"], result.ContainerEvents.Select(e => e.ContainerNumber).ToList());
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("dcsa.unverified-container", warning.Code);
        Assert.Contains("bad-1", warning.Message, StringComparison.Ordinal);
        Assert.Contains("check digit", warning.Message, StringComparison.Ordinal);
        Assert.Equal(result.Events[1].Issue?.Position ?? warning.Position, warning.Position);
    }

    [Theory]
    [InlineData("DOOR_OPENED", ContainerEventType.DoorOpened)]
    [InlineData("DOOR_CLOSED", ContainerEventType.DoorClosed)]
    [InlineData("GEOFENCE_ENTRY", ContainerEventType.GeofenceEntered)]
    [InlineData("GEOFENCE_EXIT", ContainerEventType.GeofenceExited)]
    [InlineData("MOTION_START", ContainerEventType.MotionStarted)]
    [InlineData("MOTION_STOP", ContainerEventType.MotionStopped)]
    [InlineData("BREADCRUMB", ContainerEventType.PositionReported)]
    [InlineData("DEVICE_STATUS", ContainerEventType.DeviceStatus)]
    public void TNT_3_IoT_event_codes_in_iotEventDetails_are_read_with_their_coordinates(string code, ContainerEventType expected)
    {
        var ev = DcsaEvents.V3Door(code, latitude: 51.9, longitude: 4.1);
        var payload = ev["payload"]!.AsObject();
        payload.Remove("iotEventCode");
        payload.Remove("iotEventTypeCode");
        payload["iotEventDetails"] = new JsonObject { ["iotEventTypeCode"] = "DETC", ["iotEventCode"] = code };

        var result = DcsaEventReader.Read(DcsaEvents.Bytes(ev));

        var stored = Assert.Single(result.ContainerEvents);
        Assert.Equal((expected, 51.9, 4.1, ""), (stored.Type, stored.Latitude!.Value, stored.Longitude!.Value, stored.UnLocode));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_equipment_reference_longer_than_17_characters_rejects_the_event()
    {
        var bad = DcsaEvents.V3Equipment("LOAD", id: "long-1");
        bad["payload"]!["equipmentReference"] = "MSKU9070323MSKU9070323";
        var error = Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(bad)).Errors);

        Assert.Equal("dcsa.bad-container", error.Code);
        Assert.Contains("long-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_place_that_is_not_a_UN_LOCODE_is_kept_as_free_text_with_a_warning()
    {
        var ev = DcsaEvents.V3Equipment("GTIN", id: "p-1");
        ev["payload"]!["location"] = new JsonObject { ["UNLocationCode"] = "MAASVLAKTE" };
        var result = DcsaEventReader.Read(DcsaEvents.Bytes(ev));

        var stored = Assert.Single(result.ContainerEvents);
        Assert.Equal("", stored.UnLocode);
        Assert.Equal("MAASVLAKTE", stored.PlaceName);
        Assert.Equal("dcsa.not-a-locode", Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData("eventDateTime", "dcsa.missing-field")]
    [InlineData("equipmentReference", "dcsa.missing-field")]
    [InlineData("equipmentEventTypeCode", "dcsa.missing-field")]
    [InlineData("eventClassifierCode", "dcsa.missing-field")]
    public void Missing_fields_reject_the_event_and_name_the_field(string field, string code)
    {
        var ev = DcsaEvents.V3Equipment("LOAD", id: "m-1");
        ev["payload"]!.AsObject().Remove(field);
        var error = Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(ev)).Errors);

        Assert.Equal(code, error.Code);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Contains("m-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Position!.Line);
        Assert.Equal(1, error.Position.Column);
    }

    [Fact]
    public void A_missing_place_rejects_the_event()
    {
        var ev = DcsaEvents.V3Equipment("LOAD");
        ev["payload"]!["transportCall"]!.AsObject().Remove("location");
        var error = Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(ev)).Errors);

        Assert.Contains("UNLocationCode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-03-03T10:15:00")]
    [InlineData("03/03/2025 10:15")]
    [InlineData("2025-02-30T10:15:00Z")]
    [InlineData("yesterday")]
    public void Dates_without_offset_or_not_ISO_are_rejected(string time)
    {
        var error = Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(DcsaEvents.V3Equipment("LOAD", time: time))).Errors);

        Assert.Equal("dcsa.bad-date", error.Code);
        Assert.Contains(time, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_characters_in_dates_are_read_as_the_characters_they_stand_for()
    {
        // JsonNode, like System.Text.Json's default encoder elsewhere, writes + as \u002B.
        var json = DcsaEvents.V3Equipment("LOAD").ToJsonString();
        Assert.Contains("\\u002B", json, StringComparison.Ordinal);

        var record = Assert.Single(DcsaEventReader.Read(Encoding.UTF8.GetBytes(json)).ContainerEvents);

        Assert.Equal(TenFifteenCet, record.OccurredAt);
    }

    [Fact]
    public void Unknown_codes_are_rejected_and_known_non_moves_are_skipped()
    {
        var result = DcsaEventReader.Read(DcsaEvents.Array(
            DcsaEvents.V3Equipment("XXXX", id: "u-1"),
            DcsaEvents.V3Equipment("AVPU", id: "u-2"),
            DcsaEvents.V3Door("DRX"),
            DcsaEvents.V3Transport("DOCK")));

        Assert.Equal([DcsaOutcome.Rejected, DcsaOutcome.Skipped, DcsaOutcome.Rejected, DcsaOutcome.Rejected], result.Events.Select(e => e.Outcome));
        Assert.All(result.Errors, e => Assert.Equal("dcsa.unknown-code", e.Code));
        Assert.Contains("XXXX", result.Events[0].Issue!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_give_the_line_and_column_of_each_event()
    {
        var json = "[\n  {\"eventID\": \"ok\"},\n\n    " + DcsaEvents.V3Equipment("LOAD", id: "x").ToJsonString().Replace("\"MSKU9070323\"", "\"MSKU9070323MSKU9070323\"", StringComparison.Ordinal) + "\n]";
        var result = DcsaEventReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new InputPosition(4, 2, 3), result.Events[0].Issue!.Position);
        var second = result.Events[1].Issue!.Position!;
        Assert.Equal(4, second.Line);
        Assert.Equal(5, second.Column);
        Assert.Equal((byte)'{', Encoding.UTF8.GetBytes(json)[second.ByteOffset]);
    }

    [Theory]
    [InlineData("[{\"eventID\": \"a\",}]", 1, 18)]
    [InlineData("[\n{\"eventID\": \"a\"\n\"x\": 1}]", 3, 1)]
    [InlineData("{\"events\": [", 1, 13)]
    [InlineData("[] []", 1, 4)]
    public void Malformed_json_is_rejected_whole_with_line_and_column(string json, int line, int column)
    {
        var e = Assert.Throws<IngestRejectedException>(() => DcsaEventReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("dcsa.malformed-json", e.Issue.Code);
        Assert.Equal(line, e.Issue.Position!.Line);
        Assert.Equal(column, e.Issue.Position.Column);
    }

    [Fact]
    public void Envelopes_single_events_and_arrays_all_read()
    {
        var ev = DcsaEvents.V3Equipment("GTOT");
        var envelope = new JsonObject { ["subscriptionID"] = "sub-1", ["events"] = new JsonArray(ev.DeepClone(), DcsaEvents.V22Equipment("GTIN")) };
        var data = new JsonObject { ["data"] = new JsonArray(ev.DeepClone()) };

        Assert.Equal(2, DcsaEventReader.Read(DcsaEvents.Bytes(envelope)).ContainerEvents.Count());
        Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(data)).ContainerEvents);
        Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(ev)).ContainerEvents);
        Assert.Empty(DcsaEventReader.Read("[]"u8.ToArray()).Events);
    }

    [Fact]
    public void Payloads_that_are_not_events_are_rejected()
    {
        var scalar = Assert.Throws<IngestRejectedException>(() => DcsaEventReader.Read("42"u8.ToArray()));
        var empty = Assert.Throws<IngestRejectedException>(() => DcsaEventReader.Read(Array.Empty<byte>()));

        Assert.Equal("dcsa.not-events", scalar.Issue.Code);
        Assert.Equal("dcsa.malformed-json", empty.Issue.Code);
        var element = Assert.Single(DcsaEventReader.Read("[\"LOAD\"]"u8.ToArray()).Errors);
        Assert.Equal("dcsa.not-an-event", element.Code);
    }

    [Fact]
    public void Guards_reject_deep_and_big_payloads()
    {
        var deep = Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100));
        var tooDeep = Assert.Throws<IngestRejectedException>(() => DcsaEventReader.Read(deep));
        var tooBig = Assert.Throws<IngestRejectedException>(() => DcsaEventReader.Read(DcsaEvents.Bytes(DcsaEvents.V3Equipment("LOAD")), new DcsaReaderOptions { MaxPayloadBytes = 100 }));
        var longText = DcsaEvents.V3Equipment("LOAD");
        longText["payload"]!["equipmentReference"] = new string('A', 10_000);

        Assert.Equal("dcsa.too-deep", tooDeep.Issue.Code);
        Assert.Equal("dcsa.too-big", tooBig.Issue.Code);
        Assert.Equal("dcsa.too-long", Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(longText)).Errors).Code);
    }

    [Fact]
    public async Task Streams_read_like_buffers_and_respect_the_size_limit()
    {
        var bytes = DcsaEvents.Array(DcsaEvents.V3Equipment("LOAD"), DcsaEvents.V3Door("DRO"));
        using var stream = new MemoryStream(bytes);
        var result = await DcsaEventReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        using var big = new MemoryStream(bytes);

        Assert.Equal(2, result.ContainerEvents.Count());
        await Assert.ThrowsAsync<IngestRejectedException>(() => DcsaEventReader.ReadAsync(big, new DcsaReaderOptions { MaxPayloadBytes = 64 }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Retractions_name_the_withdrawn_event()
    {
        var retraction = new JsonObject { ["metadata"] = new JsonObject { ["eventID"] = "r-2", ["eventType"] = "EQUIPMENT", ["retractedEventID"] = "e-1" } };
        var only = Assert.Single(DcsaEventReader.Read(DcsaEvents.Bytes(retraction)).Events);

        Assert.Equal(DcsaOutcome.Retraction, only.Outcome);
        Assert.Equal("e-1", only.RetractedEventId);
        Assert.Equal("r-2", only.EventId);
    }

    private static ContainerEventRecord Single(JsonNode ev)
    {
        var result = DcsaEventReader.Read(DcsaEvents.Bytes(ev));
        Assert.Empty(result.Errors);
        return Assert.Single(result.ContainerEvents);
    }
}
