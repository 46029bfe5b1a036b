using System.Text;

namespace Portcullis.Parties.Names;

/// <summary>
/// A short sound key for blocking: the first letter, then consonant classes with vowels dropped and repeats
/// collapsed, at most four characters (Soundex-like, tuned for transliterated names). Written here because no
/// package on the mirror offers Double Metaphone for .NET (Lucene.Net.Analysis.Phonetic is not served).
/// </summary>
public static class PhoneticKey
{
    public static string Of(string canonicalToken)
    {
        if (canonicalToken.Length == 0)
        {
            return "";
        }

        if (!char.IsAsciiLetter(canonicalToken[0]))
        {
            return canonicalToken;
        }

        var key = new StringBuilder(4);
        key.Append(First(canonicalToken[0]));
        var last = Class(canonicalToken[0]);
        for (var i = 1; i < canonicalToken.Length && key.Length < 4; i++)
        {
            var c = Class(canonicalToken[i]);
            if (c != '0' && c != last)
            {
                key.Append(c);
            }

            last = c;
        }

        return key.ToString();
    }

    // Vowels (and Y, H, W) at the start are one class, so Ivanov/Yvanov and Eduard/Edward meet.
    private static char First(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y' ? 'A' : c is 'C' or 'K' or 'Q' ? 'K' : c is 'J' or 'G' ? 'J' : c;

    private static char Class(char c) => c switch
    {
        'B' or 'P' or 'F' or 'V' => '1',
        'C' or 'G' or 'J' or 'K' or 'Q' or 'S' or 'X' or 'Z' => '2',
        'D' or 'T' => '3',
        'L' => '4',
        'M' or 'N' => '5',
        'R' => '6',
        _ => '0',
    };
}
