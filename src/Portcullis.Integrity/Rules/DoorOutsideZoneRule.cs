using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// Doors opened where nobody should open them: at sea (loaded and not yet discharged) or at a fix
/// outside every authorised zone. Critical at sea (no legitimate reason), high on land (a driver's
/// stop, a warehouse nobody told us about). A fix within the fence band of a zone counts as inside:
/// GPS error must not turn a warehouse's loading dock into an alarm.
/// </summary>
public static class DoorOutsideZoneRule
{
    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        if (o.Kind != ObservationKind.DoorOpened || ReeferTamperingRule.Applies(input))
        {
            return null;
        }

        var where = input.Where(input.Options.DoorFixMaxAge);
        if (where is { } p && input.Zones.Covering(p.Latitude, p.Longitude, input.Options.Fence.BandMetres) is not null)
        {
            return null;
        }

        if (where is null && !input.Track.AtSea)
        {
            // Nowhere known and not at sea: cannot judge (a blind spot, see docs/INTEGRITY.md).
            return null;
        }

        var atSea = input.Track.AtSea;
        var reason = where is { } q
            ? Phrase.Of(atSea ? "AlarmWhy.DoorsAtSeaAt" : "AlarmWhy.DoorsOutside", o.ContainerNumber, RuleInput.Position(q), RuleInput.When(o.At))
            : Phrase.Of("AlarmWhy.DoorsAtSea", o.ContainerNumber, RuleInput.When(o.At));
        return new AlarmCandidate(AlarmKind.DoorOpenedOutsideZone, atSea ? AlarmSeverity.Critical : AlarmSeverity.High, o.ContainerNumber, o.At, reason,
            input.Evidence(o.HasFix ? null : input.Track.LastFix?.Evidence), $"door-outside:{o.ContainerNumber}:{o.Evidence}", input.Context.HubCode);
    }
}
