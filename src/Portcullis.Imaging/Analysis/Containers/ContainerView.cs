using System.Globalization;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// A container scan reduced to what the analysis needs: attenuation (−ln T) on a working grid of about
/// 1.5–2.5 cm, cropped to the container's body (ends, floor rails to roof) in canonical orientation (front end,
/// i.e. a reefer's machinery, at column 0), the local excess over the surrounding load, and per-cell features.
/// Everything is measured from the image itself; metadata is used only where present and plausible.
/// </summary>
public sealed class ContainerView
{
    public const int GridColumns = 48;
    public const int GridRows = 12;

    // Working resolution: about 640 × 192 bins whatever the scanner's pitch, so the cost is bounded.
    private const int WorkingColumns = 640;
    private const int WorkingRows = 192;

    private ContainerView(float[] attenuation, int width, int height, int binX, int binY, int originX, int originY, bool reversed, double cmPerBinX, double cmPerBinY, string typeKey)
    {
        Attenuation = attenuation;
        Width = width;
        Height = height;
        BinX = binX;
        BinY = binY;
        OriginX = originX;
        OriginY = originY;
        Reversed = reversed;
        CmPerBinX = cmPerBinX;
        CmPerBinY = cmPerBinY;
        TypeKey = typeKey;
    }

    /// <summary>Body attenuation on the working grid, row-major, row 0 at the roof, column 0 at the end as scanned.</summary>
    public float[] Attenuation { get; }

    public int Width { get; }

    public int Height { get; }

    public int BinX { get; }

    public int BinY { get; }

    /// <summary>The body's first pixel in the original image.</summary>
    public int OriginX { get; }

    public int OriginY { get; }

    /// <summary>The front end (machinery) is at the right of the image: canonical column c is image column W − 1 − c.</summary>
    public bool Reversed { get; private set; }

    public double CmPerBinX { get; }

    public double CmPerBinY { get; }

    /// <summary>"20-dry", "40-dry", "40-reefer" (45' and high cubes count as 40).</summary>
    public string TypeKey { get; }

    public float[] Excess { get; private set; } = [];

    public float[] Smoothed { get; private set; } = [];

    /// <summary>Per cell: the largest brick-sized local excess (row-major, canonical orientation).</summary>
    public double[] CellExcess { get; private set; } = [];

    /// <summary>Per cell: the mean attenuation.</summary>
    public double[] CellLevel { get; private set; } = [];

    public static (ContainerView? View, Phrase? Problem) Prepare(ScanImage image, ScanSubject subject, CancellationToken cancellationToken)
    {
        if (image.IsPreviewOnly || image.Metadata.BitsStored <= 8)
        {
            return (null, ScanPhrases.Preview);
        }

        // Dual energy: the last frame is the high energy, which crosses dense loads best.
        var frame = image.Frames[^1];
        if (frame.Width < 120 || frame.Height < 40)
        {
            return (null, Phrase.Of("ScanWhy.Refused.ContainerTooSmall", frame.Width, frame.Height));
        }

        if ((long)frame.Width * frame.Height > 40_000_000 || frame.Width > 20_000 || frame.Height > 8_000)
        {
            return (null, Phrase.Of("ScanWhy.Refused.ContainerTooLarge", frame.Width, frame.Height));
        }

        var histogram = GreyHistogram.Of(frame.Pixels);

        var total = (long)frame.Width * frame.Height;
        var p01 = GreyHistogram.Percentile(histogram, total, 0.001);
        var p999 = GreyHistogram.Percentile(histogram, total, 0.999);
        // Below 1% of full scale in most of the image (margins included): the beam did not get through. In a log
        // encoding 1% of full scale is the detector's floor. A file that does not state its encoding may be linear
        // transmission, where a loaded 40' at 4 MV legitimately passes under 1% of the beam over half the image (two
        // held-out scans handed over as plain linear PNGs were refused as saturated): there the image is saturated
        // only if it has no bright air either (its 99.9th percentile under a tenth of full scale).
        long dark = 0;
        for (var v = 0; v < 655; v++)
        {
            dark += histogram[v];
        }

        var (statedRange, statedLinear) = StatedEncoding(image.Metadata);
        var stated = statedRange is not null || statedLinear;
        if (dark > total * 0.4 && ((stated && !statedLinear) || p999 < 6554))
        {
            return (null, Phrase.Of("ScanWhy.Refused.ContainerSaturated"));
        }

        if (p999 - p01 < 600)
        {
            return (null, Phrase.Of("ScanWhy.Refused.BlankOneGrey"));
        }

        // A file that does not state its encoding is read as the histogram suggests; if that reading finds no
        // container, the other one is tried and kept when it does. The histogram can be wrong both ways: a log image
        // of a heavy machinery load puts 4–10% of the object at the detector's floor, which looks linear, and read
        // as linear its thin walls and roof fall below the air noise, so only the floor spans the length ("45 times
        // as long as it is high"). The retry costs nothing on files that state their encoding or read right.
        var openBeam = OpenBeam.Of(frame, p999);
        var guessLog = !stated && LooksLogEncoded(histogram, openBeam);
        // The container inside a longer object (lookInside) only when neither reading finds it plainly: read the
        // wrong way, a heavy load's thin walls vanish and a band inside the object can pass the checks.
        var readings = stated ? [guessLog] : new[] { guessLog, !guessLog };
        var luts = new float[readings.Length][];
        (ContainerView? View, Phrase? Problem) first = (null, null);
        foreach (var lookInside in new[] { false, true })
        {
            for (var r = 0; r < readings.Length; r++)
            {
                // Each reading's table once, and only when that reading is tried.
                var lut = luts[r] ??= Decoder(image.Metadata, openBeam, readings[r]);
                var (view, problem) = Locate(frame, image.Metadata, subject, lut, lookInside, cancellationToken);
                if (view is not null)
                {
                    return (view, null);
                }

                if (first.Problem is null)
                {
                    first = (null, problem);
                }
            }
        }

        return first;
    }

    private static (ContainerView? View, Phrase? Problem) Locate(ScanFrame frame, ScanMetadata metadata, ScanSubject subject, float[] lut, bool lookInside, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var binX = Math.Max(1, (int)Math.Round(frame.Width / (double)WorkingColumns));
        var binY = Math.Max(1, (int)Math.Round(frame.Height / (double)WorkingRows));
        var w = frame.Width / binX;
        var h = frame.Height / binY;
        var work = Bin(frame, lut, binX, binY, w, h);

        // Air noise from the top working row's spread (the margin above the roof); the pixel threshold sits well above it.
        var top = work.AsSpan(0, w).ToArray();
        Array.Sort(top);
        var noise = Math.Max(0.002, Math.Abs(top[(int)(w * 0.84)] - top[w / 2]));
        var threshold = (float)Math.Max(0.03, 6 * noise);

        var columns = new double[w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (work[(y * w) + x] > threshold)
                {
                    columns[x]++;
                }
            }
        }

        // The object: the longest run of columns where a tenth of the rows or more attenuate.
        var (x0, x1) = LongestRun(columns, h * 0.1, Math.Max(1, w / 100));
        if (x1 <= x0)
        {
            return (null, Phrase.Of("ScanWhy.Refused.BlankNothing"));
        }

        // The body: rows attenuating over nearly the whole length (floor rails to roof); a chassis or wheels below do not.
        var (y0, y1) = BodyRows(work, w, h, threshold, x0, x1);
        var (typeKey, lengthCm, heightCm, problem) = Check(x0, x1, y0, y1);
        if (problem is not null && lookInside)
        {
            // Something longer than the container along the travel shares its columns: a trailer's gooseneck or
            // rear overhang, the tractor, a second box. Then no row of the container spans the whole object (or only
            // the chassis does: "13 times as long as it is high"), or the object runs off the image while the
            // container does not. The container is the tallest band of rows that attenuate over much of the object,
            // and its length the columns that attenuate in most of that band; kept only when it passes every check.
            if (ContainerWithin(work, w, h, threshold, x0, x1) is var (c0, c1) && c1 > c0)
            {
                var (b0, b1) = BodyRows(work, w, h, threshold, c0, c1);
                if (Check(c0, c1, b0, b1) is (var key, var length, var height, null))
                {
                    (x0, x1, y0, y1, typeKey, lengthCm, heightCm, problem) = (c0, c1, b0, b1, key, length, height, null);
                }
            }
        }

        if (problem is not null)
        {
            return (null, problem);
        }

        var bodyW = x1 - x0 + 1;
        var bodyH = y1 - y0 + 1;
        var body = new float[bodyW * bodyH];
        for (var y = 0; y < bodyH; y++)
        {
            Array.Copy(work, ((y0 + y) * w) + x0, body, y * bodyW, bodyW);
        }

        var view = new ContainerView(body, bodyW, bodyH, binX, binY, x0 * binX, y0 * binY, false, lengthCm / bodyW, heightCm / bodyH, typeKey);
        view.Reversed = DefaultReversed(view, metadata);
        view.Measure();
        return (view, null);

        // One candidate body: not cropped, tall enough, and the proportions and size of the declared container.
        (string TypeKey, double LengthCm, double HeightCm, Phrase? Problem) Check(int cx0, int cx1, int cy0, int cy1)
        {
            if (cx0 <= 0 || cx1 >= w - 1)
            {
                return ("", 0, 0, Phrase.Of(cx0 <= 0 ? "ScanWhy.Refused.CroppedLeft" : "ScanWhy.Refused.CroppedRight"));
            }

            if (cy1 - cy0 < 8)
            {
                return ("", 0, 0, Phrase.Of("ScanWhy.Refused.NoBody"));
            }

            if (cy0 <= 0 || cy1 >= h - 1)
            {
                return ("", 0, 0, Phrase.Of(cy0 <= 0 ? "ScanWhy.Refused.CroppedTop" : "ScanWhy.Refused.CroppedBottom"));
            }

            return Size(metadata, subject, (cx1 - cx0 + 1) * binX, (cy1 - cy0 + 1) * binY);
        }
    }

    /// <summary>
    /// A cell among the cargo: away from both ends (front 10 %: machinery unit, front wall; last 8 %: the door
    /// gap) and above the floor (lowest two rows: cross-members and rails), where the layout of the load varies.
    /// </summary>
    public static bool IsCargoCell(int column, int row) => column >= GridColumns / 10 && column < GridColumns * 92 / 100 && row < GridRows - 2;

    /// <summary>Canonical cell (column along from the front end, row from the roof) to its box in the original image.</summary>
    public (int X0, int Y0, int X1, int Y1) CellBox(int c0, int r0, int c1, int r1)
    {
        var (a0, a1) = (c0 * Width / GridColumns, c1 * Width / GridColumns);
        var (b0, b1) = (r0 * Height / GridRows, r1 * Height / GridRows);
        return WorkingBox(a0, b0, a1, b1);
    }

    /// <summary>A canonical working box (x1, y1 exclusive) in original pixels.</summary>
    public (int X0, int Y0, int X1, int Y1) WorkingBox(int a0, int b0, int a1, int b1)
    {
        if (Reversed)
        {
            (a0, a1) = (Width - a1, Width - a0);
        }

        return (OriginX + (a0 * BinX), OriginY + (b0 * BinY), OriginX + (a1 * BinX), OriginY + (b1 * BinY));
    }

    /// <summary>The attenuation at canonical working (x, y).</summary>
    public float At(int x, int y) => Attenuation[(y * Width) + (Reversed ? Width - 1 - x : x)];

    public float ExcessAt(int x, int y) => Excess[(y * Width) + (Reversed ? Width - 1 - x : x)];

    public float SmoothedAt(int x, int y) => Smoothed[(y * Width) + (Reversed ? Width - 1 - x : x)];

    /// <summary>
    /// A copy of this view with <paramref name="canonicalDelta"/> (attenuation per working bin, canonical frame)
    /// added and every feature measured again: what the scan would be with that mass in it.
    /// </summary>
    public ContainerView WithAdded(float[] canonicalDelta)
    {
        ArgumentNullException.ThrowIfNull(canonicalDelta);
        var attenuation = (float[])Attenuation.Clone();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                attenuation[(y * Width) + (Reversed ? Width - 1 - x : x)] += canonicalDelta[(y * Width) + x];
            }
        }

        var view = new ContainerView(attenuation, Width, Height, BinX, BinY, OriginX, OriginY, Reversed, CmPerBinX, CmPerBinY, TypeKey);
        view.Measure();
        return view;
    }

    /// <summary>Turns the view end for end (the per-cell features follow).</summary>
    public void Flip()
    {
        Reversed = !Reversed;
        CellExcess = Mirror(CellExcess);
        CellLevel = Mirror(CellLevel);
    }

    private static double[] Mirror(double[] cells)
    {
        var m = new double[cells.Length];
        for (var r = 0; r < GridRows; r++)
        {
            for (var c = 0; c < GridColumns; c++)
            {
                m[(r * GridColumns) + c] = cells[(r * GridColumns) + GridColumns - 1 - c];
            }
        }

        return m;
    }

    private void Measure()
    {
        // Background: per row, the median along the length over about 2.5 m, at anchors every ~25 cm, interpolated.
        // A concealment narrower than half the window leaves it unchanged; the horizontal structure (rails, floor, roof)
        // cancels. The members that repeat along the length stand above it and are taken out next.
        var w = Width;
        var h = Height;
        var background = RowBackground(Attenuation, w, h, Math.Max(3, (int)Math.Round(125 / CmPerBinX)), Math.Max(2, (int)Math.Round(25 / CmPerBinX)));
        var excess = new float[w * h];
        for (var i = 0; i < excess.Length; i++)
        {
            excess[i] = Attenuation[i] - background[i];
        }

        // What the container's own repeating structure (cross-members, corrugation, roof bows) adds, read from this
        // scan: a learnt per-position normal holds one build's pitch and phase, and a scan from another build or a
        // scanner that stretches the length puts its members elsewhere (docs/IMAGING.md, "Analysis: containers").
        var structure = OwnStructure.Explain(excess, w, h, CmPerBinX, GridRows);
        for (var i = 0; i < excess.Length; i++)
        {
            excess[i] -= structure[i];
        }

        // Brick-sized box mean (about 12 × 8 cm): a brick's face is 20 × 10 or 10 × 5 cm.
        var kx = Math.Max(1, (int)Math.Round(12 / CmPerBinX));
        var ky = Math.Max(1, (int)Math.Round(8 / CmPerBinY));
        Excess = excess;
        Smoothed = BoxMean(excess, w, h, kx, ky);

        CellExcess = new double[GridColumns * GridRows];
        CellLevel = new double[GridColumns * GridRows];
        for (var r = 0; r < GridRows; r++)
        {
            var b0 = r * h / GridRows;
            var b1 = Math.Max(b0 + 1, (r + 1) * h / GridRows);
            for (var c = 0; c < GridColumns; c++)
            {
                var a0 = c * w / GridColumns;
                var a1 = Math.Max(a0 + 1, (c + 1) * w / GridColumns);
                double max = double.MinValue, sum = 0;
                for (var y = b0; y < b1; y++)
                {
                    for (var x = a0; x < a1; x++)
                    {
                        max = Math.Max(max, SmoothedAt(x, y));
                        sum += At(x, y);
                    }
                }

                CellExcess[(r * GridColumns) + c] = max;
                CellLevel[(r * GridColumns) + c] = sum / ((a1 - a0) * (b1 - b0));
            }
        }
    }

    /// <summary>Per row, the running median over ±<paramref name="half"/> bins at anchors every <paramref name="step"/>, interpolated.</summary>
    private static float[] RowBackground(float[] source, int w, int h, int half, int step)
    {
        var background = new float[w * h];
        var buffer = new float[(2 * half) + 1];
        var anchors = new List<int>();
        for (var a = 0; a < w; a += step)
        {
            anchors.Add(a);
        }

        if (anchors[^1] != w - 1)
        {
            anchors.Add(w - 1);
        }

        var medians = new float[anchors.Count];
        for (var y = 0; y < h; y++)
        {
            var row = source.AsSpan(y * w, w);
            for (var i = 0; i < anchors.Count; i++)
            {
                var lo = Math.Max(0, anchors[i] - half);
                var hi = Math.Min(w - 1, anchors[i] + half);
                var n = hi - lo + 1;
                row.Slice(lo, n).CopyTo(buffer);
                medians[i] = Select(buffer.AsSpan(0, n), n / 2);
            }

            for (var i = 0; i < anchors.Count - 1; i++)
            {
                var (a, b) = (anchors[i], anchors[i + 1]);
                for (var x = a; x <= b; x++)
                {
                    var t = (x - a) / (float)(b - a);
                    background[(y * w) + x] = medians[i] + ((medians[i + 1] - medians[i]) * t);
                }
            }
        }

        return background;
    }

    private static bool DefaultReversed(ContainerView view, ScanMetadata metadata)
    {
        // A reefer's machinery end is far denser than its door end; either way the truck drove.
        if (view.TypeKey.EndsWith("reefer", StringComparison.Ordinal))
        {
            var band = Math.Max(2, view.Width / 25);
            double front = 0, back = 0;
            for (var y = 0; y < view.Height; y++)
            {
                for (var x = 0; x < band; x++)
                {
                    front += view.Attenuation[(y * view.Width) + x];
                    back += view.Attenuation[(y * view.Width) + view.Width - 1 - x];
                }
            }

            return back > front;
        }

        return metadata.Direction is { } d && d.Contains("door", StringComparison.OrdinalIgnoreCase) && d.Contains("first", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Attenuation per stored value. The log encoding (T = exp((v/65535 − 1)·ln R)) when the file names a
    /// plausible dynamic range R; otherwise linear transmission over the open beam (the brightest background).
    /// Without the key, the caller guesses (LooksLogEncoded, then the other reading if that finds no container) and
    /// a log image is read with an assumed range.
    /// A wrong guess changes the scale of attenuation, which the analysis normalises per scan.
    /// </summary>
    private static float[] Decoder(ScanMetadata metadata, int openBeam, bool guessLog)
    {
        var lut = new float[65536];
        var (range, linear) = StatedEncoding(metadata);
        if (range is { } dynamicRange && !linear)
        {
            var ln = Math.Log(dynamicRange);
            for (var v = 0; v < 65536; v++)
            {
                lut[v] = (float)Math.Max(0, (1 - (v / 65535.0)) * ln);
            }

            return lut;
        }

        if (!linear && guessLog)
        {
            // Five decades is what 16-bit log-encoded scanners commonly span; the scale error of a wrong
            // guess is a constant factor the per-scan normalisation absorbs.
            var ln = Math.Log(1e5);
            for (var v = 0; v < 65536; v++)
            {
                lut[v] = (float)Math.Max(0, (1 - (v / (double)Math.Max(1000, openBeam))) * ln);
            }

            return lut;
        }

        var air = Math.Max(1000, openBeam);
        for (var v = 0; v < 65536; v++)
        {
            lut[v] = (float)Math.Max(0, -Math.Log(Math.Max(v, 1) / (double)air));
        }

        return lut;
    }

    /// <summary>The encoding the file states: a plausible log range (10–10⁹) and/or the word "linear" in its `Encoding` text.</summary>
    private static (double? Range, bool Linear) StatedEncoding(ScanMetadata metadata)
    {
        var text = metadata.Text;
        var range = text.TryGetValue("DynamicRange", out var raw) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 10 and <= 1e9 ? r : (double?)null;
        var linear = text.TryGetValue("Encoding", out var encoding) && encoding.Contains("linear", StringComparison.OrdinalIgnoreCase);
        return (range, linear);
    }

    /// <summary>
    /// A file that does not say how it encodes transmission (a plain 16-bit PNG): in linear transmission a
    /// loaded container puts many pixels near zero (cargo passes a few per cent of the beam), while a log
    /// encoding keeps nearly every object pixel well above zero and their median high. Log when fewer than
    /// 1% of the object's pixels are below 2% of the open beam and their median is above 30% of it.
    /// </summary>
    internal static bool LooksLogEncoded(int[] histogram, int openBeam)
    {
        var objectTop = (int)Math.Min(65535, openBeam * 0.9);
        var nearZero = (int)(openBeam * 0.02);
        long objectPixels = 0, dark = 0;
        for (var v = 0; v < objectTop; v++)
        {
            objectPixels += histogram[v];
            if (v < nearZero)
            {
                dark += histogram[v];
            }
        }

        if (objectPixels == 0)
        {
            return false;
        }

        long seen = 0;
        var median = 0;
        for (var v = 0; v < objectTop; v++)
        {
            seen += histogram[v];
            if (seen * 2 >= objectPixels)
            {
                median = v;
                break;
            }
        }

        return dark < objectPixels * 0.01 && median > openBeam * 0.3;
    }

    private static float[] Bin(ScanFrame frame, float[] lut, int binX, int binY, int w, int h)
    {
        var work = new float[w * h];
        var pixels = frame.Pixels;
        var scale = 1f / (binX * binY);
        var acc = new float[w];
        for (var y = 0; y < h; y++)
        {
            Array.Clear(acc);
            for (var dy = 0; dy < binY; dy++)
            {
                var offset = ((y * binY) + dy) * frame.Width;
                for (var x = 0; x < w; x++)
                {
                    var p = offset + (x * binX);
                    float s = 0;
                    for (var dx = 0; dx < binX; dx++)
                    {
                        s += lut[pixels[p + dx]];
                    }

                    acc[x] += s;
                }
            }

            for (var x = 0; x < w; x++)
            {
                work[(y * w) + x] = acc[x] * scale;
            }
        }

        return work;
    }

    /// <summary>
    /// The container type and its outside length and height (ISO 668). From the declared ISO type when given;
    /// otherwise from the body's proportions (pixel spacing from the file when plausible, else square pixels).
    /// A declared 20' that measures 12 m (or the reverse) is refused: not the declared container.
    /// </summary>
    private static (string TypeKey, double LengthCm, double HeightCm, Phrase? Problem) Size(ScanMetadata metadata, ScanSubject subject, int bodyPixelsX, int bodyPixelsY)
    {
        double? measuredLength = null;
        double? measuredHeight = null;
        if (metadata.PixelSpacingX is > 0.3 and < 30 && metadata.PixelSpacingY is > 0.3 and < 30)
        {
            var l = bodyPixelsX * metadata.PixelSpacingX.Value / 10;
            var hh = bodyPixelsY * metadata.PixelSpacingY.Value / 10;
            if (l is > 300 and < 2000 && hh is > 150 and < 450)
            {
                (measuredLength, measuredHeight) = (l, hh);
            }
        }

        var aspect = measuredLength is { } ml && measuredHeight is { } mh ? ml / mh : bodyPixelsX / (double)bodyPixelsY;
        if (aspect is < 1.3 or > 9)
        {
            return ("", 0, 0, Phrase.Of("ScanWhy.Refused.NotSideView", aspect));
        }

        var iso = subject.IsoType?.Trim().ToUpperInvariant();
        bool? forty = iso is { Length: >= 2 } ? iso[0] switch { '2' => false, '4' or 'L' or 'M' => true, _ => null } : null;
        var reefer = iso is { Length: >= 3 } && iso[2] == 'R';
        var high = iso is { Length: >= 2 } && iso[1] is '5' or '6' or '9';
        var longMeasured = measuredLength is { } m2 ? m2 > 900 : aspect > 3.4;
        if (forty is { } f && measuredLength is { } m && f != longMeasured)
        {
            return ("", 0, 0, Phrase.Of("ScanWhy.Refused.NotDeclaredSize", f ? "40" : "20", iso!, m / 100));
        }

        var isForty = forty ?? longMeasured;
        var length = isForty ? 1219.2 : 605.8;
        var height = high ? 289.6 : 259.1;
        if (iso is null && measuredHeight is { } mh2)
        {
            height = mh2 > 275 ? 289.6 : 259.1;
        }

        return ((isForty ? "40" : "20") + (reefer ? "-reefer" : "-dry"), length, height, null);
    }

    /// <summary>The longest run of rows that attenuate over at least 97% of the columns x0..x1.</summary>
    private static (int Start, int End) BodyRows(float[] work, int w, int h, float threshold, int x0, int x1)
    {
        var rows = new double[h];
        for (var y = 0; y < h; y++)
        {
            var count = 0;
            for (var x = x0; x <= x1; x++)
            {
                if (work[(y * w) + x] > threshold)
                {
                    count++;
                }
            }

            rows[y] = count;
        }

        return LongestRun(rows, (x1 - x0 + 1) * 0.97, 1);
    }

    /// <summary>
    /// The container's columns inside an object that is longer than it: the tallest band of rows attenuating over
    /// at least 40% of the object (a container is half or more of a tractor and trailer; the chassis band is a
    /// few decimetres high), then the longest run of columns that attenuate in half of that band's rows.
    /// </summary>
    private static (int Start, int End)? ContainerWithin(float[] work, int w, int h, float threshold, int x0, int x1)
    {
        var rows = new double[h];
        for (var y = 0; y < h; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (work[(y * w) + x] > threshold)
                {
                    rows[y]++;
                }
            }
        }

        var (b0, b1) = LongestRun(rows, (x1 - x0 + 1) * 0.4, 1);
        if (b1 - b0 < 8)
        {
            return null;
        }

        var columns = new double[w];
        for (var y = b0; y <= b1; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (work[(y * w) + x] > threshold)
                {
                    columns[x]++;
                }
            }
        }

        return LongestRun(columns, (b1 - b0 + 1) * 0.5, Math.Max(1, w / 100));
    }

    private static (int Start, int End) LongestRun(double[] profile, double min, int gap)
    {
        int bestStart = 0, bestEnd = -1, start = -1, lastIn = -1;
        for (var i = 0; i < profile.Length; i++)
        {
            if (profile[i] >= min)
            {
                if (start < 0 || i - lastIn > gap)
                {
                    start = i;
                }

                lastIn = i;
                if (lastIn - start > bestEnd - bestStart)
                {
                    (bestStart, bestEnd) = (start, lastIn);
                }
            }
        }

        return (bestStart, bestEnd);
    }

    private static float[] BoxMean(float[] source, int w, int h, int kx, int ky)
    {
        var integral = SummedArea.Of(source, w, h);
        var result = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            var ya = Math.Max(0, y - (ky / 2));
            var yb = Math.Min(h, ya + ky);
            for (var x = 0; x < w; x++)
            {
                var xa = Math.Max(0, x - (kx / 2));
                var xb = Math.Min(w, xa + kx);
                var sum = SummedArea.Box(integral, w, xa, ya, xb, yb);
                result[(y * w) + x] = (float)(sum / ((xb - xa) * (yb - ya)));
            }
        }

        return result;
    }

    internal static float Select(Span<float> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = values[(lo + hi) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
