namespace Portcullis.Parsing.Yaml;

/// <summary>
/// What <see cref="YamlDocumentLoader"/> refuses to load, so that a small hostile text cannot cost
/// much time or memory in the parsers above it. Rule profiles and CSV mappings are a few KiB; the
/// limits are far above that and change here only.
/// </summary>
public static class YamlLimits
{
    /// <summary>Largest document, in characters (256 KiB): a rule profile or mapping is a few KiB.</summary>
    public const int MaxDocumentChars = 256 * 1024;

    /// <summary>
    /// Deepest nesting of sections and lists. A rule profile needs 5 levels plus 2 per nested
    /// all/any; the limit also keeps every recursive reader above far from a stack overflow.
    /// </summary>
    public const int MaxDepth = 32;
}
