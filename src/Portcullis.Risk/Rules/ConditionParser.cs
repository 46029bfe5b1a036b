using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Portcullis.Risk.Rules.RuleProfileParser;

namespace Portcullis.Risk.Rules;

/// <summary>Turns the YAML under 'when:' into a <see cref="Condition"/> tree, checking fields, operators and value types.</summary>
internal static class ConditionParser
{
    private static readonly Dictionary<RuleFieldType, string[]> Operators = new()
    {
        [RuleFieldType.Text] = ["eq", "in", "not_in", "prefix", "contains_any"],
        [RuleFieldType.TextList] = ["any_in", "none_in", "count_gte", "prefix"],
        [RuleFieldType.Number] = ["lt", "lte", "gt", "gte", "eq", "between"],
        [RuleFieldType.Flag] = ["eq"],
    };

    public static Condition Parse(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error("A condition must be 'field: test', or 'all:', 'any:' or 'not:' with conditions indented under it.", node.Start);
        }

        if (map.Children.Count == 0)
        {
            throw Error("The condition is empty; write 'field: test', or 'all:', 'any:' or 'not:' with conditions.", map.Start);
        }

        // Several keys in one condition read naturally as "all of these".
        var parts = map.Children.Select(kv => Entry(kv.Key, kv.Value)).ToList();
        return parts.Count == 1 ? parts[0] : new AllCondition(parts);
    }

    private static Condition Entry(YamlNode keyNode, YamlNode value)
    {
        var key = KeyName(keyNode);
        switch (key)
        {
            case "all" or "any":
                if (value is not YamlSequenceNode list)
                {
                    throw Error($"'{key}' must be followed by a list of conditions, each starting with '- '.", value.Start);
                }

                if (list.Children.Count == 0)
                {
                    throw Error($"'{key}' has no conditions; add at least one under it or remove it.", keyNode.Start);
                }

                var items = list.Children.Select(Parse).ToList();
                return key == "all" ? new AllCondition(items) : new AnyCondition(items);
            case "not":
                return new NotCondition(Parse(value));
        }

        var field = FieldAccessors.Resolve(key, out var problem)
            ?? throw Error($"Unknown field '{key}'; {(problem.Length > 0 ? problem : FieldNames.Suggest(key))}.", keyNode.Start);
        return value switch
        {
            YamlMappingNode { Children.Count: 0 } => throw Error($"'{key}' has an empty test; write an operator such as {Operators[field.Type][0]}.", value.Start),
            YamlMappingNode ops => Combine(ops.Children.Select(kv => Test(field, kv.Key, kv.Value)).ToList()),
            _ => Shorthand(field, keyNode, value),
        };
    }

    /// <summary>'field: value' means eq; a list value means in (any_in on list fields).</summary>
    private static Condition Shorthand(FieldAccessor field, YamlNode keyNode, YamlNode value) => (field.Type, value) switch
    {
        (RuleFieldType.Text, YamlSequenceNode) => new TextCondition(field.Name, TextOperator.In, Values(value, $"'{field.Name}'")),
        (RuleFieldType.Text, _) => new TextCondition(field.Name, TextOperator.Eq, [Single(value, $"'{field.Name}'")]),
        (RuleFieldType.TextList, _) => new ListCondition(field.Name, ListOperator.AnyIn, Values(value, $"'{field.Name}'")),
        (RuleFieldType.Number, YamlSequenceNode) => throw Error(
            $"'{field.Name}' is a number field and takes one number; for a range write {{ between: [low, high] }}.", value.Start),
        (RuleFieldType.Number, _) => new NumberCondition(field.Name, NumberOperator.Eq, Number(value, $"'{field.Name}'")),
        _ => new FlagCondition(field.Name, Flag(value, field.Name, keyNode)),
    };

    private static Condition Test(FieldAccessor field, YamlNode opNode, YamlNode value)
    {
        var op = KeyName(opNode);
        var what = $"'{field.Name}: {op}'";
        return (field.Type, op) switch
        {
            (RuleFieldType.Text, "eq") => new TextCondition(field.Name, TextOperator.Eq, [Single(value, what)]),
            (RuleFieldType.Text, "in") => new TextCondition(field.Name, TextOperator.In, Values(value, what)),
            (RuleFieldType.Text, "not_in") => new TextCondition(field.Name, TextOperator.NotIn, Values(value, what)),
            (RuleFieldType.Text, "prefix") => new TextCondition(field.Name, TextOperator.Prefix, Values(value, what)),
            (RuleFieldType.Text, "contains_any") => new TextCondition(field.Name, TextOperator.ContainsAny, Values(value, what)),
            (RuleFieldType.TextList, "any_in") => new ListCondition(field.Name, ListOperator.AnyIn, Values(value, what)),
            (RuleFieldType.TextList, "none_in") => new ListCondition(field.Name, ListOperator.NoneIn, Values(value, what)),
            (RuleFieldType.TextList, "prefix") => new ListCondition(field.Name, ListOperator.AnyPrefix, Values(value, what)),
            (RuleFieldType.TextList, "count_gte") => new ListCondition(field.Name, ListOperator.CountGte, [], Count(value, what)),
            (RuleFieldType.Number, "lt") => new NumberCondition(field.Name, NumberOperator.Lt, Number(value, what)),
            (RuleFieldType.Number, "lte") => new NumberCondition(field.Name, NumberOperator.Lte, Number(value, what)),
            (RuleFieldType.Number, "gt") => new NumberCondition(field.Name, NumberOperator.Gt, Number(value, what)),
            (RuleFieldType.Number, "gte") => new NumberCondition(field.Name, NumberOperator.Gte, Number(value, what)),
            (RuleFieldType.Number, "eq") => new NumberCondition(field.Name, NumberOperator.Eq, Number(value, what)),
            (RuleFieldType.Number, "between") => Between(field.Name, value, what),
            (RuleFieldType.Flag, "eq") => new FlagCondition(field.Name, Flag(value, field.Name, opNode)),
            _ => throw Error(
                $"Unknown operator '{op}' for the {TypeName(field.Type)} field '{field.Name}'; use one of: {string.Join(", ", Operators[field.Type])}.",
                opNode.Start),
        };
    }

    private static Condition Combine(List<Condition> tests) => tests.Count == 1 ? tests[0] : new AllCondition(tests);

    private static NumberCondition Between(string field, YamlNode value, string what)
    {
        if (value is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            throw Error($"{what} must be a list of two numbers, as in [10, 50].", value.Start);
        }

        var (low, high) = (Number(pair.Children[0], what), Number(pair.Children[1], what));
        return low <= high ? new NumberCondition(field, NumberOperator.Between, low, high)
            : throw Error($"{what} has its bounds the wrong way round; write the lower number first.", value.Start);
    }

    private static int Count(YamlNode value, string what)
    {
        var n = Number(value, what);
        return n >= 0 && n <= int.MaxValue && n == Math.Floor(n) ? (int)n
            : throw Error($"{what} must be a whole number of 0 or more, not {((YamlScalarNode)value).Value}.", value.Start);
    }

    private static string Single(YamlNode value, string what)
    {
        var text = value is YamlScalarNode ? Text(value, what) : throw Error(
            $"{what} takes a single value, not a list or section; for several values use 'in: [a, b]'.", value.Start);
        return text.Length > 0 ? text : throw Error($"{what} has no value; write the value after the colon.", value.Start);
    }

    /// <summary>A list of values; a single value is accepted as a list of one.</summary>
    private static string[] Values(YamlNode value, string what)
    {
        var items = value switch
        {
            YamlScalarNode s => [Single(s, what)],
            YamlSequenceNode { Children.Count: > 0 } list => list.Children.Select(c => Single(c, what)).ToArray(),
            YamlSequenceNode => throw Error($"{what} has an empty list; add at least one value.", value.Start),
            _ => throw Error($"{what} takes a value or a list of values such as [a, b], not a section.", value.Start),
        };
        return items;
    }

    private static bool Flag(YamlNode value, string field, YamlNode keyNode) => value switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) => true,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when string.Equals(v, "false", StringComparison.OrdinalIgnoreCase) => false,
        YamlScalarNode s => throw Error($"'{field}' is a yes/no field; write true or false (without quotes), not '{s.Value}'.", s.Start),
        _ => throw Error($"'{field}' is a yes/no field; write '{KeyName(keyNode)}: true' or 'false'.", value.Start),
    };

    private static string TypeName(RuleFieldType type) => type switch
    {
        RuleFieldType.Text => "text",
        RuleFieldType.TextList => "list",
        RuleFieldType.Number => "number",
        _ => "yes/no",
    };
}
