using System.Text.Json;
using Portcullis.Hosting;
using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// `scan analyze|compare|learn` through the real command line on generated scans. The expected answers
/// come from <see cref="ScanAnalyzer"/> called directly on the same images, so these hold whatever the
/// analysers conclude (a result or a refusal).
/// </summary>
public sealed class ScanAnalysisCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portcullis-analysis-" + Guid.NewGuid().ToString("N"));

    public ScanAnalysisCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Scan_analyze_writes_a_line_per_scan_as_the_analyser_answers_and_keeps_a_bad_file_as_its_own_error()
    {
        GenerateScans.Write(_folder, "container", 2, 11, 0.5, TestContext.Current.CancellationToken);
        File.WriteAllText(Path.Combine(_folder, "not-a-scan.png"), "hello");
        File.AppendAllText(Path.Combine(_folder, "list.csv"), "not-a-scan.png,,container,,,,\n");
        var output = Path.Combine(_folder, "out", "result.json");

        var exit = await PortcullisCli.RunAsync(["scan", "analyze", "--list", Path.Combine(_folder, "list.csv"), "--json", output]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var lines = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, lines.Count);
        var rows = ScanAnalysisFiles.ReadList(Path.Combine(_folder, "list.csv"));
        Assert.Equal([.. rows.Select(r => r.File)], lines.Select(l => l.GetProperty("file").GetString()));
        Assert.Equal("not-a-scan.png", rows[2].File);
        foreach (var line in lines.Take(2))
        {
            foreach (var key in new[] { "file", "score", "alarm", "regions", "ms", "reasons", "version", "error" })
            {
                Assert.True(line.TryGetProperty(key, out _), $"missing {key}");
            }

            var row = rows.Single(r => r.File == line.GetProperty("file").GetString());
            var (image, _) = ScanAnalysisFiles.LoadImage(row.FullPath, row.LowFullPath);
            var direct = ScanAnalyzer.Analyze(image!, row.Subject);
            AssertSame(direct, line);
        }

        var bad = lines[2];
        Assert.StartsWith("cannot analyse: not-a-scan.png is not a readable scan", bad.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, bad.GetProperty("score").ValueKind);
        Assert.False(bad.GetProperty("alarm").GetBoolean());
        Assert.Equal(0, bad.GetProperty("regions").GetArrayLength());
    }

    [Fact]
    public async Task Scan_analyze_reads_a_low_file_as_the_first_frame_of_one_dual_energy_scan()
    {
        GenerateScans.Write(_folder, "parcel", 1, 3, 1, TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder, "parcels.json");

        var exit = await PortcullisCli.RunAsync(["scan", "analyze", "--list", Path.Combine(_folder, "list.csv"), "--json", output]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var line = Assert.Single(json.RootElement.EnumerateArray());
        var low = ScanReader.Read(File.ReadAllBytes(Path.Combine(_folder, "parcel-000003-low.png"))).Image!;
        var high = ScanReader.Read(File.ReadAllBytes(Path.Combine(_folder, "parcel-000003-high.png"))).Image!;
        var dual = ScanReader.Combine(low, high).Image!;
        Assert.Equal(2, dual.Frames.Count);
        AssertSame(ScanAnalyzer.Analyze(dual, new ScanSubject(Portcullis.Imaging.Analysis.ScanSubjectKind.Parcel)), line);
    }

    [Fact]
    public async Task Scan_analyze_takes_files_as_arguments_with_their_kind()
    {
        GenerateScans.Write(_folder, "parcel", 1, 4, 0, TestContext.Current.CancellationToken);
        var file = Path.Combine(_folder, "parcel-000004-high.png");
        var output = Path.Combine(_folder, "args.json");

        var exit = await PortcullisCli.RunAsync(["scan", "analyze", file, "--kind", "parcel", "--json", output]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var line = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(file, line.GetProperty("file").GetString());
        AssertSame(ScanAnalyzer.Analyze(ScanReader.Read(File.ReadAllBytes(file)).Image!, new ScanSubject(Portcullis.Imaging.Analysis.ScanSubjectKind.Parcel)), line);
    }

    [Fact]
    public async Task Scan_compare_writes_a_line_per_pair_as_the_comparer_answers()
    {
        GenerateScans.Write(_folder, "pair", 1, 7, 0.5, TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder, "pairs.json");

        var exit = await PortcullisCli.RunAsync(["scan", "compare", "--pairs", Path.Combine(_folder, "pairs.csv"), "--json", output]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var line = Assert.Single(json.RootElement.EnumerateArray());
        foreach (var key in new[] { "origin", "arrival", "score", "change", "kg", "regions", "ms", "error" })
        {
            Assert.True(line.TryGetProperty(key, out _), $"missing {key}");
        }

        var pair = ScanAnalysisFiles.ReadPairs(Path.Combine(_folder, "pairs.csv")).Single();
        var (origin, _) = ScanAnalysisFiles.LoadImage(pair.OriginFullPath, pair.OriginLowFullPath);
        var (arrival, _) = ScanAnalysisFiles.LoadImage(pair.ArrivalFullPath, pair.ArrivalLowFullPath);
        var direct = ScanAnalyzer.Compare(origin!, arrival!);
        Assert.Equal(pair.Origin, line.GetProperty("origin").GetString());
        if (direct.Result is { } r)
        {
            Assert.Equal(r.Score, line.GetProperty("score").GetDouble());
            Assert.Equal(r.Change.ToString().ToLowerInvariant(), line.GetProperty("change").GetString());
            Assert.Equal(r.Kg, line.GetProperty("kg").GetDouble());
            Assert.Equal(r.Regions.Count, line.GetProperty("regions").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        }
        else
        {
            Assert.Equal(direct.CannotCompare, line.GetProperty("error").GetString());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("score").ValueKind);
        }
    }

    [Fact]
    public async Task Scan_learn_writes_a_model_that_analyze_reads()
    {
        GenerateScans.Write(_folder, "parcel", 2, 20, 0, TestContext.Current.CancellationToken);
        var model = Path.Combine(_folder, "model.json");

        Assert.Equal(0, await PortcullisCli.RunAsync(["scan", "learn", "--list", Path.Combine(_folder, "list.csv"), "--out", model]));

        var (parsed, problem) = AnalysisModel.Parse(File.ReadAllText(model));
        Assert.Null(problem);
        Assert.Equal(2, parsed!.Examples);
        Assert.Equal(0, await PortcullisCli.RunAsync(["scan", "analyze", "--list", Path.Combine(_folder, "list.csv"), "--model", model, "--json", Path.Combine(_folder, "r.json")]));
    }

    [Fact]
    public async Task A_list_without_the_file_column_stops_with_exit_code_2()
    {
        var list = Path.Combine(_folder, "list.csv");
        File.WriteAllText(list, "image,kind\na.png,container\n");

        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "analyze", "--list", list, "--json", Path.Combine(_folder, "r.json")]));
        var e = Assert.Throws<UserFacingException>(() => ScanAnalysisFiles.ReadList(list));
        Assert.Contains("no column 'file'", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "r.json")));
    }

    [Fact]
    public async Task A_list_naming_a_missing_file_stops_with_exit_code_2_naming_row_and_file()
    {
        var list = Path.Combine(_folder, "list.csv");
        File.WriteAllText(list, "file,kind\nmissing.png,container\n");

        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "analyze", "--list", list, "--json", Path.Combine(_folder, "r.json")]));
        var e = Assert.Throws<UserFacingException>(() => ScanAnalysisFiles.ReadList(list));
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'missing.png' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_kind_a_bad_model_and_a_missing_pairs_column_stop_with_exit_code_2()
    {
        GenerateScans.Write(_folder, "parcel", 1, 5, 0, TestContext.Current.CancellationToken);
        var list = Path.Combine(_folder, "list.csv");
        var model = Path.Combine(_folder, "model.json");
        File.WriteAllText(model, "{ not json");
        var pairs = Path.Combine(_folder, "pairs.csv");
        File.WriteAllText(pairs, "origin\nparcel-000005-high.png\n");
        var output = Path.Combine(_folder, "r.json");

        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "analyze", Path.Combine(_folder, "parcel-000005-high.png"), "--kind", "truck", "--json", output]));
        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "analyze", "--list", list, "--model", model, "--json", output]));
        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "analyze", "--list", list, "--model", Path.Combine(_folder, "none.json"), "--json", output]));
        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "compare", "--pairs", pairs, "--json", output]));
        Assert.Equal(2, await PortcullisCli.RunAsync(["scan", "analyze", "--json", output]));
        Assert.False(File.Exists(output));
    }

    private static void AssertSame(AnalysisOutcome direct, JsonElement line)
    {
        if (direct.Result is { } r)
        {
            Assert.Equal(r.Score, line.GetProperty("score").GetDouble());
            Assert.Equal(r.Alarm, line.GetProperty("alarm").GetBoolean());
            Assert.Equal(r.Version, line.GetProperty("version").GetString());
            var regions = line.GetProperty("regions").EnumerateArray().ToList();
            Assert.Equal(r.Regions.Count, regions.Count);
            for (var i = 0; i < regions.Count; i++)
            {
                Assert.Equal(r.Regions[i].X0, regions[i].GetProperty("x0").GetInt32());
                Assert.Equal(r.Regions[i].Y1, regions[i].GetProperty("y1").GetInt32());
                Assert.Equal(r.Regions[i].Kind, regions[i].GetProperty("kind").GetString());
                Assert.True(regions[i].TryGetProperty("kg", out _));
            }

            Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        }
        else
        {
            Assert.Equal(direct.CannotAnalyse, line.GetProperty("error").GetString());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("score").ValueKind);
            Assert.Equal(0, line.GetProperty("regions").GetArrayLength());
        }
    }
}
