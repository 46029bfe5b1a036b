using System.Text.RegularExpressions;
using Portcullis.Tests.Risk.Rules;

namespace Portcullis.Tests.Ingest;

/// <summary>docs/INGEST.md stays true: every issue code the readers and the pipeline can give is listed there.</summary>
public sealed partial class IngestDocumentationTests
{
    // "edifact.unt-count", "dcsa.bad-container"...: a lowercase word, a dot, a lowercase name.
    [GeneratedRegex("\"(?<code>[a-z][a-z0-9]*\\.[a-z0-9]+(?:-[a-z0-9]+)*)\"")]
    private static partial Regex CodeLiteral();

    // $"{kind}.missing-time": the prefix is the message type, so the document lists each one.
    [GeneratedRegex("\\$\"\\{[A-Za-z]+\\}\\.(?<suffix>[a-z0-9]+(?:-[a-z0-9]+)*)\"")]
    private static partial Regex InterpolatedCode();

    private static readonly string[] FileExtensions = ["tsv", "json", "yaml", "yml", "csv", "edi", "xml", "txt"];

    private static IEnumerable<string> Sources()
    {
        var root = RuleCases.RepoRoot();
        return new[] { Path.Combine(root, "src", "Portcullis.Ingest"), Path.Combine(root, "src", "Portcullis", "Ingest") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_issue_code_in_the_readers_and_the_pipeline_is_listed_in_INGEST_md()
    {
        var document = File.ReadAllText(Path.Combine(RuleCases.RepoRoot(), "docs", "INGEST.md"));
        var codes = Sources().SelectMany(path => CodeLiteral().Matches(File.ReadAllText(path)).Select(m => (Code: m.Groups["code"].Value, File: Path.GetFileName(path))))
            .Where(c => !FileExtensions.Contains(c.Code[(c.Code.IndexOf('.', StringComparison.Ordinal) + 1)..]))
            .Distinct()
            .ToList();

        Assert.True(codes.Count > 100, $"Only {codes.Count} codes found; the scan no longer sees the sources.");
        var missing = codes.Where(c => !document.Contains($"`{c.Code}`", StringComparison.Ordinal)).Select(c => $"{c.Code} ({c.File})").ToList();
        Assert.True(missing.Count == 0, "docs/INGEST.md does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_code_built_from_a_message_type_is_listed_for_some_message_type()
    {
        var document = File.ReadAllText(Path.Combine(RuleCases.RepoRoot(), "docs", "INGEST.md"));
        var suffixes = Sources().SelectMany(path => InterpolatedCode().Matches(File.ReadAllText(path)).Select(m => m.Groups["suffix"].Value)).Distinct().ToList();

        Assert.NotEmpty(suffixes);
        var missing = suffixes.Where(s => !Regex.IsMatch(document, $"`[a-z]+\\.{Regex.Escape(s)}`")).ToList();
        Assert.True(missing.Count == 0, "docs/INGEST.md lists no code ending in: " + string.Join(", ", missing));
    }
}
