using System.Globalization;
using System.Text.Json;
using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench;

/// <summary>
/// `parcels-dump [--set train|tune|heldout] [--parcels N] [--seed S] [--export …]` or `parcels-dump --list LIST.csv --truth TRUTH.csv`:
/// one JSON line a parcel with every tablet cluster and powder candidate the finders see (their features, score and whether
/// they overlap the concealment), the image's organic line and ratio reference, and the analysis's own score. For choosing
/// rules and bands offline on the tuning set and on a development set of files (the independent generator's truth.csv:
/// concealed, x0, y0, x1, y1, scanner, negatives); the figures come from `parcels-eval` and `scan analyze`.
/// </summary>
public static class ParcelDumpBench
{
    public static int Run(string[] args)
    {
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        if (BenchArgs.Text(args, "--list") is { } listPath)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(listPath))!;
            var truth = File.ReadAllLines(BenchArgs.Text(args, "--truth") ?? throw new ArgumentException("--truth"));
            var header = truth[0].Split(',');
            int Col(string name) => Array.IndexOf(header, name);
            foreach (var line in truth.Skip(1))
            {
                var f = line.Split(',');
                var high = ScanReader.Read(File.ReadAllBytes(Path.Combine(folder, f[Col("file")]))).Image!;
                var low = ScanReader.Read(File.ReadAllBytes(Path.Combine(folder, f[Col("low_file")]))).Image!;
                var image = ScanReader.Combine(low, high).Image!;
                (int, int, int, int)? box = f[Col("concealed")] == "1"
                    ? (int.Parse(f[Col("x0")], CultureInfo.InvariantCulture), int.Parse(f[Col("y0")], CultureInfo.InvariantCulture), int.Parse(f[Col("x1")], CultureInfo.InvariantCulture), int.Parse(f[Col("y1")], CultureInfo.InvariantCulture))
                    : null;
                var label = box is null ? "clean" : f[Col("conc_kind")];
                Console.WriteLine(JsonSerializer.Serialize(Dump(image, f[Col("file")], f[Col("scanner")], label, f[Col("negatives")], box), options));
            }

            return 0;
        }

        var (scanners, first) = ParcelEvaluation.Set(BenchArgs.Text(args, "--set"), BenchArgs.Int(args, "--seed", 1));
        var export = ScanExports.Parse(BenchArgs.Text(args, "--export"));
        for (var i = 0; i < BenchArgs.Int(args, "--parcels", 30); i++)
        {
            var s = first + i;
            var scanner = scanners[i % scanners.Count];
            foreach (var method in new ConcealmentMethod?[] { null, ConcealmentMethod.Tablets, ConcealmentMethod.Powder })
            {
                var grams = 50 + (new SeededRandom(Seeds.Mix(s, 7)).NextDouble() * 450);
                var scene = ParcelGenerator.Scene(s, method, method is null ? 0 : grams);
                var scan = ParcelGenerator.Scan(scene, scanner, s);
                var truth = scan.Truth.Concealments.FirstOrDefault();
                (int, int, int, int)? box = truth is null ? null : (truth.Box.X0, truth.Box.Y0, truth.Box.X1, truth.Box.Y1);
                var label = method is null ? "clean" : method.Value.ToString().ToLowerInvariant();
                Console.WriteLine(JsonSerializer.Serialize(Dump(ScanExports.Reencode(scan.Image, export), s.ToString(CultureInfo.InvariantCulture), scanner.Name, label, string.Join(";", scene.Contents), box), options));
            }
        }

        return 0;
    }

    private static Dictionary<string, object?> Dump(ScanImage image, string id, string scanner, string label, string negatives, (int X0, int Y0, int X1, int Y1)? box)
    {
        bool Hit(int x0, int y0, int x1, int y1) => box is { } b && x0 < b.X1 && b.X0 < x1 && y0 < b.Y1 && b.Y0 < y1;
        var result = ParcelAnalyzer.Analyze(image, new ScanSubject(Portcullis.Imaging.Analysis.ScanSubjectKind.Parcel), null, CancellationToken.None).Result;
        var (parcel, _) = ParcelImage.From(image);
        var reference = Mass.RatioReference(parcel!);
        var tablets = TabletFinder.Find(parcel!, reference, CancellationToken.None).Select(c => new Dictionary<string, object?>
        {
            ["score"] = ParcelAnalyzer.Score(c, parcel!.IsDualEnergy),
            ["blobs"] = c.Blobs,
            ["densest"] = c.Densest,
            ["consistency"] = c.Consistency,
            ["rel"] = c.RelativeRatio,
            ["grams"] = c.Grams,
            ["hit"] = Hit(c.X0, c.Y0, c.X1, c.Y1),
        }).ToList();
        var powder = PowderFinder.Find(parcel!).Select(c => new Dictionary<string, object?>
        {
            ["score"] = PowderFinder.Score(c),
            ["slope"] = c.Slope,
            ["thickness"] = c.Thickness,
            ["under"] = c.BackHigh,
            ["residual"] = c.Residual,
            ["area"] = c.AreaCm2,
            ["dense"] = c.BesideDense,
            ["hit"] = Hit(c.X0, c.Y0, c.X1, c.Y1),
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["id"] = id,
            ["scanner"] = scanner,
            ["label"] = label,
            ["negatives"] = negatives,
            ["ref"] = reference,
            ["score"] = result?.Score,
            ["located"] = result is not null && box is not null && result.Regions.Take(3).Any(g => Hit(g.X0, g.Y0, g.X1, g.Y1)),
            ["ms"] = result?.Milliseconds,
            ["tablets"] = tablets,
            ["powder"] = powder,
        };
    }
}
