using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portcullis.Parsing.Yaml;

/// <summary>Why a YAML text could not be loaded.</summary>
public enum YamlLoadFailureKind
{
    /// <summary>YamlDotNet reported a syntax error with its position (bad indentation, a duplicate key, …).</summary>
    Syntax,

    /// <summary>
    /// The scanner failed without a position, as YamlDotNet does on some unclosed brackets or quotes
    /// at the end of the input; the position is where the last good YAML event ended.
    /// </summary>
    UnclosedAtEnd,

    /// <summary>An alias (<c>*name</c>); <see cref="YamlLoadFailure.Message"/> is the name. Refused: see <see cref="GuardedParser"/>.</summary>
    Alias,

    /// <summary>An anchor (<c>&amp;name</c>), refused with aliases; <see cref="YamlLoadFailure.Message"/> is the name.</summary>
    Anchor,

    /// <summary>Sections and lists nest deeper than <see cref="YamlLimits.MaxDepth"/>; the position is the first one too deep.</summary>
    TooDeep,

    /// <summary>The text is longer than <see cref="YamlLimits.MaxDocumentChars"/>; the position is where the limit falls.</summary>
    TooLarge,
}

/// <summary>
/// A YAML text that could not be loaded, and where: what YamlDotNet said (empty when it said nothing
/// useful), the anchor or alias name, or empty for a limit.
/// </summary>
public sealed record YamlLoadFailure(YamlLoadFailureKind Kind, string Message, Mark At);

/// <summary>The loaded documents, or the failure; never both.</summary>
public sealed record YamlLoadResult(YamlStream? Stream, YamlLoadFailure? Failure)
{
    /// <summary>The first document's root when it is a mapping of 'key: value' lines; null otherwise.</summary>
    public YamlMappingNode? RootMapping => Stream is { Documents.Count: > 0 } s ? s.Documents[0].RootNode as YamlMappingNode : null;
}

/// <summary>
/// Loads YAML into YamlDotNet's representation model and returns a failure with a position instead
/// of throwing, so each parser (rule profiles, CSV mappings) words the problem its own way. Refuses
/// anchors and aliases, and texts beyond <see cref="YamlLimits"/>, before building anything from them.
/// </summary>
public static class YamlDocumentLoader
{
    public static YamlLoadResult Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stream = new YamlStream();
        var bounded = new BoundedTextReader(reader, YamlLimits.MaxDocumentChars);
        var parser = new PositionTrackingParser(new Parser(bounded));
        try
        {
            stream.Load(new GuardedParser(parser));
            return bounded.Exceeded ? TooLarge(bounded) : new YamlLoadResult(stream, null);
        }
        catch (GuardedParser.Refused refused)
        {
            return bounded.Exceeded ? TooLarge(bounded) : new YamlLoadResult(null, refused.Failure);
        }
        catch (YamlException) when (bounded.Exceeded)
        {
            // The text was cut at the limit, which is what YamlDotNet stumbled on.
            return TooLarge(bounded);
        }
        catch (YamlException e)
        {
            return new YamlLoadResult(null, new YamlLoadFailure(YamlLoadFailureKind.Syntax, e.InnerException?.Message ?? e.Message, e.Start));
        }
        catch (InvalidOperationException) when (bounded.Exceeded)
        {
            return TooLarge(bounded);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unclosed brackets at the end of input.
            return new YamlLoadResult(null, new YamlLoadFailure(YamlLoadFailureKind.UnclosedAtEnd, "", parser.LastGood));
        }
    }

    private static YamlLoadResult TooLarge(BoundedTextReader reader) =>
        new(null, new YamlLoadFailure(YamlLoadFailureKind.TooLarge, "", reader.LimitAt));
}

/// <summary>Remembers where the last good YAML event ended, for errors that YamlDotNet raises without a position.</summary>
public sealed class PositionTrackingParser(IParser inner) : IParser
{
    public Mark LastGood { get; private set; } = Mark.Empty;

    public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        LastGood = inner.Current?.End ?? LastGood;
        return inner.MoveNext();
    }
}
