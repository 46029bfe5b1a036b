using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Portcullis.Ingest.Air;

/// <summary>Limits for Cargo-XML input.</summary>
public sealed record CargoXmlOptions
{
    public static CargoXmlOptions Default { get; } = new();

    /// <summary>Nesting deeper than this is refused (a real XFWB nests about 8 levels).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Characters of one message; a real XFWB has a few thousand.</summary>
    public long MaxMessageCharacters { get; init; } = 4_000_000;

    /// <summary>Characters of the whole input.</summary>
    public long MaxInputCharacters { get; init; } = 2_000_000_000;
}

/// <summary>One message of a Cargo-XML input: read, or rejected alone.</summary>
public abstract record AirItem(string Type)
{
    /// <summary>The item's own text, to quarantine it alone and replay it as sent.</summary>
    public abstract string RawText { get; }
}

/// <summary>A message that was read. <paramref name="Type"/> is XFWB, XFZB or XFFM; <paramref name="Sender"/> the header's first sender id.</summary>
public sealed record AirMessage(string Type, ManifestDocument Document, Lazy<string> Text, InputPosition Position, string? Sender) : AirItem(Type)
{
    // Serialised only when needed (a hub it cannot be stored for): most messages never are.
    public override string RawText => Text.Value;
}

/// <summary>A message whose identity is broken (no air waybill number, unknown root): rejected, the others still count.</summary>
public sealed record AirRejected(string Type, string? Reference, IngestIssue Error, string Text) : AirItem(Type)
{
    public override string RawText => Text;
}

/// <summary>The input itself is broken (not well-formed, a DTD, over a limit): nothing of it may be stored. Always the last item.</summary>
public sealed record AirFailed(IngestIssue Error) : AirItem("file")
{
    public override string RawText => "";
}

/// <summary>
/// Reads IATA Cargo-XML: XFWB (Waybill, master air waybill), XFZB (HouseWaybill) and XFFM
/// (FlightManifest), version 3 of the data model as the IATA Cargo-XML toolkit defines it. A file
/// holds one message or several one after another. Elements are matched by local name, so any
/// namespace prefixes work. Only broken structure or identity rejects; every other oddity is a
/// warning with its line and column, and the value as sent.
/// </summary>
public static class CargoXmlReader
{
    public static IEnumerable<AirItem> Read(byte[] input, CargoXmlOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CargoXmlOptions.Default;
        if (XmlLoader.FirstInvalidUtf8(input) is var invalid and >= 0)
        {
            yield return new AirFailed(IngestIssue.Error("cargoxml.encoding", "The input is not valid UTF-8; Cargo-XML is sent in UTF-8, so re-send the file in UTF-8.", XmlLoader.PositionOf(input, invalid)));
            yield break;
        }

        var bytes = (byte[])input.Clone();
        if (XmlLoader.BlankDeclarations(bytes, out var offset) is { } declaration)
        {
            yield return new AirFailed(IngestIssue.Error("cargoxml.encoding", $"The XML declaration '{declaration}' names an encoding other than UTF-8; Cargo-XML is sent in UTF-8, so re-send the file in UTF-8.", new InputPosition(offset, 1, 1)));
            yield break;
        }

        using var stream = new MemoryStream(bytes, offset, bytes.Length - offset, writable: false);
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        using var reader = XmlReader.Create(text, XmlLoader.Settings(options.MaxDepth, options.MaxInputCharacters));
        var lines = new LineIndex(input);
        var count = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            XElement? element = null;
            IngestIssue? failure = null;
            try
            {
                reader.MoveToContent();
                if (reader.EOF)
                {
                    break;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    var info = (IXmlLineInfo)reader;
                    failure = IngestIssue.Error("cargoxml.not-xml", "The input holds text outside any element; send Cargo-XML messages (Waybill, HouseWaybill, FlightManifest) only.", lines.At(info.LineNumber, info.LinePosition));
                }
                else
                {
                    element = XmlLoader.Load(reader, options.MaxDepth, options.MaxMessageCharacters);
                }
            }
            catch (XmlException ex)
            {
                failure = Broken(ex, lines);
            }
            catch (DecoderFallbackException)
            {
                failure = IngestIssue.Error("cargoxml.encoding", "The input is not valid UTF-8; Cargo-XML is sent in UTF-8, so re-send the file in UTF-8.");
            }
            catch (XmlLimitException ex)
            {
                failure = IngestIssue.Error("cargoxml.limit", $"The input is refused because {ex.Message}; split it or send well-formed Cargo-XML.", lines.At(ex.Line, ex.Column));
            }

            if (failure is not null)
            {
                yield return new AirFailed(failure);
                yield break;
            }

            count++;
            yield return CargoXmlMapping.Map(element!, lines);
        }

        if (count == 0)
        {
            yield return new AirFailed(IngestIssue.Error("cargoxml.empty", "The input holds no Cargo-XML message; send a Waybill (XFWB), HouseWaybill (XFZB) or FlightManifest (XFFM)."));
        }
    }

    private static IngestIssue Broken(XmlException ex, LineIndex lines)
    {
        var where = lines.At(Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1));
        if (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return IngestIssue.Error("cargoxml.dtd", "The input declares a DOCTYPE; Cargo-XML needs none, and DTDs are refused because their entities can expand without bound or read other files, so remove the DOCTYPE.", where);
        }

        // XmlException appends " Line n, position m." to its message; the position is ours to give.
        var reason = ex.Message;
        var suffix = reason.LastIndexOf(" Line ", StringComparison.Ordinal);
        reason = (suffix > 0 ? reason[..suffix] : reason).TrimEnd('.', ' ');
        return IngestIssue.Error("cargoxml.not-well-formed", $"The input is not well-formed XML ({reason}); fix the XML and send it again.", where);
    }
}

/// <summary>Turns line and column into an <see cref="InputPosition"/> with the byte offset, for the few positions an issue needs.</summary>
internal sealed class LineIndex(byte[] bytes)
{
    private List<int>? _starts;

    public InputPosition At(int line, int column)
    {
        _starts ??= Starts();
        var start = line - 1 < _starts.Count ? _starts[Math.Max(line - 1, 0)] : bytes.Length;
        var end = line < _starts.Count ? _starts[line] : bytes.Length;
        var chars = Encoding.UTF8.GetString(bytes, start, end - start);
        var offset = start + Encoding.UTF8.GetByteCount(chars.AsSpan(0, Math.Min(Math.Max(column - 1, 0), chars.Length)));
        return new InputPosition(offset, line, column);
    }

    private List<int> Starts()
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
