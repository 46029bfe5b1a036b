using Portcullis.Parsing.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portcullis.Tests.Parsing;

/// <summary>The YAML loading shared by rule profiles and CSV mappings: failures come back with a 1-based position instead of an exception.</summary>
public sealed class YamlDocumentLoaderTests
{
    private static YamlLoadResult Load(string yaml) => YamlDocumentLoader.Load(new StringReader(yaml));

    [Fact]
    public void Key_value_lines_load_as_a_root_mapping()
    {
        var loaded = Load("name: t\nrules: [a, b]\n");
        Assert.Null(loaded.Failure);
        Assert.Equal(2, loaded.RootMapping!.Children.Count);
    }

    [Fact]
    public void A_list_or_nothing_loads_but_has_no_root_mapping()
    {
        var list = Load("- a\n- b\n");
        Assert.Null(list.Failure);
        Assert.Null(list.RootMapping);
        Assert.Single(list.Stream!.Documents);

        var empty = Load("");
        Assert.Null(empty.Failure);
        Assert.Null(empty.RootMapping);
        Assert.Empty(empty.Stream!.Documents);
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_failure_at_the_second_key()
    {
        var loaded = Load("a: 1\na: 2\n");
        Assert.Null(loaded.Stream);
        var failure = Assert.IsType<YamlLoadFailure>(loaded.Failure);
        Assert.Equal(YamlLoadFailureKind.Syntax, failure.Kind);
        Assert.StartsWith("Duplicate key ", failure.Message, StringComparison.Ordinal);
        Assert.Equal((2, 1), (failure.At.Line, failure.At.Column));
    }

    [Fact]
    public void An_unclosed_quote_is_a_syntax_failure_where_the_quote_opens()
    {
        // 'a: "x': the quoted scalar starts at line 1, column 4.
        var failure = Assert.IsType<YamlLoadFailure>(Load("a: \"x").Failure);
        Assert.Equal(YamlLoadFailureKind.Syntax, failure.Kind);
        Assert.Equal((1, 4), (failure.At.Line, failure.At.Column));
    }

    [Fact]
    public void The_tracker_remembers_where_the_last_event_it_moved_past_ended()
    {
        // The position for failures YamlDotNet raises without one (some unclosed brackets at the end of input).
        var parser = new PositionTrackingParser(new Parser(new StringReader("a: 1\nb: 2\n")));
        Assert.Equal(Mark.Empty, parser.LastGood);
        while (parser.MoveNext() && parser.Current is not Scalar { Value: "1" })
        {
        }

        parser.MoveNext();
        // "a: 1": the scalar 1 is column 4 of line 1, so it ends at column 5.
        Assert.Equal((1, 5), (parser.LastGood.Line, parser.LastGood.Column));
    }
}
