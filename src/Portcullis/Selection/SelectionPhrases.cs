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
/// </summary>
public static class SelectionPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(
        new Dictionary<string, string>
        {
            ["SelectionWhy.Alarm"] = "Integrity alarm {0} ({1}, {2}): {3}{4}",
            ["SelectionWhy.WatchList"] = "Watch list: {0}",
        }
        .Concat(Enum.GetNames<AlarmKind>().Select(k => KeyValuePair.Create("SelectionWhy.Kind." + k, k)))
        .Concat(Enum.GetNames<AlarmSeverity>().Select(s => KeyValuePair.Create("SelectionWhy.Severity." + s, s.ToLowerInvariant())))
        .ToDictionary(),
        AlarmPhrases.Catalogue);

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
}
