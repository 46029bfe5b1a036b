using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Portcullis.Ingest.Dcsa;

/// <summary>
/// Reads DCSA Track &amp; Trace (2.2 flat and 3.x metadata/payload shapes) and IoT 1.0 events: one
/// event, an array of events (the TNT 3 callback body and the GET /events response), or an object
/// that wraps the array under <c>events</c>, <c>data</c> or <c>notifications</c>. Each event gets
/// its own result; only a payload that is not JSON at all, or too big or too deep, is rejected whole
/// with <see cref="IngestRejectedException"/>.
/// Mapping choices (see <see cref="DcsaCodes"/>): equipment events become container events only when
/// actual (ACT), estimated and planned ones are skipped with a warning; PICK is a GateOut and DROP a
/// GateIn at the customer's place; RMVD is a SealChanged without a seal. IoT door events (DRO, DRC)
/// carry coordinates and, unless the sender adds a location, an empty UN/LOCODE. Transport events
/// (ARRI, DEPA) keep every classifier. Shipment, reefer and other event types are skipped with a
/// warning that names the eventID. Positions are of the event's opening brace; columns count bytes.
/// </summary>
public static class DcsaEventReader
{
    private static readonly string[] EnvelopeNames = ["events", "data", "notifications"];

    private static readonly string[] EventNames = ["metadata", "payload", "eventID", "eventType"];

    public static DcsaReadResult Read(ReadOnlyMemory<byte> utf8Json, DcsaReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = new List<DcsaEventResult>();
        ReadEach(utf8Json, results.Add, options, cancellationToken);
        return new DcsaReadResult(results);
    }

    /// <summary>
    /// Hands each event to <paramref name="each"/> as soon as it is read, so that a caller can store
    /// while the rest is still parsed. A payload-level error still throws, after some events were
    /// handed over: such a caller must undo what it did with them.
    /// </summary>
    public static void ReadEach(ReadOnlyMemory<byte> utf8Json, Action<DcsaEventResult> each, DcsaReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(each);
        options ??= DcsaReaderOptions.Default;
        if (utf8Json.Length > options.MaxPayloadBytes)
        {
            throw TooBig(options);
        }

        var bom = utf8Json.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        var lines = new LineMap(utf8Json, bom);
        if (FirstInvalidUtf8(utf8Json.Span[bom..]) is { } bad)
        {
            throw new IngestRejectedException(IngestIssue.Error(
                "dcsa.bad-utf8", "The DCSA payload is not valid UTF-8; send JSON encoded as UTF-8.", lines.At(bad)));
        }

        var reader = new Utf8JsonReader(utf8Json.Span[bom..], new JsonReaderOptions { MaxDepth = options.MaxDepth });
        try
        {
            if (!reader.Read())
            {
                throw new IngestRejectedException(IngestIssue.Error("dcsa.empty", "The DCSA payload is empty; send one event, an array of events or an object with an events array."));
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    ReadArray(ref reader, each, lines, options, cancellationToken);
                    break;
                case JsonTokenType.StartObject:
                    var checkpoint = reader;
                    if (SeekEnvelopeArray(ref reader))
                    {
                        ReadArray(ref reader, each, lines, options, cancellationToken);
                    }
                    else
                    {
                        reader = checkpoint;
                        each(ReadEvent(ref reader, 0, lines, options));
                    }

                    break;
                default:
                    throw new IngestRejectedException(IngestIssue.Error(
                        "dcsa.not-events",
                        $"The DCSA payload is a JSON {reader.TokenType}, not events; send one event object, an array of events or an object with an events array.",
                        lines.At(reader.TokenStartIndex)));
            }

            // Reads to the end, so that trailing garbage or an unclosed envelope rejects the payload.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw Malformed(e, lines);
        }
    }

    /// <summary>Reads the whole stream (up to <see cref="DcsaReaderOptions.MaxPayloadBytes"/>) and then the events.</summary>
    public static async Task<DcsaReadResult> ReadAsync(Stream stream, DcsaReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DcsaReaderOptions.Default;
        var initial = stream.CanSeek ? Math.Clamp(stream.Length - stream.Position + 1, 1, Math.Min(options.MaxPayloadBytes + 1, Array.MaxLength)) : 64 * 1024;
        var buffer = new ArrayBufferWriter<byte>((int)initial);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > options.MaxPayloadBytes)
            {
                throw TooBig(options);
            }
        }

        return Read(buffer.WrittenMemory, options, cancellationToken);
    }

    /// <summary>JSON between systems must be UTF-8 (RFC 8259 §8.1); the reader does not check inside strings, so this does, once.</summary>
    private static long? FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        if (Utf8.IsValid(json))
        {
            return null;
        }

        var at = 0;
        while (Rune.DecodeFromUtf8(json[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }

    /// <summary>
    /// At the start of a top-level object: moves onto the start of its events array and returns true
    /// if it is an envelope; returns false as soon as a property shows it is an event itself.
    /// </summary>
    private static bool SeekEnvelopeArray(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (Matches(ref reader, EventNames))
            {
                return false;
            }

            var envelope = Matches(ref reader, EnvelopeNames);
            reader.Read();
            if (envelope && reader.TokenType == JsonTokenType.StartArray)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool Matches(ref Utf8JsonReader reader, string[] names)
    {
        foreach (var name in names)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadArray(ref Utf8JsonReader reader, Action<DcsaEventResult> each, LineMap lines, DcsaReaderOptions options, CancellationToken cancellationToken)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if ((index & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                each(ReadEvent(ref reader, index, lines, options));
            }
            else
            {
                var position = lines.At(reader.TokenStartIndex);
                var kind = reader.TokenType;
                reader.Skip();
                each(new DcsaEventResult(index, null, DcsaOutcome.Rejected, Issue: IngestIssue.Error(
                    "dcsa.not-an-event", $"Element {index} of the events array is a JSON {kind}, not an event object; send each event as an object.", position)));
            }

            index++;
        }
    }

    private static DcsaEventResult ReadEvent(ref Utf8JsonReader reader, int index, LineMap lines, DcsaReaderOptions options)
    {
        var position = lines.At(reader.TokenStartIndex);
        using var document = JsonDocument.ParseValue(ref reader);
        return DcsaEventMapper.Map(document.RootElement, index, position, options);
    }

    private static IngestRejectedException Malformed(JsonException e, LineMap lines)
    {
        // The reader's message ends in its own zero-based position; ours is one-based and in the issue.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        var depth = reason.Contains("maximum configured depth", StringComparison.Ordinal);
        var line = (int)(e.LineNumber ?? 0);
        var column = (int)(e.BytePositionInLine ?? 0);
        var issue = IngestIssue.Error(
            depth ? "dcsa.too-deep" : "dcsa.malformed-json",
            depth
                ? "The DCSA payload nests deeper than events ever do; send events as DCSA defines them."
                : $"The DCSA payload is not well-formed JSON ({reason.TrimEnd('.')}); correct it at the given line and column.",
            lines.AtLineColumn(line, column));
        return new IngestRejectedException(issue);
    }

    private static IngestRejectedException TooBig(DcsaReaderOptions options) =>
        new(IngestIssue.Error("dcsa.too-big", $"The DCSA payload is larger than {options.MaxPayloadBytes} bytes; split it into smaller batches."));
}
