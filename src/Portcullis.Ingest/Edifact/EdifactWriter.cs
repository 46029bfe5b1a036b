using System.Globalization;
using System.Text;

namespace Portcullis.Ingest.Edifact;

/// <summary>One data element as written: its components, in order. Converts from a string or a string array.</summary>
public readonly record struct EdifactElement(string?[] Components)
{
    public static implicit operator EdifactElement(string? value) => new([value]);

    public static implicit operator EdifactElement(string?[] components) => new(components);

    public static EdifactElement Of(params string?[] components) => new(components);
}

/// <summary>The UNB of an interchange to write. <paramref name="Prepared"/> is UTC and written as such.</summary>
public sealed record InterchangeEnvelope(
    string Sender,
    string Recipient,
    DateTime Prepared,
    string ControlReference,
    string SyntaxIdentifier = "UNOC",
    int SyntaxVersion = 3,
    string? SenderQualifier = null,
    string? RecipientQualifier = null,
    bool WriteUna = true);

/// <summary>
/// Streams an interchange: UNA (optional), UNB, then messages of segments, each closed with a UNT
/// carrying its segment count, and UNZ with the message count. Hand-written because no .NET
/// package writes EDIFACT without pulling in a whole mapping framework. One segment per line
/// would need the reader to tolerate line breaks, so none are written unless asked.
/// </summary>
public sealed class EdifactWriter : IDisposable
{
    private readonly TextWriter output;
    private readonly bool ownsOutput;
    private readonly Delimiters delimiters;
    private readonly bool lineBreaks;
    private readonly StringBuilder buffer = new(256);
    private InterchangeEnvelope? envelope;
    private string? messageReference;
    private int segmentCount;
    private int messageCount;
    private bool escapeRepetition;

    /// <summary>Writes to a text writer whose encoding the caller has matched to the syntax identifier.</summary>
    public EdifactWriter(TextWriter output, Delimiters? delimiters = null, bool lineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = output;
        this.delimiters = delimiters ?? Delimiters.Default;
        this.lineBreaks = lineBreaks;
    }

    /// <summary>Writes to a stream in the encoding the syntax identifier demands (UNOC Latin-1, UNOY UTF-8 without BOM…).</summary>
    public EdifactWriter(Stream stream, string syntaxIdentifier = "UNOC", Delimiters? delimiters = null, bool lineBreaks = false, bool leaveOpen = false)
        : this(new StreamWriter(stream, EncodingFor(syntaxIdentifier), 64 * 1024, leaveOpen), delimiters, lineBreaks) => ownsOutput = true;

    /// <summary>The character encoding of a syntax identifier; only those whose repertoire maps unambiguously.</summary>
    public static Encoding EncodingFor(string syntaxIdentifier) => syntaxIdentifier.ToUpperInvariant() switch
    {
        "UNOA" or "UNOB" => Encoding.ASCII,
        "UNOC" => Encoding.Latin1,
        "UNOY" or "UNOW" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        _ => throw new ArgumentException($"Syntax identifier '{syntaxIdentifier}' is not supported for writing; use UNOA, UNOB, UNOC or UNOY.", nameof(syntaxIdentifier)),
    };

    public void BeginInterchange(InterchangeEnvelope header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (envelope is not null)
        {
            throw new InvalidOperationException("An interchange is already open; call EndInterchange first.");
        }

        envelope = header;
        messageCount = 0;
        escapeRepetition = header.SyntaxVersion >= 4;
        if (header.WriteUna)
        {
            var d = delimiters;
            output.Write(string.Concat("UNA", d.Component.ToString(), d.Element.ToString(), d.Decimal.ToString(), d.Release.ToString(), header.SyntaxVersion >= 4 ? d.Repetition.ToString() : " ", d.Segment.ToString()));
            EndLine();
        }

        var prepared = header.Prepared;
        var date = prepared.ToString(header.SyntaxVersion >= 4 ? "yyyyMMdd" : "yyMMdd", CultureInfo.InvariantCulture);
        WriteRaw("UNB", [
            EdifactElement.Of(header.SyntaxIdentifier, header.SyntaxVersion.ToString(CultureInfo.InvariantCulture)),
            EdifactElement.Of(header.Sender, header.SenderQualifier),
            EdifactElement.Of(header.Recipient, header.RecipientQualifier),
            EdifactElement.Of(date, prepared.ToString("HHmm", CultureInfo.InvariantCulture)),
            header.ControlReference,
        ]);
    }

    public void BeginMessage(string reference, string type, string version = "D", string release = "95B", string agency = "UN", string? association = null)
    {
        if (envelope is null)
        {
            throw new InvalidOperationException("No interchange is open; call BeginInterchange first.");
        }

        if (messageReference is not null)
        {
            throw new InvalidOperationException($"Message {messageReference} is still open; call EndMessage first.");
        }

        messageReference = reference;
        segmentCount = 0;
        WriteSegment("UNH", reference, EdifactElement.Of(type, version, release, agency, association));
    }

    /// <summary>Writes one segment of the open message; trailing empty elements and components are left out as the syntax requires.</summary>
    public void WriteSegment(string tag, params EdifactElement[] elements)
    {
        if (messageReference is null)
        {
            throw new InvalidOperationException("No message is open; call BeginMessage first.");
        }

        WriteRaw(tag, elements);
        segmentCount++;
    }

    public void EndMessage()
    {
        var reference = messageReference ?? throw new InvalidOperationException("No message is open.");
        WriteSegment("UNT", (segmentCount + 1).ToString(CultureInfo.InvariantCulture), reference);
        messageReference = null;
        messageCount++;
    }

    public void EndInterchange()
    {
        var header = envelope ?? throw new InvalidOperationException("No interchange is open.");
        if (messageReference is not null)
        {
            throw new InvalidOperationException($"Message {messageReference} is still open; call EndMessage first.");
        }

        WriteRaw("UNZ", [messageCount.ToString(CultureInfo.InvariantCulture), header.ControlReference]);
        envelope = null;
    }

    public void Flush() => output.Flush();

    public void Dispose()
    {
        if (ownsOutput)
        {
            output.Dispose();
        }
        else
        {
            output.Flush();
        }
    }

    /// <summary>A number in the interchange's decimal notation, never with an exponent.</summary>
    public string Number(double value)
    {
        var text = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        return delimiters.Decimal == '.' ? text : text.Replace('.', delimiters.Decimal);
    }

    private void WriteRaw(string tag, EdifactElement[] elements)
    {
        buffer.Clear();
        buffer.Append(tag);
        var last = elements.Length - 1;
        while (last >= 0 && IsEmpty(elements[last]))
        {
            last--;
        }

        for (var e = 0; e <= last; e++)
        {
            buffer.Append(delimiters.Element);
            var components = elements[e].Components ?? [];
            var lastComponent = components.Length - 1;
            while (lastComponent >= 0 && string.IsNullOrEmpty(components[lastComponent]))
            {
                lastComponent--;
            }

            for (var c = 0; c <= lastComponent; c++)
            {
                if (c > 0)
                {
                    buffer.Append(delimiters.Component);
                }

                AppendEscaped(components[c]);
            }
        }

        buffer.Append(delimiters.Segment);
        output.Write(buffer);
        EndLine();
    }

    private void AppendEscaped(string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var ch in value)
        {
            if (ch == delimiters.Component || ch == delimiters.Element || ch == delimiters.Segment || ch == delimiters.Release
                || (escapeRepetition && ch == delimiters.Repetition))
            {
                buffer.Append(delimiters.Release);
            }

            buffer.Append(ch);
        }
    }

    private static bool IsEmpty(EdifactElement element)
    {
        foreach (var component in element.Components ?? [])
        {
            if (!string.IsNullOrEmpty(component))
            {
                return false;
            }
        }

        return true;
    }

    private void EndLine()
    {
        if (lineBreaks)
        {
            output.Write('\n');
        }
    }
}
