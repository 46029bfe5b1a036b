using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Portcullis.Parsing.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portcullis.Risk.Rules;

/// <summary>The outcome of checking a profile without throwing: either a profile or the first problem with its position.</summary>
public sealed record RuleProfileCheck(RuleProfile? Profile, string? Error, int Line, int Column)
{
    public bool IsValid => Profile is not null;
}

/// <summary>One problem with a rule profile: what is wrong and how to fix it, at a 1-based line and column.</summary>
public sealed record RuleProfileIssue(string Message, int Line, int Column);

/// <summary>A profile read from YAML, or the issues that stop it (today the parser reports the first one it finds).</summary>
public sealed record RuleProfileResult(RuleProfile? Profile, IReadOnlyList<RuleProfileIssue> Issues)
{
    [MemberNotNullWhen(true, nameof(Profile))]
    public bool IsValid => Profile is not null;
}

/// <summary>
/// Reads analysts' rule profiles (YAML; see docs/RULES.md). <see cref="Read"/> returns every problem
/// as an issue naming the problem, the fix, and the 1-based line and column; <see cref="Parse"/>
/// throws the same as a <see cref="RuleProfileException"/> for callers that hold known-good profiles.
/// </summary>
public static class RuleProfileParser
{
    private static readonly string[] TopKeys = ["name", "description", "rules"];
    private static readonly string[] RuleKeys = ["id", "weight", "reason", "reason_nl", "when"];

    /// <summary>Reads a profile; bad input comes back as issues, never as an exception.</summary>
    public static RuleProfileResult Read(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            return new RuleProfileResult(ParseOrStop(yaml), []);
        }
        catch (RuleProfileException e)
        {
            // The descent stops at the first problem by throwing; it never leaves this method.
            return new RuleProfileResult(null, [new RuleProfileIssue(e.Message, e.Line, e.Column)]);
        }
    }

    /// <summary>Parses a profile; throws <see cref="RuleProfileException"/> on the first problem.</summary>
    public static RuleProfile Parse(string yaml)
    {
        var result = Read(yaml);
        return result.IsValid ? result.Profile : throw new RuleProfileException(result.Issues[0].Message, result.Issues[0].Line, result.Issues[0].Column);
    }

    /// <summary>Checks a profile without throwing, for editors that show the problem next to the text.</summary>
    public static RuleProfileCheck Validate(string yaml)
    {
        var result = Read(yaml);
        return result.IsValid
            ? new RuleProfileCheck(result.Profile, null, 0, 0)
            : new RuleProfileCheck(null, result.Issues[0].Message, result.Issues[0].Line, result.Issues[0].Column);
    }

    /// <summary>Parses a profile, returning false with the problem instead of throwing.</summary>
    public static bool TryParse(string yaml, out RuleProfile? profile, out RuleProfileException? error)
    {
        var result = Read(yaml);
        profile = result.Profile;
        error = result.IsValid ? null : new RuleProfileException(result.Issues[0].Message, result.Issues[0].Line, result.Issues[0].Column);
        return result.IsValid;
    }

    private static RuleProfile ParseOrStop(string yaml)
    {
        var root = Load(yaml);
        Reject(root, TopKeys, "at the top level of the profile");
        var name = RequiredText(root, "name", "the profile", "a short name analysts will recognise");
        var description = Child(root, "description") is { } d ? Text(d, "description") : "";
        var rulesNode = Child(root, "rules")
            ?? throw Error("The profile has no 'rules'; add a 'rules:' list with at least one rule.", root.Start);
        if (rulesNode is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            throw Error("'rules' must be a non-empty list; start each rule with '- id: …'.", rulesNode.Start);
        }

        if (list.Children.Count > RuleProfileLimits.MaxRules)
        {
            throw Error(
                $"The profile has {list.Children.Count} rules, more than the limit of {RuleProfileLimits.MaxRules}; split it into several profiles.",
                list.Children[RuleProfileLimits.MaxRules].Start);
        }

        var rules = new List<Rule>(list.Children.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tests = 0;
        foreach (var item in list.Children)
        {
            var rule = ParseRule(item);
            if (!seen.Add(rule.Id))
            {
                var idNode = Child((YamlMappingNode)item, "id")!;
                throw Error($"Rule id '{rule.Id}' is used twice; give this rule its own id.", idNode.Start);
            }

            tests += RuleProfileLimits.Tests(rule.When);
            if (tests > RuleProfileLimits.MaxTests)
            {
                throw Error(
                    $"With rule '{rule.Id}' the profile has more than {RuleProfileLimits.MaxTests} tests (each prefix and keyword counts as one); split it into several profiles or shorten its lists.",
                    Child((YamlMappingNode)item, "when")!.Start);
            }

            rules.Add(rule);
        }

        return new RuleProfile(name, description, rules);
    }

    internal static RuleProfileException Error(string message, Mark mark) =>
        new(message, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    internal static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string KeyName(YamlNode key) => (key as YamlScalarNode)?.Value ?? key.ToString();

    private static YamlMappingNode Load(string yaml)
    {
        var loaded = YamlDocumentLoader.Load(new StringReader(yaml));
        switch (loaded.Failure)
        {
            case { Kind: YamlLoadFailureKind.Syntax } f:
                var message = f.Message.TrimEnd('.');
                throw message.StartsWith("Duplicate key ", StringComparison.Ordinal)
                    ? Error($"The key '{message["Duplicate key ".Length..]}' appears twice in the same section; keep one.", f.At)
                    : Error($"The profile is not valid YAML ({message}); fix the indentation or quoting there.", f.At);
            case { Kind: YamlLoadFailureKind.Anchor } f:
                throw Error($"The profile defines the YAML anchor '&{f.Message}', and rule profiles allow no anchors or aliases; remove it and write each value out in full.", f.At);
            case { Kind: YamlLoadFailureKind.Alias } f:
                throw Error($"The profile uses the YAML alias '*{f.Message}', and rule profiles allow no anchors or aliases; write the value out in full instead.", f.At);
            case { Kind: YamlLoadFailureKind.TooDeep } f:
                throw Error($"The profile nests sections and lists more than {YamlLimits.MaxDepth} levels deep; flatten the conditions (an 'all' inside an 'all' can be one list).", f.At);
            case { Kind: YamlLoadFailureKind.TooLarge } f:
                throw Error($"The profile is longer than the limit of {YamlLimits.MaxDocumentChars} characters; split it into several profiles.", f.At);
            case { } f:
                throw Error("The profile is not valid YAML after this point (an unclosed bracket or quote); close it.", f.At);
        }

        return loaded.RootMapping ?? throw Error("The profile is empty or not a set of 'key: value' lines; start with 'name:', 'description:' and 'rules:'.",
            loaded.Stream is { Documents.Count: > 0 } stream ? stream.Documents[0].RootNode.Start : Mark.Empty);
    }

    private static Rule ParseRule(YamlNode item)
    {
        if (item is not YamlMappingNode rule)
        {
            throw Error("Each rule must be a set of 'key: value' lines (id, weight, reason, when); indent them under '- '.", item.Start);
        }

        // Unknown keys first: a misspelt 'wieght' should be reported as such, not as a missing weight.
        Reject(rule, RuleKeys, Child(rule, "id") is YamlScalarNode { Value.Length: > 0 } named ? $"in rule '{named.Value}'" : "in this rule");
        var id = RequiredText(rule, "id", "this rule", "a short unique id such as 'reefer-new-consignee'");
        var where = $"rule '{id}'";
        var weightNode = Child(rule, "weight")
            ?? throw Error($"The {where} has no 'weight'; add 'weight:' with a number above 0 and at most 1.", rule.Start);
        var weight = Number(weightNode, $"'weight' of {where}");
        if (!(weight > 0 && weight <= 1))
        {
            throw Error($"The 'weight' of {where} is {weight.ToString(CultureInfo.InvariantCulture)}; use a number above 0 and at most 1.", weightNode.Start);
        }

        var reasonNode = Child(rule, "reason")
            ?? throw Error($"The {where} has no 'reason'; add 'reason:' saying in plain words why it fired.", rule.Start);
        var reason = Text(reasonNode, $"'reason' of {where}");
        if (ReasonTemplate.Parse(reason, out var problem, out _) is null)
        {
            throw Error(problem, reasonNode.Start);
        }

        // The Dutch reason is optional; it names fields as the English one does and is checked the same way.
        string? reasonNl = null;
        if (Child(rule, "reason_nl") is { } dutchNode)
        {
            reasonNl = Text(dutchNode, $"'reason_nl' of {where}");
            if (reasonNl.Length == 0)
            {
                throw Error($"The 'reason_nl' of {where} is empty; write the reason in Dutch or leave the key out.", dutchNode.Start);
            }

            if (ReasonTemplate.Parse(reasonNl, out var dutchProblem, out _) is null)
            {
                throw Error(dutchProblem, dutchNode.Start);
            }
        }

        var whenNode = Child(rule, "when")
            ?? throw Error($"The {where} has no 'when'; add 'when:' with the condition under which it fires.", rule.Start);
        return new Rule(id, weight, reason, ConditionParser.Parse(whenNode), reasonNl);
    }

    private static string RequiredText(YamlMappingNode node, string key, string owner, string hint)
    {
        var value = Child(node, key) ?? throw Error($"{Capital(owner)} has no '{key}'; add '{key}:' with {hint}.", node.Start);
        var text = Text(value, $"'{key}'");
        return text.Length > 0 ? text : throw Error($"'{key}' is empty; write {hint}.", value.Start);
    }

    internal static string Text(YamlNode node, string what) => node is YamlScalarNode s
        ? (s.Style == ScalarStyle.Plain && s.Value is "~" or "null" ? "" : s.Value ?? "").Trim()
        : throw Error($"{Capital(what)} must be a single text value, not a list or section; write it on one line after the colon.", node.Start);

    internal static double Number(YamlNode node, string what)
    {
        if (node is not YamlScalarNode s)
        {
            throw Error($"{Capital(what)} must be a number, not a list or section.", node.Start);
        }

        var ok = double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
        return (ok, s.Style) switch
        {
            (true, ScalarStyle.Plain) => value,
            (true, _) => throw Error($"{Capital(what)} is quoted, which makes it text; write the number {s.Value} without quotes.", s.Start),
            _ => throw Error($"{Capital(what)} must be a number but holds '{s.Value}'; write digits with '.' as decimal point.", s.Start),
        };
    }

    /// <summary>Fails on the first key that is not in <paramref name="allowed"/>, listing the allowed ones.</summary>
    private static void Reject(YamlMappingNode node, string[] allowed, string where)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = KeyName(key);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error($"Unknown key '{name}' {where}; use one of: {string.Join(", ", allowed)}.", key.Start);
            }
        }
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
