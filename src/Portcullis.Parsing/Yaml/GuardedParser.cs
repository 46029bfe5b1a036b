using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portcullis.Parsing.Yaml;

/// <summary>
/// Stops the event stream at the first anchor or alias, or at nesting deeper than
/// <see cref="YamlLimits.MaxDepth"/>, before YamlDotNet's representation model (which recurses)
/// or any reader above it sees the node. Aliases are refused outright: a shared node is walked once
/// per reference, so nested aliases make a few hundred bytes expand exponentially ("billion laughs").
/// </summary>
internal sealed class GuardedParser(IParser inner) : IParser
{
    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case AnchorAlias alias:
                throw new Refused(YamlLoadFailureKind.Alias, alias.Value.Value, alias.Start);
            case NodeEvent { Anchor.IsEmpty: false } anchored:
                throw new Refused(YamlLoadFailureKind.Anchor, anchored.Anchor.Value, anchored.Start);
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++_depth > YamlLimits.MaxDepth:
                throw new Refused(YamlLoadFailureKind.TooDeep, "", inner.Current.Start);
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }

    /// <summary>Carries a refusal out of YamlDotNet's loading loop to <see cref="YamlDocumentLoader.Load"/>, which returns it.</summary>
    internal sealed class Refused(YamlLoadFailureKind kind, string detail, Mark at) : Exception(detail)
    {
        public YamlLoadFailure Failure { get; } = new(kind, detail, at);
    }
}
