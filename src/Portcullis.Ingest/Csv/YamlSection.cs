using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portcullis.Ingest.Csv;

/// <summary>
/// Reads one YAML mapping node key by key and remembers which keys were read, so that anything
/// left over is reported as unknown with its line and column. YamlDotNet parses; this only checks
/// shapes, which its deserializer cannot do with positions for every key.
/// </summary>
internal sealed class YamlSection(YamlMappingNode node, string path)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Mark Start => node.Start;

    public static IngestRejectedException Error(string code, string message, Mark mark) =>
        new(IngestIssue.Error(code, message, new InputPosition(mark.Index, (int)mark.Line, (int)mark.Column)));

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlScalarNode? Scalar(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => null,
        YamlScalarNode s => s,
        var other => throw Error("mapping.type", $"Key '{Name(key)}' must be a single value, not a list or section; write it as '{key}: value'.", other.Start),
    };

    public string? String(string key) => Scalar(key)?.Value;

    public YamlSection? Section(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => null,
        YamlMappingNode m => new YamlSection(m, Name(key)),
        var other => throw Error("mapping.type", $"Key '{Name(key)}' must be a section of 'key: value' lines; indent them under '{key}:'.", other.Start),
    };

    public IReadOnlyList<YamlScalarNode>? List(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode s => [s],
        YamlSequenceNode seq => seq.Children.Select(c => c as YamlScalarNode
            ?? throw Error("mapping.type", $"Items of '{Name(key)}' must be single values; remove the nested list or section.", c.Start)).ToList(),
        var other => throw Error("mapping.type", $"Key '{Name(key)}' must be a value or a list of values, as in '{key}: [a, b]'.", other.Start),
    };

    public bool? Bool(string key)
    {
        var s = Scalar(key);
        return s?.Value?.ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "YES" => true,
            "FALSE" or "NO" => false,
            _ => throw Error("mapping.type", $"Key '{Name(key)}' holds '{s.Value}'; write true or false.", s.Start),
        };
    }

    public double? Double(string key)
    {
        var s = Scalar(key);
        if (s?.Value is null)
        {
            return null;
        }

        return double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw Error("mapping.type", $"Key '{Name(key)}' holds '{s.Value}'; write a number with '.' as decimal point.", s.Start);
    }

    /// <summary>All key/value pairs of a section whose keys are free names (categorical, numeric, maps).</summary>
    public IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries() =>
        node.Children.Select(kv => (kv.Key as YamlScalarNode
            ?? throw Error("mapping.type", $"Keys under '{path}' must be plain names.", kv.Key.Start), kv.Value));

    /// <summary>Fails on the first key that no reader asked for, naming the keys that are allowed here.</summary>
    public void RejectUnknown(IEnumerable<string> allowed)
    {
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!_read.Contains(name))
            {
                var where = path.Length == 0 ? "at the top level" : $"under '{path}'";
                throw Error("mapping.unknown-key", $"Unknown key '{name}' {where}; use one of: {string.Join(", ", allowed)}.", key.Start);
            }
        }
    }

    public void RejectUnknown() => RejectUnknown(_read.Order(StringComparer.Ordinal));

    public string Name(string key) => path.Length == 0 ? key : $"{path}.{key}";
}
