using System.Globalization;
using System.Text.RegularExpressions;
using Portcullis.Components;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Tests.Components;

/// <summary>Checks a phrase the producing code wrote against the UI's resources, as a page says it.</summary>
public static partial class PhraseAssert
{
    /// <summary>
    /// The phrase read from <c>Text.resx</c> is the English the code stored, and read from <c>Text.nl.resx</c>
    /// it differs and holds no piece of English template text (the words between the placeholders of any
    /// key it uses, unless the Dutch format has the same words, such as "Container").
    /// </summary>
    public static string SaidInDutch(Phrase phrase, string english) => SaidInDutch([phrase], english);

    /// <summary>The same for a sentence of pieces said one after the other (a sanctions hit's explanation).</summary>
    public static string SaidInDutch(IReadOnlyList<Phrase> pieces, string english)
    {
        var en = TextResourcesTests.English;
        var nl = TextResourcesTests.Dutch;
        Assert.Equal(english, string.Concat(pieces.Select(p => p.Render(key => en[key], CultureInfo.InvariantCulture))));
        var dutch = string.Concat(pieces.Select(p => p.Render(key => nl[key], Languages.Dutch.Format)));
        Assert.NotEqual(english, dutch);
        var leftInEnglish = pieces.SelectMany(p => p.Keys()).Distinct()
            .SelectMany(key => Literals(en[key]).Where(words => !nl[key].Contains(words, StringComparison.Ordinal)))
            .Where(words => dutch.Contains(words, StringComparison.Ordinal))
            .ToList();
        Assert.True(leftInEnglish.Count == 0, $"'{dutch}' still says in English: {string.Join(" | ", leftInEnglish)}");
        return dutch;
    }

    // Runs of literal text between placeholders, trimmed of punctuation; short ones ("at", "h") are
    // too common in both languages to tell anything.
    private static IEnumerable<string> Literals(string format) =>
        Placeholder().Split(format).Select(s => s.Trim(' ', ',', ';', '.', ':', '(', ')', '~')).Where(s => s.Length >= 5);

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
