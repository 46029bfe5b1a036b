using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Cargo consistency, reefer machinery, structure and doors in one pass: per cell of a grid over the container
/// (normalised to its length and height, front end first) the brick-sized local excess and the mean attenuation
/// are compared with what cleared scans of the same container type and commodity group showed.
/// </summary>
public static class ContainerAnalyzer
{
    public const string Version = "containers-5";

    /// <summary>The operating point without a learned model (a cell about 9 robust spreads above its row: 9²/(9² + 12²)).</summary>
    public const double DefaultThreshold = 0.36;

    public static AnalysisOutcome Analyze(ScanImage image, ScanSubject subject, ContainerModel? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(subject);
        var watch = Stopwatch.StartNew();
        var (view, problem) = ContainerView.Prepare(image, subject, cancellationToken);
        if (view is null)
        {
            return AnalysisOutcome.Refused(problem!);
        }

        var group = CommodityGroups.Of(subject.HsCode);
        var reasons = new List<Phrase>();
        var normal = Pick(model, view, group, subject.IsoType is null);
        if (normal is null)
        {
            reasons.Add(model is null ? Phrase.Of("ScanWhy.NoModel") : Phrase.Of("ScanWhy.NoTypeInModel", ScanPhrases.ContainerType(view.TypeKey)));
        }
        else if (normal.Group != group)
        {
            reasons.Add(Phrase.Of("ScanWhy.NoGroupNormal", group, ScanPhrases.ContainerType(view.TypeKey)));
        }

        if (model is not null && model.Version != Version)
        {
            // A model learnt by another version holds normals of other features (containers-5 removes the
            // container's own structure first): its threshold and calibration do not mean what they meant.
            reasons.Add(Phrase.Of("ScanWhy.OtherVersion", model.Version, Version));
        }

        if (normal is not null)
        {
            ContainerLearner.Orient(view, normal);
        }

        var scoring = Scoring.Score(view, normal);
        var threshold = model is not null && normal is not null ? model.Threshold : DefaultThreshold;
        // With a normal, the statistic is calibrated on its group's cleared scans; without, the built-in curve applies.
        var score = normal is not null ? Scoring.CalibratedScore(Scoring.Calibrate(scoring.Max, normal)) : Scoring.ToScore(scoring.Max);
        var alarm = score > threshold;
        var mu = MassAttenuation(image);
        var regions = Regions(view, scoring, mu);
        if (alarm && regions.Count > 0)
        {
            reasons.AddRange(regions.Take(3).Select(r => Reason(r, view, group)));
        }
        else
        {
            reasons.Add(Phrase.Of("ScanWhy.NothingStandsOut", group, ScanPhrases.ContainerType(view.TypeKey), score, threshold));
        }

        var heat = new double[scoring.Z.Length];
        for (var r = 0; r < ContainerView.GridRows; r++)
        {
            for (var c = 0; c < ContainerView.GridColumns; c++)
            {
                // The heatmap is laid over the whole image: cells in image order, not canonical.
                var source = (r * ContainerView.GridColumns) + (view.Reversed ? ContainerView.GridColumns - 1 - c : c);
                heat[(r * ContainerView.GridColumns) + c] = Math.Round(Scoring.ToScore(scoring.Z[source]), 3);
            }
        }

        var (english, phrases) = ScanPhrases.Say(reasons);
        var result = new AnalysisResult(
            Math.Round(score, 4),
            alarm,
            [.. regions.Select(r => r.Region)],
            english,
            Version,
            watch.Elapsed.TotalMilliseconds,
            HeatmapOverBody(view, heat, image.Width, image.Height),
            phrases);
        return AnalysisOutcome.Ok(result);
    }

    internal static ContainerNormal? Pick(ContainerModel? model, ContainerView view, string group, bool typeUnknown)
    {
        if (model?.Normals is not { Count: > 0 } normals)
        {
            return null;
        }

        ContainerNormal? For(string type) =>
            normals.FirstOrDefault(n => n.TypeKey == type && n.Group == group) ?? normals.FirstOrDefault(n => n.TypeKey == type && n.Group == CommodityGroups.Generic);

        var normal = For(view.TypeKey);
        if (typeUnknown)
        {
            // No ISO type: a 40' may be a reefer; take whichever learned type the image resembles more.
            var other = view.TypeKey.EndsWith("-dry", StringComparison.Ordinal) ? For(view.TypeKey.Replace("-dry", "-reefer", StringComparison.Ordinal)) : null;
            if (other is not null && (normal is null || Scoring.Deviation(view, other) < Scoring.Deviation(view, normal)))
            {
                normal = other;
            }
        }

        return normal;
    }

    /// <summary>
    /// Mass attenuation coefficient assumed for organic matter (drugs, food, packaging; close to water) at the
    /// beam's effective energy, cm²/g: NIST XCOM water 0.057 at 1.5 MeV (4 MV), 0.049 at 2 MeV (6 MV), 0.040 at
    /// 3 MeV (9 MV), 0.2 near 60 keV (tube scanners). The effective energies are assumptions, as is the material.
    /// </summary>
    internal static double MassAttenuation(ScanImage image)
    {
        var label = image.Frames[^1].Energy ?? image.Metadata.Energy ?? "";
        var digits = new string([.. label.TakeWhile(ch => char.IsDigit(ch) || ch == '.' || ch == ' ').Where(ch => ch != ' ')]);
        var number = double.TryParse(digits.Split('/')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (label.Contains('/', StringComparison.Ordinal))
        {
            // "4/6 MV": the last frame is the higher energy.
            var parts = label.Split('/', ' ');
            number = parts.Length > 1 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high) ? high : number;
        }

        if (label.Contains("kV", StringComparison.OrdinalIgnoreCase) && !label.Contains("MV", StringComparison.OrdinalIgnoreCase))
        {
            return 0.2;
        }

        return number switch
        {
            >= 8 => 0.040,
            >= 5 => 0.049,
            > 0 => 0.057,
            _ => 0.049,
        };
    }

    private static AnalysisHeatmap HeatmapOverBody(ContainerView view, double[] cells, int imageWidth, int imageHeight)
    {
        // The heatmap covers the whole image: cells outside the container's body are 0.
        var (bx0, by0, bx1, by1) = view.WorkingBox(0, 0, view.Width, view.Height);
        var columns = ContainerView.GridColumns * imageWidth / Math.Max(1, bx1 - bx0);
        var rows = ContainerView.GridRows * imageHeight / Math.Max(1, by1 - by0);
        columns = Math.Clamp(columns, 1, 256);
        rows = Math.Clamp(rows, 1, 64);
        var scores = new double[columns * rows];
        for (var r = 0; r < rows; r++)
        {
            var y = ((r + 0.5) * imageHeight / rows) - by0;
            var cr = (int)Math.Floor(y * ContainerView.GridRows / (by1 - by0));
            for (var c = 0; c < columns; c++)
            {
                var x = ((c + 0.5) * imageWidth / columns) - bx0;
                var cc = (int)Math.Floor(x * ContainerView.GridColumns / (bx1 - bx0));
                if (cr is >= 0 and < ContainerView.GridRows && cc is >= 0 and < ContainerView.GridColumns)
                {
                    scores[(r * columns) + c] = cells[(cr * ContainerView.GridColumns) + cc];
                }
            }
        }

        return new AnalysisHeatmap(columns, rows, scores);
    }

    internal sealed record Found(AnalysisRegion Region, double CentreFraction, bool Level);

    internal static List<Found> Regions(ContainerView view, Scoring.Cells scoring, double mu)
    {
        const int Cols = ContainerView.GridColumns;
        const int Rows = ContainerView.GridRows;
        var used = new bool[scoring.Z.Length];
        var found = new List<Found>();
        var order = Enumerable.Range(0, scoring.Z.Length).OrderByDescending(i => scoring.Z[i]).ToList();
        foreach (var seed in order)
        {
            if (found.Count >= 5 || scoring.Z[seed] < 3)
            {
                break;
            }

            if (used[seed])
            {
                continue;
            }

            // Grow over neighbouring cells that stand out at least half as much.
            var floor = Math.Max(3, scoring.Z[seed] / 2);
            var cells = new List<int> { seed };
            used[seed] = true;
            for (var k = 0; k < cells.Count && cells.Count < 24; k++)
            {
                var (r, c) = Math.DivRem(cells[k], Cols);
                foreach (var (dr, dc) in new[] { (0, 1), (0, -1), (1, 0), (-1, 0) })
                {
                    var (nr, nc) = (r + dr, c + dc);
                    var j = (nr * Cols) + nc;
                    if (nr is >= 0 and < Rows && nc is >= 0 and < Cols && !used[j] && scoring.Z[j] >= floor)
                    {
                        used[j] = true;
                        cells.Add(j);
                    }
                }
            }

            var c0 = cells.Min(i => i % Cols);
            var c1 = cells.Max(i => i % Cols) + 1;
            var r0 = cells.Min(i => i / Cols);
            var r1 = cells.Max(i => i / Cols) + 1;
            var a0 = c0 * view.Width / Cols;
            var a1 = c1 * view.Width / Cols;
            var b0 = r0 * view.Height / Rows;
            var b1 = r1 * view.Height / Rows;
            var level = scoring.LevelDriven[seed];
            var kg = LevelKg(view, scoring, cells, mu);
            if (!level)
            {
                // Tighten the box to where the brick-sized excess is at least half its peak, and weigh what is inside.
                var peak = 0f;
                for (var y = b0; y < b1; y++)
                {
                    for (var x = a0; x < a1; x++)
                    {
                        peak = Math.Max(peak, view.SmoothedAt(x, y));
                    }
                }

                int tx0 = a1, tx1 = a0, ty0 = b1, ty1 = b0;
                for (var y = b0; y < b1; y++)
                {
                    for (var x = a0; x < a1; x++)
                    {
                        if (view.SmoothedAt(x, y) >= peak / 2)
                        {
                            (tx0, tx1, ty0, ty1) = (Math.Min(tx0, x), Math.Max(tx1, x + 1), Math.Min(ty0, y), Math.Max(ty1, y + 1));
                        }
                    }
                }

                if (tx1 > tx0)
                {
                    (a0, a1, b0, b1) = (tx0, tx1, ty0, ty1);
                }

                double sum = 0;
                for (var y = b0; y < b1; y++)
                {
                    for (var x = a0; x < a1; x++)
                    {
                        sum += view.ExcessAt(x, y);
                    }
                }

                // The larger of the two estimates: near the ends the surrounding load is no fair background.
                kg = Math.Max(kg, Math.Max(0, sum) * view.CmPerBinX * view.CmPerBinY / mu / 1000);
            }

            var centre = (a0 + a1) / 2.0 / view.Width;
            var height = (b0 + b1) / 2.0 / view.Height;
            var kind = Kind(view, centre, height, level);
            var (x0, y0, x1, y1) = view.WorkingBox(a0, b0, a1, b1);
            found.Add(new Found(new AnalysisRegion(x0, y0, x1, y1, Math.Round(Scoring.ToScore(scoring.Z[seed]), 4), kind, Math.Round(kg, 1)), centre, level));
        }

        return found;
    }

    /// <summary>Added mass over the learned level of these cells (e.g. a machinery unit heavier than usual).</summary>
    private static double LevelKg(ContainerView view, Scoring.Cells scoring, List<int> cells, double mu)
    {
        const int Cols = ContainerView.GridColumns;
        const int Rows = ContainerView.GridRows;
        double excess = 0;
        foreach (var i in cells)
        {
            var (r, c) = Math.DivRem(i, Cols);
            var area = ((c + 1) * view.Width / Cols) - (c * view.Width / Cols);
            area *= ((r + 1) * view.Height / Rows) - (r * view.Height / Rows);
            excess += Math.Max(0, scoring.LevelExcess[i]) * area;
        }

        return excess * view.CmPerBinX * view.CmPerBinY / mu / 1000;
    }

    private static string Kind(ContainerView view, double along, double fromRoof, bool level)
    {
        var reefer = view.TypeKey.EndsWith("reefer", StringComparison.Ordinal);
        return along switch
        {
            // A reefer's unit takes the first ~47 cm of 1219 (4%); a margin for blur and placement.
            < 0.05 when reefer => "reefer-machinery",
            > 0.92 => "doors",
            _ when fromRoof > 0.86 => "floor",
            < 0.1 => "walls",
            _ when level && reefer => "walls",
            _ => "cargo-anomaly",
        };
    }

    private static Phrase Reason(Found found, ContainerView view, string group)
    {
        var r = found.Region;
        var metres = found.CentreFraction * (view.TypeKey.StartsWith("20", StringComparison.Ordinal) ? 6.06 : 12.19);
        var kg = r.Kg ?? 0;
        return r.Kind switch
        {
            "reefer-machinery" => Phrase.Of("ScanWhy.ReeferMachinery", kg),
            "floor" => Phrase.Of("ScanWhy.Floor", kg, metres),
            "doors" => Phrase.Of("ScanWhy.Doors", kg),
            "walls" => Phrase.Of("ScanWhy.Walls", kg, metres),
            _ => Phrase.Of("ScanWhy.Denser", kg, group, metres),
        };
    }
}
