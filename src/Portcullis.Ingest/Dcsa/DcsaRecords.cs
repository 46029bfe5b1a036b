namespace Portcullis.Ingest.Dcsa;

/// <summary>Arrival or departure of a means of transport at a call (DCSA transportEventTypeCode ARRI, DEPA).</summary>
public enum TransportCallEventKind
{
    Arrival,
    Departure,
}

/// <summary>DCSA eventClassifierCode: whether the time is what happened, what is expected or what was planned.</summary>
public enum EventClassifier
{
    Actual,
    Estimated,
    Planned,
}

/// <summary>
/// A DCSA transport event: a vessel, barge, train or truck arriving at or departing from a call.
/// Unlike container events, estimated and planned times are kept (with their classifier), since an
/// expected arrival is exactly what pre-arrival targeting works from. Fields the sender leaves out
/// are null; <paramref name="UnLocode"/> is null when the call has no UN/LOCODE (a truck call, say).
/// </summary>
public sealed record TransportCallEventRecord(
    string EventId,
    TransportCallEventKind Kind,
    EventClassifier Classifier,
    DateTime OccurredAt,
    string? UnLocode,
    string? VesselImo,
    string? VesselName,
    string? CarrierVoyageNumber,
    string? CarrierCode,
    string? ModeOfTransport,
    string? TransportCallReference,
    string Source);

/// <summary>What became of one event of a DCSA payload.</summary>
public enum DcsaOutcome
{
    /// <summary>Mapped to <see cref="DcsaEventResult.ContainerEvent"/>.</summary>
    ContainerEvent,

    /// <summary>Mapped to <see cref="DcsaEventResult.TransportCallEvent"/>.</summary>
    TransportCallEvent,

    /// <summary>The sender withdrew an earlier event: <see cref="DcsaEventResult.RetractedEventId"/>.</summary>
    Retraction,

    /// <summary>Well formed but not something we record (shipment or reefer events, estimates); the issue is a warning.</summary>
    Skipped,

    /// <summary>Broken: the issue is an error that names the event and the problem.</summary>
    Rejected,
}

/// <summary>
/// One event of a payload, in payload order. <paramref name="Index"/> counts from 0 within the
/// payload; <paramref name="EventId"/> is the sender's eventID when it gave one.
/// <paramref name="Issue"/> is set for Skipped and Rejected (and carries the event's line and column);
/// <paramref name="Warnings"/> are what an accepted event was accepted despite.
/// </summary>
public sealed record DcsaEventResult(
    int Index,
    string? EventId,
    DcsaOutcome Outcome,
    ContainerEventRecord? ContainerEvent = null,
    TransportCallEventRecord? TransportCallEvent = null,
    string? RetractedEventId = null,
    IngestIssue? Issue = null,
    IReadOnlyList<IngestIssue>? Warnings = null);

/// <summary>Everything read from one payload; a broken event never hides the others.</summary>
public sealed record DcsaReadResult(IReadOnlyList<DcsaEventResult> Events)
{
    public IEnumerable<ContainerEventRecord> ContainerEvents =>
        Events.Where(e => e.ContainerEvent is not null).Select(e => e.ContainerEvent!);

    public IEnumerable<TransportCallEventRecord> TransportCallEvents =>
        Events.Where(e => e.TransportCallEvent is not null).Select(e => e.TransportCallEvent!);

    /// <summary>Skipped events' reasons and what accepted events were accepted despite (an unverified container number...).</summary>
    public IEnumerable<IngestIssue> Warnings =>
        Events.SelectMany(e => e.Outcome == DcsaOutcome.Skipped ? [e.Issue!] : e.Warnings ?? []);

    public IEnumerable<IngestIssue> Errors =>
        Events.Where(e => e.Outcome == DcsaOutcome.Rejected).Select(e => e.Issue!);
}

/// <summary>Guards against payloads that would cost more than they are worth.</summary>
public sealed record DcsaReaderOptions
{
    public static DcsaReaderOptions Default { get; } = new();

    /// <summary>Largest accepted payload; a callback of 100k events is about 150 MB in the v3 shape.</summary>
    public long MaxPayloadBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Deepest JSON nesting; DCSA events nest about six levels deep.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Longest accepted string value, in bytes; DCSA fields are at most a few hundred characters.</summary>
    public int MaxStringBytes { get; init; } = 4096;
}
