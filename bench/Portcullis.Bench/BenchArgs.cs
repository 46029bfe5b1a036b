using System.Globalization;

namespace Portcullis.Bench;

/// <summary>`--name value` options of the parcel diagnostics, read the same way in each (no parser: they are ours to run).</summary>
internal static class BenchArgs
{
    public static string? Text(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public static int Int(string[] args, string name, int fallback) => Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
