namespace Portcullis.Risk.Rules;

/// <summary>
/// Turns a condition tree into one delegate per node. Field getters and value sets are bound here,
/// once; an unknown value (null, empty text, empty list) makes every field test false.
/// </summary>
internal static class ConditionCompiler
{
    public static Func<RiskCase, CaseFacts, bool> Compile(Condition condition) => condition switch
    {
        AllCondition all => All([.. Cheapest(all.Conditions).Select(Compile)]),
        AnyCondition any => Any([.. Cheapest(any.Conditions).Select(Compile)]),
        NotCondition not => Not(Compile(not.Inner)),
        TextCondition t => Text(Field(t.Field, RuleFieldType.Text).Text!, t.Operator, t.Values),
        ListCondition { Operator: ListOperator.CountGte } l => CountGte(Field(l.Field, RuleFieldType.TextList), l.Count),
        ListCondition l => List(Field(l.Field, RuleFieldType.TextList).List!, l.Operator, l.Values),
        NumberCondition n => Number(Field(n.Field, RuleFieldType.Number).Number!, n.Operator, n.Value, n.Upper),
        FlagCondition f => Flag(Field(f.Field, RuleFieldType.Flag).Flag!, f.Value),
        _ => throw new ArgumentException($"Unsupported condition {condition.GetType().Name}.", nameof(condition)),
    };

    /// <summary>
    /// Tests have no side effects, so all/any may run them in any order: cheap ones first lets the
    /// expensive ones (keyword search, route lists) run only when they can still change the outcome.
    /// </summary>
    private static IEnumerable<Condition> Cheapest(IReadOnlyList<Condition> conditions) => conditions.OrderBy(Cost);

    private static int Cost(Condition condition) => condition switch
    {
        AllCondition all => all.Conditions.Sum(Cost),
        AnyCondition any => any.Conditions.Sum(Cost),
        NotCondition not => Cost(not.Inner),
        FlagCondition => 1,
        NumberCondition => 2,
        TextCondition { Operator: TextOperator.ContainsAny } t => 4 * t.Values.Count,
        TextCondition => 3,
        ListCondition { Field: "route_ports" } => 6,
        _ => 4,
    };

    private static Func<RiskCase, CaseFacts, bool> All(Func<RiskCase, CaseFacts, bool>[] parts) => (c, f) =>
    {
        foreach (var part in parts)
        {
            if (!part(c, f))
            {
                return false;
            }
        }

        return true;
    };

    private static Func<RiskCase, CaseFacts, bool> Any(Func<RiskCase, CaseFacts, bool>[] parts) => (c, f) =>
    {
        foreach (var part in parts)
        {
            if (part(c, f))
            {
                return true;
            }
        }

        return false;
    };

    private static Func<RiskCase, CaseFacts, bool> Not(Func<RiskCase, CaseFacts, bool> inner) => (c, f) => !inner(c, f);

    private static FieldAccessor Field(string name, RuleFieldType type)
    {
        var field = FieldAccessors.Resolve(name, out var problem)
            ?? throw new ArgumentException($"Unknown rule field '{name}'. {problem}", nameof(name));
        return field.Type == type ? field
            : throw new ArgumentException($"Field '{name}' is {field.Type}, not {type}.", nameof(name));
    }

    private static Func<RiskCase, CaseFacts, bool> Text(Func<RiskCase, CaseFacts, string?> get, TextOperator op, IReadOnlyList<string> values)
    {
        var set = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        var list = values.ToArray();
        Func<string, bool> test = op switch
        {
            TextOperator.Eq or TextOperator.In => set.Contains,
            TextOperator.NotIn => v => !set.Contains(v),
            TextOperator.Prefix => v => StartsWithAny(v, list),
            _ => v => Keywords.ContainsAny(v, list),
        };
        return (c, f) => get(c, f) is { } v && test(v);
    }

    private static Func<RiskCase, CaseFacts, bool> CountGte(FieldAccessor field, int count)
    {
        // An empty list is unknown, so even count_gte: 0 needs at least one element.
        if (field.Count is { } counted)
        {
            return (c, f) => counted(c, f) is var n && n > 0 && n >= count;
        }

        var get = field.List!;
        return (c, f) => get(c, f) is { Count: > 0 } items && items.Count >= count;
    }

    private static Func<RiskCase, CaseFacts, bool> List(Func<RiskCase, CaseFacts, IReadOnlyList<string>> get, ListOperator op, IReadOnlyList<string> values)
    {
        var set = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        var prefixes = values.ToArray();
        Func<IReadOnlyList<string>, bool> test = op switch
        {
            ListOperator.AnyIn => items => AnyIn(items, set),
            ListOperator.NoneIn => items => !AnyIn(items, set),
            _ => items => AnyStartsWith(items, prefixes),
        };
        return (c, f) => get(c, f) is { Count: > 0 } items && test(items);
    }

    private static Func<RiskCase, CaseFacts, bool> Number(Func<RiskCase, CaseFacts, double?> get, NumberOperator op, double value, double upper)
    {
        Func<double, bool> test = op switch
        {
            NumberOperator.Lt => v => v < value,
            NumberOperator.Lte => v => v <= value,
            NumberOperator.Gt => v => v > value,
            NumberOperator.Gte => v => v >= value,
            NumberOperator.Eq => v => Math.Abs(v - value) <= 1e-9,
            _ => v => v >= value && v <= upper,
        };
        return (c, f) => get(c, f) is { } v && test(v);
    }

    private static Func<RiskCase, CaseFacts, bool> Flag(Func<RiskCase, CaseFacts, bool?> get, bool expected) =>
        (c, f) => get(c, f) == expected;

    private static bool AnyIn(IReadOnlyList<string> items, HashSet<string> set)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (set.Contains(items[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyStartsWith(IReadOnlyList<string> items, string[] prefixes)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (StartsWithAny(items[i], prefixes))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithAny(string value, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Word-ish keyword matching for goods descriptions.</summary>
internal static class Keywords
{
    /// <summary>
    /// True when a keyword occurs in <paramref name="text"/> starting at a word boundary and ending at one,
    /// optionally followed by "s" or "es", so "plantain" finds "Plantains" but "tile" does not find "textile".
    /// </summary>
    public static bool ContainsAny(string text, string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            for (var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(keyword, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
                {
                    continue;
                }

                var end = at + keyword.Length;
                if (Boundary(text, end) || Suffix(text, end, "s") || Suffix(text, end, "es"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Boundary(string text, int at) => at >= text.Length || !char.IsLetterOrDigit(text[at]);

    private static bool Suffix(string text, int at, string suffix) =>
        string.Compare(text, at, suffix, 0, suffix.Length, StringComparison.OrdinalIgnoreCase) == 0 && Boundary(text, at + suffix.Length);
}
