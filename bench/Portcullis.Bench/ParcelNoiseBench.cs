using System.Globalization;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench;

/// <summary>
/// `parcels-noise [--parcels N] [--seed S] [--set train|tune|heldout] [--export as-generated|plain-log|plain-linear]`: what the
/// parcel analysis reads from a file's noise to tell a log encoding from linear transmission, and the log range it
/// estimates, per frame, against the scanner's true range (docs/IMAGING.md, "Analysis: parcels"). For choosing the
/// rule on the tuning set.
/// </summary>
public static class ParcelNoiseBench
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
            var scene = ParcelGenerator.Scene(s, i % 2 == 0 ? null : ConcealmentMethod.Powder, 300);
            var image = ScanExports.Reencode(ParcelGenerator.Scan(scene, scanner, s).Image, export);
            var fits = image.Frames.Select(f => ParcelImage.FitNoise(f.Pixels, f.Width, f.Height)).ToList();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ParcelImage.GuessLogRange(image.Frames[0], image.Frames.Count > 1 ? image.Frames[1] : null);
            var guessMs = watch.Elapsed.TotalMilliseconds;
            var info = ParcelImage.From(image).Image;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s} {scanner.Name,-24} lnR {Math.Log(scanner.DynamicRange):0.00} {string.Join(" | ", fits.Select(f => f is null ? "no fit" : $"slope {f.Slope,6:0.00} (2×{2 * f.Slope,6:0.00}) air σ {f.AirSigma,6:0.0} bands {f.Bands,2} to {f.Span:0.00}"))} read log {info?.LogEncoded} guessed {info?.RangeGuessed} lnR read {(info?.Range is { } r ? Math.Log(r) : 0):0.00} guess {guessMs:0.0} ms {image.Frames[0].Width}x{image.Frames[0].Height}"));
        }

        return 0;
    }
}
