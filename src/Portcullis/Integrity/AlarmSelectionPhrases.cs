using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity;

/// <summary>
/// The reason of a selection made from an alarm ("Integrity alarm SealChanged (high, …): detail note")
/// as keys and English formats (<c>SelectionWhy.*</c>), with the alarm's detail phrase
/// (<see cref="AlarmPhrases"/>) nested inside, so a page says the whole reason in the reader's
/// language. The English names the kind and severity by their codes, as the API always did; the
/// kind and severity keys say those codes in English and in Dutch. The alarm's id and the
/// supervisor's note are text.
/// </summary>
public static class AlarmSelectionPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(
        new Dictionary<string, string>
        {
            ["SelectionWhy.Alarm"] = "Integrity alarm {0} ({1}, {2}): {3}{4}",
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
    public static Phrase? Of(IntegrityAlarm alarm, string note)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.DetailPhrase is { } detail
            ? Phrase.Of("SelectionWhy.Alarm", Phrase.Of("SelectionWhy.Kind." + alarm.Kind), Phrase.Of("SelectionWhy.Severity." + alarm.Severity),
                alarm.Id.ToString(), detail, note)
            : null;
    }
}
