using System.Text.Json;
using System.Text.Unicode;
using Portcullis.Ingest;

namespace Portcullis.Integrity.Readings;

/// <summary>
/// Reads a payload of sensor readings: one reading object or an array of them, each either a
/// Portcullis reading (docs/INTEGRITY.md, "Seals and sensors") or a DCSA event (IoT 1 and T&amp;T 3
/// IoT events through <see cref="Ingest.Dcsa.DcsaEventReader"/>, Reefer 1 measurements and set-point
/// changes). Pure: the clock is a parameter. Never throws for bad input: a broken payload gives
/// <see cref="ReadingPayload.PayloadError"/>, a broken reading its own rejection, an unreadable
/// optional field a warning. Positions are of the reading's opening brace, or of the field.
/// </summary>
public static class ReadingReader
{
    public static ReadingPayload Read(ReadOnlyMemory<byte> utf8Json, DateTime now, ReadingReaderOptions? options = null)
    {
        options ??= ReadingReaderOptions.Default;
        if (utf8Json.Length > options.MaxPayloadBytes)
        {
            return Whole("reading.too-big", $"The payload is larger than {options.MaxPayloadBytes} bytes; send readings in smaller batches.");
        }

        var bom = utf8Json.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        var json = utf8Json[bom..];
        var lines = new LineMap(utf8Json, bom);
        if (!Utf8.IsValid(json.Span))
        {
            return Whole("reading.bad-utf8", "The payload is not valid UTF-8; send JSON encoded as UTF-8.");
        }

        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Whole("reading.empty", "The payload is empty; send one reading object or an array of readings.");
        }

        var context = new ReadContext(json, lines, now, options);
        var results = new List<ReadingResult>();
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read())
            {
                return Whole("reading.empty", "The payload is empty; send one reading object or an array of readings.");
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    results.Add(Element(ref reader, 0, context));
                    break;
                case JsonTokenType.StartArray:
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (index >= options.MaxReadings)
                        {
                            var at = lines.At(reader.TokenStartIndex);
                            reader.Skip();
                            results.Add(ReadingResult.Rejected(index++, IngestIssue.Error(
                                "reading.too-many", $"Reading {index - 1} is beyond the limit of {options.MaxReadings} readings per payload; send it in another batch.", at)));
                            continue;
                        }

                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            results.Add(Element(ref reader, index, context));
                        }
                        else
                        {
                            var at = lines.At(reader.TokenStartIndex);
                            var kind = reader.TokenType;
                            reader.Skip();
                            results.Add(ReadingResult.Rejected(index, IngestIssue.Error(
                                "reading.not-an-object", $"Element {index} of the array is a JSON {kind}, not a reading object; send each reading as an object.", at)));
                        }

                        index++;
                    }

                    break;
                default:
                    return Whole("reading.not-readings", $"The payload is a JSON {reader.TokenType}, not readings; send one reading object or an array of readings.", lines.At(reader.TokenStartIndex));
            }

            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            // Nothing of a payload that is not JSON is kept: its readings cannot be told apart reliably.
            var line = (int)(e.LineNumber ?? 0);
            var column = (int)(e.BytePositionInLine ?? 0);
            return Whole("reading.malformed-json", $"The payload is not well-formed JSON; correct it at line {line + 1}, column {column + 1}.", new InputPosition(-1, line + 1, column + 1));
        }

        return new ReadingPayload(results);
    }

    private static ReadingPayload Whole(string code, string message, InputPosition? at = null) => new([], IngestIssue.Error(code, message, at));

    private static ReadingResult Element(ref Utf8JsonReader reader, int index, ReadContext context)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        var slice = context.Json[start..end];
        return DcsaReadings.LooksLikeDcsa(slice.Span)
            ? DcsaReadings.Read(slice, index, start, context)
            : PortcullisReadings.Read(slice, index, start, context);
    }
}

/// <summary>What every reading of one payload is read against.</summary>
internal sealed record ReadContext(ReadOnlyMemory<byte> Json, LineMap Lines, DateTime Now, ReadingReaderOptions Options)
{
    public InputPosition At(long offset) => Lines.At(offset);
}
