using System.Text.Json;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Integrity.Readings;

/// <summary>
/// DCSA events as readings. IoT events (IoT 1 DRO/DRC, T&amp;T 3 IoT codes) are read by the one
/// DCSA reader, <see cref="DcsaEventReader"/>, and its container event becomes a reading; Reefer 1
/// events, which that reader skips, are read here (MEAS: a measurement, ADJU: a set-point change).
/// DCSA names no device: the device is the publisher's unit on the container,
/// "DCSA/{carrierCode}/{equipmentReference}", and the reading id is the eventID. Equipment and
/// transport events, estimates and retractions are rejected with the reason (they are not
/// observations of a sensor; equipment events go to the ingest door).
/// </summary>
internal static class DcsaReadings
{
    public static bool LooksLikeDcsa(ReadOnlySpan<byte> element)
    {
        var reader = new Utf8JsonReader(element);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metadata") || reader.ValueTextEquals("payload") || reader.ValueTextEquals("eventID") || reader.ValueTextEquals("eventType"))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }

    public static ReadingResult Read(ReadOnlyMemory<byte> slice, int index, int offset, ReadContext context)
    {
        var at = context.At(offset);
        using var document = JsonDocument.Parse(slice);
        var root = document.RootElement;
        var metadata = Child(root, "metadata");
        var body = Child(root, "payload") ?? root;
        var type = Text(metadata, "eventType") ?? Text(root, "eventType");
        if (type == "REEFER" || (type is null && body.TryGetProperty("reeferEventTypeCode", out _)))
        {
            return Reefer(root, metadata, body, slice, index, at, context);
        }

        var result = DcsaEventReader.Read(slice).Events.Single();
        switch (result.Outcome)
        {
            case DcsaOutcome.ContainerEvent when DcsaCodes.IsIot(result.ContainerEvent!.Type):
                var e = result.ContainerEvent;
                var reading = new SensorReading(
                    $"{e.Source}/{e.ContainerNumber}", e.EventId!, e.ContainerNumber, KindOf(e.Type), e.OccurredAt, e.Latitude, e.Longitude,
                    DoorOpen: e.Type switch { ContainerEventType.DoorOpened => true, ContainerEventType.DoorClosed => false, _ => null },
                    Value: e.Type switch { ContainerEventType.MotionStarted => 1, ContainerEventType.MotionStopped => 0, _ => null });
                var warnings = (result.Warnings ?? []).Select(w => w with { Position = at }).ToList();
                return ReadingChecks.Check(reading, index, at, context, warnings, slice, keepRaw: true);
            case DcsaOutcome.ContainerEvent or DcsaOutcome.TransportCallEvent:
                return Reject(index, "reading.not-a-reading", $"Event {result.EventId} is a DCSA {(result.ContainerEvent is null ? "transport" : "equipment")} event, not a sensor reading; send it to POST /api/v1/ingest/dcsa/events.", at);
            case DcsaOutcome.Retraction:
                return Reject(index, "reading.retraction", $"Event {result.EventId} retracts DCSA event {result.RetractedEventId}; readings are kept as observed, so tell the supervisors instead of retracting it.", at);
            default:
                // Skipped (an estimate, an unsupported type) or rejected: DCSA's own sentence says why.
                var issue = result.Issue!;
                return ReadingResult.Rejected(index, IngestIssue.Error(issue.Code, issue.Message, at));
        }
    }

    private static ReadingKind KindOf(ContainerEventType type) => type switch
    {
        ContainerEventType.DoorOpened or ContainerEventType.DoorClosed => ReadingKind.Door,
        ContainerEventType.MotionStarted or ContainerEventType.MotionStopped => ReadingKind.Motion,
        ContainerEventType.DeviceStatus => ReadingKind.DeviceStatus,
        _ => ReadingKind.Position,
    };

    private static ReadingResult Reefer(JsonElement root, JsonElement? metadata, JsonElement body, ReadOnlyMemory<byte> slice, int index, InputPosition at, ReadContext context)
    {
        var eventId = Text(metadata, "eventID") ?? Text(root, "eventID");
        if (eventId is null)
        {
            return Reject(index, "reading.missing-id", $"The reefer event at index {index} has no eventID; give every event a unique eventID so that re-sending it is harmless.", at);
        }

        if (Text(metadata, "retractedEventID") is { } retracted)
        {
            return Reject(index, "reading.retraction", $"Event {eventId} retracts DCSA event {retracted}; readings are kept as observed, so tell the supervisors instead of retracting it.", at);
        }

        if (Text(body, "eventClassifierCode") is { } classifier && classifier != "ACT")
        {
            return Reject(index, "reading.not-actual", $"Reefer event {eventId} is {classifier}, not ACT; only what a unit measured is a reading.", at);
        }

        var container = Text(body, "equipmentReference");
        if (container is null)
        {
            return Reject(index, "reading.missing-field", $"Reefer event {eventId} has no equipmentReference; send the container the unit belongs to.", at);
        }

        var time = body.TryGetProperty("eventDateTime", out var when) ? DcsaTime(when) : null;
        if (time is null)
        {
            return Reject(index, "reading.bad-time", $"Reefer event {eventId} has no eventDateTime with offset; send e.g. 2026-12-06T10:15:00Z.", at);
        }

        var code = Text(body, "reeferEventTypeCode");
        var kind = code switch { "MEAS" => ReadingKind.ReeferMeasurement, "ADJU" => ReadingKind.ReeferSetPoint, _ => (ReadingKind?)null };
        if (kind is null)
        {
            return Reject(index, "reading.unknown-kind", $"Reefer event {eventId} has reeferEventTypeCode '{code}'; DCSA Reefer 1 defines MEAS (measured) and ADJU (adjusted).", at);
        }

        var warnings = new List<IngestIssue>();
        var measured = Celsius(Child(body, "measurements"), eventId, "measurements", at, warnings);
        var setPoint = Celsius(Child(body, "setpoints") ?? Child(body, "setpoint"), eventId, "setpoints", at, warnings);
        double? lat = null, lon = null;
        if (Child(body, "geoLocation") is { } geo)
        {
            lat = Number(geo, "latitude");
            lon = Number(geo, "longitude");
        }

        var carrier = Text(Child(metadata ?? root, "publisher"), "carrierCode");
        var source = carrier is null ? "DCSA" : "DCSA/" + carrier;
        var reading = new SensorReading($"{source}/{container}", eventId, container, kind.Value, time.Value, lat, lon, Value: measured, SetPoint: setPoint);
        return ReadingChecks.Check(reading, index, at, context, warnings, slice, keepRaw: true);
    }

    /// <summary>A temperature in °C; DCSA allows CEL and FAH.</summary>
    private static double? Celsius(JsonElement? block, string eventId, string name, InputPosition at, List<IngestIssue> warnings)
    {
        if (block is not { } b || Number(b, "temperature") is not { } t)
        {
            return null;
        }

        switch (Text(b, "temperatureUnit"))
        {
            case null or "CEL":
                return t;
            case "FAH":
                return Math.Round((t - 32) * 5 / 9, 2);
            case var unit:
                warnings.Add(IngestIssue.Warning("reading.bad-field", $"Reefer event {eventId} gives {name} temperature in '{unit}'; use CEL or FAH. The temperature is left out.", at));
                return null;
        }
    }

    private static DateTime? DcsaTime(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: >= 20 } text || text[10] is not ('T' or 't'))
        {
            return null;
        }

        var hasOffset = text[^1] is 'Z' or 'z' || text[^6] is '+' or '-';
        return hasOffset && value.TryGetDateTimeOffset(out var parsed) ? parsed.UtcDateTime : null;
    }

    private static ReadingResult Reject(int index, string code, string message, InputPosition at) => ReadingResult.Rejected(index, IngestIssue.Error(code, message, at));

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? Text(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && double.IsFinite(n) ? n : null;
}
