using System.Text;
using Portcullis.Ingest;
using Portcullis.Ingest.Csv;

namespace Portcullis.Tests.Ingest.Csv;

internal static class CsvTestKit
{
    public static CsvMapping Mapping(string yaml) => CsvMapping.Load(new StringReader(yaml));

    public static List<DeclarationRowResult> Read(string csv, string yaml, Encoding? encoding = null) =>
        Read((encoding ?? new UTF8Encoding(false)).GetBytes(csv), Mapping(yaml));

    public static List<DeclarationRowResult> Read(byte[] csv, CsvMapping mapping)
    {
        using var stream = new MemoryStream(csv);
        return [.. CsvDeclarationReader.Read(stream, mapping, TestContext.Current.CancellationToken)];
    }

    public static DeclarationRecord Single(string csv, string yaml)
    {
        var result = Assert.Single(Read(csv, yaml));
        Assert.True(result.Accepted, result.Issue?.ToString());
        return result.Declaration!;
    }

    public static IngestIssue Rejected(string csv, string yaml)
    {
        var result = Assert.Single(Read(csv, yaml));
        Assert.False(result.Accepted);
        return result.Issue!;
    }

    public static IngestIssue MappingError(string yaml) =>
        Assert.Throws<IngestRejectedException>(() => Mapping(yaml)).Issue;

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "Csv", "Samples", name);

    public static string MappingPath(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "Csv", "Mappings", name);

    /// <summary>The smallest mapping: id and date by header name.</summary>
    public const string Minimal = """
        declaration_id: id
        date: day
        """;
}
