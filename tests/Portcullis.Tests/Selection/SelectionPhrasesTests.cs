using Portcullis.Selection;
using Portcullis.Tests.Components;

namespace Portcullis.Tests.Selection;

/// <summary>The reasons the app writes for selections outside the planner, in English for the API and in Dutch for a page.</summary>
public sealed class SelectionPhrasesTests
{
    [Fact]
    public void A_watch_list_selection_says_its_listing_reason_as_written_after_a_Dutch_lead()
    {
        var phrase = SelectionPhrases.WatchList("front company of a known network");

        Assert.Equal("Attentielijst: front company of a known network", PhraseAssert.SaidInDutch(phrase, "Watch list: front company of a known network"));
    }

    [Fact]
    public void The_apps_history_notes_say_the_APIs_English_and_a_Dutch_page_its_Dutch()
    {
        Assert.Equal("Ingepland in de nachtdienst.", PhraseAssert.SaidInDutch(PlanPhrases.Planned("night"), "Planned in the night shift."));
        Assert.Equal("Met de hand geselecteerd (handmatig); ingepland in de late dienst.",
            PhraseAssert.SaidInDutch(SelectionPhrases.ByHand(SelectionReason.Manual, "late"), "Selected by hand (Manual); planned in the late shift."));
        Assert.Equal("Verdrongen door een alarmselectie van MSCU1234565.",
            PhraseAssert.SaidInDutch(SelectionPhrases.Displaced(SelectionReason.Alarm, "MSCU1234565"), "Displaced by an alarm selection of MSCU1234565."));
        Assert.Equal("Oordeel: fysieke controle nodig.", PhraseAssert.SaidInDutch(SelectionPhrases.SimulatedVerdict(ScanVerdict.NeedsPhysical), "Verdict NeedsPhysical."));
    }
}
