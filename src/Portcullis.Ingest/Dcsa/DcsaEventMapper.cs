using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;

namespace Portcullis.Ingest.Dcsa;

/// <summary>
/// Maps one parsed DCSA event (TNT 2.2 flat shape, or the TNT 3 / IoT 1 metadata + payload shape)
/// to a result. Pure: no I/O, no clock. A broken event gives a Rejected result, never an exception.
/// </summary>
internal static class DcsaEventMapper
{
    public static DcsaEventResult Map(JsonElement ev, int index, InputPosition position, DcsaReaderOptions options)
    {
        var context = new Context(index, position, options);
        try
        {
            var result = MapEvent(ev, context);
            return context.Warnings.Count == 0 || result.Outcome == DcsaOutcome.Rejected ? result : result with { Warnings = context.Warnings };
        }
        catch (EventProblem problem)
        {
            // Leaving by exception keeps each field check a one-liner; it never escapes this method.
            return Reject(context, problem.Code, problem.Message);
        }
    }

    private static DcsaEventResult MapEvent(JsonElement ev, Context c)
    {
        JsonElement body;
        string? eventType;
        JsonElement publisher;
        if (Object(ev, "metadata", c) is { } metadata)
        {
            c.EventId = Text(metadata, "eventID", c);
            eventType = Text(metadata, "eventType", c);
            publisher = Object(metadata, "publisher", c) ?? default;
            if (Text(metadata, "retractedEventID", c) is { } retracted)
            {
                return c.EventId is null
                    ? Reject(c, "dcsa.missing-field", $"The retraction at index {c.Index} has no metadata.eventID; give every event its own eventID.")
                    : new DcsaEventResult(c.Index, c.EventId, DcsaOutcome.Retraction, RetractedEventId: retracted);
            }

            body = Object(ev, "payload", c)
                ?? throw Missing(c, "payload", "events without retractedEventID must carry a payload object");
            eventType ??= Text(body, "eventType", c);
        }
        else
        {
            body = ev;
            c.EventId = Text(ev, "eventID", c);
            eventType = Text(ev, "eventType", c);
            publisher = Object(ev, "publisher", c) ?? default;
        }

        if (c.EventId is null)
        {
            return Reject(c, "dcsa.missing-field", $"The event at index {c.Index} has no eventID; give every event a unique eventID so that re-sending it is harmless.");
        }

        eventType ??= InferType(body);
        c.PublisherCarrier = publisher.ValueKind == JsonValueKind.Object ? Text(publisher, "carrierCode", c) : null;
        c.Source = c.PublisherCarrier is { } carrier ? "DCSA/" + carrier : "DCSA";
        return eventType switch
        {
            "EQUIPMENT" => MapEquipment(body, c),
            "IOT" => MapIot(body, c),
            "TRANSPORT" => MapTransport(body, c),
            null => Reject(c, "dcsa.missing-field", $"Event {c.EventId} has no eventType and no event type code to infer it from; send eventType EQUIPMENT, TRANSPORT or IOT."),
            _ => Skip(c, "dcsa.unsupported-event", $"Event {c.EventId} is a {eventType} event, which we do not record; only EQUIPMENT, TRANSPORT and IOT events are read."),
        };
    }

    private static string? InferType(JsonElement body) =>
        body.TryGetProperty("equipmentEventTypeCode", out _) ? "EQUIPMENT"
        : body.TryGetProperty("transportEventTypeCode", out _) ? "TRANSPORT"
        : body.TryGetProperty("iotEventCode", out _) ? "IOT"
        : null;

    private static DcsaEventResult MapEquipment(JsonElement body, Context c)
    {
        // TNT 2.x still accepts the deprecated eventTypeCode.
        var code = Text(body, "equipmentEventTypeCode", c) ?? Text(body, "eventTypeCode", c)
            ?? throw Missing(c, "equipmentEventTypeCode", "equipment events need LOAD, DISC, GTIN, GTOT, STUF, STRP, PICK, DROP, INSP, RSEA or RMVD");
        if (!DcsaCodes.TryMapEquipmentCode(code, out var type, out var sealRemoved))
        {
            return DcsaCodes.IsKnownUnmappedEquipmentCode(code)
                ? Skip(c, "dcsa.unsupported-code", $"Event {c.EventId} has equipmentEventTypeCode {code}, which is not a physical move of the container and is not recorded.")
                : Reject(c, "dcsa.unknown-code", $"Event {c.EventId} has unknown equipmentEventTypeCode '{code}'; use a DCSA code such as LOAD, DISC, GTIN or GTOT.");
        }

        if (NotActual(body, c) is { } skipped)
        {
            return skipped;
        }

        var at = Time(body, c);
        var container = Container(body, c);
        var transportCall = Object(body, "transportCall", c);
        var place = Place(body, transportCall, c)
            ?? throw Missing(c, "UNLocationCode", "give the place in eventLocation, location or transportCall.location");
        var seal = sealRemoved ? null : FirstSeal(body, c);
        var record = new ContainerEventRecord(
            c.EventId,
            container,
            type,
            at,
            place.UnLocode,
            place.Facility,
            seal,
            c.Source!,
            transportCall is { } tc ? TransportReference(tc, type == ContainerEventType.Discharge, c) : null,
            transportCall is { } tc2 ? InlandMode(tc2, c) : null,
            null,
            null,
            place.PlaceName);
        return new DcsaEventResult(c.Index, c.EventId, DcsaOutcome.ContainerEvent, ContainerEvent: record);
    }

    private static DcsaEventResult MapIot(JsonElement body, Context c)
    {
        // T&T 3 puts the codes in iotEventDetails; IoT 1 in the payload itself.
        var details = Object(body, "iotEventDetails", c);
        var code = Text(body, "iotEventCode", c) ?? (details is { } d ? Text(d, "iotEventCode", c) : null)
            ?? throw Missing(c, "iotEventCode", "IoT events need a code such as DRO, DOOR_OPENED, GEOFENCE_ENTRY or BREADCRUMB");
        if (!DcsaCodes.TryMapIotCode(code, out var type))
        {
            // Rejected, not skipped: quarantined, it can be replayed once the code is known.
            return Reject(c, "dcsa.unknown-code", $"Event {c.EventId} has unknown iotEventCode '{code}'; use a DCSA code such as DOOR_OPENED, DOOR_CLOSED, GEOFENCE_ENTRY or BREADCRUMB.");
        }

        if (NotActual(body, c) is { } skipped)
        {
            return skipped;
        }

        var at = Time(body, c);
        var container = Container(body, c);
        double? latitude = null, longitude = null;
        if (Object(body, "geoLocation", c) is { } geo)
        {
            latitude = Coordinate(geo, "latitude", 90, c);
            longitude = Coordinate(geo, "longitude", 180, c);
        }

        var place = Place(body, null, c);
        if (place is null && latitude is null)
        {
            throw Missing(c, "geoLocation", "an IoT event needs geoLocation latitude and longitude, or a location with a UNLocationCode");
        }

        // IoT events place themselves by coordinates; the record's UN/LOCODE is then empty, not guessed.
        var record = new ContainerEventRecord(
            c.EventId, container, type, at, place?.UnLocode ?? string.Empty, place?.Facility, null, c.Source!, null, null, latitude, longitude, place?.PlaceName);
        return new DcsaEventResult(c.Index, c.EventId, DcsaOutcome.ContainerEvent, ContainerEvent: record);
    }

    private static DcsaEventResult MapTransport(JsonElement body, Context c)
    {
        var code = Text(body, "transportEventTypeCode", c)
            ?? throw Missing(c, "transportEventTypeCode", "transport events need ARRI or DEPA");
        if (!DcsaCodes.TryMapTransportCode(code, out var kind))
        {
            return Reject(c, "dcsa.unknown-code", $"Event {c.EventId} has unknown transportEventTypeCode '{code}'; use ARRI (arrival) or DEPA (departure).");
        }

        var classifier = Classifier(body, c);
        var at = Time(body, c);
        var tc = Object(body, "transportCall", c);
        string? unLocode = null, imo = null, vesselName = null, voyage = null, carrier = null, mode = null, reference = null;
        if (tc is { } call)
        {
            unLocode = Place(body, call, c) is { PlaceName: null } known ? known.UnLocode : null;
            voyage = Text(call, "carrierVoyageNumber", c) ?? (kind == TransportCallEventKind.Arrival
                ? Text(call, "carrierImportVoyageNumber", c) ?? Text(call, "carrierExportVoyageNumber", c)
                : Text(call, "carrierExportVoyageNumber", c) ?? Text(call, "carrierImportVoyageNumber", c));
            mode = Text(call, "modeOfTransport", c);
            reference = Text(call, "transportCallReference", c) ?? Text(call, "transportCallID", c);
            if (Object(call, "vessel", c) is { } vessel)
            {
                imo = Text(vessel, "vesselIMONumber", c);
                vesselName = Text(vessel, "name", c) ?? Text(vessel, "vesselName", c);
                carrier = Text(vessel, "operatorCarrierCode", c) ?? Text(vessel, "vesselOperatorCarrierCode", c);
            }
        }
        else
        {
            unLocode = Place(body, null, c) is { PlaceName: null } known ? known.UnLocode : null;
        }

        var record = new TransportCallEventRecord(
            c.EventId!, kind, classifier, at, unLocode, imo, vesselName, voyage, carrier ?? c.PublisherCarrier, mode, reference, c.Source!);
        return new DcsaEventResult(c.Index, c.EventId, DcsaOutcome.TransportCallEvent, TransportCallEvent: record);
    }

    /// <summary>
    /// Estimated and planned equipment events are not container facts: a skipped result with a
    /// warning, so that the sender sees we read them and chose not to record them.
    /// </summary>
    private static DcsaEventResult? NotActual(JsonElement body, Context c)
    {
        var classifier = Classifier(body, c);
        return classifier == EventClassifier.Actual
            ? null
            : Skip(c, "dcsa.not-actual", $"Event {c.EventId} is {(classifier == EventClassifier.Estimated ? "an estimated (EST)" : "a planned (PLN)")} event; only actual (ACT) container events are recorded.");
    }

    private static EventClassifier Classifier(JsonElement body, Context c)
    {
        var code = Text(body, "eventClassifierCode", c)
            ?? throw Missing(c, "eventClassifierCode", "send ACT, EST or PLN");
        return DcsaCodes.TryMapClassifier(code, out var classifier)
            ? classifier
            : throw new EventProblem("dcsa.unknown-code", $"Event {c.EventId} has unknown eventClassifierCode '{code}'; use ACT, EST or PLN.");
    }

    private static DateTime Time(JsonElement body, Context c)
    {
        if (!body.TryGetProperty("eventDateTime", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Missing(c, "eventDateTime", "send when it happened as an ISO 8601 date-time with offset, e.g. 2025-03-03T14:05:00Z");
        }

        return ParseTime(value)
            ?? throw new EventProblem("dcsa.bad-date", $"Event {c.EventId} has eventDateTime {value.GetRawText()}, which is not an ISO 8601 date-time with offset; send e.g. 2025-03-03T14:05:00+01:00.");
    }

    /// <summary>
    /// RFC 3339 as DCSA requires: the offset is mandatory, since a local time without one is
    /// ambiguous. The raw bytes are checked for it before System.Text.Json's own ISO 8601 parser runs.
    /// </summary>
    internal static DateTime? ParseTime(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // The raw value as sent: 2025-03-03T10:15:00Z or ...+01:00. Escapes (some encoders write
        // + as \u002B) are undone only when present, which keeps the common case allocation-free.
        var raw = JsonMarshal.GetRawUtf8Value(value).Trim((byte)'"');
        if (raw.Contains((byte)'\\'))
        {
            raw = Encoding.UTF8.GetBytes(value.GetString()!);
        }

        if (raw.Length < 20 || raw[10] is not ((byte)'T' or (byte)'t'))
        {
            return null;
        }

        var hasOffset = raw[^1] is (byte)'Z' or (byte)'z' || raw[^6] is (byte)'+' or (byte)'-';
        return hasOffset && value.TryGetDateTimeOffset(out var parsed) ? parsed.UtcDateTime : null;
    }

    private static string Container(JsonElement body, Context c)
    {
        var text = Text(body, "equipmentReference", c)
            ?? throw Missing(c, "equipmentReference", "give the ISO 6346 container number");
        var parsed = ContainerNumber.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value.Value;
        }

        // Stored as sent and marked unverified by the writer: DCSA's own examples carry such numbers.
        if (text.Length > MaxContainerNumberLength)
        {
            throw new EventProblem("dcsa.bad-container", $"Event {c.EventId} has equipmentReference '{text}', longer than {MaxContainerNumberLength} characters; send the ISO 6346 number.");
        }

        c.Warnings.Add(IngestIssue.Warning("dcsa.unverified-container", $"Event {c.EventId}: {parsed.Error} It was stored as sent, marked unverified, and is matched only by this exact text.", c.Position));
        return text;
    }

    /// <summary>The longest equipment reference we store (DCSA equipmentReference is at most 11; EDIFACT allows 17).</summary>
    private const int MaxContainerNumberLength = 17;

    private readonly record struct Location(string UnLocode, string? Facility, string? PlaceName = null);

    /// <summary>
    /// The place, most specific first: the event's own location (TNT 3 location, TNT 2 eventLocation),
    /// then the transport call's location, then the TNT 2 transport call's own fields.
    /// </summary>
    private static Location? Place(JsonElement body, JsonElement? transportCall, Context c)
    {
        string? unLocode = null, facility = null;
        Collect(Object(body, "location", c), ref unLocode, ref facility, c);
        Collect(Object(body, "eventLocation", c), ref unLocode, ref facility, c);
        if (transportCall is { } tc)
        {
            Collect(Object(tc, "location", c), ref unLocode, ref facility, c);
            Collect(tc, ref unLocode, ref facility, c);
        }

        if (unLocode is null)
        {
            return null;
        }

        var parsed = UnLocode.Parse(unLocode);
        if (parsed.Success)
        {
            return new Location(parsed.Value.Value, facility);
        }

        c.Warnings.Add(IngestIssue.Warning("dcsa.not-a-locode", $"Event {c.EventId} has UNLocationCode '{unLocode}', which is not a UN/LOCODE; it was kept as a free-text place, send the five-character UN/LOCODE.", c.Position));
        return new Location("", facility, unLocode);
    }

    private static void Collect(JsonElement? candidate, ref string? unLocode, ref string? facility, Context c)
    {
        if (candidate is not { } place || (unLocode is not null && facility is not null))
        {
            return;
        }

        unLocode ??= Text(place, "UNLocationCode", c);
        facility ??= Text(place, "facilityCode", c);
    }

    /// <summary>The first seal: TNT 3 names the field number, TNT 2 sealNumber. One seal per event is what the record holds.</summary>
    private static string? FirstSeal(JsonElement body, Context c)
    {
        if (!body.TryGetProperty("seals", out var seals) || seals.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (seals.ValueKind != JsonValueKind.Array)
        {
            throw new EventProblem("dcsa.bad-field", $"Event {c.EventId} has seals that is not an array; send seals as a list of objects with a number.");
        }

        foreach (var seal in seals.EnumerateArray())
        {
            if (seal.ValueKind == JsonValueKind.Object && (Text(seal, "number", c) ?? Text(seal, "sealNumber", c)) is { } number)
            {
                return number;
            }
        }

        return null;
    }

    private static string? TransportReference(JsonElement tc, bool import, Context c) =>
        Text(tc, "carrierVoyageNumber", c)
        ?? (import
            ? Text(tc, "carrierImportVoyageNumber", c) ?? Text(tc, "carrierExportVoyageNumber", c)
            : Text(tc, "carrierExportVoyageNumber", c) ?? Text(tc, "carrierImportVoyageNumber", c))
        ?? Text(tc, "transportCallReference", c)
        ?? Text(tc, "transportCallID", c);

    /// <summary>The hinterland mode (TRUCK, RAIL, BARGE...); a vessel call is not an inland move.</summary>
    private static string? InlandMode(JsonElement tc, Context c) =>
        Text(tc, "modeOfTransport", c) is { } mode && mode != "VESSEL" ? mode : null;

    private static double Coordinate(JsonElement geo, string name, double limit, Context c)
    {
        if (!geo.TryGetProperty(name, out var value))
        {
            throw Missing(c, "geoLocation." + name, "give both latitude and longitude in decimal degrees");
        }

        double degrees;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out degrees),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out degrees),
            _ => (degrees = 0) != 0,
        };
        return ok && double.IsFinite(degrees) && Math.Abs(degrees) <= limit
            ? degrees
            : throw new EventProblem("dcsa.bad-field", $"Event {c.EventId} has geoLocation.{name} {value.GetRawText()}, which is not a number of degrees within ±{limit}; send decimal degrees.");
    }

    /// <summary>A string property, or a number given where a string was expected (IMO numbers); null when absent or null.</summary>
    private static string? Text(JsonElement obj, string name, Context c)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length > c.Options.MaxStringBytes)
                {
                    throw new EventProblem("dcsa.too-long", $"Event {c.EventId ?? "at index " + c.Index} has a {name} of {text.Length} characters, more than the {c.Options.MaxStringBytes} allowed; shorten it.");
                }

                return text.Length == 0 ? null : text;
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Null:
                return null;
            default:
                throw new EventProblem("dcsa.bad-field", $"Event {c.EventId ?? "at index " + c.Index} has {name} as {value.ValueKind.ToString().ToLowerInvariant()}, not text; send it as a JSON string.");
        }
    }

    private static JsonElement? Object(JsonElement obj, string name, Context c)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new EventProblem("dcsa.bad-field", $"Event {c.EventId ?? "at index " + c.Index} has {name} as {value.ValueKind.ToString().ToLowerInvariant()}, not an object; send it as a JSON object.");
    }

    private static EventProblem Missing(Context c, string field, string fix) =>
        new("dcsa.missing-field", $"Event {c.EventId ?? "at index " + c.Index} has no {field}; {fix}.");

    private static DcsaEventResult Reject(Context c, string code, string message) =>
        new(c.Index, c.EventId, DcsaOutcome.Rejected, Issue: IngestIssue.Error(code, message, c.Position));

    private static DcsaEventResult Skip(Context c, string code, string message) =>
        new(c.Index, c.EventId, DcsaOutcome.Skipped, Issue: IngestIssue.Warning(code, message, c.Position));

    private sealed class Context(int index, InputPosition position, DcsaReaderOptions options)
    {
        public int Index { get; } = index;

        public InputPosition Position { get; } = position;

        public DcsaReaderOptions Options { get; } = options;

        public string? EventId { get; set; }

        public string? Source { get; set; }

        public string? PublisherCarrier { get; set; }

        public List<IngestIssue> Warnings { get; } = [];
    }

    private sealed class EventProblem(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }
}
