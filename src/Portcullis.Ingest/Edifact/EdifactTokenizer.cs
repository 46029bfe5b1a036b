namespace Portcullis.Ingest.Edifact;

/// <summary>What a token starts: the tag, a new data element, a further component, or a repetition of the element.</summary>
public enum TokenKind : byte
{
    Tag,
    Element,
    Component,
    Repetition,
}

/// <summary>
/// One value inside a segment: <see cref="Start"/> and <see cref="Length"/> are relative to
/// <see cref="EdifactTokenizer.Segment"/>. <see cref="Escaped"/> says the bytes still hold release
/// characters (see <see cref="EdifactTokenizer.Unescape"/>).
/// </summary>
public readonly record struct EdifactToken(int Start, int Length, TokenKind Kind, bool Escaped);

/// <summary>How the current segment ended.</summary>
public enum SegmentStatus
{
    /// <summary>Terminated by the segment terminator; tokens are valid.</summary>
    Complete,

    /// <summary>A UNA service string advice; <see cref="EdifactTokenizer.Separators"/> now holds its characters.</summary>
    ServiceStringAdvice,

    /// <summary>The data ended before the segment terminator; <see cref="EdifactTokenizer.Segment"/> holds what there was.</summary>
    Unterminated,

    /// <summary>The data ended right after a release character, which has nothing left to release.</summary>
    ReleaseAtEnd,

    /// <summary>The segment is longer than the limit; its bytes are skipped up to the next terminator.</summary>
    TooLong,
}

/// <summary>The separator bytes in force; -1 for a release or repetition character that is not used.</summary>
public readonly record struct SeparatorBytes(byte Component, byte Element, byte Decimal, int Release, int Repetition, byte Segment)
{
    /// <summary>Level A defaults (ISO 9735): ' + : ? and * for repetition.</summary>
    public static SeparatorBytes LevelA { get; } = new((byte)':', (byte)'+', (byte)'.', '?', '*', (byte)'\'');

    /// <summary>Level B defaults (ISO 9735): information separators IS1, IS3, IS2 and IS4, no release character.</summary>
    public static SeparatorBytes LevelB { get; } = new(0x1F, 0x1D, (byte)'.', -1, 0x1E, 0x1C);

    public Delimiters ToDelimiters() => new(
        (char)Component,
        (char)Element,
        (char)Decimal,
        Release < 0 ? ' ' : (char)Release,
        Repetition < 0 ? ' ' : (char)Repetition,
        (char)Segment);
}

/// <summary>
/// Splits an EDIFACT byte stream into segments and their tokens, one segment per <see cref="Read"/>,
/// reading the stream in chunks so a file larger than memory costs one buffer (plus the longest
/// segment). Spans returned are valid until the next <see cref="Read"/>. Hand-written: no package
/// tokenizes EDIFACT as spans with positions.
/// </summary>
public sealed class EdifactTokenizer
{
    private readonly Stream _stream;
    private readonly int _maxSegmentLength;
    private byte[] _buffer;
    private int _end;
    private int _pos;
    private int _segStart;
    private long _bufferBase;
    private int _countedTo;
    private int _line = 1;
    private long _lineStart;
    private bool _eof;
    private bool _started;
    private bool _discarding;
    private bool _defaultsPending = true;
    private EdifactToken[] _tokens = new EdifactToken[64];
    private int _tokenCount;
    private int _segLength;
    private const byte ReleaseClass = 4;
    private const byte TerminatorClass = 5;
    private readonly byte[] _classes = new byte[256];
    private SeparatorBytes _separators;

    public EdifactTokenizer(Stream stream, int maxSegmentLength = 1 << 20, int bufferSize = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegmentLength, 16);
        _stream = stream;
        _maxSegmentLength = maxSegmentLength;
        _buffer = new byte[Math.Max(16, bufferSize)];
        SetSeparators(SeparatorBytes.LevelA);
    }

    public SeparatorBytes Separators => _separators;

    /// <summary>True once a UTF-8 byte-order mark was skipped at the start of the data.</summary>
    public bool SkippedByteOrderMark { get; private set; }

    /// <summary>
    /// True when the bytes between the previous segment and this one were more than one line break
    /// (LF or CR LF): blank lines, spaces, tabs, a lone CR.
    /// </summary>
    public bool IrregularWhitespaceBefore { get; private set; }

    public SegmentStatus Status { get; private set; }

    /// <summary>Where the current segment starts: byte offset from 0, line and column (in bytes) from 1.</summary>
    public long ByteOffset { get; private set; }

    public int Line { get; private set; }

    public int Column { get; private set; }

    /// <summary>The raw bytes of the current segment without its terminator (empty for <see cref="SegmentStatus.TooLong"/>).</summary>
    public ReadOnlySpan<byte> Segment => _buffer.AsSpan(_segStart, _segLength);

    public ReadOnlySpan<EdifactToken> Tokens => _tokens.AsSpan(0, _tokenCount);

    /// <summary>Where the data ended (valid once <see cref="Read"/> returned false).</summary>
    public InputPosition EndPosition => new(_bufferBase + _end, _line, ColumnOf(_bufferBase + _end));

    public void SetSeparators(SeparatorBytes separators)
    {
        _separators = separators;
        Array.Clear(_classes);
        if (separators.Repetition >= 0)
        {
            _classes[separators.Repetition] = (byte)TokenKind.Repetition;
        }

        if (separators.Release >= 0)
        {
            _classes[separators.Release] = ReleaseClass;
        }

        _classes[separators.Component] = (byte)TokenKind.Component;
        _classes[separators.Element] = (byte)TokenKind.Element;
        _classes[separators.Segment] = TerminatorClass;
    }

    /// <summary>Under syntax versions 1 to 3 there is no repetition separator: '*' is data.</summary>
    public void DisableRepetition() => SetSeparators(_separators with { Repetition = -1 });

    /// <summary>
    /// A new interchange without UNA takes the defaults of its syntax level, which the tokenizer
    /// recognises from the byte after the next "UNB"; until then the current separators stay in force
    /// so the rest of the previous interchange still splits into its segments.
    /// </summary>
    public void ResetToDefaults() => _defaultsPending = true;

    public ReadOnlySpan<byte> Value(in EdifactToken token) => _buffer.AsSpan(_segStart + token.Start, token.Length);

    /// <summary>The value with release characters removed, written to <paramref name="destination"/>; returns its length.</summary>
    public int Unescape(in EdifactToken token, Span<byte> destination)
    {
        var source = Value(token);
        var release = _separators.Release;
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == release && i + 1 < source.Length)
            {
                i++;
            }

            destination[n++] = source[i];
        }

        return n;
    }

    /// <summary>Moves to the next segment; false at the end of the data.</summary>
    public bool Read()
    {
        if (!_started)
        {
            _started = true;
            SkipByteOrderMark();
        }

        _tokenCount = 0;
        _segLength = 0;
        _segStart = _pos;
        if (_discarding && !DiscardToTerminator())
        {
            return false;
        }

        if (!SkipWhitespace())
        {
            return false;
        }

        CountLinesTo(_pos);
        _segStart = _pos;
        ByteOffset = _bufferBase + _pos;
        Line = _line;
        Column = ColumnOf(ByteOffset);

        while (_end - _segStart < 9 && FillKeepingSegment())
        {
        }

        var available = _buffer.AsSpan(_segStart, _end - _segStart);
        if (available.StartsWith("UNA"u8))
        {
            return ReadServiceStringAdvice(available);
        }

        if (_defaultsPending && available.Length > 3 && available.StartsWith("UNB"u8))
        {
            _defaultsPending = false;
            SetSeparators(available[3] == SeparatorBytes.LevelB.Element ? SeparatorBytes.LevelB : SeparatorBytes.LevelA);
        }

        return ReadSegment();
    }

    private bool ReadServiceStringAdvice(ReadOnlySpan<byte> available)
    {
        _defaultsPending = false;
        if (available.Length < 9)
        {
            _segLength = available.Length;
            _pos = _end;
            Status = SegmentStatus.Unterminated;
            return true;
        }

        var release = available[6] == (byte)' ' ? -1 : available[6];
        var repetition = available[7] == (byte)' ' ? -1 : available[7];
        SetSeparators(new SeparatorBytes(available[3], available[4], available[5], release, repetition, available[8]));
        _segLength = 9;
        _pos = _segStart + 9;
        Status = SegmentStatus.ServiceStringAdvice;
        return true;
    }

    private bool ReadSegment()
    {
        // One scalar pass with a class per byte: segments are short (tens of bytes), so a table
        // lookup per byte beats a vectorised search per token.
        var classes = _classes;
        var kind = TokenKind.Tag;
        var start = 0;
        var escaped = false;
        var offset = 0;
        while (true)
        {
            var data = _buffer.AsSpan(_segStart, _end - _segStart);
            var limit = Math.Min(data.Length, _maxSegmentLength + 1);
            var releaseAtEdge = false;
            while (offset < limit)
            {
                var c = classes[data[offset]];
                if (c == 0)
                {
                    offset++;
                    continue;
                }

                if (c == ReleaseClass)
                {
                    if (offset + 1 >= data.Length)
                    {
                        releaseAtEdge = true;
                        break;
                    }

                    escaped = true;
                    offset += 2;
                    continue;
                }

                Add(new EdifactToken(start, offset - start, kind, escaped));
                if (c == TerminatorClass)
                {
                    _segLength = offset;
                    _pos = _segStart + offset + 1;
                    Status = SegmentStatus.Complete;
                    return true;
                }

                kind = (TokenKind)c;
                start = offset + 1;
                escaped = false;
                offset++;
            }

            if (offset > _maxSegmentLength)
            {
                return TooLong(true);
            }

            if (!FillKeepingSegment())
            {
                _tokenCount = 0;
                _segLength = _end - _segStart;
                _pos = _end;
                Status = releaseAtEdge ? SegmentStatus.ReleaseAtEnd : SegmentStatus.Unterminated;
                return true;
            }
        }
    }

    private bool TooLong(bool stillInside)
    {
        Status = SegmentStatus.TooLong;
        _segLength = 0;
        _tokenCount = 0;
        if (stillInside)
        {
            _pos = _segStart;
            _discarding = true;
        }

        return true;
    }

    /// <summary>Skips the rest of an over-long segment, up to and including its terminator.</summary>
    private bool DiscardToTerminator()
    {
        var terminator = _separators.Segment;
        var release = _separators.Release;
        while (true)
        {
            var window = _buffer.AsSpan(_pos, _end - _pos);
            var hit = release < 0 ? window.IndexOf(terminator) : window.IndexOfAny(terminator, (byte)release);
            if (hit >= 0)
            {
                var at = _pos + hit;
                if (_buffer[at] == terminator)
                {
                    _pos = at + 1;
                    _discarding = false;
                    return true;
                }

                if (at + 1 < _end)
                {
                    _pos = at + 2;
                    continue;
                }

                _pos = at;
            }
            else
            {
                _pos = _end;
            }

            _segStart = _pos;
            if (!FillKeepingSegment())
            {
                _discarding = false;
                return false;
            }
        }
    }

    private bool SkipWhitespace()
    {
        // 0: nothing skipped, 1: CR, 2: LF or CR LF (the normal line break), 3: anything more.
        var state = 0;
        var terminator = _separators.Segment;
        while (true)
        {
            while (_pos < _end)
            {
                var b = _buffer[_pos];
                if (b == terminator || (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t'))
                {
                    IrregularWhitespaceBefore = state is 1 or 3;
                    return true;
                }

                state = (state, b) switch
                {
                    (0, (byte)'\r') => 1,
                    (0, (byte)'\n') => 2,
                    (1, (byte)'\n') => 2,
                    _ => 3,
                };
                _pos++;
            }

            _segStart = _pos;
            if (!FillKeepingSegment())
            {
                return false;
            }
        }
    }

    private void SkipByteOrderMark()
    {
        while (_end < 3 && FillKeepingSegment())
        {
        }

        if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
        {
            _pos = 3;
            SkippedByteOrderMark = true;
        }
    }

    /// <summary>Reads more data, keeping the bytes from the segment start on; false at the end of the stream.</summary>
    private bool FillKeepingSegment()
    {
        if (_eof)
        {
            return false;
        }

        CountLinesTo(_segStart);
        var keep = _end - _segStart;
        if (_segStart > 0)
        {
            Buffer.BlockCopy(_buffer, _segStart, _buffer, 0, keep);
            _bufferBase += _segStart;
            _pos -= _segStart;
            _countedTo -= _segStart;
            _segStart = 0;
            _end = keep;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    private void CountLinesTo(int to)
    {
        if (to <= _countedTo)
        {
            return;
        }

        var span = _buffer.AsSpan(_countedTo, to - _countedTo);
        var lines = span.Count((byte)'\n');
        if (lines > 0)
        {
            _line = (int)Math.Min(int.MaxValue, (long)_line + lines);
            _lineStart = _bufferBase + _countedTo + span.LastIndexOf((byte)'\n') + 1;
        }

        _countedTo = to;
    }

    private int ColumnOf(long offset) => (int)Math.Min(int.MaxValue, offset - _lineStart + 1);

    private void Add(EdifactToken token)
    {
        if (_tokenCount == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[_tokenCount++] = token;
    }
}
