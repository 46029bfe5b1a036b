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

    [Fact]
    [Trait("Category", "security")]
    public void The_alias_bomb_is_refused_at_its_first_anchor_before_anything_is_built()
    {
        var loaded = Load(YamlBombs.AliasBombProfile());

        Assert.Null(loaded.Stream);
        var failure = Assert.IsType<YamlLoadFailure>(loaded.Failure);
        Assert.Equal(YamlLoadFailureKind.Anchor, failure.Kind);
        Assert.Equal("l0", failure.Message);
        Assert.Equal((8, 16), (failure.At.Line, failure.At.Column));
    }

    [Fact]
    [Trait("Category", "security")]
    public void An_alias_is_refused_with_its_name_and_position()
    {
        var failure = Assert.IsType<YamlLoadFailure>(Load("a: 1\nb: *x\n").Failure);

        Assert.Equal(YamlLoadFailureKind.Alias, failure.Kind);
        Assert.Equal("x", failure.Message);
        Assert.Equal((2, 4), (failure.At.Line, failure.At.Column));
    }

    [Fact]
    [Trait("Category", "security")]
    public void Nesting_up_to_the_limit_loads_and_one_level_more_is_refused_where_it_starts()
    {
        Assert.Null(Load(YamlBombs.NestedLists(YamlLimits.MaxDepth)).Failure);

        var failure = Assert.IsType<YamlLoadFailure>(Load(YamlBombs.NestedLists(YamlLimits.MaxDepth + 1)).Failure);

        Assert.Equal(YamlLoadFailureKind.TooDeep, failure.Kind);
        Assert.Equal((1, YamlLimits.MaxDepth + 1), (failure.At.Line, failure.At.Column));
    }

    [Fact]
    [Trait("Category", "security")]
    public void A_text_longer_than_the_limit_is_refused_after_reading_just_past_the_limit()
    {
        // 10 MB of valid YAML ('k0: v' lines), of which the loader may read the limit and a buffer more.
        var lines = Enumerable.Range(0, 1_000_000).Select(i => $"k{i}: v\n");
        using var reader = new CountingReader(string.Concat(lines));

        var failure = Assert.IsType<YamlLoadFailure>(YamlDocumentLoader.Load(reader).Failure);

        Assert.Equal(YamlLoadFailureKind.TooLarge, failure.Kind);
        Assert.Equal(YamlLimits.MaxDocumentChars, failure.At.Index);
        Assert.InRange(reader.Taken, YamlLimits.MaxDocumentChars, YamlLimits.MaxDocumentChars + 4096);
    }

    [Fact]
    public void A_text_of_exactly_the_limit_loads()
    {
        var text = "a: " + new string('x', YamlLimits.MaxDocumentChars - 3);
        Assert.Null(Load(text).Failure);
    }

    /// <summary>Counts the characters taken from it.</summary>
    private sealed class CountingReader(string text) : TextReader
    {
        private readonly StringReader _inner = new(text);

        public long Taken { get; private set; }

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            var c = _inner.Read();
            Taken += c < 0 ? 0 : 1;
            return c;
        }

        public override int Read(Span<char> buffer)
        {
            var n = _inner.Read(buffer);
            Taken += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }
}
