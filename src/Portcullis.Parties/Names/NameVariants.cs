using System.Text;

namespace Portcullis.Parties.Names;

/// <summary>
/// Brings the common variant spellings of transliterated (mostly Russian) names to one form, applied to both
/// sides before comparison. The map, in order (left is rewritten to right):
/// SHCH, SHCH → SCH; KH → H; KS → X; ZH → J; TZ → TS; YU, IU → U; YA, IA → A (after a vowel or at the start: YA → A);
/// IY, YY, IJ, II, Y at the end of a token → I; YE → E; W → V; PH → F; CK → K; doubled letters → one.
/// So Aleksandr/Alexander, Khodorkovskiy/Hodorkovsky, Yuriy/Iurii/Yury, Zhukov/Jukov, Yevgeny/Evgeniy meet.
/// </summary>
public static class NameVariants
{
    private static readonly (string From, string To)[] Rules =
    [
        ("SHCH", "SCH"), ("KH", "H"), ("KS", "X"), ("ZH", "J"), ("TZ", "TS"), ("YU", "U"), ("IU", "U"),
        ("YA", "A"), ("IA", "A"), ("YE", "E"), ("W", "V"), ("PH", "F"), ("CK", "K"),
    ];

    /// <summary>The canonical spelling of one folded (upper-case ASCII) token.</summary>
    public static string Canonical(string token)
    {
        if (token.Length < 3 || !IsLetters(token))
        {
            return token;
        }

        var text = new StringBuilder(token);
        foreach (var (from, to) in Rules)
        {
            text.Replace(from, to);
        }

        // Endings: -IY, -YY, -IJ, -II, -Y all mean the same Russian -ий/-ый.
        var s = text.ToString();
        foreach (var ending in (string[])["IY", "YY", "IJ", "II", "Y"])
        {
            if (s.Length > ending.Length + 2 && s.EndsWith(ending, StringComparison.Ordinal))
            {
                s = s[..^ending.Length] + "I";
                break;
            }
        }

        var collapsed = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c)
            {
                collapsed.Append(c);
            }
        }

        return collapsed.ToString();
    }

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
