using System.Diagnostics;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>
/// Settings of the origin–arrival comparison that a model may carry. <see cref="AlarmKg"/> is the
/// operating point: the kilograms beyond its background of the strongest change at which the comparison alarms
/// (score 0.5).
/// </summary>
public sealed record CompareModel(string Version, double? AlarmKg = null);

/// <summary>
/// Origin versus arrival: both scans to attenuation, onto one physical grid, registered (direction,
/// energy, offset, uneven speed), then the change that settling cannot explain, in kilograms.
/// </summary>
public static class ScanComparer
{
    public const string Version = "compare-6";

    /// <summary>
    /// Built-in operating point: the strongest change's kilograms beyond its background at which the comparison
    /// alarms, set so that ≤ 2% of unchanged pairs alarm on the tuning scanners (docs/IMAGING.md, "Analysis: origin
    /// versus arrival").
    /// </summary>
    public const double DefaultAlarmKg = 5.0;

    /// <summary>
    /// Assumed mass attenuation coefficient of the added or removed goods (cm²/g): organic matter (drugs,
    /// packaging) at the 2–3 MeV effective energy of a 4–6 MV beam hardened by steel and cargo.
    /// </summary>
    public const double MassAttenuation = 0.045;

    // Lower than this the structure of the two scans does not match: not the same container.
    private const double SameContainerCorrelation = 0.8;

    // Settling of up to 3 cm along the floor plus a centimetre of registration error.
    private const int SettlingCells = 4;

    // Up and down cargo only compacts (a centimetre at most; it does not rise), plus a centimetre of registration
    // error. With ±4 cm up and down the floor's steel hid bricks lying in the bays just above or below it.
    private const int SettlingCellsVertical = 2;

    private const double PadMm = 150;

    // Both grids are blurred to 3 cm: coarser than any scanner's own blur (a few millimetres to 1.5 cm), so a
    // thin line is drawn alike by both; still well below a 10 kg package (20 cm and more). Tuned on the tuning
    // scanners: 2 cm left floor and roof lines of 7 kg, 4 cm lost small changes.
    private const double CommonBlurCells = 3;

    // Before −ln, each grid's transmission is blurred by 1.5 cm: wider than either scanner's own blur, so the two
    // detectors' blurs of the photons they count (which −ln does not commute with at a dense edge) no longer
    // differ much. Kept narrow: a blur of transmission weighs a dark cell by its few photons, so it hides changes
    // next to bright ones (3 cm of it, all in transmission, read the tuning scanners' changes 42% light, 1.5 cm 26%).
    private const double TransmissionBlurCells = 1.5;

    // A cell is photon-starved ("cannot tell") when its transmission's noise, measured from the image, exceeds a
    // quarter of it: attenuation known to worse than ±0.25, as the noise floor's four deviations put it.
    private const double StarvedSnr = 4;

    // A line along the container is judged against the median of 50 cm blocks within ±2.5 m.
    private const int LineBlockCells = 50;

    private const int LineHalfWindowBlocks = 5;

    // Where the scan lacking the change has strong edges, a tenth of the local range (±3 cm) is added to the
    // noise floor: two energies render steel against cargo with different contrast.
    private const float ContrastShare = 0.1f;

    private const int ContrastRadius = 3;

    // Kilograms are summed over a patch's box widened by two blur widths, where the blur spread the change.
    private const int MassMarginCells = 6;

    // A patch smaller than 12 cm² is noise: no 10 kg package is that small.
    private const int MinimumCells = 12;

    // The excess is also summed over windows of 15, 25 and 40 cm (a few bricks to a 40 kg block), below any
    // per-cell threshold: bricks in textured cargo or behind a false wall leave an excess that no single cell
    // passes but that adds up. The max filter has already taken what settling explains, so noise sums to little.
    private static readonly int[] WindowCells = [15, 25, 40];

    // Windows whose excess stands for less than a kilogram are not kept as regions.
    private const double MinimumWindowKg = 1;

    // A region's own columns set its background: the median plus two robust standard deviations of the excess in
    // boxes of its size up and down them (chosen on the tuning scanners, where the median plus one to three
    // deviations gave 57–58 of 60 at ≤ 2% false alarms). Fewer than six such boxes say nothing about the spread.
    private const double BackgroundDeviations = 2;

    private const int MinimumBackgroundBoxes = 6;

    public static ComparisonOutcome Compare(ScanImage origin, ScanImage arrival, CompareModel? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(arrival);
        var started = Stopwatch.GetTimestamp();
        var (o, problem) = AttenuationView.From(origin, "origin");
        if (o is null)
        {
            return ComparisonOutcome.Refused(problem!);
        }

        (var a, problem) = AttenuationView.From(arrival, "arrival");
        if (a is null)
        {
            return ComparisonOutcome.Refused(problem!);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (sxo, syo) = Spacing(o);
        var (sxa, sya) = Spacing(a);
        var lengthO = (o.X1 - o.X0) * sxo;
        var lengthA = (a.X1 - a.X0) * sxa;
        var heightO = (o.Y1 - o.Y0) * syo;
        var heightA = (a.Y1 - a.Y0) * sya;
        if (o.SpacingX is not null && a.SpacingX is not null && Math.Abs((lengthA / lengthO) - 1) > 0.12)
        {
            return ComparisonOutcome.Refused(Phrase.Of("ScanWhy.Refused.NotSameLength", lengthO / 1000, lengthA / 1000));
        }

        if (o.SpacingY is not null && a.SpacingY is not null && Math.Abs((heightA / heightO) - 1) > 0.07)
        {
            return ComparisonOutcome.Refused(Phrase.Of("ScanWhy.Refused.NotSameHeight", heightO / 1000, heightA / 1000));
        }

        var columns = (int)Math.Round((lengthO + (2 * PadMm)) / CommonGrid.CellMm);
        var rows = (int)Math.Round((heightO + (2 * PadMm)) / CommonGrid.CellMm);
        var og = new CommonGrid(o, columns, rows, PadMm / sxo, PadMm / syo, mirrored: false, TransmissionBlurCells, StarvedSnr);

        // The arrival's pad is the same physical margin, scaled by its own extent so that stretch cancels.
        var padXa = PadMm / lengthO * (a.X1 - a.X0);
        var padYa = PadMm / heightO * (a.Y1 - a.Y0);
        var asScanned = new CommonGrid(a, columns, rows, padXa, padYa, mirrored: false, TransmissionBlurCells, StarvedSnr);
        var mirrored = new CommonGrid(a, columns, rows, padXa, padYa, mirrored: true, TransmissionBlurCells, StarvedSnr);
        var ag = Registration.Direction(og, asScanned, mirrored);
        cancellationToken.ThrowIfCancellationRequested();

        var matched = Registration.Match(og.Cells, ag.Cells);
        var (warped, shiftX, shiftY) = Registration.Warp(og.Cells, matched, columns, rows);

        // Where either side is photon-starved the difference says nothing: the arrival takes the origin's value
        // there, so those cells count as neither mass nor noise (and the blur spreads no difference out of them).
        var starvedArrival = Registration.Shifted(Array.ConvertAll(ag.Starved, b => b ? 1f : 0f), shiftX, shiftY, columns, rows);
        var cannotTell = new bool[warped.Length];
        for (var i = 0; i < warped.Length; i++)
        {
            cannotTell[i] = og.Starved[i] || starvedArrival[i] > 0;
        }

        var rawAfter = ChangeMap.Blur(warped, columns, rows, CommonBlurCells);
        var before = ChangeMap.Blur(og.Cells, columns, rows, CommonBlurCells);
        var correlation = Registration.Correlation(before, rawAfter);
        for (var i = 0; i < warped.Length; i++)
        {
            if (cannotTell[i])
            {
                warped[i] = og.Cells[i];
            }
        }

        var after = ChangeMap.Blur(warped, columns, rows, CommonBlurCells);
        if (correlation < SameContainerCorrelation)
        {
            return ComparisonOutcome.Refused(Phrase.Of("ScanWhy.Refused.NoMatch", correlation));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var added = ChangeMap.Excess(after, before, columns, rows, SettlingCells, SettlingCellsVertical);
        var removed = ChangeMap.Excess(before, after, columns, rows, SettlingCells, SettlingCellsVertical);
        ChangeMap.RemoveRowLines(added, columns, rows, LineBlockCells, LineHalfWindowBlocks);
        ChangeMap.RemoveRowLines(removed, columns, rows, LineBlockCells, LineHalfWindowBlocks);

        cancellationToken.ThrowIfCancellationRequested();
        var floor = Thresholds(before, after, cannotTell);
        var addedThreshold = Tolerance(floor, ChangeMap.Contrast(before, columns, rows, ContrastRadius), ContrastShare);
        var removedThreshold = Tolerance(floor, ChangeMap.Contrast(after, columns, rows, ContrastRadius), ContrastShare);
        var cellCm2 = CommonGrid.CellMm * CommonGrid.CellMm / 100;
        var addedPatches = ChangeMap.Patches(added, columns, rows, addedThreshold, cellCm2, MassAttenuation, MinimumCells)
            .Select(p => p with { Kg = ChangeMap.Kg(p, after, before, columns, rows, MassMarginCells, cellCm2, MassAttenuation) })
            .ToList();
        var removedPatches = ChangeMap.Patches(removed, columns, rows, removedThreshold, cellCm2, MassAttenuation, MinimumCells)
            .Select(p => p with { Kg = ChangeMap.Kg(p, before, after, columns, rows, MassMarginCells, cellCm2, MassAttenuation) })
            .ToList();

        // A patch no wider along the container than the settling is the strip an edge leaves when a load (or the
        // scan's end) moves a little further than the tolerance: a package is at least a brick's thickness (5 cm) wide.
        addedPatches.RemoveAll(p => p.U1 - p.U0 <= SettlingCells);
        removedPatches.RemoveAll(p => p.U1 - p.U0 <= SettlingCells);
        var addedSums = SummedArea.Of(added, columns, rows);
        var removedSums = SummedArea.Of(removed, columns, rows);
        foreach (var size in WindowCells)
        {
            Merge(addedPatches, ChangeMap.Windows(addedSums, columns, rows, size, MinimumWindowKg, cellCm2, MassAttenuation));
            Merge(removedPatches, ChangeMap.Windows(removedSums, columns, rows, size, MinimumWindowKg, cellCm2, MassAttenuation));
        }

        // Each pair calibrates itself: a region counts by the kilograms it holds beyond what the same pair's excess
        // reaches in boxes of its size up and down the same columns (in the container, not the air around it).
        var padCells = (int)Math.Round(PadMm / CommonGrid.CellMm);
        addedPatches = Beyond(addedPatches, addedSums, columns, padCells, rows - padCells, cellCm2);
        removedPatches = Beyond(removedPatches, removedSums, columns, padCells, rows - padCells, cellCm2);

        var bestAdded = addedPatches.Count > 0 ? addedPatches.Max(p => p.Beyond) : 0;
        var bestRemoved = removedPatches.Count > 0 ? removedPatches.Max(p => p.Beyond) : 0;
        var isAdded = bestAdded >= bestRemoved;
        var patches = (isAdded ? addedPatches : removedPatches).OrderByDescending(p => p.Beyond).Take(5).ToList();
        var kg = patches.Count > 0 ? patches[0].Kg : 0;
        var beyond = patches.Count > 0 ? patches[0].Beyond : 0;
        var alarmKg = model?.AlarmKg is { } learned && learned > 0 ? learned : DefaultAlarmKg;
        var score = Score(beyond, alarmKg);
        var alarm = score >= 0.5;

        // Boxes go back to the image the change shows in: added mass into the arrival's pixels, removed into the origin's.
        var grid = isAdded ? ag : og;
        var regions = patches
            .Select(p => Box(p, grid, isAdded ? shiftX : null, isAdded ? shiftY : 0, Score(p.Beyond, alarmKg), isAdded ? "added" : "removed"))
            .ToList();
        var change = alarm ? (isAdded ? ScanChange.Added : ScanChange.Removed) : ScanChange.None;
        var (reasons, phrases) = ScanPhrases.Say(Reasons(alarm, kg, isAdded, patches.FirstOrDefault(), columns, rows, o));
        var map = Heatmap(isAdded ? added : removed, grid, columns, rows, isAdded ? a : o, isAdded ? addedThreshold : removedThreshold);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return ComparisonOutcome.Ok(new ComparisonResult(
            Math.Round(score, 4),
            alarm,
            change,
            Math.Round(kg, 1),
            regions,
            isAdded ? "arrival" : "origin",
            reasons,
            Version,
            Math.Round(ms, 1),
            map,
            phrases));
    }

    private static List<ChangePatch> Beyond(List<ChangePatch> patches, double[] sums, int columns, int top, int bottom, double cellCm2) =>
        patches
            .Select(p => p with { Beyond = p.Kg - (ChangeMap.ColumnBackground(sums, columns, p, top, bottom, BackgroundDeviations, MinimumBackgroundBoxes) * cellCm2 / MassAttenuation / 1000) })
            .ToList();

    // Windows join the patches unless they overlap one already there (the larger mass stays).
    private static void Merge(List<ChangePatch> into, List<ChangePatch> windows)
    {
        foreach (var p in windows)
        {
            var k = into.FindIndex(q => q.U0 < p.U1 && p.U0 < q.U1 && q.V0 < p.V1 && p.V0 < q.V1);
            if (k < 0)
            {
                into.Add(p);
            }
            else if (p.Kg > into[k].Kg)
            {
                into[k] = p;
            }
        }
    }

    /// <summary>The score for a change's kilograms beyond its background: 0.5 at the alarm mass, rising to 1.</summary>
    public static double Score(double kg, double alarmKg) => kg <= 0 ? 0 : kg * kg / ((kg * kg) + (alarmKg * alarmKg));

    // Each cell's threshold: the noise floor of its band plus a share of the local contrast of the scan that
    // lacks the change (its structure is where the two scanners disagree most).
    private static float[] Tolerance(float[] floor, float[] contrast, float share)
    {
        var result = new float[floor.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = floor[i] + (share * contrast[i]);
        }

        return result;
    }

    // Millimetres per pixel: from the file when plausible, else from the object's height taken as a
    // container's on its trailer (2.9 m); both axes then share the one scale.
    private static (double X, double Y) Spacing(AttenuationView view)
    {
        var fallback = 2900.0 / (view.Y1 - view.Y0);
        return (view.SpacingX ?? view.SpacingY ?? fallback, view.SpacingY ?? view.SpacingX ?? fallback);
    }

    // The noise floor per cell. Noise grows with attenuation (fewer photons get through) and so does the
    // mismatch between two energies, so the floor is set per band of attenuation: four robust standard
    // deviations of the cell-by-cell difference among cells of that band, never below 0.04 (~1 g/cm²).
    private static float[] Thresholds(float[] before, float[] after, bool[] cannotTell)
    {
        const int bands = 24;
        const float maximum = 12f;
        var samples = new List<float>[bands];
        for (var k = 0; k < bands; k++)
        {
            samples[k] = [];
        }

        static int Band(float a) => Math.Clamp((int)(a / maximum * bands), 0, bands - 1);
        for (var i = 0; i < before.Length; i++)
        {
            // Starved cells were given the same value on both sides: their zero difference is not the band's noise.
            if (!cannotTell[i])
            {
                samples[Band(before[i])].Add(Math.Abs(after[i] - before[i]));
            }
        }

        var floor = new float[bands];
        var last = 0.04f;
        for (var k = 0; k < bands; k++)
        {
            // A band with few cells borrows from the band below: not enough cells to measure its noise.
            if (samples[k].Count >= 200)
            {
                samples[k].Sort();
                last = Math.Max(last, 4 * 1.4826f * samples[k][samples[k].Count / 2]);
            }

            floor[k] = last;
        }

        var thresholds = new float[before.Length];
        for (var i = 0; i < before.Length; i++)
        {
            thresholds[i] = floor[Band(before[i])];
        }

        return thresholds;
    }

    private static AnalysisRegion Box(ChangePatch p, CommonGrid grid, double[]? shiftX, int shiftY, double score, string kind)
    {
        // On the arrival grid a cell u was read at u + shift(u): undo the warp before the grid's own mapping.
        double Position(int u) => shiftX is null ? u : u + shiftX[Math.Clamp(u, 0, shiftX.Length - 1)];
        var xa = grid.SourceX(Position(p.U0));
        var xb = grid.SourceX(Position(p.U1));
        var ya = grid.SourceY(p.V0 + shiftY);
        var yb = grid.SourceY(p.V1 + shiftY);
        return new AnalysisRegion(
            (int)Math.Floor(Math.Min(xa, xb)),
            (int)Math.Floor(Math.Min(ya, yb)),
            (int)Math.Ceiling(Math.Max(xa, xb)),
            (int)Math.Ceiling(Math.Max(ya, yb)),
            Math.Round(score, 4),
            kind,
            Math.Round(p.Kg, 1));
    }

    private static List<Phrase> Reasons(bool alarm, double kg, bool added, ChangePatch? patch, int columns, int rows, AttenuationView origin)
    {
        if (patch is null || !alarm)
        {
            return [patch is null ? Phrase.Of("ScanWhy.NoChange") : Phrase.Of("ScanWhy.ChangeBelow", kg)];
        }

        // Height on the grid: the pad is PadMm at both ends, the container in between (floor at the bottom).
        var padCells = PadMm / CommonGrid.CellMm;
        var inside = rows - (2 * padCells);
        var centreV = (patch.V0 + patch.V1) / 2.0;
        var fromBottom = (rows - padCells - centreV) / inside;
        var where = Phrase.Of(fromBottom < 0.15 ? "ScanWhy.InFloor" : fromBottom > 0.85 ? "ScanWhy.UnderRoof" : "ScanWhy.AmongCargo");
        var centreU = (patch.U0 + patch.U1) / 2.0;
        var along = (centreU - padCells) / (columns - (2 * padCells));

        // The origin scanner's stated direction says which end of its image is the door end.
        var doorsLeft = origin.Direction?.Contains("door", StringComparison.OrdinalIgnoreCase) == true;
        var known = origin.Direction is not null;
        var end = Phrase.Of(along < 0.2 ? (known ? (doorsLeft ? "ScanWhy.NearDoors" : "ScanWhy.NearFrontWall") : "ScanWhy.NearLeftEnd")
            : along > 0.8 ? (known ? (doorsLeft ? "ScanWhy.NearFrontWall" : "ScanWhy.NearDoors") : "ScanWhy.NearRightEnd")
            : "ScanWhy.InMiddle");
        return [Phrase.Of(added ? "ScanWhy.Added" : "ScanWhy.Removed", kg, where, end)];
    }

    private static AnalysisHeatmap Heatmap(float[] excess, CommonGrid grid, int columns, int rows, AttenuationView image, float[] threshold)
    {
        const int mapColumns = 64;
        const int mapRows = 16;
        var scores = new double[mapColumns * mapRows];
        for (var j = 0; j < mapRows; j++)
        {
            for (var i = 0; i < mapColumns; i++)
            {
                var ua = grid.GridU(i * (double)image.Width / mapColumns);
                var ub = grid.GridU((i + 1) * (double)image.Width / mapColumns);
                var va = grid.GridV(j * (double)image.Height / mapRows);
                var vb = grid.GridV((j + 1) * (double)image.Height / mapRows);
                var u0 = Math.Clamp((int)Math.Min(ua, ub), 0, columns);
                var u1 = Math.Clamp((int)Math.Ceiling(Math.Max(ua, ub)), 0, columns);
                var v0 = Math.Clamp((int)va, 0, rows);
                var v1 = Math.Clamp((int)Math.Ceiling(vb), 0, rows);
                float peak = 0;
                for (var v = v0; v < v1; v++)
                {
                    for (var u = u0; u < u1; u++)
                    {
                        var c = (v * columns) + u;
                        peak = Math.Max(peak, excess[c] / threshold[c]);
                    }
                }

                // Saturates at four times the noise floor: strong enough to be a change without doubt.
                scores[(j * mapColumns) + i] = Math.Round(Math.Min(1, peak / 4), 3);
            }
        }

        return new AnalysisHeatmap(mapColumns, mapRows, scores);
    }
}
