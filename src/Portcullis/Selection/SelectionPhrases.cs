using Portcullis.Domain.Phrasing;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Selection;

/// <summary>
/// The reasons the app writes for a selection it makes outside the planner (whose reasons are
/// <see cref="PlanPhrases"/>), as keys and English formats (<c>SelectionWhy.*</c>): from an alarm
/// ("Integrity alarm SealChanged (high, …): detail note", the alarm's detail phrase of
/// <see cref="AlarmPhrases"/> nested inside) and from the watch list. The English names the alarm's
/// kind and severity by their codes, as the API always did; the kind and severity keys say those codes
/// in English and in Dutch. The alarm's id, the supervisor's note and the watch-list reason are text.
/// The notes the app writes in a selection's history outside the planner (a selection by hand, the one
/// it displaces, a sanctions case, the simulated inspections) are here too; their English is the
/// stored <c>Note</c>, what the API and the CLI read. Unit names, hit ids and list entries are text.
/// </summary>
public static class SelectionPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(
        new Dictionary<string, string>
        {
            ["SelectionWhy.Alarm"] = "Integrity alarm {0} ({1}, {2}): {3}{4}",
            ["SelectionWhy.WatchList"] = "Watch list: {0}",
            ["SelectionWhy.ByHand"] = "Selected by hand ({0}); planned in the {1} shift.",
            ["SelectionWhy.ByHand.Manual"] = "Manual",
            ["SelectionWhy.ByHand.Alarm"] = "Alarm",
            ["SelectionWhy.Displaced"] = "Displaced by {0} of {1}.",
            ["SelectionWhy.Displaced.Manual"] = "a manual selection",
            ["SelectionWhy.Displaced.Alarm"] = "an alarm selection",
            ["SelectionWhy.SanctionsReplaced"] = "Replaced by a sanctions case ({0} entry {1}).",
            ["SelectionWhy.SanctionsHeld"] = "Sanctions case of hit {0}; release held.",
            ["SelectionWhy.Simulated.Scheduled"] = "Scheduled by the simulation.",
            ["SelectionWhy.Simulated.Scanned"] = "Scanned.",
            ["SelectionWhy.Simulated.Verdict"] = "Verdict {0}.",
            ["SelectionWhy.Simulated.Physical"] = "Physical inspection.",
            ["SelectionWhy.Simulated.ClosedWithFindings"] = "Closed with findings.",
            ["SelectionWhy.Simulated.ClosedNothingFound"] = "Closed, nothing found.",
        }
        .Concat(Enum.GetNames<ScanVerdict>().Select(v => KeyValuePair.Create("SelectionWhy.Verdict." + v, v)))
        .Concat(Enum.GetNames<AlarmKind>().Select(k => KeyValuePair.Create("SelectionWhy.Kind." + k, k)))
        .Concat(Enum.GetNames<AlarmSeverity>().Select(s => KeyValuePair.Create("SelectionWhy.Severity." + s, s.ToLowerInvariant())))
        .ToDictionary(),
        AlarmPhrases.Catalogue, PlanPhrases.Catalogue);

    /// <summary>
    /// The reason as a phrase; null for an alarm stored before phrases existed (its English detail
    /// cannot be said in Dutch, so the page shows the whole stored reason in English).
    /// </summary>
    /// <param name="alarm">The alarm the selection is made from.</param>
    /// <param name="note">The supervisor's note with its leading space, or empty.</param>
    public static Phrase? Alarm(IntegrityAlarm alarm, string note)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.DetailPhrase is { } detail
            ? Phrase.Of("SelectionWhy.Alarm", Phrase.Of("SelectionWhy.Kind." + alarm.Kind), Phrase.Of("SelectionWhy.Severity." + alarm.Severity),
                alarm.Id.ToString(), detail, note)
            : null;
    }

    /// <summary>A unit selected because a party on it is on the watch list, with the listing's reason.</summary>
    public static Phrase WatchList(string reason) => Phrase.Of("SelectionWhy.WatchList", reason);

    /// <summary>The history note of a unit selected by hand (manual or from an alarm), planned in a shift.</summary>
    public static Phrase ByHand(SelectionReason reason, string shift) =>
        Phrase.Of("SelectionWhy.ByHand", Phrase.Of("SelectionWhy.ByHand." + reason), PlanPhrases.Shift(shift));

    /// <summary>The note (and release reason) of a planned control displaced by a selection by hand of another unit.</summary>
    public static Phrase Displaced(SelectionReason reason, string unit) =>
        Phrase.Of("SelectionWhy.Displaced", Phrase.Of("SelectionWhy.Displaced." + reason), unit);

    /// <summary>The note of a planned control whose slot a sanctions case takes; the list's source code and entry id are text.</summary>
    public static Phrase SanctionsReplaced(string source, string entryId) => Phrase.Of("SelectionWhy.SanctionsReplaced", source, entryId);

    /// <summary>The note of a sanctions case's own control, which holds the release.</summary>
    public static Phrase SanctionsHeld(string hitId) => Phrase.Of("SelectionWhy.SanctionsHeld", hitId);

    /// <summary>The simulated inspection's verdict note ("Verdict Clear."), the verdict's code said in each language.</summary>
    public static Phrase SimulatedVerdict(ScanVerdict? verdict) => Phrase.Of("SelectionWhy.Simulated.Verdict", verdict is { } v ? Phrase.Of("SelectionWhy.Verdict." + v) : (PhraseArg)"");

    /// <summary>The English of a note: what the API and the CLI read.</summary>
    public static string Say(Phrase phrase) => Catalogue.Say(phrase);
}
