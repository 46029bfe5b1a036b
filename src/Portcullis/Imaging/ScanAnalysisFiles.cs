using System.Text.Json;
using System.Text.Json.Serialization;
using global::CsvHelper;
using Portcullis.Hosting;
using Portcullis.Imaging.Analysis;
using AnalysisKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Imaging;

/// <summary>
/// What the analysis commands read and write on disk, without a database: the scan lists
/// (<c>LIST.csv</c>, <c>PAIRS.csv</c>), the images they name, the model file, and the JSON lines out.
/// A bad list or model stops the command before any work (one sentence, exit code 2); a file that
/// is there but is not a scan of its kind only makes its own line an error.
/// </summary>
public static class ScanAnalysisFiles
{
    /// <summary>One scan of a list: the file (and the low-energy file of a dual-energy scan) and its declared subject.</summary>
    public sealed record ListRow(int Line, string File, string FullPath, string? LowFullPath, ScanSubject Subject);

    /// <summary>One origin–arrival pair of <c>PAIRS.csv</c>.</summary>
    public sealed record PairRow(int Line, string Origin, string Arrival, string OriginFullPath, string? OriginLowFullPath, string ArrivalFullPath, string? ArrivalLowFullPath);

    public sealed record RegionLine(int X0, int Y0, int X1, int Y1, double Score, string Kind, double? Kg, int? Count);

    /// <summary>One line of <c>scan analyze --json</c>; on a refusal the score is null and <c>error</c> says why.</summary>
    public sealed record AnalysisLine(string File, double? Score, bool Alarm, IReadOnlyList<RegionLine> Regions, double Ms, IReadOnlyList<string> Reasons, string? Version, string? Error);

    /// <summary>One line of <c>scan compare --json</c>; regions lie in <c>regionsImage</c> (arrival for added, origin for removed mass).</summary>
    public sealed record ComparisonLine(string Origin, string Arrival, double? Score, bool Alarm, string? Change, double? Kg, IReadOnlyList<RegionLine> Regions, string? RegionsImage,
        double Ms, IReadOnlyList<string> Reasons, string? Version, string? Error);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IReadOnlyList<ListRow> ReadList(string path)
    {
        var (rows, folder) = ReadTable(path, ["file"], "file,low_file,kind,hs,iso_type,container_number");
        var list = new List<ListRow>();
        foreach (var (line, fields) in rows)
        {
            var file = Field(fields, "file") ?? throw new UserFacingException($"{path} row {line}: the file column is empty; name the scan's image file.");
            var kindText = Field(fields, "kind") ?? "container";
            var kind = ParseKind(kindText) ?? throw new UserFacingException($"{path} row {line}: kind '{kindText}' is not known; use container or parcel.");
            var subject = new ScanSubject(kind, Field(fields, "hs"), Field(fields, "iso_type"), Field(fields, "container_number"));
            list.Add(new ListRow(line, file, Existing(path, line, folder, file), Field(fields, "low_file") is { } low ? Existing(path, line, folder, low) : null, subject));
        }

        return list;
    }

    public static IReadOnlyList<PairRow> ReadPairs(string path)
    {
        var (rows, folder) = ReadTable(path, ["origin", "arrival"], "origin,arrival,origin_low,arrival_low");
        var list = new List<PairRow>();
        foreach (var (line, fields) in rows)
        {
            var origin = Field(fields, "origin") ?? throw new UserFacingException($"{path} row {line}: the origin column is empty; name the origin scan's image file.");
            var arrival = Field(fields, "arrival") ?? throw new UserFacingException($"{path} row {line}: the arrival column is empty; name the arrival scan's image file.");
            list.Add(new PairRow(line, origin, arrival, Existing(path, line, folder, origin), Field(fields, "origin_low") is { } ol ? Existing(path, line, folder, ol) : null,
                Existing(path, line, folder, arrival), Field(fields, "arrival_low") is { } al ? Existing(path, line, folder, al) : null));
        }

        return list;
    }

    public static AnalysisKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "container" => AnalysisKind.Container,
        "parcel" => AnalysisKind.Parcel,
        _ => null,
    };

    /// <summary>The model file, or null for the built-in defaults; a missing or unreadable file stops the command.</summary>
    public static AnalysisModel? ReadModel(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UserFacingException($"Model file '{path}' does not exist; write one with 'portcullis scan learn' or leave --model out for the built-in defaults.");
        }

        var (model, problem) = AnalysisModel.Parse(File.ReadAllText(path));
        return model ?? throw new UserFacingException($"Model file '{path}' is not usable: {problem}.");
    }

    /// <summary>The scan in a file (with its low-energy file as the first frame of a dual-energy scan), or why it cannot be analysed.</summary>
    public static (ScanImage? Image, string? Problem) LoadImage(string path, string? lowPath)
    {
        ScanPreviews.SilenceOpenCv();
        var high = ScanReader.Read(File.ReadAllBytes(path));
        if (high.Image is null)
        {
            return (null, $"cannot analyse: {Path.GetFileName(path)} is not a readable scan ({high.Error?.Message ?? "unknown format"})");
        }

        if (lowPath is null)
        {
            return (high.Image, null);
        }

        var low = ScanReader.Read(File.ReadAllBytes(lowPath));
        if (low.Image is null)
        {
            return (null, $"cannot analyse: {Path.GetFileName(lowPath)} is not a readable scan ({low.Error?.Message ?? "unknown format"})");
        }

        var combined = ScanReader.Combine(low.Image, high.Image);
        return combined.Image is null
            ? (null, $"cannot analyse: {Path.GetFileName(lowPath)} and {Path.GetFileName(path)} are not one dual-energy scan ({combined.Error?.Message})")
            : (combined.Image, null);
    }

    public static IReadOnlyList<RegionLine> Lines(IReadOnlyList<AnalysisRegion> regions) =>
        [.. regions.Select(r => new RegionLine(r.X0, r.Y0, r.X1, r.Y1, r.Score, r.Kind, r.Kg, r.Count))];

    public static AnalysisLine LineOf(string file, AnalysisOutcome outcome, double elapsedMs) => outcome.Result is { } r
        ? new AnalysisLine(file, r.Score, r.Alarm, Lines(r.Regions), Math.Round(r.Milliseconds, 1), r.Reasons, r.Version, null)
        : new AnalysisLine(file, null, false, [], Math.Round(elapsedMs, 1), [], null, outcome.CannotAnalyse);

    public static ComparisonLine LineOf(PairRow pair, ComparisonOutcome outcome, double elapsedMs) => outcome.Result is { } r
        ? new ComparisonLine(pair.Origin, pair.Arrival, r.Score, r.Alarm, r.Change.ToString().ToLowerInvariant(), r.Kg, Lines(r.Regions), r.RegionsImage, Math.Round(r.Milliseconds, 1), r.Reasons, r.Version, null)
        : new ComparisonLine(pair.Origin, pair.Arrival, null, false, null, null, [], null, Math.Round(elapsedMs, 1), [], null, outcome.CannotCompare);

    private static (List<(int Line, Dictionary<string, string> Fields)> Rows, string Folder) ReadTable(string path, string[] required, string columns)
    {
        if (!File.Exists(path))
        {
            throw new UserFacingException($"List '{path}' does not exist; check the path.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, MaxRecordSize = 64 * 1024 };
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, options, leaveOpen: false);
        var rows = new List<(int, Dictionary<string, string>)>();
        try
        {
            var names = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            if (names.Length == 0)
            {
                throw new UserFacingException($"List '{path}' is empty; it needs a header row ({columns}) and a row per scan.");
            }

            foreach (var column in required.Where(c => !names.Contains(c, StringComparer.Ordinal)))
            {
                throw new UserFacingException($"List '{path}' has no column '{column}'; its header row needs {columns} (optional columns may be left out).");
            }

            while (csv.Read())
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < Math.Min(names.Length, csv.FieldCount); i++)
                {
                    if (csv.GetString(i) is { } value && !string.IsNullOrWhiteSpace(value))
                    {
                        fields[names[i]] = value.Trim();
                    }
                }

                if (fields.Count > 0)
                {
                    rows.Add(((int)Math.Min(csv.LineNumber, int.MaxValue), fields));
                }
            }
        }
        catch (CsvFormatException e)
        {
            throw new UserFacingException($"List '{path}' is not a readable CSV ({e.Message}); write one header row and comma-separated rows.");
        }

        return (rows, folder);
    }

    private static string? Field(Dictionary<string, string> fields, string name) => fields.GetValueOrDefault(name);

    // Missing files stop the command before any work: a list naming files that are not there is a wrong list, not a bad scan.
    private static string Existing(string list, int line, string folder, string file)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(folder, file));
        return File.Exists(full) ? full : throw new UserFacingException($"{list} row {line}: file '{file}' does not exist (looked for {full}); fix the path, relative to the list's folder.");
    }
}
