using Portcullis.Imaging.Analysis.Parcels;

namespace Portcullis.Bench;

/// <summary>
/// `parcels-eval [--learn N] [--parcels N] [--seed S] [--show N] [--set tune|heldout] [--export as-generated|plain-log|plain-linear]`: the parcel analysis's held-out quality
/// (<see cref="ParcelEvaluation"/>): detection and location at 5% and 1% false alarms per clean parcel and at
/// the learned operating point, false alarms per hard-negative kind, gram and count error; --show prints the first N held-out parcels' top reasons; --set tune scores the tuning scanners and seeds instead of the held-out ones; --export hands the scored parcels over as pixels only (docs/BENCHMARKS.md).
/// </summary>
public static class ParcelBench
{
    public static int Evaluate(string[] args)
    {
        int Option(string name, int fallback) => BenchArgs.Int(args, name, fallback);
        foreach (var line in ParcelEvaluation.Run(Option("--learn", 100), Option("--parcels", 150), Option("--seed", 1), Option("--show", 0), Array.IndexOf(args, "--set") is var k and >= 0 && k + 1 < args.Length && args[k + 1] == "tune",
            export: Portcullis.Imaging.Analysis.ScanExports.Parse(Array.IndexOf(args, "--export") is var x and >= 0 && x + 1 < args.Length ? args[x + 1] : null)))
        {
            Console.WriteLine(line);
        }

        return 0;
    }
}
