using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// The seal number seen at discharge, at the gate or by an e-seal differs from every seal declared
/// on the manifest for this trip (and from every change reported since): the mark of rip-on/rip-off,
/// where the doors are opened, goods added or taken and a new seal fitted. High. Not at loading:
/// the seal fitted there starts a new trip, whose manifest may not be known yet. Numbers are compared
/// without spaces, dashes and case (ISO 17712 numbers are written many ways).
/// </summary>
public static class SealMismatchRule
{
    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        if (o.SealNumber is not { Length: > 0 } seen
            || o.Kind is not (ObservationKind.Discharge or ObservationKind.GateIn or ObservationKind.GateOut or ObservationKind.SealStatus)
            || input.Context.Seals.Count == 0)
        {
            return null;
        }

        var number = Normalise(seen);
        if (input.Context.Seals.Any(s => Normalise(s) == number) || input.Track.ReportedSeals.Contains(number))
        {
            return null;
        }

        var at = o.Kind switch
        {
            ObservationKind.Discharge => Phrase.Of("AlarmWhy.SeenAtDischarge"),
            ObservationKind.GateIn or ObservationKind.GateOut => Phrase.Of("AlarmWhy.SeenAtGate"),
            _ => Phrase.Of("AlarmWhy.SeenByESeal"),
        };
        var declared = string.Join(", ", input.Context.Seals);
        var reason = o.Facility is { Length: > 0 } f
            ? Phrase.Of("AlarmWhy.SealMismatchAt", o.ContainerNumber, seen, at, f, RuleInput.When(o.At), declared)
            : Phrase.Of("AlarmWhy.SealMismatch", o.ContainerNumber, seen, at, RuleInput.When(o.At), declared);
        return new AlarmCandidate(AlarmKind.SealMismatch, AlarmSeverity.High, o.ContainerNumber, o.At, reason,
            input.Evidence(), $"seal-mismatch:{o.ContainerNumber}:{number}", input.Context.HubCode);
    }

    public static string Normalise(string seal) =>
        string.Concat(seal.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
