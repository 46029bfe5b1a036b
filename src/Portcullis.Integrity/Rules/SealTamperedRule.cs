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

        var where = input.Where(input.Options.DoorFixMaxAge) is { } p ? $" at {RuleInput.Position(p)}" : "";
        return new AlarmCandidate(AlarmKind.SealTampered, AlarmSeverity.High, o.ContainerNumber, o.At,
            $"Electronic seal {o.DeviceId} on container {o.ContainerNumber} reported tampering{where} at {RuleInput.When(o.At)}.",
            input.Evidence(), $"seal-tampered:{o.ContainerNumber}:{o.DeviceId}:{o.At:yyyy-MM-dd}", input.Context.HubCode);
    }
}
