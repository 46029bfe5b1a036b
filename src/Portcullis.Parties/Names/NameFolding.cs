using System.Text;
using AnyAscii;

namespace Portcullis.Parties.Names;

/// <summary>
/// Turns a name in any script into upper-case Latin tokens: control characters dropped, length capped,
/// transliterated with AnyAscii (which also strips accents), punctuation made a separator.
/// </summary>
public static class NameFolding
{
    /// <summary>Longer input is cut: no real party or list name comes near it, and it bounds the matcher's work.</summary>
    public const int MaxLength = 256;

    /// <summary>At most this many tokens count; the rest of an absurd name is dropped.</summary>
    public const int MaxTokens = 16;

    /// <summary>The folded name and whether transliteration changed anything beyond accents (another script).</summary>
    public static (string Folded, bool Transliterated) Fold(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ("", false);
        }

        if (name.Length <= MaxLength && Ascii.IsValid(name))
        {
            return (Tokenise(name), false);
        }

        var clean = new StringBuilder(Math.Min(name.Length, MaxLength));
        var otherScript = false;
        Span<char> units = stackalloc char[2];
        foreach (var rune in name.EnumerateRunes())
        {
            if (clean.Length >= MaxLength)
            {
                break;
            }

            // Invisible format characters (zero-width space and joiners, soft hyphen, byte-order mark) sit inside
            // words: drop them. Control characters (tab, newline, NUL) separate words.
            if (rune.Value is 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF or 0x00AD)
            {
                continue;
            }

            if (Rune.IsControl(rune))
            {
                clean.Append(' ');
                continue;
            }

            // Latin letters with accents stay "Latin"; Cyrillic, Greek, Arabic, CJK… are another script.
            if (rune.Value > 0x24F && Rune.IsLetter(rune))
            {
                otherScript = true;
            }

            clean.Append(units[..rune.EncodeToUtf16(units)]);
        }

        return (Tokenise(clean.ToString().Transliterate()), otherScript);
    }

    // Upper-case letters and digits; apostrophes join (O'Brien, Mu'ammar, the Russian soft sign that AnyAscii
    // writes as an apostrophe); anything else separates.
    private static string Tokenise(string ascii)
    {
        var text = new StringBuilder(ascii.Length);
        var lastSpace = true;
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToUpperInvariant(c));
                lastSpace = false;
            }
            else if (c is '\'' or '`')
            {
                continue;
            }
            else if (!lastSpace)
            {
                text.Append(' ');
                lastSpace = true;
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The folded tokens, at most <see cref="MaxTokens"/>.</summary>
    public static string[] Tokens(string folded)
    {
        var tokens = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > MaxTokens ? tokens[..MaxTokens] : tokens;
    }
}
