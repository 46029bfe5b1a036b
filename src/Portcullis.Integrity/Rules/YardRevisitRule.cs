using Portcullis.Domain.Phrasing;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// A container moved back to a yard position it had left, with a door event in between: the rip-off
/// pattern inside a terminal, where a box is taken to a quiet corner, opened and put back. High.
/// Positions are compared as the terminal names them (block, row, bay), without case.
/// </summary>
public static class YardRevisitRule
{
    public static AlarmCandidate? Check(RuleInput input)
    {
        var o = input.Observation;
        if (o.Kind != ObservationKind.YardMove || o.Facility is not { Length: > 0 } position)
        {
            return null;
        }

        var visits = input.Track.YardVisits;
        var earlier = visits.FindLastIndex(v => string.Equals(v.Facility, position, StringComparison.OrdinalIgnoreCase) && v.At < o.At);
        if (earlier < 0 || earlier == visits.Count - 1 && string.Equals(visits[^1].Facility, position, StringComparison.OrdinalIgnoreCase))
        {
            // Never here, or still here (a repeated report of the same move).
            return null;
        }

        var first = visits[earlier];
        var door = input.Track.DoorEvents.LastOrDefault(d => d.At > first.At && d.At <= o.At);
        if (door.Evidence is null)
        {
            return null;
        }

        return new AlarmCandidate(AlarmKind.YardRevisit, AlarmSeverity.High, o.ContainerNumber, o.At,
            Phrase.Of("AlarmWhy.YardRevisit", o.ContainerNumber, position, RuleInput.When(o.At), RuleInput.When(first.At), RuleInput.When(door.At)),
            input.Evidence(first.Evidence, door.Evidence), $"yard-revisit:{o.ContainerNumber}:{o.Evidence}", input.Context.HubCode);
    }
}
