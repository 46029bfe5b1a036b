using System.Text;

namespace Portcullis.Ingest.Edifact;

/// <summary>Turns the tokenizer's current segment into an <see cref="EdifactSegment"/> of strings.</summary>
internal sealed class SegmentDecoder
{
    // Tags repeat on every line; one string per distinct tag instead of one per segment.
    private readonly Dictionary<int, string> _tags = [];
    private readonly Dictionary<ulong, string> _shortValues = [];
    private readonly List<string> _components = [];
    private readonly List<string[]> _elements = [];

    public string Tag(ReadOnlySpan<byte> segment)
    {
        var key = segment[0] << 16 | segment[1] << 8 | segment[2];
        if (!_tags.TryGetValue(key, out var tag))
        {
            tag = Encoding.ASCII.GetString(segment[..3]);
            if (_tags.Count < 4096)
            {
                _tags[key] = tag;
            }
        }

        return tag;
    }

    public EdifactSegment Decode(EdifactTokenizer tokenizer, string tag, Encoding encoding, InputPosition position)
    {
        var tokens = tokenizer.Tokens;
        _elements.Clear();
        _components.Clear();
        Dictionary<int, List<string[]>>? repetitions = null;
        var inRepetition = false;
        for (var i = 1; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Component)
            {
                Flush(ref repetitions, inRepetition);
                inRepetition = token.Kind == TokenKind.Repetition;
            }

            _components.Add(Text(tokenizer, token, encoding));
        }

        Flush(ref repetitions, inRepetition);
        var segment = new EdifactSegment(tag, [.. _elements], position);
        return repetitions is null
            ? segment
            : segment with { Repetitions = repetitions.ToDictionary(p => p.Key, p => p.Value.ToArray()) };
    }

    private void Flush(ref Dictionary<int, List<string[]>>? repetitions, bool inRepetition)
    {
        if (_components.Count == 0)
        {
            return;
        }

        string[] element = [.. _components];
        _components.Clear();
        if (!inRepetition || _elements.Count == 0)
        {
            _elements.Add(element);
            return;
        }

        repetitions ??= [];
        var index = _elements.Count - 1;
        if (!repetitions.TryGetValue(index, out var list))
        {
            repetitions[index] = list = [];
        }

        list.Add(element);
    }

    private string Text(EdifactTokenizer tokenizer, in EdifactToken token, Encoding encoding)
    {
        if (token.Length == 0)
        {
            return "";
        }

        if (!token.Escaped)
        {
            var value = tokenizer.Value(token);
            return value.Length <= 7 ? Short(value, encoding) : encoding.GetString(value);
        }

        Span<byte> buffer = token.Length <= 256 ? stackalloc byte[256] : new byte[token.Length];
        var length = tokenizer.Unescape(token, buffer);
        return encoding.GetString(buffer[..length]);
    }

    /// <summary>
    /// Codes and qualifiers ("CZ", "KGM", "139") repeat on every message: one string each. Only
    /// ASCII is shared, which decodes the same under every supported syntax.
    /// </summary>
    private string Short(ReadOnlySpan<byte> value, Encoding encoding)
    {
        var key = (ulong)value.Length << 56;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] >= 0x80)
            {
                return encoding.GetString(value);
            }

            key |= (ulong)value[i] << (8 * i);
        }

        if (_shortValues.TryGetValue(key, out var text))
        {
            return text;
        }

        text = encoding.GetString(value);
        if (_shortValues.Count < 1 << 16)
        {
            _shortValues[key] = text;
        }

        return text;
    }
}
