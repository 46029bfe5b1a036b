namespace Portcullis.Parties.Names;

/// <summary>
/// A name prepared for comparison: folded, transliterated, legal forms removed (and kept for the explanation),
/// each token in its canonical variant spelling, with a phonetic key per token.
/// </summary>
public sealed class NameForm
{
    private NameForm(string original, string[] tokens, string[] keys, IReadOnlyList<string> legalForms, bool transliterated)
    {
        Original = original;
        Tokens = tokens;
        Keys = keys;
        LegalForms = legalForms;
        Transliterated = transliterated;
        Joined = string.Concat(tokens);
        Weights = new double[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            Weights[i] = IsPatronymic(tokens[i]) ? PatronymicWeight : 1.0;
        }
    }

    /// <summary>An unmatched patronymic costs less: lists give it, customs declarations usually do not.</summary>
    public const double PatronymicWeight = 0.35;

    public string Original { get; }

    /// <summary>Canonical tokens (<see cref="NameVariants"/>), legal forms removed.</summary>
    public string[] Tokens { get; }

    /// <summary>The phonetic key of each token (<see cref="PhoneticKey"/>).</summary>
    public string[] Keys { get; }

    /// <summary>Each token's weight in the name score: 1, or less for a patronymic.</summary>
    public double[] Weights { get; }

    /// <summary>The tokens without spaces, for names split differently ("AL QAIDA" and "ALQAIDA").</summary>
    public string Joined { get; }

    public IReadOnlyList<string> LegalForms { get; }

    /// <summary>The name was written in another script than Latin.</summary>
    public bool Transliterated { get; }

    public bool IsEmpty => Tokens.Length == 0;

    public static NameForm Of(string? name)
    {
        var (folded, transliterated) = NameFolding.Fold(name);
        var (tokens, removed) = Names.LegalForms.Strip(NameFolding.Tokens(folded));
        var canonical = new string[tokens.Length];
        var keys = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            canonical[i] = NameVariants.Canonical(tokens[i]);
            keys[i] = PhoneticKey.Of(canonical[i]);
        }

        return new NameForm(name ?? "", canonical, keys, removed, transliterated);
    }

    // Canonical forms of the Russian patronymic endings (-ovich, -evich, -ich, -ovna, -evna, -ichna).
    private static bool IsPatronymic(string token) => token.Length > 5 &&
        (token.EndsWith("OVICH", StringComparison.Ordinal) || token.EndsWith("EVICH", StringComparison.Ordinal) || token.EndsWith("OVNA", StringComparison.Ordinal)
         || token.EndsWith("EVNA", StringComparison.Ordinal) || token.EndsWith("ICHNA", StringComparison.Ordinal) || token.EndsWith("OVYCH", StringComparison.Ordinal));
}
