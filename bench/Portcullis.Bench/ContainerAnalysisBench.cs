using System.Diagnostics;
using System.Globalization;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Containers;

namespace Portcullis.Bench;

/// <summary>
/// `scan-containers-eval [--train N] [--clean N] [--concealed N] [--set tune|heldout|both] [--inserted] [--cases] [--export as-generated|plain-log|plain-linear]`: learns on the training scanners (seeds from
/// 1000), evaluates on held-out scanners and seeds (from 50000) and on the tuning scanners (variants of the training
/// ones, seeds from 70000), prints the curve and the operating point. `--export` hands the evaluated scans (not the
/// learning ones) to the analysis as a plain PNG exporter might: pixels only, in log encoding or as linear transmission.
/// </summary>
public static class ContainerAnalysisBench
{
    public static int Evaluate(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var train = Arg("--train", 150);
        var clean = Arg("--clean", 60);
        var concealed = Arg("--concealed", 60);
        var watch = Stopwatch.StartNew();
        var model = ContainerEvaluation.LearnOn(ContainerEvaluation.Training, train, 1000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"learned on {model.Examples} clean scans ({string.Join(", ", ContainerEvaluation.Training.Select(s => s.Name))}) in {watch.Elapsed.TotalSeconds:0.0} s; operating point {model.Threshold:0.000}; normals {string.Join(", ", model.Normals!.Select(n => $"{n.TypeKey}/{n.Group}({n.Examples})"))}"));
        var only = Array.IndexOf(args, "--set") is var k and >= 0 && k + 1 < args.Length ? args[k + 1] : "both";
        foreach (var (name, scanners, seed) in new[] { ("held-out scanners", ContainerEvaluation.HeldOut, 50_000), ("tuning scanners (variants of the training ones), new seeds", ContainerEvaluation.Tuning, 70_000) })
        {
            // `--set tune` runs only the tuning scanners with new seeds (for tuning), `--set heldout` only the held-out ones.
            if ((only == "tune" && seed == 50_000) || (only == "heldout" && seed == 70_000))
            {
                continue;
            }

            var export = ScanExports.Parse(Array.IndexOf(args, "--export") is var x and >= 0 && x + 1 < args.Length ? args[x + 1] : null);
            var report = ContainerEvaluation.Run(model, scanners, clean, concealed, seed, Console.WriteLine, export: export);
            Console.WriteLine($"{name} ({string.Join(", ", scanners.Select(s => s.Name))}):");
            Console.WriteLine(ContainerEvaluation.Describe(report));
            if (Array.IndexOf(args, "--cases") >= 0)
            {
                // One line per scan: what a change moved, scan by scan (the concealment's own best cell's z, the clean scan's top region).
                foreach (var c in report.Clean.Concat(report.Concealed))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CASE {c.Method} {c.Kind} {c.Scanner} {c.Commodity} kg {c.Kg:0.0} score {c.Score:0.000} located {c.Located} truthz {c.TruthZ:0.0} top {c.Top}"));
                }
            }
            if (Array.IndexOf(args, "--inserted") >= 0)
            {
                // The same scanners' clean scans with physically inserted bricks (Insertion): concealments no scene generator made.
                var inserted = ContainerEvaluation.RunInserted(model, scanners, clean, seed + 5_000);
                Console.WriteLine($"{name}, clean scans with synthetic insertions of 5-40 kg:");
                Console.WriteLine(ContainerEvaluation.Describe(inserted));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {watch.Elapsed.TotalSeconds:0} s"));
        return 0;
    }
}
