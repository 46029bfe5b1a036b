using System.Text;
using Portcullis.Integrity.Readings;

namespace Portcullis.Tests.Integrity.Readings;

/// <summary>
/// The reading reader on DCSA's own published examples (IoT 1 and Reefer 1, expected values read
/// by hand from the files) and on the Portcullis reading format, good and bad.
/// </summary>
public sealed class ReadingReaderTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "Ingest", "Dcsa", "Examples");

    private static ReadingPayload Example(string file) => ReadingReader.Read(File.ReadAllBytes(Path.Combine(Examples, file)), Now);

    private static ReadingPayload Json(string json) => ReadingReader.Read(Encoding.UTF8.GetBytes(json), Now);

    [Fact]
    public void Dcsa_iot_door_opened_example_becomes_a_door_reading_of_the_publishers_unit()
    {
        var result = Assert.Single(Example("iot-v1/v1-events-eventid-iot-event.json").Readings);
        var r = result.Reading!;
        Assert.Equal("DCSA/EMC/APZU4812090", r.DeviceId);
        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", r.ReadingId);
        Assert.Equal("APZU4812090", r.ContainerNumber);
        Assert.Equal(ReadingKind.Door, r.Kind);
        Assert.True(r.DoorOpen);
        Assert.Equal(new DateTime(2022, 9, 19, 4, 31, 0, DateTimeKind.Utc), r.OccurredAt);
        Assert.Equal(48.85855, r.Latitude);
        Assert.Equal(2.294492036, r.Longitude);
        Assert.Contains("\"iotEventCode\": \"DRO\"", r.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Dcsa_iot_list_example_reads_its_event_with_the_offset_applied()
    {
        var r = Assert.Single(Example("iot-v1/v1-events-events-related-to-equipmentreference-apzu4812090.json").Accepted);
        Assert.Equal("DCSA/EMC/APZU4812090", r.DeviceId);
        Assert.Equal(new DateTime(2019, 11, 11, 23, 11, 0, DateTimeKind.Utc), r.OccurredAt);
    }

    [Fact]
    public void Dcsa_reefer_measurement_example_keeps_temperature_and_set_point()
    {
        var r = Assert.Single(Example("reefer-v1/v1-events-eventid-reefer-event.json").Accepted);
        Assert.Equal("DCSA/CMA/APZU4812090", r.DeviceId);
        Assert.Equal(ReadingKind.ReeferMeasurement, r.Kind);
        Assert.Equal(-17.9, r.Value);
        Assert.Equal(-18, r.SetPoint);
        Assert.Equal(new DateTime(2022, 9, 19, 4, 31, 0, DateTimeKind.Utc), r.OccurredAt);
    }

    [Fact]
    public void Dcsa_reefer_list_with_one_event_id_from_two_carriers_gives_two_readings()
    {
        // The published example repeats eventID 3ac63340-… for MSC and CMA: the device includes the publisher, so neither is lost.
        var readings = Example("reefer-v1/v1-events-events-related-to-equipmentreference-apzu4812090.json").Accepted.ToList();
        Assert.Equal(["DCSA/MSC/APZU4812090", "DCSA/CMA/APZU4812090"], readings.Select(r => r.DeviceId));
        Assert.All(readings, r => Assert.Equal("3ac63340-3f64-434b-8410-67942a2cef21", r.ReadingId));
        Assert.Equal([5.0, -17.9], readings.Select(r => r.Value!.Value));
        Assert.Equal([-15.0, -18.0], readings.Select(r => r.SetPoint!.Value));
    }

    [Fact]
    public void Dcsa_reefer_booking_example_reads_both_units()
    {
        var readings = Example("reefer-v1/v1-events-events-related-to-booking-abc123059.json").Accepted.ToList();
        Assert.Equal(["MSKU9070323", "APZU4812090"], readings.Select(r => r.ContainerNumber));
        Assert.Equal(["DCSA/MSK/MSKU9070323", "DCSA/HLC/APZU4812090"], readings.Select(r => r.DeviceId));
    }

    [Theory]
    [InlineData("iot-v1/v1-events-eventid-retracted-iot-event.json")]
    [InlineData("reefer-v1/v1-events-eventid-retracted-reefer-event.json")]
    public void Dcsa_retractions_are_rejected_with_the_reason(string file)
    {
        var result = Assert.Single(Example(file).Readings);
        Assert.Null(result.Reading);
        Assert.Equal("reading.retraction", result.Error!.Code);
        Assert.Contains("957e4966-dad0-4111-9f8f-fb7216c43907", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dcsa_equipment_event_is_sent_to_the_ingest_door()
    {
        var result = Assert.Single(Json("""{"metadata":{"eventID":"e1","eventType":"EQUIPMENT"},"payload":{"eventClassifierCode":"ACT","equipmentEventTypeCode":"GTOT","eventDateTime":"2026-12-06T08:00:00Z","equipmentReference":"MSCU1234565","eventLocation":{"UNLocationCode":"NLRTM"}}}""").Readings);
        Assert.Equal("reading.not-a-reading", result.Error!.Code);
        Assert.Contains("/api/v1/ingest/dcsa/events", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tnt3_iot_event_code_is_read_through_the_one_dcsa_reader()
    {
        var r = Assert.Single(Json("""{"metadata":{"eventID":"t3","eventType":"IOT","publisher":{"carrierCode":"MSC"}},"payload":{"eventClassifierCode":"ACT","eventDateTime":"2026-12-06T08:00:00Z","iotEventDetails":{"iotEventCode":"MOTION_START"},"equipmentReference":"MSCU1234565","geoLocation":{"latitude":-33.9,"longitude":18.4}}}""").Accepted);
        Assert.Equal(ReadingKind.Motion, r.Kind);
        Assert.Equal(1, r.Value);
        Assert.Equal(-33.9, r.Latitude);
    }

    [Fact]
    public void Eseal_reading_with_manufacturer_and_serial_and_negative_coordinates()
    {
        var r = Assert.Single(Json("""{"manufacturer":"ACME","serial":"0012345","id":17,"time":"2026-12-06T09:59:00+01:00","container":"mscu 123456-6","kind":"seal","seal":"tampered","sealNumber":"ML-EC1234567","lat":-33.91,"lon":-18.42,"battery":54}""").Accepted);
        Assert.Equal("ACME:0012345", r.DeviceId);
        Assert.Equal("17", r.ReadingId);
        Assert.Equal("MSCU1234566", r.ContainerNumber);
        Assert.Equal(SealState.Tampered, r.Seal);
        Assert.Equal("ML-EC1234567", r.SealNumber);
        Assert.Equal(new DateTime(2026, 12, 6, 8, 59, 0, DateTimeKind.Utc), r.OccurredAt);
        Assert.Equal(-33.91, r.Latitude);
        Assert.Equal(-18.42, r.Longitude);
        Assert.Equal(54, r.BatteryPercent);
        Assert.Null(r.Raw);
    }

    [Fact]
    public void Broken_identity_rejects_the_reading_and_keeps_the_others()
    {
        var payload = Json("[\n{\"device\":\"d1\",\"id\":\"1\",\"time\":\"2026-12-06T09:00:00Z\",\"door\":\"open\"},\n  {\"device\":\"d1\",\"time\":\"2026-12-06T09:00:00Z\",\"door\":\"open\"},\n42,\n{\"id\":\"3\",\"time\":\"2026-12-06T09:00:00Z\",\"door\":\"open\"},\n{\"device\":\"d1\",\"id\":\"4\",\"time\":\"2026-12-06 09:00\",\"door\":\"open\"}]");
        Assert.Null(payload.PayloadError);
        Assert.Equal(["1"], payload.Accepted.Select(r => r.ReadingId));
        var errors = payload.Readings.Where(r => r.Error is not null).Select(r => (r.Index, r.Error!.Code, r.Error.Position!.Line, r.Error.Position.Column)).ToList();
        Assert.Equal([(1, "reading.missing-id", 3, 3), (2, "reading.not-an-object", 4, 1), (3, "reading.missing-device", 5, 1), (4, "reading.bad-time", 6, 1)], errors);
    }

    [Fact]
    public void Readings_from_the_future_beyond_the_skew_are_rejected_and_within_it_kept()
    {
        var payload = Json("""[{"device":"d","id":"a","time":"2026-12-06T10:04:00Z","door":true},{"device":"d","id":"b","time":"2026-12-06T10:30:00Z","door":true}]""");
        Assert.Equal(["a"], payload.Accepted.Select(r => r.ReadingId));
        var error = payload.Readings[1].Error!;
        Assert.Equal("reading.from-the-future", error.Code);
        Assert.Contains("30 minutes ahead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clock_that_was_never_set_is_rejected()
    {
        Assert.Equal("reading.too-old", Json("""{"device":"d","id":"a","time":"1970-01-01T00:00:10Z","door":true}""").Readings[0].Error!.Code);
    }

    [Fact]
    public void Coordinates_out_of_range_are_dropped_with_a_warning_unless_the_reading_is_a_position()
    {
        var payload = Json("""[{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","door":"open","lat":123.4,"lon":4.1},{"device":"d","id":"b","time":"2026-12-06T09:00:00Z","kind":"position","lat":95,"lon":4.1}]""");
        var kept = payload.Readings[0];
        Assert.Null(kept.Reading!.Latitude);
        Assert.Null(kept.Reading.Longitude);
        Assert.Equal("reading.bad-coordinates", Assert.Single(kept.Warnings).Code);
        Assert.Contains("\"lat\":123.4", kept.Reading.Raw, StringComparison.Ordinal);
        Assert.Equal("reading.bad-coordinates", payload.Readings[1].Error!.Code);
    }

    [Fact]
    public void Unreadable_optional_fields_are_warnings_and_the_raw_reading_is_kept()
    {
        var result = Assert.Single(Json("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","kind":"door","door":"open","battery":140,"lat":"north","lon":4.0,"firmware":"2.1"}""").Readings);
        Assert.Equal(["reading.bad-field", "reading.bad-coordinates", "reading.bad-battery"], result.Warnings.Select(w => w.Code));
        Assert.Null(result.Reading!.BatteryPercent);
        Assert.Contains("firmware", result.Reading.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_kept_in_raw_without_a_warning()
    {
        var result = Assert.Single(Json("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","kind":"shock","value":3.5,"axis":"z"}""").Readings);
        Assert.Empty(result.Warnings);
        Assert.Equal(3.5, result.Reading!.Value);
        Assert.Contains("\"axis\":\"z\"", result.Reading.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","kind":"reefer","value":500}""", "reading.implausible-value")]
    [InlineData("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","kind":"seal"}""", "reading.missing-field")]
    [InlineData("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","kind":"teleport"}""", "reading.unknown-kind")]
    [InlineData("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z"}""", "reading.missing-kind")]
    public void A_reading_without_what_its_kind_is_about_is_rejected(string json, string code)
    {
        Assert.Equal(code, Assert.Single(Json(json).Readings).Error!.Code);
    }

    [Fact]
    public void Negative_reefer_temperatures_are_readings_not_errors()
    {
        var r = Assert.Single(Json("""{"device":"d","id":"a","time":"2026-12-06T09:00:00Z","kind":"setpoint","setPoint":-25.5,"container":"mscu1234565"}""").Readings);
        Assert.Equal(-25.5, r.Reading!.SetPoint);
        Assert.Equal("MSCU1234565", r.Reading.ContainerNumber);
        Assert.Equal("reading.unverified-container", Assert.Single(r.Warnings).Code);
    }

    [Theory]
    [InlineData("{\"device\":", "reading.malformed-json")]
    [InlineData("", "reading.empty")]
    [InlineData("42", "reading.not-readings")]
    public void A_payload_that_is_no_readings_at_all_is_one_error(string json, string code)
    {
        var payload = Json(json);
        Assert.Empty(payload.Readings);
        Assert.Equal(code, payload.PayloadError!.Code);
    }

    [Fact]
    public void Invalid_utf8_is_refused_whole()
    {
        var payload = ReadingReader.Read(new byte[] { (byte)'[', 0xC3, 0x28, (byte)']' }, Now);
        Assert.Equal("reading.bad-utf8", payload.PayloadError!.Code);
    }
}
