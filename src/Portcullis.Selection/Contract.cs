namespace Portcullis.Selection;

/// <summary>Why a unit was chosen; recorded on every selection.</summary>
public enum SelectionReason
{
    /// <summary>Chosen for its expected value: the exploit part.</summary>
    Targeted,

    /// <summary>Chosen to learn: the most uncertain units, and some at random.</summary>
    Exploration,

    /// <summary>Drawn uniformly at random, whatever its risk, to measure the true hit rate without bias.</summary>
    Control,

    /// <summary>Chosen by an analyst on intelligence (or a watch-list hit), with a reason.</summary>
    Manual,

    /// <summary>Chosen because an alarm (seal, sensor, secure lane) pointed at it.</summary>
    Alarm,

    /// <summary>A sanctions case: a party on it is a confirmed sanctions hit; the case holds its release.</summary>
    Sanctions,
}

/// <summary>A unit that could be controlled: a container, or a consignment where there is no container.</summary>
/// <param name="Unit">Container number or consignment reference; unique within a plan.</param>
/// <param name="Risk">Probability-like hit chance, 0–1.</param>
/// <param name="ExpectedKg">Kilograms expected if it is a hit.</param>
/// <param name="Uncertainty">How little is known about it (higher: less); 0 or more.</param>
/// <param name="ReadyAt">The earliest moment it can be controlled (arrival, discharge).</param>
public sealed record Candidate(string Unit, double Risk, double ExpectedKg, double Uncertainty, DateTime ReadyAt);

/// <summary>One shift of the day with its scanner slots.</summary>
public sealed record Shift(string Name, DateTime Start, DateTime End, int Capacity);

/// <summary>The shares of a day's capacity that are not chosen by value.</summary>
public sealed record SelectionPolicy(double ExplorationShare = 0.10, double UncertaintyShareOfExploration = 0.5, double ControlShare = 0.02);

/// <summary>A slot already used (manual, alarm or an earlier fill): it counts against capacity, and its unit is not a candidate again.</summary>
public sealed record Taken(string Unit, int ShiftIndex);

/// <summary>One unit chosen, in which shift and why: <paramref name="Why"/> in English, <paramref name="WhyPhrase"/> the same as a phrase of <see cref="PlanPhrases"/>.</summary>
public sealed record Pick(string Unit, int ShiftIndex, SelectionReason Reason, double ExpectedValue, double Risk, double Uncertainty, bool WouldBeTargeted, string Why,
    Domain.Phrasing.Phrase? WhyPhrase = null);

/// <summary>A day's picks; <see cref="TargetedThresholdValue"/> is the lowest expected value that was targeted (infinity when nothing was).</summary>
public sealed record DayPlan(IReadOnlyList<Pick> Picks, int Capacity, int Candidates, double TargetedThresholdValue);
