using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Portcullis.Ingest.Air;

/// <summary>Where an element starts in the input (1-based line and column).</summary>
internal sealed record XmlPlace(int Line, int Column);

/// <summary>
/// Reads untrusted XML safely: no DTD (so no entity expansion and no external entities), no
/// resolver, and limits on depth and on the characters of one top-level element. Several
/// top-level elements may follow each other (several messages in one file); an XML declaration
/// before any of them is allowed. Each element is built with its start position as an annotation.
/// </summary>
internal static class XmlLoader
{
    /// <summary>The XML declarations in the input, blanked to spaces so positions stay exact; null when one declares an encoding other than UTF-8.</summary>
    public static string? BlankDeclarations(byte[] bytes, out int offset)
    {
        offset = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var span = bytes.AsSpan(offset);
        var declaration = "<?xml"u8;
        var from = 0;
        while (true)
        {
            var at = span[from..].IndexOf(declaration);
            if (at < 0)
            {
                return null;
            }

            at += from;
            var end = span[at..].IndexOf("?>"u8);
            if (end < 0)
            {
                return null;
            }

            end += at + 2;
            var text = Encoding.ASCII.GetString(span[at..end]);
            var encoding = text.IndexOf("encoding", StringComparison.Ordinal) is var e and >= 0 ? text[e..] : null;
            if (encoding is not null && !encoding.Contains("utf-8", StringComparison.OrdinalIgnoreCase) && !encoding.Contains("us-ascii", StringComparison.OrdinalIgnoreCase))
            {
                return text;
            }

            for (var i = at; i < end; i++)
            {
                if (span[i] is not ((byte)'\n' or (byte)'\r'))
                {
                    span[i] = (byte)' ';
                }
            }

            from = end;
        }
    }

    /// <summary>The byte offset of the first byte that is not valid UTF-8, or -1 when all of it is.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>Line and column (1-based, in characters) of a byte offset.</summary>
    public static InputPosition PositionOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new InputPosition(offset, line, column);
    }

    public static XmlReaderSettings Settings(int maxDepth, long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        ConformanceLevel = ConformanceLevel.Fragment,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>
    /// Builds the element the reader stands on and leaves the reader after its end. Throws
    /// <see cref="XmlLimitException"/> past the depth or size limit, <see cref="XmlException"/> when
    /// the XML is not well-formed.
    /// </summary>
    public static XElement Load(XmlReader reader, int maxDepth, long maxCharacters)
    {
        var info = (IXmlLineInfo)reader;
        var baseDepth = reader.Depth;
        long characters = 0;
        XElement? root = null;
        var stack = new Stack<XElement>();
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth - baseDepth >= maxDepth)
                    {
                        throw new XmlLimitException($"elements are nested deeper than {maxDepth} levels", info.LineNumber, info.LinePosition);
                    }

                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    element.AddAnnotation(new XmlPlace(info.LineNumber, info.LinePosition));
                    characters += reader.LocalName.Length;
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            characters += reader.Value.Length + reader.LocalName.Length;
                            element.Add(reader.NamespaceURI == XNamespace.Xmlns.NamespaceName
                                ? new XAttribute(reader.Prefix.Length == 0 ? "xmlns" : (XName)(XNamespace.Xmlns + reader.LocalName), reader.Value)
                                : new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    if (stack.Count > 0)
                    {
                        stack.Peek().Add(element);
                    }
                    else
                    {
                        root = element;
                    }

                    if (!reader.IsEmptyElement)
                    {
                        stack.Push(element);
                    }

                    break;

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    characters += reader.Value.Length;
                    stack.Peek().Add(new XText(reader.Value));
                    break;

                case XmlNodeType.EndElement:
                    stack.Pop();
                    break;
            }

            if (characters > maxCharacters)
            {
                throw new XmlLimitException($"one message is larger than {maxCharacters:N0} characters", info.LineNumber, info.LinePosition);
            }
        }
        while (stack.Count > 0 && reader.Read());

        if (stack.Count > 0)
        {
            throw new XmlException("The input ends inside an element.", null, info.LineNumber, info.LinePosition);
        }

        reader.Read();
        return root!;
    }
}

internal sealed class XmlLimitException(string what, int line, int column) : Exception(what)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
