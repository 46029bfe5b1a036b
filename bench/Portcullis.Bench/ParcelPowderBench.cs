using System.Globalization;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench;

/// <summary>
/// `parcels-powder [--parcels N] [--seed S] [--set train|tune|heldout] [--export as-generated|plain-log|plain-linear]`: the powder finder's candidates, one line each,
/// on each parcel scanned clean and with a 50–500 g bag of powder (the same seeds and scanners as
/// `parcels-eval`): slope (the material), residual, area, grams and whether it overlaps the bag. For choosing
/// the material band on the tuning set; the held-out figures come from `parcels-eval`.
/// </summary>
public static class ParcelPowderBench
{
    public static int Run(string[] args)
    {
        int Option(string name, int fallback) => BenchArgs.Int(args, name, fallback);
        string? Text(string name) => BenchArgs.Text(args, name);
        var (scanners, first) = ParcelEvaluation.Set(Text("--set"), Option("--seed", 1));
        var export = ScanExports.Parse(Text("--export"));
        for (var i = 0; i < Option("--parcels", 30); i++)
        {
            var s = first + i;
            var scanner = scanners[i % scanners.Count];
            foreach (var method in new ConcealmentMethod?[] { null, ConcealmentMethod.Powder })
            {
                var grams = 50 + (new SeededRandom(Seeds.Mix(s, 7)).NextDouble() * 450);
                var scene = ParcelGenerator.Scene(s, method, method is null ? 0 : grams);
                var scan = ParcelGenerator.Scan(scene, scanner, s);
                var (parcel, _) = ParcelImage.From(ScanExports.Reencode(scan.Image, export));
                var truth = scan.Truth.Concealments.FirstOrDefault();
                var found = PowderFinder.Find(parcel!);
                var label = method is null ? "clean " : string.Create(CultureInfo.InvariantCulture, $"powder {grams:0}g");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s} {scanner.Name} {label} [{string.Join(", ", scene.Contents)}]"));
                foreach (var c in found.Take(6))
                {
                    var hit = truth is not null && c.X0 < truth.Box.X1 && truth.Box.X0 < c.X1 && c.Y0 < truth.Box.Y1 && truth.Box.Y0 < c.Y1;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    score {PowderFinder.Score(c),5:0.000} slope {c.Slope,6:0.000} thickness {c.Thickness,5:0.00} under {c.BackHigh,5:0.00} residual {c.Residual,6:0.000} area {c.AreaCm2,6:0.0} g {c.Grams,6:0} {(c.BesideDense ? "dense" : "")} {(hit ? "BAG" : "")}"));
                }
            }
        }

        return 0;
    }
}
