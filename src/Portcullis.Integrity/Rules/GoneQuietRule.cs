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
            var where = track.LastFix is { } f ? $"; last fix {RuleInput.Position((f.Latitude, f.Longitude))} at {RuleInput.When(f.At)}" : "";
            yield return new AlarmCandidate(AlarmKind.GoneQuiet, AlarmSeverity.Medium, container, last,
                $"Device {device} on container {container} has sent nothing since {RuleInput.When(last)} ({(now - last).TotalHours:0} h; the norm is {options.QuietAfter.TotalHours:0} h){where}.",
                [$"reading:{device}/last"], $"quiet:{container}:{device}:{last:yyyyMMddHHmmss}", context?.HubCode);
        }
    }
}
