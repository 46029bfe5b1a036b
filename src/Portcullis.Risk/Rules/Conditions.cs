namespace Portcullis.Risk.Rules;

/// <summary>Holds when every one of <see cref="Conditions"/> holds.</summary>
public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition;

/// <summary>Holds when at least one of <see cref="Conditions"/> holds.</summary>
public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition;

/// <summary>Holds when <see cref="Inner"/> does not; the only way to make missing data count as a match.</summary>
public sealed record NotCondition(Condition Inner) : Condition;

/// <summary>A test on a text field (see <see cref="RuleFieldType.Text"/>); false when the field is empty.</summary>
public sealed record TextCondition(string Field, TextOperator Operator, IReadOnlyList<string> Values) : Condition;

/// <summary>
/// A test on a list field (see <see cref="RuleFieldType.TextList"/>); false when the list is empty.
/// <see cref="Count"/> is used only by <see cref="ListOperator.CountGte"/>.
/// </summary>
public sealed record ListCondition(string Field, ListOperator Operator, IReadOnlyList<string> Values, int Count = 0) : Condition;

/// <summary>
/// A test on a number field (see <see cref="RuleFieldType.Number"/>); false when the number is unknown.
/// <see cref="Upper"/> is used only by <see cref="NumberOperator.Between"/> (both bounds inclusive).
/// </summary>
public sealed record NumberCondition(string Field, NumberOperator Operator, double Value, double Upper = 0) : Condition;

/// <summary>A yes/no field equal to <see cref="Value"/>; false when the field is unknown (for example the party is absent).</summary>
public sealed record FlagCondition(string Field, bool Value) : Condition;

/// <summary>Operators on text fields; comparisons ignore case.</summary>
public enum TextOperator
{
    /// <summary><c>eq</c>: equal to the single value.</summary>
    Eq,

    /// <summary><c>in</c>: equal to one of the values.</summary>
    In,

    /// <summary><c>not_in</c>: known and equal to none of the values.</summary>
    NotIn,

    /// <summary><c>prefix</c>: starts with one of the values (HS chapters, LOCODE countries).</summary>
    Prefix,

    /// <summary><c>contains_any</c>: contains one of the keywords as a word (a trailing plural s/es is allowed).</summary>
    ContainsAny,
}

/// <summary>Operators on list fields; comparisons ignore case.</summary>
public enum ListOperator
{
    /// <summary><c>any_in</c>: at least one element is one of the values.</summary>
    AnyIn,

    /// <summary><c>none_in</c>: the list is not empty and no element is one of the values.</summary>
    NoneIn,

    /// <summary><c>count_gte</c>: the list has at least <see cref="ListCondition.Count"/> elements.</summary>
    CountGte,

    /// <summary><c>prefix</c>: at least one element starts with one of the values.</summary>
    AnyPrefix,
}

/// <summary>Operators on number fields.</summary>
public enum NumberOperator
{
    /// <summary><c>lt</c>: less than.</summary>
    Lt,

    /// <summary><c>lte</c>: less than or equal.</summary>
    Lte,

    /// <summary><c>gt</c>: greater than.</summary>
    Gt,

    /// <summary><c>gte</c>: greater than or equal.</summary>
    Gte,

    /// <summary><c>eq</c>: equal (within 1e-9).</summary>
    Eq,

    /// <summary><c>between: [a, b]</c>: a ≤ value ≤ b.</summary>
    Between,
}
