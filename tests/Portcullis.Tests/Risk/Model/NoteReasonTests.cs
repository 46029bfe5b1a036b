using Portcullis.Domain.Phrasing;
using Portcullis.Parties.Networks;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;
using Portcullis.Tests.Components;

namespace Portcullis.Tests.Risk.Model;

/// <summary>
/// A column another library explains (the network's hops to a hit) becomes a model reason with that
/// library's words: the English note for the API, its phrase for a page, said in Dutch.
/// </summary>
public sealed class NoteReasonTests
{
    [Fact]
    public void A_network_note_is_the_reason_in_English_and_its_phrase_is_said_in_Dutch()
    {
        // The network column carries the label here (one link from a hit for every hit, none otherwise), so
        // the model must use it and name it among its top reasons.
        var cases = SyntheticDeclarations.Generate(4_000, seed: 5, rowsPerDay: 400).Select(c =>
        {
            var near = c.Label?.Hit == true;
            var numeric = new Dictionary<string, double>(c.Numeric, StringComparer.Ordinal) { [NetworkFeatures.HopsColumn] = near ? 1 : 3 };
            if (!near)
            {
                return c with { Numeric = numeric };
            }

            var edge = new NetworkEdge(Guid.NewGuid(), Guid.NewGuid(), LinkKind.Phone, "+31205550101", "+31205550101", new DateOnly(2026, 10, 1));
            var phrase = NetworkPhrases.Hit("Caught Trading", new NetworkOutcome(Guid.NewGuid(), new DateOnly(2026, 10, 3), "cocaine"), [edge]);
            var note = NetworkPhrases.Catalogue.Say(phrase);
            return c with
            {
                Numeric = numeric,
                NumericNotes = new Dictionary<string, string> { [NetworkFeatures.HopsColumn] = note },
                NumericNotePhrases = new Dictionary<string, Phrase> { [NetworkFeatures.HopsColumn] = phrase },
            };
        }).ToList();
        var split = cases[3_000].Date.Date;
        var model = RiskTrainer.Train(cases, new TrainingOptions { To = split.AddDays(-1), Grid = [new(15, 0.1, 60, 20, false)] }, CancellationToken.None);

        var scores = model.ScoreAll(cases, i => cases[i].Date >= split && cases[i].NumericNotes.Count > 0, explain: true, CancellationToken.None);
        var reasons = scores.Where(s => s is not null).SelectMany(s => s!.Top).Where(t => t.Feature == NetworkFeatures.HopsColumn).ToList();

        Assert.NotEmpty(reasons);
        Assert.All(reasons, r =>
        {
            Assert.Equal("1 hop from Caught Trading, which had a cocaine hit known on 2026-10-03, via the same phone +31205550101", r.Description);
            Assert.Equal(
                "1 stap van Caught Trading, dat een treffer (cocaïne) had, bekend sinds 2026-10-03, via hetzelfde telefoonnummer +31205550101",
                PhraseAssert.SaidInDutch(Assert.IsType<Phrase>(r.Phrase), r.Description));
        });
    }
}
