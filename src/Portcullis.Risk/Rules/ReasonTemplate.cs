using System.Text;

namespace Portcullis.Risk.Rules;

/// <summary>
/// A reason split once into literal text and field placeholders, so a fired rule only concatenates.
/// <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
internal sealed class ReasonTemplate
{
    private readonly (string Literal, FieldAccessor? Field)[] _parts;

    private ReasonTemplate((string, FieldAccessor?)[] parts) => _parts = parts;

    /// <summary>Splits <paramref name="reason"/>; on failure returns null with a message and the offset of the offending placeholder.</summary>
    public static ReasonTemplate? Parse(string reason, out string problem, out int offset)
    {
        problem = "";
        offset = 0;
        var parts = new List<(string, FieldAccessor?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < reason.Length; i++)
        {
            var ch = reason[i];
            if (ch == '}' && i + 1 < reason.Length && reason[i + 1] == '}' || ch == '{' && i + 1 < reason.Length && reason[i + 1] == '{')
            {
                literal.Append(ch);
                i++;
                continue;
            }

            if (ch != '{')
            {
                literal.Append(ch);
                continue;
            }

            var close = reason.IndexOf('}', i + 1);
            offset = i;
            if (close < 0)
            {
                problem = "The reason opens a placeholder '{' that is never closed; add '}' or write '{{' for a literal brace.";
                return null;
            }

            var name = reason[(i + 1)..close].Trim();
            var field = FieldAccessors.Resolve(name, out var why);
            if (field is null)
            {
                problem = $"The reason placeholder '{{{name}}}' names no field; {(why.Length > 0 ? why : FieldNames.Suggest(name))}.";
                return null;
            }

            parts.Add((literal.ToString(), field));
            literal.Clear();
            i = close;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add((literal.ToString(), null));
        }

        return new ReasonTemplate([.. parts]);
    }

    /// <summary>The reason for this case; <paramref name="dutch"/> writes the values the Dutch way (<see cref="FieldAccessor.Format"/>).</summary>
    public string Fill(RiskCase c, CaseFacts facts, bool dutch = false)
    {
        if (_parts is [(var only, null)])
        {
            return only;
        }

        var pieces = new string[_parts.Length * 2];
        for (var i = 0; i < _parts.Length; i++)
        {
            pieces[2 * i] = _parts[i].Literal;
            pieces[(2 * i) + 1] = _parts[i].Field?.Format(c, facts, dutch) ?? "";
        }

        return string.Concat(pieces);
    }
}

/// <summary>Helps an analyst who mistyped a field name.</summary>
internal static class FieldNames
{
    /// <summary>"write 'x' if that is what you meant" for a near miss, otherwise the list of fields.</summary>
    public static string Suggest(string name)
    {
        var candidates = RuleFields.Names.Select(n => n.Replace("<role>", "consignee", StringComparison.Ordinal)).ToList();
        var best = candidates.MinBy(c => Distance(name, c))!;
        return Distance(name, best) <= Math.Max(2, name.Length / 4)
            ? $"write '{best}' if that is what you meant"
            : $"use one of {string.Join(", ", RuleFields.Names)}";
    }

    /// <summary>Levenshtein distance; the names are short, so the quadratic table is fine.</summary>
    public static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
