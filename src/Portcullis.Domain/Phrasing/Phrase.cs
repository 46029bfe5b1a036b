using System.Globalization;
using System.Text.Json.Serialization;

namespace Portcullis.Domain.Phrasing;

/// <summary>
/// A sentence written for people, kept as a resource key and its arguments next to the English text,
/// so that a page can say it in the reader's language (the web UI's <c>Text.resx</c> and
/// <c>Text.nl.resx</c> hold every key of every <see cref="PhraseCatalogue"/>) while the API and the
/// command line keep the English text they always had. Numbers stay numbers, so each language formats
/// them its way ("1,234.5" and "1.234,5"); names, codes, positions and times are text and are never
/// translated; an argument may be a phrase itself (a role, a label, an alarm inside a risk reason).
/// Here, in the storage-free domain library, so that every library (risk, integrity, imaging,
/// parties) can write phrases and the app can nest one library's phrase in another's.
/// </summary>
public sealed record Phrase(string Key, IReadOnlyList<PhraseArg> Args)
{
    public static Phrase Of(string key, params PhraseArg[] args) => new(key, args);

    /// <summary>The sentence with the formats a language gives each key, numbers in that culture.</summary>
    public string Render(Func<string, string> format, IFormatProvider culture) =>
        string.Format(culture, format(Key), [.. Args.Select(a => a.Value(format, culture))]);

    /// <summary>
    /// The sentence through a wording that formats a key with its arguments (a page's resources, or the
    /// dossier's <c>Wording</c>): nested phrases first, numbers left as numbers for the wording's culture.
    /// </summary>
    public string Say(Func<string, object[], string> words) =>
        words(Key, [.. Args.Select(a => a.Phrase is { } p ? p.Say(words) : a.Number is { } n ? (object)n : a.Text ?? "")]);

    /// <summary>Every key this phrase and its nested phrases use (for tests and for checking catalogues).</summary>
    public IEnumerable<string> Keys() => Args.Where(a => a.Phrase is not null).SelectMany(a => a.Phrase!.Keys()).Prepend(Key);

    // Records compare lists by reference; a stored reason read back must equal the one just made
    // (evidence is replaced only when it changed).
    public bool Equals(Phrase? other) =>
        other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => Args.Aggregate(Key.GetHashCode(StringComparison.Ordinal), (hash, arg) => HashCode.Combine(hash, arg));
}

/// <summary>
/// One argument: text shown as given, a number formatted by the reader's culture, or a phrase. An empty
/// text is how a template leaves out an optional part (" at {place}" when no place is known).
/// </summary>
public sealed record PhraseArg(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Number = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Phrase? Phrase = null)
{
    public static implicit operator PhraseArg(string text) => new(Text: text);

    public static implicit operator PhraseArg(double number) => new(Number: number);

    public static implicit operator PhraseArg(Phrase phrase) => new(Phrase: phrase);

    internal object Value(Func<string, string> format, IFormatProvider culture) =>
        Phrase is { } p ? p.Render(format, culture) : Number is { } n ? n : Text ?? "";
}

/// <summary>
/// One library's sentences: each key with its English format. The English text for the API and the
/// command line comes from here (the libraries know nothing of the web UI's resources); the web UI's
/// <c>Text.resx</c> repeats every format under the same key and a test holds the two equal.
/// </summary>
public sealed class PhraseCatalogue
{
    private readonly IReadOnlyList<PhraseCatalogue> _nested;

    /// <param name="english">Key → English format (<c>{0}</c>-style, invariant culture).</param>
    /// <param name="nested">Catalogues whose phrases may appear as arguments of this one's.</param>
    public PhraseCatalogue(IReadOnlyDictionary<string, string> english, params PhraseCatalogue[] nested)
    {
        English = english;
        _nested = nested;
    }

    public IReadOnlyDictionary<string, string> English { get; }

    /// <summary>The English format of a key here or in a nested catalogue; an unknown key is a programming error, named.</summary>
    public string EnglishFormat(string key) =>
        English.TryGetValue(key, out var format) ? format
        : _nested.FirstOrDefault(c => c.Knows(key))?.EnglishFormat(key) ?? throw new KeyNotFoundException($"No English format for phrase '{key}'.");

    public bool Knows(string key) => English.ContainsKey(key) || _nested.Any(c => c.Knows(key));

    /// <summary>The English sentence, numbers in the invariant culture.</summary>
    public string Say(Phrase phrase) => phrase.Render(EnglishFormat, CultureInfo.InvariantCulture);
}
