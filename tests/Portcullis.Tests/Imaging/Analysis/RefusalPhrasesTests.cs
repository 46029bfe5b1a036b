using System.Text.RegularExpressions;
using Portcullis.Domain.Phrasing;
using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Synthesis;
using Portcullis.Tests.Components;
using AnalysisKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// Refusals as the analysers give them ("cannot analyse: …", "cannot compare: …") are phrases too: their
/// English is the sentence the API and the CLI always had, and a Dutch page says them with no English
/// template text left and the same numbers in Dutch notation.
/// </summary>
public sealed partial class RefusalPhrasesTests
{
    private static readonly ScanSubject Parcel = new(AnalysisKind.Parcel);

    private static readonly ScanSubject Container = new(AnalysisKind.Container);

    [Fact]
    public void Blank_saturated_preview_and_tiny_scans_are_refused_in_Dutch_with_their_numbers()
    {
        var token = TestContext.Current.CancellationToken;
        var halfBlack = Flat(40000);
        Array.Fill(halfBlack.Frames[0].Pixels, (ushort)0, 0, 300 * 200);
        var refused = new (AnalysisOutcome Outcome, string Reason)[]
        {
            (ScanAnalyzer.Analyze(Flat(60000), Parcel, cancellationToken: token), "ScanWhy.Refused.BlankNoContrast"),
            (ScanAnalyzer.Analyze(halfBlack, Parcel, cancellationToken: token), "ScanWhy.Refused.SaturatedBlack"),
            (ScanAnalyzer.Analyze(Flat(30000) with { Format = ScanFormat.Preview }, Parcel, cancellationToken: token), "ScanWhy.Refused.Preview"),
            (ScanAnalyzer.Analyze(Flat(30000, 20, 20), Parcel, cancellationToken: token), "ScanWhy.Refused.ParcelTooSmall"),
            (ScanAnalyzer.Analyze(Flat(40000, 400, 150), Container, cancellationToken: token), "ScanWhy.Refused.BlankOneGrey"),
            (ScanAnalyzer.Analyze(Flat(100, 400, 150), Container, cancellationToken: token), "ScanWhy.Refused.ContainerSaturated"),
            (ScanAnalyzer.Analyze(Flat(30000, 50, 20), Container, cancellationToken: token), "ScanWhy.Refused.ContainerTooSmall"),
        };

        foreach (var (outcome, reason) in refused)
        {
            Assert.Null(outcome.Result);
            var phrase = Assert.IsType<Phrase>(outcome.CannotAnalysePhrase);
            Assert.Equal(("ScanWhy.CannotAnalyse", reason), (phrase.Key, phrase.Args[0].Phrase?.Key));
            var dutch = PhraseAssert.SaidInDutch(phrase, outcome.CannotAnalyse!);
            Assert.StartsWith("kan niet analyseren: ", dutch, StringComparison.Ordinal);
            AssertNumbersKept(outcome.CannotAnalyse!, dutch);
        }

        Assert.Contains("50 × 20 pixels", refused[^1].Outcome.CannotAnalyse, StringComparison.Ordinal);
        Assert.Contains("minstens 48", PhraseAssert.SaidInDutch(refused[3].Outcome.CannotAnalysePhrase!, refused[3].Outcome.CannotAnalyse!), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_different_containers_and_a_blank_arrival_are_refused_in_Dutch_with_their_lengths()
    {
        var token = TestContext.Current.CancellationToken;
        var twenty = RadiographGenerator.Random(7505, ContainerKind.Dry20, ScannerSettings.Mobile4MV, concealments: 0, cancellationToken: token).Image;
        var forty = RadiographGenerator.Random(7506, ContainerKind.Dry40, ScannerSettings.Portal6MV, concealments: 0, cancellationToken: token).Image;
        var blank = twenty with { Frames = [new ScanFrame(twenty.Width, twenty.Height, Enumerable.Repeat((ushort)65000, twenty.Width * twenty.Height).ToArray())] };

        var different = ScanAnalyzer.Compare(twenty, forty, cancellationToken: token);
        var dutch = PhraseAssert.SaidInDutch(different.CannotComparePhrase!, different.CannotCompare!);
        Assert.StartsWith("kan niet vergelijken: de röntgenscans zijn niet van dezelfde container: ", dutch, StringComparison.Ordinal);
        Assert.Equal(2, Numbers(different.CannotCompare!).Count);
        AssertNumbersKept(different.CannotCompare!, dutch);

        var empty = ScanAnalyzer.Compare(twenty, blank, cancellationToken: token);
        Assert.Equal("cannot compare: the arrival scan is blank: nothing in the beam looks like a container", empty.CannotCompare);
        Assert.Equal(
            "kan niet vergelijken: de röntgenscan bij aankomst is leeg: niets in de bundel lijkt op een container",
            PhraseAssert.SaidInDutch(empty.CannotComparePhrase!, empty.CannotCompare!));

        var preview = ScanAnalyzer.Compare(twenty with { Format = ScanFormat.Preview }, forty, cancellationToken: token);
        Assert.Contains("voorbeeldweergave van 8 bits", PhraseAssert.SaidInDutch(preview.CannotComparePhrase!, preview.CannotCompare!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_in_outside_words_keeps_its_prefix_once_and_the_words_as_they_came()
    {
        var outcome = AnalysisOutcome.Refused("cannot analyse: x.png is not a readable scan");

        Assert.Equal("cannot analyse: x.png is not a readable scan", outcome.CannotAnalyse);
        Assert.Equal("kan niet analyseren: x.png is not a readable scan", PhraseAssert.SaidInDutch(outcome.CannotAnalysePhrase!, outcome.CannotAnalyse!));
    }

    private static ScanImage Flat(ushort value, int w = 300, int h = 300) =>
        new(ScanFormat.Png, [new ScanFrame(w, h, Enumerable.Repeat(value, w * h).ToArray())], new ScanMetadata());

    // Every number of the English sentence is in the Dutch one, with a decimal comma.
    private static void AssertNumbersKept(string english, string dutch)
    {
        foreach (var number in Numbers(english))
        {
            Assert.Contains(number.Replace('.', ','), dutch, StringComparison.Ordinal);
        }
    }

    private static List<string> Numbers(string text) => [.. Number().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
