namespace Portcullis.Parties.Names;

/// <summary>
/// Brings the common variant spellings of transliterated (mostly Russian) names to one form, applied to both
/// sides before comparison. The map, in order (left is rewritten to right):
/// SHCH, SHCH → SCH; KH → H; KS → X; ZH → J; TZ → TS; YU, IU → U; YA, IA → A (after a vowel or at the start: YA → A);
/// IY, YY, YI, IJ, II, Y at the end of a token → I; YE → E; W → V; PH → F; CK → K; doubled letters → one.
/// So Aleksandr/Alexander, Khodorkovskiy/Hodorkovsky, Yuriy/Iurii/Yury, Zhukov/Jukov, Yevgeny/Evgeniy meet.
/// </summary>
public static class NameVariants
{
    /// <summary>The canonical spelling of one folded (upper-case ASCII) token.</summary>
    public static string Canonical(string token)
    {
        if (token.Length < 3 || token.Length > 64 || !IsLetters(token))
        {
            return token;
        }

        // One pass over the token, longest rule first at each position; screening runs this for every party.
        Span<char> text = stackalloc char[token.Length];
        var n = 0;
        var i = 0;
        while (i < token.Length)
        {
            var c = token[i];
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            if (c == 'S' && next == 'H' && i + 3 < token.Length && token[i + 2] == 'C' && token[i + 3] == 'H')
            {
                text[n++] = 'S';
                text[n++] = 'C';
                text[n++] = 'H';
                i += 4;
                continue;
            }

            (char Out, int Take) rule = (c, next) switch
            {
                ('K', 'H') => ('H', 2),
                ('K', 'S') => ('X', 2),
                ('Z', 'H') => ('J', 2),
                ('T', 'Z') => ('T', 1),
                ('Y' or 'I', 'U') => ('U', 2),
                ('Y' or 'I', 'A') => ('A', 2),
                ('Y', 'E') => ('E', 2),
                ('P', 'H') => ('F', 2),
                ('C', 'K') => ('K', 2),
                ('W', _) => ('V', 1),
                _ => (c, 1),
            };
            text[n++] = rule.Out;
            if (c == 'T' && next == 'Z')
            {
                // TZ → TS: keep the T, the Z becomes S.
                text[n++] = 'S';
                i += 2;
                continue;
            }

            i += rule.Take;
        }

        // Endings: -IY, -YY, -YI, -IJ, -II, -Y all mean the same Russian -ий/-ый.
        var s = text[..n];
        foreach (var ending in Endings)
        {
            if (s.Length > ending.Length + 2 && s.EndsWith(ending, StringComparison.Ordinal))
            {
                s[^ending.Length] = 'I';
                s = s[..(s.Length - ending.Length + 1)];
                break;
            }
        }

        var length = 0;
        for (var k = 0; k < s.Length; k++)
        {
            if (length == 0 || s[length - 1] != s[k])
            {
                s[length++] = s[k];
            }
        }

        return new string(s[..length]);
    }

    private static readonly string[] Endings = ["IY", "YY", "YI", "IJ", "II", "Y"];

    private static bool IsLetters(string token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
