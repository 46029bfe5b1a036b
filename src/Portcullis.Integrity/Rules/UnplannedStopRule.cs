using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// Two ways a box waits where it should not: on the road (after gate-out) it stands still for
/// longer than <see cref="RuleOptions.StopDuration"/> outside every authorised zone; or at sea it is
/// discharged in a port that is not on its declared route, or waits in a transshipment port longer
/// than <see cref="RuleOptions.TransshipmentDwell"/> before it is loaded again. Medium: drivers
/// rest and vessels change plans, but this is where goods are added or taken.
/// </summary>
public static class UnplannedStopRule
{
    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        var track = input.Track;
        var options = input.Options;
        if (o.Kind == ObservationKind.Discharge && o.Place is { } port && input.Context.Ports.Count > 0
            && !input.Context.Ports.Contains(port, StringComparer.OrdinalIgnoreCase))
        {
            return new AlarmCandidate(AlarmKind.UnplannedStop, AlarmSeverity.Medium, o.ContainerNumber, o.At,
                Phrase.Of("AlarmWhy.UnplannedPort", o.ContainerNumber, port, RuleInput.When(o.At), string.Join(", ", input.Context.Ports)),
                input.Evidence(), $"unplanned-port:{o.ContainerNumber}:{port}:{o.At:yyyyMMddHHmm}", input.Context.HubCode);
        }

        if (o.Kind == ObservationKind.Load && track.LastDischarge is { } d && o.Place is { } here
            && string.Equals(d.Place, here, StringComparison.OrdinalIgnoreCase) && o.At - d.At > options.TransshipmentDwell)
        {
            return new AlarmCandidate(AlarmKind.UnplannedStop, AlarmSeverity.Medium, o.ContainerNumber, o.At,
                Phrase.Of("AlarmWhy.TransshipDwell", o.ContainerNumber, (o.At - d.At).TotalDays, here, RuleInput.When(d.At), RuleInput.When(o.At), options.TransshipmentDwell.TotalDays),
                input.Evidence(d.Evidence), $"transship-dwell:{o.ContainerNumber}:{here}:{d.At:yyyyMMddHHmm}", input.Context.HubCode);
        }

        if (!o.HasFix || !track.OnRoad)
        {
            return null;
        }

        var lat = o.Latitude!.Value;
        var lon = o.Longitude!.Value;
        if (input.Zones.Covering(lat, lon, options.Fence.BandMetres) is not null)
        {
            track.StopAnchor = null;
            track.StopRaised = false;
            return null;
        }

        if (track.StopAnchor is not { } anchor || Geofences.Zone.DistanceMetres(anchor.Latitude, anchor.Longitude, lat, lon) > options.StopRadiusMetres)
        {
            track.StopAnchor = new ContainerTrack.Fix(lat, lon, o.At, o.Evidence);
            track.StopRaised = false;
            return null;
        }

        if (track.StopRaised || o.At - anchor.At < options.StopDuration)
        {
            return null;
        }

        track.StopRaised = true;
        return new AlarmCandidate(AlarmKind.UnplannedStop, AlarmSeverity.Medium, o.ContainerNumber, anchor.At,
            Phrase.Of("AlarmWhy.RoadStop", o.ContainerNumber, RuleInput.Position((anchor.Latitude, anchor.Longitude)), RuleInput.When(anchor.At), (o.At - anchor.At).TotalHours),
            input.Evidence(anchor.Evidence), $"stop:{o.ContainerNumber}:{anchor.At:yyyyMMddHHmm}", input.Context.HubCode);
    }
}
