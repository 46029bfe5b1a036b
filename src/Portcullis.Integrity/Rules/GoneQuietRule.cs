using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// A device that reported and then fell silent for longer than <see cref="RuleOptions.QuietAfter"/>
/// while its trip is not over: medium. A seal that stops talking has been shielded, broken or cut
/// off, or its battery died; each needs a look. Checked on a timer (silence has no event), once
/// per silence: a new reading ends it. Not raised after the doors were opened in a consignee
/// warehouse or depot (the seal is removed there).
/// </summary>
public static class GoneQuietRule
{
    public static IEnumerable<AlarmCandidate> Check(string container, ContainerTrack track, ContainerContext? context, DateTime now, RuleOptions options)
    {
        if (track.Delivered)
        {
            yield break;
        }

        foreach (var (device, (last, raised)) in track.Devices.ToList())
        {
            if (raised || now - last < options.QuietAfter)
            {
                continue;
            }

            track.Devices[device] = (last, true);
            var reason = track.LastFix is { } f
                ? Phrase.Of("AlarmWhy.GoneQuietFix", device, container, RuleInput.When(last), (now - last).TotalHours, options.QuietAfter.TotalHours, RuleInput.Position((f.Latitude, f.Longitude)), RuleInput.When(f.At))
                : Phrase.Of("AlarmWhy.GoneQuiet", device, container, RuleInput.When(last), (now - last).TotalHours, options.QuietAfter.TotalHours);
            yield return new AlarmCandidate(AlarmKind.GoneQuiet, AlarmSeverity.Medium, container, last, reason,
                [$"reading:{device}/last"], $"quiet:{container}:{device}:{last:yyyyMMddHHmmss}", context?.HubCode);
        }
    }
}
