using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// A container under customs control (an open secure-lane order) leaves a secured area before its
/// control closes: critical. The exit is a fence crossing with hysteresis
/// (<see cref="FenceTracker"/>), so a box standing at the fence while its GPS scatters across it
/// does not alarm. Fixes update the fence state of every container, controlled or not, so that the
/// side is known when a control opens.
/// </summary>
public static class SecuredAreaExitRule
{
    /// <summary>Fixes further than this from a secured area do not start tracking it (keeps state small).</summary>
    private const double NearDegrees = 0.02;

    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        if (!o.HasFix)
        {
            return null;
        }

        AlarmCandidate? alarm = null;
        foreach (var zone in input.Zones.Zones)
        {
            if (zone.Kind != ZoneKind.SecuredArea)
            {
                continue;
            }

            if (!input.Track.Fences.TryGetValue(zone.Id, out var tracker))
            {
                var env = zone.Envelope;
                if (o.Longitude < env.MinX - NearDegrees || o.Longitude > env.MaxX + NearDegrees || o.Latitude < env.MinY - NearDegrees || o.Latitude > env.MaxY + NearDegrees)
                {
                    continue;
                }

                tracker = new FenceTracker();
                input.Track.Fences[zone.Id] = tracker;
            }

            var crossing = tracker.Observe(zone.Place(o.Latitude!.Value, o.Longitude!.Value, input.Options.Fence.BandMetres), o.At, input.Options.Fence);
            if (crossing is { To: FenceSide.Outside } && input.Context.UnderControl)
            {
                alarm = new AlarmCandidate(AlarmKind.YardMove, AlarmSeverity.Critical, o.ContainerNumber, crossing.At,
                    Phrase.Of("AlarmWhy.SecuredExit", o.ContainerNumber, zone.Name, RuleInput.When(crossing.At), RuleInput.When(crossing.ConfirmedAt), input.Options.Fence.BandMetres),
                    input.Evidence(), $"secured-exit:{o.ContainerNumber}:{zone.Id}:{crossing.At:yyyyMMddHHmmss}", zone.HubCode);
            }
        }

        return alarm;
    }
}
