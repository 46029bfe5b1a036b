using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Portcullis.Ingest.Edifact;

/// <summary>
/// What a syntax identifier (UNB 0001) allows and how its bytes decode. Levels A and B are subsets
/// of ASCII; C to K are the ISO 8859 parts; W and Y are UTF-8. UNOX (ISO 2022 code switching) is
/// not supported because its decoding depends on escape sequences inside the data.
/// </summary>
internal sealed class SyntaxLevel
{
    private const string LevelAPunctuation = " .,-()/='+:?!\"%&*;<>";

    private readonly SearchValues<byte> _allowed;
    private readonly SearchValues<byte>? _allowedWithLowercase;

    private SyntaxLevel(string identifier, Encoding encoding, SearchValues<byte> allowed, SearchValues<byte>? allowedWithLowercase, bool utf8)
    {
        Identifier = identifier;
        Encoding = encoding;
        _allowed = allowed;
        _allowedWithLowercase = allowedWithLowercase;
        IsUtf8 = utf8;
    }

    public string Identifier { get; }

    public Encoding Encoding { get; }

    public bool IsUtf8 { get; }

    /// <summary>The syntax level for an identifier, or an error sentence; separators are always allowed.</summary>
    public static (SyntaxLevel? Level, string? Error) For(string identifier, SeparatorBytes separators)
    {
        var codePage = identifier switch
        {
            "UNOD" => 28592,
            "UNOE" => 28595,
            "UNOF" => 28597,
            "UNOG" => 28593,
            "UNOH" => 28594,
            "UNOI" => 28596,
            "UNOJ" => 28598,
            "UNOK" => 28599,
            _ => 0,
        };
        var extra = SeparatorSet(separators);
        switch (identifier)
        {
            case "UNOA":
                return (new SyntaxLevel(identifier, Encoding.Latin1, Set(LevelA(), extra), Set(LevelA().Concat(Range('a', 'z')), extra), false), null);
            case "UNOB":
                return (new SyntaxLevel(identifier, Encoding.Latin1, Set(Range(0x20, 0x7E), extra), null, false), null);
            case "UNOC":
                return (new SyntaxLevel(identifier, Encoding.Latin1, Set(Range(0x20, 0x7E).Concat(Range(0xA0, 0xFF)), extra), null, false), null);
            case "UNOW" or "UNOY":
                return (new SyntaxLevel(identifier, Encoding.UTF8, Set(Range(0x20, 0x7E).Concat(Range(0x80, 0xFF)), extra), null, true), null);
            case "UNOX":
                return (null, "UNB declares syntax UNOX (ISO 2022 code switching), which this reader cannot decode; send the interchange as UNOY (UTF-8) or UNOC.");
            default:
                if (codePage != 0)
                {
                    var encoding = CodePagesEncodingProvider.Instance.GetEncoding(codePage);
                    if (encoding is not null)
                    {
                        return (new SyntaxLevel(identifier, encoding, Set(Range(0x20, 0x7E).Concat(Range(0xA0, 0xFF)), extra), null, false), null);
                    }

                    return (null, $"UNB declares syntax {identifier}, whose character set this system cannot decode; send the interchange as UNOY (UTF-8).");
                }

                return (null, $"UNB declares syntax identifier '{identifier}', which is not a UN/EDIFACT syntax (UNOA to UNOK, UNOW, UNOY); correct UNB element 0001.");
        }
    }

    /// <summary>
    /// Checks one segment's bytes: null when valid, "lowercase" when only lowercase letters break
    /// level A (accepted with a warning), else a sentence naming the first invalid byte.
    /// </summary>
    public string? Check(ReadOnlySpan<byte> segment, out int offset)
    {
        offset = segment.IndexOfAnyExcept(_allowed);
        if (offset < 0)
        {
            return IsUtf8 && !Utf8.IsValid(segment) ? InvalidUtf8(segment, out offset) : null;
        }

        if (_allowedWithLowercase is not null)
        {
            var other = segment.IndexOfAnyExcept(_allowedWithLowercase);
            if (other < 0)
            {
                return "lowercase";
            }

            offset = other;
        }

        var b = segment[offset];
        var shown = b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";
        return $"{shown} is not allowed under syntax {Identifier}; remove it or declare a syntax level that includes it in UNB.";
    }

    private string InvalidUtf8(ReadOnlySpan<byte> segment, out int offset)
    {
        offset = 0;
        while (offset < segment.Length)
        {
            if (Rune.DecodeFromUtf8(segment[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        return $"The bytes are not valid UTF-8 although UNB declares {Identifier}; encode the text as UTF-8 or declare the syntax it is written in.";
    }

    private static IEnumerable<byte> LevelA() =>
        Range('A', 'Z').Concat(Range('0', '9')).Concat(LevelAPunctuation.Select(c => (byte)c));

    private static IEnumerable<byte> Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => (byte)i);

    private static byte[] SeparatorSet(SeparatorBytes s)
    {
        var list = new List<byte> { s.Component, s.Element, s.Decimal, s.Segment };
        if (s.Release >= 0)
        {
            list.Add((byte)s.Release);
        }

        if (s.Repetition >= 0)
        {
            list.Add((byte)s.Repetition);
        }

        return [.. list];
    }

    private static SearchValues<byte> Set(IEnumerable<byte> bytes, byte[] extra) =>
        SearchValues.Create([.. bytes.Concat(extra).Distinct()]);
}
