using System.Text;

namespace Portcullis.Tests.Parsing;

/// <summary>Hostile YAML for the security tests of the YAML loader and its users.</summary>
public static class YamlBombs
{
    /// <summary>
    /// A rule profile of about 700 bytes whose 'when' is nine levels of nine aliases each: 9^9 (387
    /// million) tests once the aliases are expanded, which is what a parser walking the tree does.
    /// The first anchor, '&amp;l0', is at line 8, column 16.
    /// </summary>
    public static string AliasBombProfile()
    {
        var text = new StringBuilder("""
            name: laughs
            rules:
              - id: boom
                weight: 0.5
                reason: boom
                when:
                  any:

            """);
        text.Append("        - any: &l0 [").AppendJoin(", ", Enumerable.Repeat("{ hub: RTM }", 9)).Append("]\n");
        for (var level = 1; level < 9; level++)
        {
            text.Append($"        - any: &l{level} [").AppendJoin(", ", Enumerable.Repeat($"{{ any: *l{level - 1} }}", 9)).Append("]\n");
        }

        return text.ToString();
    }

    /// <summary><paramref name="depth"/> flow lists, one inside the other, on line 1.</summary>
    public static string NestedLists(int depth) => new string('[', depth) + new string(']', depth);
}
