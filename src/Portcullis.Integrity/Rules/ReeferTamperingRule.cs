using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// A running reefer whose doors are opened outside every zone, or whose set point is changed by
/// more than <see cref="RuleOptions.ReeferToleranceC"/> from the declared one, in the
/// <see cref="RuleOptions.ReeferWindow"/> before arrival: high. Smugglers use the reefer machinery
/// and the cold cargo near the doors; a warmer set point keeps hands working, a door opened on the
/// approach is a rip-off before the terminal. Outside that window carriers adjust set points
/// routinely, so changes there are not alarms.
/// </summary>
public static class ReeferTamperingRule
{
    /// <summary>True when the observation is a reefer door opened in the window outside any zone (then this rule, not the door rule, speaks).</summary>
    public static bool Applies(RuleInput input) =>
        input.Observation.Kind == ObservationKind.DoorOpened && InWindow(input) && !InZone(input);

    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        if (!InWindow(input))
        {
            return null;
        }

        var context = input.Context;
        var before = context.ExpectedArrival!.Value - o.At;
        var ahead = before.TotalHours >= 1 ? Phrase.Of("AlarmWhy.BeforeArrival", before.TotalHours) : Phrase.Of("AlarmWhy.OnArrival");
        if (o.Kind == ObservationKind.ReeferSetPoint && o.SetPoint is { } set && Math.Abs(set - context.ReeferSetPoint!.Value) > input.Options.ReeferToleranceC)
        {
            return new AlarmCandidate(AlarmKind.ReeferTampering, AlarmSeverity.High, o.ContainerNumber, o.At,
                Phrase.Of("AlarmWhy.ReeferSetPoint", o.ContainerNumber, set, context.ReeferSetPoint!.Value, RuleInput.When(o.At), ahead),
                input.Evidence(), $"reefer-setpoint:{o.ContainerNumber}:{o.Evidence}", context.HubCode);
        }

        if (o.Kind == ObservationKind.DoorOpened && !InZone(input))
        {
            var reason = input.Where(input.Options.DoorFixMaxAge) is { } p ? Phrase.Of("AlarmWhy.ReeferOpenedAt", o.ContainerNumber, RuleInput.Position(p), RuleInput.When(o.At), ahead)
                : input.Track.AtSea ? Phrase.Of("AlarmWhy.ReeferOpenedAtSea", o.ContainerNumber, RuleInput.When(o.At), ahead)
                : Phrase.Of("AlarmWhy.ReeferOpened", o.ContainerNumber, RuleInput.When(o.At), ahead);
            return new AlarmCandidate(AlarmKind.ReeferTampering, AlarmSeverity.High, o.ContainerNumber, o.At, reason,
                input.Evidence(), $"reefer-opened:{o.ContainerNumber}:{o.Evidence}", context.HubCode);
        }

        return null;
    }

    private static bool InWindow(RuleInput input) =>
        input.Context is { ReeferSetPoint: not null, ExpectedArrival: { } eta }
        && input.Observation.At <= eta.AddHours(1) && eta - input.Observation.At <= input.Options.ReeferWindow;

    private static bool InZone(RuleInput input) =>
        input.Where(input.Options.DoorFixMaxAge) is { } p && input.Zones.Covering(p.Latitude, p.Longitude, input.Options.Fence.BandMetres) is not null;
}
