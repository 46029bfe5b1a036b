using System.Text.Json;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Dcsa;

/// <summary>
/// Writes container events as a TNT 3 callback body: a JSON array of equipment events in the
/// metadata/payload shape, with door events as IoT 1.0 events. The eventID is the event's own Guid,
/// so writing the same events twice gives the same ids and a receiver can drop the repeats.
/// All events are actual (ACT). DCSA has no code for a yard move, so YardMove events are left out
/// (the return value counts what was written). Door events carry a <c>location</c> with the
/// UN/LOCODE, which IoT 1.0 does not define but which DcsaEventReader reads, since our door events
/// have a place and no coordinates.
/// </summary>
public static class DcsaEventWriter
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText Payload = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventID");
    private static readonly JsonEncodedText EventCreatedDateTime = JsonEncodedText.Encode("eventCreatedDateTime");
    private static readonly JsonEncodedText EventType = JsonEncodedText.Encode("eventType");
    private static readonly JsonEncodedText Publisher = JsonEncodedText.Encode("publisher");
    private static readonly JsonEncodedText PartyName = JsonEncodedText.Encode("partyName");
    private static readonly JsonEncodedText PublisherRole = JsonEncodedText.Encode("publisherRole");
    private static readonly JsonEncodedText EventClassifierCode = JsonEncodedText.Encode("eventClassifierCode");
    private static readonly JsonEncodedText EventDateTime = JsonEncodedText.Encode("eventDateTime");
    private static readonly JsonEncodedText EquipmentEventTypeCode = JsonEncodedText.Encode("equipmentEventTypeCode");
    private static readonly JsonEncodedText IotEventTypeCode = JsonEncodedText.Encode("iotEventTypeCode");
    private static readonly JsonEncodedText IotEventCode = JsonEncodedText.Encode("iotEventCode");
    private static readonly JsonEncodedText EquipmentReference = JsonEncodedText.Encode("equipmentReference");
    private static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    private static readonly JsonEncodedText LocationType = JsonEncodedText.Encode("locationType");
    private static readonly JsonEncodedText UnLocationCode = JsonEncodedText.Encode("UNLocationCode");
    private static readonly JsonEncodedText FacilityCode = JsonEncodedText.Encode("facilityCode");
    private static readonly JsonEncodedText FacilityCodeListProvider = JsonEncodedText.Encode("facilityCodeListProvider");
    private static readonly JsonEncodedText Seals = JsonEncodedText.Encode("seals");
    private static readonly JsonEncodedText Number = JsonEncodedText.Encode("number");
    private static readonly JsonEncodedText Equipment = JsonEncodedText.Encode("EQUIPMENT");
    private static readonly JsonEncodedText Iot = JsonEncodedText.Encode("IOT");
    private static readonly JsonEncodedText Actual = JsonEncodedText.Encode("ACT");

    /// <summary>Writes the array; returns how many events were written (YardMove events are not).</summary>
    public static int Write(Stream output, IEnumerable<ContainerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(events);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartArray();
        var written = 0;
        foreach (var e in events)
        {
            if (WriteEvent(writer, e))
            {
                written++;
            }

            if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        return written;
    }

    /// <summary>As <see cref="Write"/>, flushing to the stream asynchronously.</summary>
    public static async Task<int> WriteAsync(Stream output, IEnumerable<ContainerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(events);
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            var written = 0;
            foreach (var e in events)
            {
                if (WriteEvent(writer, e))
                {
                    written++;
                }

                if (writer.BytesPending > FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return written;
        }
    }

    private static bool WriteEvent(Utf8JsonWriter w, ContainerEvent e)
    {
        var door = e.Type is ContainerEventType.DoorOpened or ContainerEventType.DoorClosed;
        var code = door ? null : DcsaCodes.EquipmentCodeFor(e.Type, e.SealNumber is not null);
        if (!door && code is null)
        {
            return false;
        }

        var at = Utc(e.OccurredAt);
        w.WriteStartObject();
        w.WriteStartObject(Metadata);
        w.WriteString(EventId, e.Id.ToString("D"));
        w.WriteString(EventCreatedDateTime, at);
        w.WriteString(EventType, door ? Iot : Equipment);
        w.WriteStartObject(Publisher);
        w.WriteString(PartyName, e.Source);
        w.WriteEndObject();

        // TR: terminal, the party that reports moves of boxes in its yard.
        w.WriteString(PublisherRole, "TR");
        w.WriteEndObject();

        w.WriteStartObject(Payload);
        if (!door)
        {
            w.WriteString(EventType, Equipment);
        }

        w.WriteString(EventClassifierCode, Actual);
        w.WriteString(EventDateTime, at);
        if (door)
        {
            w.WriteString(IotEventTypeCode, "DETC");
            w.WriteString(IotEventCode, e.Type == ContainerEventType.DoorOpened ? "DRO" : "DRC");
        }
        else
        {
            w.WriteString(EquipmentEventTypeCode, code);
        }

        w.WriteString(EquipmentReference, e.ContainerNumber);
        w.WriteStartObject(Location);
        w.WriteString(LocationType, e.Facility is null ? "UNLO" : "FACI");
        w.WriteString(UnLocationCode, e.UnLocode);
        if (e.Facility is not null)
        {
            w.WriteString(FacilityCode, e.Facility);
            w.WriteString(FacilityCodeListProvider, "SMDG");
        }

        w.WriteEndObject();
        if (!door && e.SealNumber is not null)
        {
            w.WriteStartArray(Seals);
            w.WriteStartObject();
            w.WriteString(Number, e.SealNumber);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        return true;
    }

    /// <summary>Stored times are UTC; an unspecified kind is taken as UTC so the output always says Z.</summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
