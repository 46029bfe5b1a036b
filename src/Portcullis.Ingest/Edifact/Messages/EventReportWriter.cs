using System.Globalization;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// Writes container events as COARRI (Load, Discharge) or CODECO (GateIn, GateOut), as
/// <see cref="CoarriMapping"/> and <see cref="CodecoMapping"/> read them.
/// </summary>
public static class EventReportWriter
{
    /// <summary>Whether the event type has an EDIFACT report here, and which message carries it.</summary>
    public static string? MessageTypeFor(ContainerEventType type) => type switch
    {
        ContainerEventType.Load or ContainerEventType.Discharge => "COARRI",
        ContainerEventType.GateIn or ContainerEventType.GateOut => "CODECO",
        _ => null,
    };

    /// <summary>One report message; every event must be of <paramref name="type"/>. <paramref name="movement"/> fills TDT.</summary>
    public static void Write(EdifactWriter writer, string messageReference, ContainerEventType type, IReadOnlyList<ContainerEvent> events, TransportMovement? movement = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        var messageType = MessageTypeFor(type) ?? throw new ArgumentException($"Event type {type} has no COARRI or CODECO report; only Load, Discharge, GateIn and GateOut do.", nameof(type));
        var (bgm, locQualifier, dtmQualifier) = type switch
        {
            ContainerEventType.Discharge => ("98", "11", "203"),
            ContainerEventType.Load => ("270", "9", "203"),
            ContainerEventType.GateIn => ("34", "165", "7"),
            _ => ("36", "165", "7"),
        };
        writer.BeginMessage(messageReference, messageType);
        writer.WriteSegment("BGM", bgm, messageReference, "9");
        if (movement is not null)
        {
            CuscarWriter.WriteTransport(writer, movement);
        }

        foreach (var e in events)
        {
            if (e.Type != type)
            {
                throw new ArgumentException($"Event {e.Id} is {e.Type}, not {type}; write one report per event type.", nameof(events));
            }

            writer.WriteSegment("EQD", "CN", e.ContainerNumber);
            writer.WriteSegment("DTM", EdifactDates.Dtm(dtmQualifier, e.OccurredAt));
            writer.WriteSegment("LOC", locQualifier, EdifactDates.Place(e.UnLocode), EdifactElement.Of(e.Facility, e.Facility is null ? null : "TER", e.Facility is null ? null : "ZZZ"));
            if (e.SealNumber is not null)
            {
                writer.WriteSegment("SEL", e.SealNumber, "CA");
            }
        }

        writer.EndMessage();
    }

    /// <summary>
    /// A whole interchange file: one report per event type and movement, for the event types that
    /// have one. Returns the number of events written.
    /// </summary>
    public static int WriteInterchange(Stream stream, InterchangeEnvelope envelope, IEnumerable<ContainerEvent> events, IReadOnlyDictionary<Guid, TransportMovement>? movements = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var groups = events.Where(e => MessageTypeFor(e.Type) is not null)
            .GroupBy(e => (e.Type, e.MovementId))
            .ToList();
        using var writer = new EdifactWriter(stream, envelope.SyntaxIdentifier, leaveOpen: true);
        writer.BeginInterchange(envelope);
        var written = 0;
        var reference = 0;
        foreach (var group in groups)
        {
            reference++;
            TransportMovement? movement = null;
            if (group.Key.MovementId is { } id)
            {
                movements?.TryGetValue(id, out movement);
            }

            var list = group.ToList();
            Write(writer, reference.ToString(CultureInfo.InvariantCulture), group.Key.Type, list, movement);
            written += list.Count;
        }

        writer.EndInterchange();
        return written;
    }
}
