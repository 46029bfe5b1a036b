using System.Text;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// One CUSCAR interchange with a single message of about <c>messageBytes</c>, generated while it is
/// read (free-text FTX segments of about 1 KB), so a test can send 60 MB without holding it.
/// </summary>
public sealed class LargeEdifact : Stream
{
    private readonly byte[] _head;
    private readonly byte[] _segment;
    private readonly byte[] _tail;
    private readonly long _segments;
    private long _position;

    public LargeEdifact(string controlReference, long messageBytes)
    {
        _head = Encoding.ASCII.GetBytes(
            $"UNA:+.? 'UNB+UNOC:3+PORTBASE:ZZ+NLCUSTOMS:ZZ+261120:0815+{controlReference}'\nUNH+1+CUSCAR:D:95B:UN'\nBGM+85+{controlReference}-1+9'\n");
        _segment = Encoding.ASCII.GetBytes("FTX+AAI+++" + string.Concat(Enumerable.Repeat("GENERAL CARGO IN CARTONS ", 40)) + "'\n");
        _segments = Math.Max(1, messageBytes / _segment.Length);
        _tail = Encoding.ASCII.GetBytes($"UNT+{_segments + 3}+1'\nUNZ+1+{controlReference}'\n");
        Length = _head.Length + (_segments * _segment.Length) + _tail.Length;
    }

    public override long Length { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < Length)
        {
            var (source, at) = Locate(_position);
            var n = Math.Min(buffer.Length - written, source.Length - at);
            source.AsSpan(at, n).CopyTo(buffer[written..]);
            written += n;
            _position += n;
        }

        return written;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The part that holds byte <paramref name="position"/>, and the offset in it.</summary>
    private (byte[] Source, int At) Locate(long position)
    {
        if (position < _head.Length)
        {
            return (_head, (int)position);
        }

        var body = position - _head.Length;
        return body < _segments * _segment.Length
            ? (_segment, (int)(body % _segment.Length))
            : (_tail, (int)(body - (_segments * _segment.Length)));
    }
}
