using System.Xml;
using System.Xml.Linq;

namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>What the XML readers share: safe streaming settings, root recognition and error sentences.</summary>
internal static class ListXml
{
    public const string EuNamespace = "http://eu.europa.ec/fpi/fsd/export";
    public const string OfacNamespace = "http://tempuri.org/sdnList.xsd";

    /// <summary>Streaming, no DTD (billion laughs), no resolver (no external entities), line numbers kept.</summary>
    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    });

    /// <summary>Moves to the root element; false for an empty file.</summary>
    public static bool MoveToRoot(XmlReader reader) => reader.MoveToContent() == XmlNodeType.Element;

    /// <summary>A plain-words name for a root element, so a wrong --source names what the file really is.</summary>
    public static string Describe(string localName, string ns) => (localName, ns) switch
    {
        ("export", EuNamespace) => "an EU financial sanctions file (--source eu)",
        ("CONSOLIDATED_LIST", _) => "a UN Security Council consolidated list (--source un)",
        ("sdnList", _) => "an OFAC SDN list (--source ofac)",
        ("Sanctions", _) when ns.Contains("ADVANCED", StringComparison.OrdinalIgnoreCase) || ns.Contains("sanctionslistservice", StringComparison.OrdinalIgnoreCase)
            => "an OFAC advanced (SLS) sanctions file, which Portcullis does not read (use sdn.xml)",
        ("sanctionsData", _) => "an OFAC enhanced (SLS) sanctions file, which Portcullis does not read (use sdn.xml)",
        _ => ns.Length == 0 ? $"an XML file with root element <{localName}>" : $"an XML file with root element <{localName}> in namespace {ns}",
    };

    public static SanctionsListResult WrongRoot(XmlReader reader, string expected) => SanctionsListResult.Fail(
        Line(reader), Column(reader),
        $"The file is {Describe(reader.LocalName, reader.NamespaceURI)}, but {expected} was expected; choose the matching --source.");

    // Some XmlExceptions (a prohibited DTD) carry no position; the reader's own position is then the best one.
    public static SanctionsListResult Broken(XmlException ex, XmlReader reader)
    {
        var (line, column) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : (Math.Max(1, Line(reader)), Column(reader));
        return ex.Message.Contains("DTD", StringComparison.Ordinal)
            ? SanctionsListResult.Fail(line, column, "The file declares a DTD (<!DOCTYPE>), which no sanctions list needs and which is refused for safety; nothing was imported.")
            : SanctionsListResult.Fail(line, column, $"The XML is cut off or malformed ({Trim(ex.Message)}); nothing was imported, download the file again.");
    }

    public static SanctionsListResult Empty(string expected) =>
        SanctionsListResult.Fail(1, 0, $"The file is empty or holds no XML element, but {expected} was expected.");

    public static long Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;

    public static long Column(XmlReader reader) => reader is IXmlLineInfo info ? info.LinePosition : 0;

    /// <summary>Reads the current element (and advances past it) as a small tree: one entry at a time, never the file.</summary>
    public static XElement ReadElement(XmlReader reader) => (XElement)XNode.ReadFrom(reader);

    /// <summary>The child's trimmed text or null, by local name (the readers ignore namespaces inside an entry).</summary>
    public static string? Child(XElement element, string localName)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == localName)
            {
                var value = child.Value.Trim();
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    public static IEnumerable<XElement> Children(XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static string? Attr(XElement element, string name)
    {
        var value = element.Attribute(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string Trim(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).TrimEnd('.', ' ');
    }
}
