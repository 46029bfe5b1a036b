using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Readings;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// An electronic seal reports itself tampered (its wire cut or its bolt forced without opening):
/// high, wherever it is. An e-seal that reports "opened" is a door event and goes to
/// <see cref="DoorOutsideZoneRule"/>. One alarm per seal per day: a tampered seal keeps saying so.
/// </summary>
public static class SealTamperedRule
{
    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        if (o is not { Kind: ObservationKind.SealStatus, Seal: SealState.Tampered })
        {
            return null;
        }

        var reason = input.Where(input.Options.DoorFixMaxAge) is { } p
            ? Phrase.Of("AlarmWhy.SealTamperedAt", o.DeviceId ?? "", o.ContainerNumber, RuleInput.Position(p), RuleInput.When(o.At))
            : Phrase.Of("AlarmWhy.SealTampered", o.DeviceId ?? "", o.ContainerNumber, RuleInput.When(o.At));
        return new AlarmCandidate(AlarmKind.SealTampered, AlarmSeverity.High, o.ContainerNumber, o.At, reason,
            input.Evidence(), $"seal-tampered:{o.ContainerNumber}:{o.DeviceId}:{o.At:yyyy-MM-dd}", input.Context.HubCode);
    }
}
