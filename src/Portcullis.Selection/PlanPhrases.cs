using Portcullis.Domain.Phrasing;

namespace Portcullis.Selection;

/// <summary>
/// The planner's reason for each pick ("Targeted: expected 12.5 kg (risk 0.05 × 250 kg), rank 3 of
/// 1,204.") as keys and English formats (<c>PlanWhy.*</c>). The English is the selection's stored
/// <c>Why</c>, what the API and the CLI read; the phrase is stored next to it so a page says it in the
/// reader's language and number format. The planner's note in a selection's history ("Planned in the
/// early shift.") is here too, with the shift's name as a phrase of its own (<c>PlanWhy.Shift.*</c>).
/// </summary>
public static class PlanPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        ["PlanWhy.Control"] = "Control: drawn uniformly at random ({0:0} of {1:N0}) to measure the true hit rate.",
        ["PlanWhy.Targeted"] = "Targeted: expected {0:0.##} kg (risk {1:0.###} × {2:0.#} kg), rank {3:0} of {4:N0}.",
        ["PlanWhy.Uncertain"] = "Exploration: among the most uncertain ({0:0.###}) of the units not targeted.",
        ["PlanWhy.Random"] = "Exploration: drawn at random among the units not targeted, to learn.",
        ["PlanWhy.Planned"] = "Planned in the {0} shift.",
        ["PlanWhy.Shift.early"] = "early",
        ["PlanWhy.Shift.late"] = "late",
        ["PlanWhy.Shift.night"] = "night",
    });

    /// <summary>A shift's name ("early", "late", "night") as a phrase, to nest in a note.</summary>
    public static Phrase Shift(string shift) => Phrase.Of("PlanWhy.Shift." + shift);

    /// <summary>The history note of a unit the planner put in a shift.</summary>
    public static Phrase Planned(string shift) => Phrase.Of("PlanWhy.Planned", Shift(shift));
}
