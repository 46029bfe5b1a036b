namespace Portcullis.Ingest.Edifact;

/// <summary>Limits and interpretation choices of <see cref="EdifactReader"/>.</summary>
public sealed record EdifactReaderOptions
{
    public static EdifactReaderOptions Default { get; } = new();

    /// <summary>A longer segment is rejected (its message, or the interchange) instead of being held in memory.</summary>
    public int MaxSegmentLength { get; init; } = 1 << 20;

    /// <summary>
    /// A message whose segments add up to more is rejected; bounds the memory one message may take
    /// (decoded, a message takes about 15 times its size). The largest simulated full-day message
    /// is about 1.5 MB. Once a message is over the limit the rest of it is only counted, not kept.
    /// </summary>
    public long MaxMessageBytes { get; init; } = 4L << 20;

    /// <summary>How the refusal of a too-large message names the setting that raises <see cref="MaxMessageBytes"/>.</summary>
    public string MaxMessageBytesSetting { get; init; } = nameof(MaxMessageBytes);

    /// <summary>The zone in which senders write the UNB preparation time; UTC unless the partner agreement says otherwise.</summary>
    public TimeZoneInfo SenderTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Bytes read from the stream at a time.</summary>
    public int BufferSize { get; init; } = 1 << 16;
}

/// <summary>
/// Reads UN/EDIFACT interchanges from a stream, one item at a time, holding at most one message in
/// memory. Bad input never throws: it comes out as <see cref="MessageRejected"/> (the reader goes
/// on at the next UNH) or <see cref="InterchangeFailed"/> (the reader goes on at the next UNA or UNB).
/// </summary>
public static class EdifactReader
{
    public static IEnumerable<InterchangeItem> Read(Stream stream, EdifactReaderOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadItems(stream, options ?? EdifactReaderOptions.Default, ct);
    }

    /// <summary>Reads a whole interchange file held in memory (tests, small uploads).</summary>
    public static IReadOnlyList<InterchangeItem> ReadAll(ReadOnlyMemory<byte> data, EdifactReaderOptions? options = null)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        return [.. Read(stream, options)];
    }

    private static IEnumerable<InterchangeItem> ReadItems(Stream stream, EdifactReaderOptions options, CancellationToken ct)
    {
        var tokenizer = new EdifactTokenizer(stream, options.MaxSegmentLength, options.BufferSize);
        var parser = new InterchangeParser(tokenizer, options);
        var output = new Queue<InterchangeItem>();
        var more = true;
        while (more)
        {
            ct.ThrowIfCancellationRequested();
            more = tokenizer.Read();
            if (more)
            {
                parser.Process(output);
            }
            else
            {
                parser.Finish(output);
            }

            while (output.Count > 0)
            {
                yield return output.Dequeue();
            }
        }
    }
}
