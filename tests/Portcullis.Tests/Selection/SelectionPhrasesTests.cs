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
}
