using Portcullis.Domain.Phrasing;

namespace Portcullis.Integrity.Alarms;

/// <summary>
/// An alarm a rule wants raised: pure data, so rules stay testable with a list of observations
/// and a clock. The app's <c>AlarmStore</c> decides whether it is new, a repeat (deduplicated by
/// <paramref name="DedupKey"/>) or over the container's rate limit, and stores it.
/// </summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Severity">Critical alarms go to the hub's supervisors at once.</param>
/// <param name="ContainerNumber">As stored on the events and readings.</param>
/// <param name="EventAt">When it happened (event time); default when nothing happened (silence).</param>
/// <param name="Reason">One plain-language sentence a supervisor can act on, in English (the API's and the CLI's).</param>
/// <param name="Evidence">The events and readings that show it, as "event:{id}" or "reading:{device}/{id}".</param>
/// <param name="DedupKey">Equal keys are the same alarm, e.g. "seal-tampered:MSCU1234565:2026-12-06".</param>
/// <param name="Phrase">The same sentence as a phrase of <see cref="AlarmPhrases"/>, for pages in the reader's language; null for a reason written elsewhere.</param>
/// <param name="HubCode">The hub whose supervisors act; null when the rule does not know (the store looks it up from the container's consignments).</param>
public sealed record AlarmCandidate(
    AlarmKind Kind,
    AlarmSeverity Severity,
    string ContainerNumber,
    DateTime EventAt,
    string Reason,
    IReadOnlyList<string> Evidence,
    string DedupKey,
    string? HubCode = null,
    Phrase? Phrase = null)
{
    /// <summary>A candidate whose reason is the English of <paramref name="reason"/>, the phrase kept with it.</summary>
    public AlarmCandidate(AlarmKind kind, AlarmSeverity severity, string containerNumber, DateTime eventAt, Phrase reason, IReadOnlyList<string> evidence, string dedupKey, string? hubCode)
        : this(kind, severity, containerNumber, eventAt, AlarmPhrases.Catalogue.Say(reason), evidence, dedupKey, hubCode, reason)
    {
    }
}
