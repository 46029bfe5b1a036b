using YamlDotNet.Core;

namespace Portcullis.Parsing.Yaml;

/// <summary>
/// Hands on at most <see cref="YamlLimits.MaxDocumentChars"/> characters and then reports the end
/// of the text, remembering that there was more and where the limit fell, so a huge input is
/// refused after reading just past the limit instead of being read whole.
/// </summary>
internal sealed class BoundedTextReader(TextReader inner, int maxChars) : TextReader
{
    private int _read;
    private int _line = 1;
    private int _column = 1;

    /// <summary>True once the text went on past the limit.</summary>
    public bool Exceeded { get; private set; }

    /// <summary>Where the first character beyond the limit is.</summary>
    public Mark LimitAt => new(_read, _line, _column);

    public override int Peek() => AtLimit() ? -1 : inner.Peek();

    public override int Read()
    {
        if (AtLimit())
        {
            return -1;
        }

        var c = inner.Read();
        if (c >= 0)
        {
            Count((char)c);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (AtLimit())
        {
            return 0;
        }

        var n = inner.Read(buffer[..Math.Min(buffer.Length, maxChars - _read)]);
        foreach (var c in buffer[..n])
        {
            Count(c);
        }

        return n;
    }

    private bool AtLimit()
    {
        if (_read < maxChars)
        {
            return false;
        }

        Exceeded |= inner.Peek() >= 0;
        return true;
    }

    private void Count(char c)
    {
        _read++;
        (_line, _column) = c == '\n' ? (_line + 1, 1) : (_line, _column + 1);
    }
}
