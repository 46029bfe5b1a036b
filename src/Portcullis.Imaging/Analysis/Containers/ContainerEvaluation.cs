using System.Globalization;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Held-out evaluation on generated scans: learn on training scanners and seeds, then on other scanners and
/// seeds score clean scans and scans with one concealment of 5–40 kg (every method each container kind has,
/// commodities mixed). A detection counts when the score passes the threshold and one of the top three regions
/// overlaps the concealment's box. Which kind, commodity, scanner and method a case gets comes from
/// <see cref="Plan"/>, a crossed design, so that a figure "by place" is not also a figure by commodity or scanner.
/// </summary>
public static class ContainerEvaluation
{
    /// <summary>One scored scan; <paramref name="Top"/> names its highest region (what a false alarm points at).</summary>
    public sealed record Case(string Scanner, string Kind, string Method, double Kg, double Score, bool Located, string Top = "", double TruthZ = 0, string Commodity = "", double Ms = 0);

    public sealed record Report(double ModelThreshold, IReadOnlyList<Case> Clean, IReadOnlyList<Case> Concealed, int Refused)
    {
        /// <summary>The threshold that at most <paramref name="rate"/> of the clean scans exceed, and the detection rate there.</summary>
        public (double Threshold, double Detected, double FalseAlarms) AtFalseAlarmRate(double rate)
        {
            var sorted = Clean.Select(c => c.Score).Order().ToList();
            var threshold = sorted.Count == 0 ? 1 : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor((1 - rate) * sorted.Count))];
            return (threshold, DetectedAt(threshold), Clean.Count(c => c.Score > threshold) / (double)Math.Max(1, Clean.Count));
        }

        public double DetectedAt(double threshold) => Concealed.Count(c => c.Score > threshold && c.Located) / (double)Math.Max(1, Concealed.Count);

        public double FalseAlarmsAt(double threshold) => Clean.Count(c => c.Score > threshold) / (double)Math.Max(1, Clean.Count);
    }

    /// <summary>
    /// Scanners learnt on: the two fixed ones and two variants of their own (another energy, pitch, stretch, speed,
    /// noise, blur, direction, vertical offset and log range), so that the learning scans hold more than one
    /// scanner's variation and the calibration can judge each scanner's scans by normals learnt without it.
    /// </summary>
    public static IReadOnlyList<ScannerSettings> Training { get; } =
    [
        ScannerSettings.Portal6MV,
        ScannerSettings.Gantry4And6MV,
        ScannerSettings.Portal6MV with { Name = "portal-9MV-coarse", Energy = ScanEnergy.Linac9MV, PitchAlongMm = 6.0, PitchAcrossMm = 5.0, Stretch = 1.03, SpeedWobble = 0.015, BlurSigmaPixels = 1.0, OpenBeamQuanta = 150_000, VerticalOffsetMm = 60, DynamicRange = 150_000 },
        ScannerSettings.Portal6MV with { Name = "rail-4MV-reversed", Energy = ScanEnergy.Linac4MV, PitchAlongMm = 4.8, PitchAcrossMm = 4.6, Stretch = 0.97, SpeedWobble = 0.02, Reversed = true, BlurSigmaPixels = 1.3, OpenBeamQuanta = 80_000, GainBands = 0.005, DarkOffset = 3e-5, VerticalOffsetMm = -80, DynamicRange = 40_000 },
    ];

    /// <summary>Scanners never learnt on: the mobile 4 MV, and variants in pitch, noise, blur, energy, range, direction, offset.</summary>
    public static IReadOnlyList<ScannerSettings> HeldOut { get; } =
    [
        ScannerSettings.Mobile4MV,
        ScannerSettings.Portal6MV with { Name = "fine-9MV-reversed", Energy = ScanEnergy.Linac9MV, PitchAlongMm = 4.1, PitchAcrossMm = 2.9, Reversed = true, DynamicRange = 30_000, VerticalOffsetMm = 120 },
        ScannerSettings.Portal6MV with { Name = "coarse-noisy-6MV", PitchAlongMm = 6.5, PitchAcrossMm = 5.5, Stretch = 0.97, OpenBeamQuanta = 50_000, BlurSigmaPixels = 1.4, DynamicRange = 300_000 },
    ];

    /// <summary>
    /// Scanners for tuning: variants of the training scanners in pitch, noise, blur, energy, log range, direction and
    /// offset, none of them a held-out one, so that a change tuned on them can show its fragility to a scanner it was
    /// not learnt on without spending the held-out scanners.
    /// </summary>
    public static IReadOnlyList<ScannerSettings> Tuning { get; } =
    [
        ScannerSettings.Portal6MV with { Name = "portal-6MV-reversed-low", PitchAlongMm = 5.5, PitchAcrossMm = 4.0, Stretch = 1.02, Reversed = true, VerticalOffsetMm = -100, DynamicRange = 60_000 },
        ScannerSettings.Gantry4And6MV with { Name = "gantry-noisy-blurred", PitchAlongMm = 4.6, PitchAcrossMm = 4.4, Reversed = false, OpenBeamQuanta = 70_000, BlurSigmaPixels = 1.2, DynamicRange = 200_000 },
        ScannerSettings.Portal6MV with { Name = "portal-4MV-fine", Energy = ScanEnergy.Linac4MV, PitchAlongMm = 4.5, PitchAcrossMm = 3.5, Stretch = 0.98, SpeedWobble = 0.02, VerticalOffsetMm = 40 },
    ];

    /// <summary>One case's factors; <paramref name="Method"/> is null for a clean scan.</summary>
    public sealed record Draw(ContainerKind Kind, Commodity Commodity, int Scanner, ConcealmentMethod? Method);

    private static readonly Commodity[] DryCommodities = [Commodity.Cocoa, Commodity.Machinery, Commodity.Textiles, Commodity.Timber];
    private static readonly Commodity[] ReeferCommodities = [Commodity.Bananas, Commodity.Pineapples];

    /// <summary>
    /// The factors of <paramref name="count"/> cases over <paramref name="scanners"/> scanners. Every third case is a
    /// 40' reefer, the others dry; within each of the two strata the n-th case takes method n mod M, commodity
    /// (n div M) mod C and scanner (method + commodity + n div MC) mod S (M = 1 for clean scans), and a dry case is 20'
    /// or 40' by (n div MC) mod 2 (clean ones by (n div CS) mod 2). Over every MC cases of a stratum each method meets each
    /// commodity once and, by the rotating sum, every scanner; each commodity meets every scanner and both sizes. The older
    /// arithmetic (kind, scanner and method from the case number, commodity from the seed) tied each place to one
    /// commodity and one scanner, and every reefer of a seed range to one fruit.
    /// </summary>
    public static IReadOnlyList<Draw> Plan(int count, int scanners, bool concealed)
    {
        var draws = new List<Draw>(count);
        var (dry, reefer) = (0, 0);
        for (var i = 0; i < count; i++)
        {
            var isReefer = i % 3 == 2;
            var n = isReefer ? reefer++ : dry++;
            var methods = concealed ? SceneBuilder.MethodsFor(isReefer ? ContainerKind.Reefer40HighCube : ContainerKind.Dry40) : [];
            var m = Math.Max(1, methods.Count);
            var commodities = isReefer ? ReeferCommodities : DryCommodities;
            var (a, b, block) = (n % m, (n / m) % commodities.Length, n / (m * commodities.Length));
            // The size changes slower than the scanner so that each commodity's normal for a size is learnt from every scanner.
            var size = concealed ? block : n / (commodities.Length * scanners);
            var kind = isReefer ? ContainerKind.Reefer40HighCube : (size % 2 == 0 ? ContainerKind.Dry20 : ContainerKind.Dry40);
            draws.Add(new Draw(kind, commodities[b], (a + b + block) % scanners, concealed ? methods[a] : null));
        }

        return draws;
    }

    public static ContainerModel LearnOn(IReadOnlyList<ScannerSettings> scanners, int count, int firstSeed, CancellationToken cancellationToken = default) =>
        ContainerLearner.Learn(LearningSet(scanners, count, firstSeed, cancellationToken), cancellationToken);

    /// <summary>The cleared scans <see cref="LearnOn"/> learns from (the same crossed design as the evaluation's clean scans).</summary>
    public static IReadOnlyList<LearningExample> LearningSet(IReadOnlyList<ScannerSettings> scanners, int count, int firstSeed, CancellationToken cancellationToken = default)
    {
        var examples = new List<LearningExample>();
        var plan = Plan(count, scanners.Count, false);
        for (var i = 0; i < count; i++)
        {
            var seed = firstSeed + i;
            var (kind, commodity, scanner, _) = plan[i];
            var scan = RadiographGenerator.Random(seed, kind, scanners[scanner], commodity, 0, cancellationToken);
            examples.Add(new LearningExample(scan.Image, SubjectOf(scan.Truth)));
        }

        return examples;
    }


    public static Report Run(ContainerModel model, IReadOnlyList<ScannerSettings> scanners, int cleanCount, int concealedCount, int firstSeed, Action<string>? progress = null, CancellationToken cancellationToken = default, ScanExport export = ScanExport.AsGenerated)
    {
        var clean = new List<Case>();
        var concealed = new List<Case>();
        var refused = 0;
        var plan = Plan(cleanCount, scanners.Count, false).Concat(Plan(concealedCount, scanners.Count, true)).ToList();
        for (var i = 0; i < cleanCount + concealedCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = firstSeed + i;
            var (kind, commodity, scannerIndex, method) = plan[i];
            var scanner = scanners[scannerIndex];
            var isClean = method is null;
            ContainerScene scene;
            if (method is null)
            {
                scene = SceneBuilder.Build(seed, kind, commodity, []);
            }
            else
            {
                var kg = 5 + ((seed * 7919 % 1000) / 1000.0 * 35);
                scene = SceneBuilder.Build(seed, kind, commodity, [new ConcealmentRequest(method.Value, Math.Round(kg, 1))]);
            }

            var scan = RadiographGenerator.Container(scene, scanner, seed, cancellationToken);
            var outcome = ContainerAnalyzer.Analyze(ScanExports.Reencode(scan.Image, export), SubjectOf(scan.Truth), model, cancellationToken);
            if (outcome.Result is not { } result)
            {
                refused++;
                progress?.Invoke($"refused {scanner.Name} {kind}: {outcome.CannotAnalyse}");
                continue;
            }

            if (isClean)
            {
                var top = result.Regions.FirstOrDefault() is { } r0
                    ? string.Create(CultureInfo.InvariantCulture, $"{commodity}, seed {seed}: {r0.Kind} at x {(r0.X0 + r0.X1) / 2.0 / scan.Image.Width:0.00}, y {(r0.Y0 + r0.Y1) / 2.0 / scan.Image.Height:0.00}")
                    : "";
                clean.Add(new Case(scanner.Name, kind.ToString(), "none", 0, result.Score, false, top, 0, commodity.ToString(), result.Milliseconds));
            }
            else
            {
                var truth = scan.Truth.Concealments[0];
                var located = result.Regions.Take(3).Any(r => r.X0 < truth.Box.X1 && truth.Box.X0 < r.X1 && r.Y0 < truth.Box.Y1 && truth.Box.Y0 < r.Y1);
                concealed.Add(new Case(scanner.Name, kind.ToString(), truth.Method.ToString(), truth.Kg, result.Score, located, "", TruthZ(scan.Image, SubjectOf(scan.Truth), model, truth.Box, cancellationToken), commodity.ToString(), result.Milliseconds));
            }
        }

        return new Report(model.Threshold, clean, concealed, refused);
    }

    /// <summary>
    /// The analysis on concealments no scene generator made: each clean scan of <paramref name="scanners"/> is scored
    /// as it is and again with one <see cref="Insertion"/> of 5–40 kg (random place, shape and size) put into its
    /// attenuation map. The concealed cases' <see cref="Case.Method"/> is the insertion's place.
    /// </summary>
    public static Report RunInserted(ContainerModel model, IReadOnlyList<ScannerSettings> scanners, int count, int firstSeed, CancellationToken cancellationToken = default)
    {
        var clean = new List<Case>();
        var concealed = new List<Case>();
        var refused = 0;
        var plan = Plan(count, scanners.Count, false);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = firstSeed + i;
            var (kind, commodity, scannerIndex, _) = plan[i];
            var scanner = scanners[scannerIndex];
            var scan = RadiographGenerator.Container(SceneBuilder.Build(seed, kind, commodity, []), scanner, seed, cancellationToken);
            var subject = SubjectOf(scan.Truth);
            var (view, _) = ContainerView.Prepare(scan.Image, subject, cancellationToken);
            var normal = view is null ? null : ContainerAnalyzer.Pick(model, view, CommodityGroups.Of(subject.HsCode), false);
            if (view is null || normal is null)
            {
                refused++;
                continue;
            }

            ContainerLearner.Orient(view, normal);
            var mu = ContainerAnalyzer.MassAttenuation(scan.Image);
            double Score(Scoring.Cells cells) => Scoring.CalibratedScore(Scoring.Calibrate(cells.Max, normal));
            clean.Add(new Case(scanner.Name, kind.ToString(), "none", 0, Score(Scoring.Score(view, normal)), false, "", 0, commodity.ToString()));

            var random = new Random(seed);
            var places = Enum.GetValues<Insertion.Place>().Where(p => p != Insertion.Place.Machinery || kind == ContainerKind.Reefer40HighCube).ToArray();
            var added = Insertion.Make(view, mu, random, places[random.Next(places.Length)], 5 + (35 * random.NextDouble()));
            var inserted = view.WithAdded(added.Delta);
            var cells = Scoring.Score(inserted, normal);
            var regions = ContainerAnalyzer.Regions(inserted, cells, mu);
            var (e0, f0, e1, f1) = Extent(inserted, added.Delta);
            var (tx0, ty0, tx1, ty1) = inserted.WorkingBox(e0, f0, e1, f1);
            var located = regions.Take(3).Any(f => f.Region.X0 < tx1 && tx0 < f.Region.X1 && f.Region.Y0 < ty1 && ty0 < f.Region.Y1);
            concealed.Add(new Case(scanner.Name, kind.ToString(), added.Place.ToString(), added.Kg, Score(cells), located, "", 0, commodity.ToString()));
        }

        return new Report(model.Threshold, clean, concealed, refused);
    }

    /// <summary>The canonical working box (x1, y1 exclusive) where an insertion adds at least a tenth of its peak.</summary>
    private static (int A0, int B0, int A1, int B1) Extent(ContainerView view, float[] delta)
    {
        var peak = delta.Max();
        int a0 = view.Width, b0 = view.Height, a1 = 0, b1 = 0;
        for (var y = 0; y < view.Height; y++)
        {
            for (var x = 0; x < view.Width; x++)
            {
                if (delta[(y * view.Width) + x] >= peak / 10)
                {
                    (a0, b0, a1, b1) = (Math.Min(a0, x), Math.Min(b0, y), Math.Max(a1, x + 1), Math.Max(b1, y + 1));
                }
            }
        }

        return (a0, b0, a1, b1);
    }

    private static double TruthZ(ScanImage image, ScanSubject subject, ContainerModel model, PixelBox box, CancellationToken cancellationToken)
    {
        var (view, _) = ContainerView.Prepare(image, subject, cancellationToken);
        if (view is null)
        {
            return 0;
        }

        var normal = ContainerAnalyzer.Pick(model, view, CommodityGroups.Of(subject.HsCode), false);
        if (normal is not null)
        {
            ContainerLearner.Orient(view, normal);
        }

        var cells = Scoring.Score(view, normal);
        var best = double.MinValue;
        for (var r = 0; r < ContainerView.GridRows; r++)
        {
            for (var c = 0; c < ContainerView.GridColumns; c++)
            {
                var (x0, y0, x1, y1) = view.CellBox(c, r, c + 1, r + 1);
                if (x0 < box.X1 && box.X0 < x1 && y0 < box.Y1 && box.Y0 < y1)
                {
                    best = Math.Max(best, cells.Z[(r * ContainerView.GridColumns) + c]);
                }
            }
        }

        return best;
    }

    public static string HsFor(Commodity commodity) => commodity switch
    {
        Commodity.Bananas => "080390",
        Commodity.Pineapples => "080430",
        Commodity.Cocoa => "180100",
        Commodity.Machinery => "847989",
        Commodity.Textiles => "620342",
        Commodity.Timber => "440799",
        _ => "",
    };

    public static ScanSubject SubjectOf(ScanTruth truth) =>
        new(ScanSubjectKind.Container, HsFor(Enum.Parse<Commodity>(truth.Commodity ?? nameof(Commodity.Empty))), truth.ContainerType, truth.Subject);

    public static string Describe(Report report)
    {
        var lines = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        lines.Add(string.Create(inv, $"clean {report.Clean.Count}, concealed {report.Concealed.Count}, refused {report.Refused}"));
        foreach (var rate in new[] { 0.01, 0.02, 0.05, 0.10, 0.20, 0.50 })
        {
            var (t, d, f) = report.AtFalseAlarmRate(rate);
            lines.Add(string.Create(inv, $"  at <= {rate:P0} false alarms (threshold {t:0.000}, measured {f:P1}): detected and located {d:P1}"));
        }

        lines.Add(string.Create(inv, $"  at the model's operating point {report.ModelThreshold:0.000}: false alarms {report.FalseAlarmsAt(report.ModelThreshold):P1}, detected and located {report.DetectedAt(report.ModelThreshold):P1}"));
        var (t5, _, _) = report.AtFalseAlarmRate(0.05);
        foreach (var g in report.Concealed.GroupBy(c => c.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // The concealment's own best cell (scene-generated cases only): whether the score or the place is what fails.
            var gz = g.Select(c => c.TruthZ).Order().ToList();
            var truthZ = gz.Any(z => z != 0) ? string.Create(inv, $"; its best cell's z, median {gz[gz.Count / 2]:0.0}") : "";
            lines.Add(string.Create(inv, $"    {g.Key,-10} {g.Count(c => c.Score > t5 && c.Located)}/{g.Count()} at 5%; located in top 3 regardless of score {g.Count(c => c.Located)}/{g.Count()}{truthZ}"));
        }

        var cleanScores = report.Clean.Select(c => c.Score).Order().ToList();
        var concealedScores = report.Concealed.Select(c => c.Score).Order().ToList();
        if (cleanScores.Count > 0 && concealedScores.Count > 0)
        {
            lines.Add(string.Create(inv, $"    median score: clean {cleanScores[cleanScores.Count / 2]:0.000}, concealed {concealedScores[concealedScores.Count / 2]:0.000}"));
            var tz = report.Concealed.Select(c => c.TruthZ).Order().ToList();
            lines.Add(string.Create(inv, $"    truth z quartiles {tz[tz.Count / 4]:0.0} {tz[tz.Count / 2]:0.0} {tz[3 * tz.Count / 4]:0.0}; clean score quartiles {cleanScores[cleanScores.Count / 4]:0.000} {cleanScores[3 * cleanScores.Count / 4]:0.000}"));
        }

        var ms = report.Clean.Concat(report.Concealed).Select(c => c.Ms).Order().ToList();
        if (ms.Count > 0)
        {
            lines.Add(string.Create(inv, $"    analysis time per scan: median {ms[ms.Count / 2]:0} ms, 90th percentile {ms[(int)(0.9 * (ms.Count - 1))]:0} ms, largest {ms[^1]:0} ms"));
        }

        foreach (var g in report.Concealed.Concat(report.Clean).GroupBy(c => c.Commodity).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var hidden = g.Where(c => c.Method != "none").ToList();
            var cleanOnes = g.Where(c => c.Method == "none").ToList();
            lines.Add(string.Create(inv, $"    {g.Key,-10} concealed {hidden.Count(c => c.Score > t5 && c.Located)}/{hidden.Count} at 5%, clean alarming {cleanOnes.Count(c => c.Score > t5)}/{cleanOnes.Count}"));
        }

        foreach (var c in report.Clean.OrderByDescending(c => c.Score).Take(5))
        {
            lines.Add(string.Create(inv, $"    highest clean: {c.Score:0.000} {c.Scanner} {c.Kind}, {c.Top}"));
        }

        foreach (var g in report.Concealed.GroupBy(c => c.Scanner).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(string.Create(inv, $"    {g.Key,-18} {g.Count(c => c.Score > t5 && c.Located)}/{g.Count()} at 5%"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
