namespace Portcullis.Imaging.Analysis.Compare;

/// <summary>
/// One scan resampled onto the comparison's physical grid (square cells of <see cref="CellMm"/>): the
/// object's extent plus a margin maps linearly onto the grid, mirrored when the scan ran the other way.
/// Keeps the mapping so that boxes on the grid go back to the scan's own pixels.
/// </summary>
internal sealed class CommonGrid
{
    public const double CellMm = 10;

    public CommonGrid(AttenuationView view, int columns, int rows, double padX, double padY, bool mirrored, double blurCells, double snr)
    {
        Columns = columns;
        Rows = rows;
        Mirrored = mirrored;
        SourceX0 = view.X0 - padX;
        SourceY0 = view.Y0 - padY;
        ScaleX = (view.X1 - view.X0 + (2 * padX)) / columns;
        ScaleY = (view.Y1 - view.Y0 + (2 * padY)) / rows;
        SourceWidth = view.Width;
        SourceHeight = view.Height;
        var transmission = Resample(view);
        if (blurCells > 0)
        {
            transmission = ChangeMap.Blur(transmission, columns, rows, blurCells);
        }

        // A Gaussian of σ cells averages about 4πσ² cells' worth of independent noise (at least the cell itself).
        var independent = ScaleX * ScaleY * Math.Max(1, 4 * Math.PI * blurCells * blurCells);
        var floor = (float)view.ResolvableTransmission(independent, snr);
        Cells = new float[transmission.Length];
        Starved = new bool[transmission.Length];
        for (var i = 0; i < transmission.Length; i++)
        {
            Starved[i] = transmission[i] < floor;
            Cells[i] = -MathF.Log(Math.Max(transmission[i], floor));
        }
    }

    public int Columns { get; }

    public int Rows { get; }

    public bool Mirrored { get; }

    /// <summary>Attenuation −ln T of each cell's transmission at the common resolution, at most the floor's.</summary>
    public float[] Cells { get; }

    /// <summary>Cells darker than the image's own noise can resolve: "cannot tell", neither mass nor noise.</summary>
    public bool[] Starved { get; }

    public double ScaleX { get; }

    public double ScaleY { get; }

    private double SourceX0 { get; }

    private double SourceY0 { get; }

    private int SourceWidth { get; }

    private int SourceHeight { get; }

    /// <summary>The source column where grid position <paramref name="u"/> (fractional, cell edges at integers) lies.</summary>
    public double SourceX(double u)
    {
        var w = Mirrored ? Columns - u : u;
        return Math.Clamp(SourceX0 + (w * ScaleX), 0, SourceWidth);
    }

    public double SourceY(double v) => Math.Clamp(SourceY0 + (v * ScaleY), 0, SourceHeight);

    /// <summary>Grid position of a source column (the inverse of <see cref="SourceX"/>, for the change map).</summary>
    public double GridU(double x)
    {
        var w = (x - SourceX0) / ScaleX;
        return Mirrored ? Columns - w : w;
    }

    public double GridV(double y) => (y - SourceY0) / ScaleY;

    // Mean transmission over each cell's footprint from a summed-area table: what a coarser detector would have
    // counted; pixels outside the image count as air.
    private float[] Resample(AttenuationView view)
    {
        var w = view.Width;
        var h = view.Height;
        var sum = view.TransmissionSums;
        var xs = new (int A, int B, double Area)[Columns];
        for (var u = 0; u < Columns; u++)
        {
            var a = (int)Math.Round(SourceX0 + (u * ScaleX));
            var b = Math.Max(a + 1, (int)Math.Round(SourceX0 + ((u + 1) * ScaleX)));
            xs[u] = (Math.Clamp(a, 0, w), Math.Clamp(b, 0, w), b - a);
        }

        var cells = new float[Columns * Rows];
        for (var v = 0; v < Rows; v++)
        {
            var a = (int)Math.Round(SourceY0 + (v * ScaleY));
            var b = Math.Max(a + 1, (int)Math.Round(SourceY0 + ((v + 1) * ScaleY)));
            var y0 = Math.Clamp(a, 0, h);
            var y1 = Math.Clamp(b, 0, h);
            for (var u = 0; u < Columns; u++)
            {
                var (x0, x1, width) = xs[u];
                var inside = sum[(y1 * (w + 1)) + x1] - sum[(y0 * (w + 1)) + x1] - sum[(y1 * (w + 1)) + x0] + sum[(y0 * (w + 1)) + x0];
                var outside = (width * (b - a)) - ((x1 - x0) * (y1 - y0));
                var target = Mirrored ? Columns - 1 - u : u;
                cells[(v * Columns) + target] = (float)((inside + outside) / (width * (b - a)));
            }
        }

        return cells;
    }
}
