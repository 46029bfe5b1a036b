using System.Globalization;
using System.Text.Json.Serialization;

namespace Portcullis.Risk;

/// <summary>
/// A sentence the engine writes for people, kept as a resource key and its arguments next to the
/// English text, so that a page can say it in the reader's language (the web UI's <c>Text.resx</c> and
/// <c>Text.nl.resx</c> hold every key of <see cref="ReasonPhrases"/>) while the API and the command line
/// keep the English text they always had. Numbers stay numbers, so each language formats them its way
/// ("1,234.5" and "1.234,5"); names and codes are text and are never translated; an argument may be a
/// phrase itself (a role, a label).
/// </summary>
public sealed record Phrase(string Key, IReadOnlyList<PhraseArg> Args)
{
    public static Phrase Of(string key, params PhraseArg[] args) => new(key, args);

    /// <summary>The English sentence, from the catalogue's format in the invariant culture.</summary>
    public string English() => Render(ReasonPhrases.EnglishFormat, CultureInfo.InvariantCulture);

    /// <summary>The sentence with the formats a language gives each key, numbers in that culture.</summary>
    public string Render(Func<string, string> format, IFormatProvider culture) =>
        string.Format(culture, format(Key), [.. Args.Select(a => a.Value(format, culture))]);

    // Records compare lists by reference; a stored reason read back must equal the one just made
    // (evidence is replaced only when it changed).
    public bool Equals(Phrase? other) =>
        other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => Args.Aggregate(Key.GetHashCode(StringComparison.Ordinal), (hash, arg) => HashCode.Combine(hash, arg));
}

/// <summary>One argument: text shown as given, a number formatted by the reader's culture, or a phrase.</summary>
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
