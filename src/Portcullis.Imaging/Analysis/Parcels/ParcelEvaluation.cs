using System.Globalization;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>
/// Held-out quality of the parcel analysis on generated parcels: learn the operating point from cleared
/// parcels of the 160 kV scanner (training seeds), then score other seeds on scanner variants not used in
/// tuning (140 kV, other pitch, noise, blur, encoding range, direction), or on the tuning scanners' own
/// variants and seeds (for choosing things without looking at the held-out set). Every scored parcel is seen
/// clean, with tablets and with a bag of powder. A detection counts only when the score passes the threshold
/// and one of the top three regions overlaps the true box.
/// </summary>
public static class ParcelEvaluation
{
    /// <summary>The held-out scanners: each differs from the tuning scanner in one or more ways.</summary>
    public static IReadOnlyList<ScannerSettings> HeldOutScanners { get; } =
    [
        ScannerSettings.Parcel160kV with { Name = "140kV-1.2mm", Energy = ScanEnergy.Tube140kV, PitchAlongMm = 1.2, PitchAcrossMm = 1.2 },
        ScannerSettings.Parcel160kV with { Name = "160kV-2mm-noisy", PitchAlongMm = 2.0, PitchAcrossMm = 2.0, OpenBeamQuanta = 15_000, BlurSigmaPixels = 1.0 },
        ScannerSettings.Parcel160kV with { Name = "140kV-reversed-range60k", Energy = ScanEnergy.Tube140kV, Reversed = true, DynamicRange = 60_000, BlurSigmaPixels = 1.2 },
    ];

    /// <summary>
    /// The scanners and the first seed of a named parcel set, one place for the evaluation and the diagnostics: "train"
    /// the learning scanner from <paramref name="seed"/>, "tune" the tuning scanners from seed + 200,000, anything else
    /// the held-out scanners from seed + 100,000.
    /// </summary>
    public static (IReadOnlyList<ScannerSettings> Scanners, int FirstSeed) Set(string? name, int seed) => name switch
    {
        "train" => ([ScannerSettings.Parcel160kV], seed),
        "tune" => (TuningScanners, seed + 200_000),
        _ => (HeldOutScanners, seed + 100_000),
    };

    /// <summary>
    /// The tuning scanners: variants of the training scanner of their own (not the held-out ones), for choosing
    /// features and settings without looking at the held-out set; seeds from 200,001.
    /// </summary>
    public static IReadOnlyList<ScannerSettings> TuningScanners { get; } =
    [
        ScannerSettings.Parcel160kV with { Name = "160kV-2mm", PitchAlongMm = 2.0, PitchAcrossMm = 2.0 },
        ScannerSettings.Parcel160kV with { Name = "140kV-1.5mm-range40k", Energy = ScanEnergy.Tube140kV, DynamicRange = 40_000 },
        ScannerSettings.Parcel160kV with { Name = "160kV-1.5mm-blur-noisy", OpenBeamQuanta = 20_000, BlurSigmaPixels = 1.3 },
    ];

    /// <param name="learnParcels">Cleared parcels of the training scanner the operating point is learned from.</param>
    /// <param name="testParcels">Parcels scored, each clean, with 50–500 g of tablets and with 50–500 g of powder.</param>
    /// <param name="seed">The first training seed; tuning seeds start 200,000 above it, held-out seeds 100,000.</param>
    /// <param name="show">How many scored parcels print their top reasons.</param>
    /// <param name="tune">The tuning scanners and seeds instead of the held-out ones.</param>
    /// <param name="cancellationToken">Stops the evaluation.</param>
    /// <param name="export">How the scored parcels (not the learning ones) reach the analysis (<see cref="ScanExport"/>).</param>
    public static IReadOnlyList<string> Run(int learnParcels, int testParcels, int seed, int show = 0, bool tune = false, CancellationToken cancellationToken = default, ScanExport export = ScanExport.AsGenerated)
    {
        var lines = new List<string>();
        var learning = Enumerable.Range(0, learnParcels)
            .Select(i => new LearningExample(ParcelGenerator.Scan(ParcelGenerator.Scene(seed + i), ScannerSettings.Parcel160kV, seed + i, cancellationToken).Image, new ScanSubject(ScanSubjectKind.Parcel)))
            .ToList();
        var model = ParcelLearner.Learn(learning, cancellationToken);
        var (scanners, first) = Set(tune ? "tune" : "heldout", seed);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"parcels-eval: operating point {model.Threshold:0.000} learned from {model.CleanExamples} cleared 160 kV parcels (seeds {seed}..{seed + learnParcels - 1}); {(tune ? "tuning" : "held-out")} scanners, seeds from {first}"));
        var clean = new List<(double Score, IReadOnlyList<string> Contents)>();
        var positives = new List<(ConcealmentMethod Method, string Scanner, double Score, bool Located, double TrueGrams, double Grams, int TrueCount, int Count)>();
        var ms = new List<double>();
        for (var i = 0; i < testParcels; i++)
        {
            var s = first + i;
            var scanner = scanners[i % scanners.Count];
            var scene = ParcelGenerator.Scene(s);
            var result = ParcelAnalyzer.Analyze(ScanExports.Reencode(ParcelGenerator.Scan(scene, scanner, s, cancellationToken).Image, export), new ScanSubject(ScanSubjectKind.Parcel), model, cancellationToken).Result;
            clean.Add((result?.Score ?? 0, scene.Contents));
            if (i < show)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"    clean {s} {scanner.Name} [{string.Join(", ", scene.Contents)}]: {result?.Score:0.000} {result?.Reasons[0]}"));
            }

            foreach (var method in new[] { ConcealmentMethod.Tablets, ConcealmentMethod.Powder })
            {
                var grams = 50 + (new SeededRandom(Seeds.Mix(s, 7)).NextDouble() * 450);
                var loaded = ParcelGenerator.Scan(ParcelGenerator.Scene(s, method, grams), scanner, s, cancellationToken);
                var r = ParcelAnalyzer.Analyze(ScanExports.Reencode(loaded.Image, export), new ScanSubject(ScanSubjectKind.Parcel), model, cancellationToken).Result;
                var truth = loaded.Truth.Concealments[0];
                var located = r is not null && r.Regions.Take(3).Any(g => g.X0 < truth.Box.X1 && truth.Box.X0 < g.X1 && g.Y0 < truth.Box.Y1 && truth.Box.Y0 < g.Y1);
                var top = r?.Regions.FirstOrDefault();
                positives.Add((method, scanner.Name, r?.Score ?? 0, located, truth.Kg * 1000, (top?.Kg ?? 0) * 1000, truth.Count, top?.Count ?? 0));
                ms.Add(r?.Milliseconds ?? 0);
                if (i < show)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"    {method} {s} {scanner.Name} {truth.Kg * 1000:0} g located {located}: {r?.Score:0.000} {r?.Reasons[0]}"));
                }
            }
        }

        var sortedClean = clean.Select(c => c.Score).Order().ToArray();
        double At(double falseAlarms) => sortedClean[Math.Min(sortedClean.Length - 1, (int)Math.Floor((1 - falseAlarms) * sortedClean.Length))];
        foreach (var (label, threshold) in new[] { ("5% false alarms", At(0.05) + 1e-9), ("1% false alarms", At(0.01) + 1e-9), ("the model's operating point", model.Threshold) })
        {
            var falseAlarms = clean.Count(c => c.Score >= threshold) / (double)clean.Count;
            var parts = new[] { ConcealmentMethod.Tablets, ConcealmentMethod.Powder }.Select(m =>
            {
                var group = positives.Where(p => p.Method == m).ToList();
                var found = group.Count(p => p.Score >= threshold && p.Located);
                return string.Create(CultureInfo.InvariantCulture, $"{m.ToString().ToLowerInvariant()} {found}/{group.Count} ({100.0 * found / Math.Max(1, group.Count):0.0}%)");
            });
            var all = positives.Count(p => p.Score >= threshold && p.Located);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  at {label} (threshold {threshold:0.000}, {100 * falseAlarms:0.0}% of {clean.Count} clean parcels alarm): detected and located {all}/{positives.Count} ({100.0 * all / positives.Count:0.0}%); {string.Join(", ", parts)}"));
        }

        var at5 = At(0.05) + 1e-9;
        foreach (var kind in new[] { "tulip bulbs", "vitamin bottle", "sweets", "coffee" })
        {
            var group = clean.Where(c => c.Contents.Contains(kind)).ToList();
            var alarms = group.Count(c => c.Score >= model.Threshold);
            var alarms5 = group.Count(c => c.Score >= at5);
            var alarms1 = group.Count(c => c.Score >= At(0.01) + 1e-9);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  clean parcels with {kind}: {alarms}/{group.Count} alarm at the operating point ({100.0 * alarms / Math.Max(1, group.Count):0.0}%), {alarms5}/{group.Count} at the 5% point, {alarms1}/{group.Count} at the 1% point"));
        }

        // Where the misses are: per scanner at the 5% point, and how many were boxed at all (top three regions, any score).
        foreach (var scanner in scanners)
        {
            var parts = new[] { ConcealmentMethod.Tablets, ConcealmentMethod.Powder }.Select(m =>
            {
                var group = positives.Where(p => p.Method == m && p.Scanner == scanner.Name).ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{m.ToString().ToLowerInvariant()} {group.Count(p => p.Score >= at5 && p.Located)}/{group.Count} (boxed {group.Count(p => p.Located)})");
            });
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {scanner.Name} at the 5% point: {string.Join(", ", parts)}"));
        }

        var estimated = positives.Where(p => p.Method == ConcealmentMethod.Tablets && p.Located && p.Grams > 0).ToList();
        if (estimated.Count > 0)
        {
            var gramError = Filters.Median(estimated.Select(p => Math.Abs(p.Grams - p.TrueGrams) / p.TrueGrams));
            var countError = Filters.Median(estimated.Select(p => Math.Abs(p.Count - p.TrueCount) / (double)p.TrueCount));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  tablets located: median relative error of grams {100 * gramError:0}%, of count {100 * countError:0}% ({estimated.Count} parcels)"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  analysis time per loaded parcel: median {Filters.Median(ms):0.0} ms, slowest {ms.DefaultIfEmpty(0).Max():0.0} ms"));
        return lines;
    }
}
