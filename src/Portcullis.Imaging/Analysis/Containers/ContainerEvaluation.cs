using System.Globalization;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Held-out evaluation on generated scans: learn on training scanners and seeds, then on other scanners and
/// seeds score clean scans and scans with one concealment of 5–40 kg (every method each container kind has,
/// commodities mixed). A detection counts when the score passes the threshold and one of the top three regions
/// overlaps the concealment's box.
/// </summary>
public static class ContainerEvaluation
{
    public sealed record Case(string Scanner, string Kind, string Method, double Kg, double Score, bool Located);

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

    /// <summary>Scanners learnt on.</summary>
    public static IReadOnlyList<ScannerSettings> Training { get; } =
    [
        ScannerSettings.Portal6MV,
        ScannerSettings.Gantry4And6MV,
    ];

    /// <summary>Scanners never learnt on: the mobile 4 MV, and variants in pitch, noise, blur, energy, range, direction, offset.</summary>
    public static IReadOnlyList<ScannerSettings> HeldOut { get; } =
    [
        ScannerSettings.Mobile4MV,
        ScannerSettings.Portal6MV with { Name = "fine-9MV-reversed", Energy = ScanEnergy.Linac9MV, PitchAlongMm = 4.1, PitchAcrossMm = 2.9, Reversed = true, DynamicRange = 30_000, VerticalOffsetMm = 120 },
        ScannerSettings.Portal6MV with { Name = "coarse-noisy-6MV", PitchAlongMm = 6.5, PitchAcrossMm = 5.5, Stretch = 0.97, OpenBeamQuanta = 50_000, BlurSigmaPixels = 1.4, DynamicRange = 300_000 },
    ];

    private static readonly ContainerKind[] Kinds = [ContainerKind.Dry20, ContainerKind.Dry40, ContainerKind.Reefer40HighCube];

    public static ContainerModel LearnOn(IReadOnlyList<ScannerSettings> scanners, int count, int firstSeed, CancellationToken cancellationToken = default)
    {
        var examples = new List<LearningExample>();
        for (var i = 0; i < count; i++)
        {
            var seed = firstSeed + i;
            var kind = Kinds[i % Kinds.Length];
            var scan = RadiographGenerator.Random(seed, kind, scanners[(i / Kinds.Length) % scanners.Count], CommodityFor(kind, seed), 0, cancellationToken);
            examples.Add(new LearningExample(scan.Image, SubjectOf(scan.Truth)));
        }

        return ContainerLearner.Learn(examples, cancellationToken);
    }

    public static Report Run(ContainerModel model, IReadOnlyList<ScannerSettings> scanners, int cleanCount, int concealedCount, int firstSeed, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clean = new List<Case>();
        var concealed = new List<Case>();
        var refused = 0;
        for (var i = 0; i < cleanCount + concealedCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = firstSeed + i;
            var kind = Kinds[i % Kinds.Length];
            var scanner = scanners[(i / Kinds.Length) % scanners.Count];
            var commodity = CommodityFor(kind, seed);
            var isClean = i < cleanCount;
            ContainerScene scene;
            if (isClean)
            {
                scene = SceneBuilder.Build(seed, kind, commodity, []);
            }
            else
            {
                var methods = SceneBuilder.MethodsFor(kind);
                var method = methods[(i / Kinds.Length) % methods.Count];
                var kg = 5 + ((seed * 7919 % 1000) / 1000.0 * 35);
                scene = SceneBuilder.Build(seed, kind, commodity, [new ConcealmentRequest(method, Math.Round(kg, 1))]);
            }

            var scan = RadiographGenerator.Container(scene, scanner, seed, cancellationToken);
            var outcome = ContainerAnalyzer.Analyze(scan.Image, SubjectOf(scan.Truth), model, cancellationToken);
            if (outcome.Result is not { } result)
            {
                refused++;
                progress?.Invoke($"refused {scanner.Name} {kind}: {outcome.CannotAnalyse}");
                continue;
            }

            if (isClean)
            {
                clean.Add(new Case(scanner.Name, kind.ToString(), "none", 0, result.Score, false));
            }
            else
            {
                var truth = scan.Truth.Concealments[0];
                var located = result.Regions.Take(3).Any(r => r.X0 < truth.Box.X1 && truth.Box.X0 < r.X1 && r.Y0 < truth.Box.Y1 && truth.Box.Y0 < r.Y1);
                concealed.Add(new Case(scanner.Name, kind.ToString(), truth.Method.ToString(), truth.Kg, result.Score, located));
            }
        }

        return new Report(model.Threshold, clean, concealed, refused);
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

    private static Commodity CommodityFor(ContainerKind kind, int seed) => kind == ContainerKind.Reefer40HighCube
        ? (seed % 3 == 0 ? Commodity.Pineapples : Commodity.Bananas)
        : new[] { Commodity.Cocoa, Commodity.Machinery, Commodity.Textiles, Commodity.Timber }[(seed / 3) % 4];

    public static string Describe(Report report)
    {
        var lines = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        lines.Add(string.Create(inv, $"clean {report.Clean.Count}, concealed {report.Concealed.Count}, refused {report.Refused}"));
        foreach (var rate in new[] { 0.01, 0.02, 0.05, 0.10 })
        {
            var (t, d, f) = report.AtFalseAlarmRate(rate);
            lines.Add(string.Create(inv, $"  at <= {rate:P0} false alarms (threshold {t:0.000}, measured {f:P1}): detected and located {d:P1}"));
        }

        lines.Add(string.Create(inv, $"  at the model's operating point {report.ModelThreshold:0.000}: false alarms {report.FalseAlarmsAt(report.ModelThreshold):P1}, detected and located {report.DetectedAt(report.ModelThreshold):P1}"));
        var (t5, _, _) = report.AtFalseAlarmRate(0.05);
        foreach (var g in report.Concealed.GroupBy(c => c.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(string.Create(inv, $"    {g.Key,-10} {g.Count(c => c.Score > t5 && c.Located)}/{g.Count()} at 5%; located in top 3 regardless of score {g.Count(c => c.Located)}/{g.Count()}"));
        }

        foreach (var g in report.Concealed.GroupBy(c => c.Scanner).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(string.Create(inv, $"    {g.Key,-18} {g.Count(c => c.Score > t5 && c.Located)}/{g.Count()} at 5%"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
