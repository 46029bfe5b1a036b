using System.Numerics;
using System.Runtime.InteropServices;

namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Where each pixel looks: column c sees scene x between Edges[c] and Edges[c+1] (either order: a
/// mirrored scan runs backwards); row r sees y between Top − (r+1)·Pitch and Top − r·Pitch.
/// </summary>
internal sealed record PixelGrid(double[] Edges, double Top, double PitchY, int Rows)
{
    public int Columns => Edges.Length - 1;

    /// <summary>The columns whose pixels overlap scene x ∈ [x0, x1], or null when none does.</summary>
    public (int First, int Last)? ColumnsOf(double x0, double x1)
    {
        int first = int.MaxValue, last = -1;
        for (var c = 0; c < Columns; c++)
        {
            var a = Math.Min(Edges[c], Edges[c + 1]);
            var b = Math.Max(Edges[c], Edges[c + 1]);
            if (b > x0 && a < x1)
            {
                first = Math.Min(first, c);
                last = Math.Max(last, c);
            }
        }

        return last < 0 ? null : (first, last);
    }

    /// <summary>The rows whose pixels overlap scene y ∈ [y0, y1] (clamped to the image), or null.</summary>
    public (int First, int Last)? RowsOf(double y0, double y1)
    {
        var first = Math.Max(0, (int)Math.Floor((Top - y1) / PitchY));
        var last = Math.Min(Rows - 1, (int)Math.Ceiling((Top - y0) / PitchY) - 1);
        return last < first ? null : (first, last);
    }
}

/// <summary>
/// Projects solids into transmission images, one per spectrum. Per column it sums the mass thickness of
/// each material along every row's ray (partial pixels by their covered fraction: a mean over the pixel
/// of the mass thickness, not of the transmission), then applies Beer–Lambert per row and energy with
/// vector arithmetic across rows.
/// </summary>
internal static class Projector
{
    public static float[][] Project(IReadOnlyList<Solid> solids, PixelGrid grid, IReadOnlyList<Spectrum> spectra, int textureSeed, CancellationToken cancellationToken)
    {
        var materials = Materials.All;
        var m = materials.Count;
        var rows = grid.Rows;
        var columns = grid.Columns;
        var byColumn = new List<int>[columns];
        var materialOf = new int[solids.Count];
        for (var s = 0; s < solids.Count; s++)
        {
            var solid = solids[s];
            materialOf[s] = IndexOf(materials, solid.Material);
            if (grid.ColumnsOf(solid.X0, solid.X1) is not { } span)
            {
                continue;
            }

            for (var c = span.First; c <= span.Last; c++)
            {
                (byColumn[c] ??= []).Add(s);
            }
        }

        // μ/ρ per spectrum, material and energy, flattened [spectrum][material * bins + bin].
        var mu = new float[spectra.Count][];
        var weights = new float[spectra.Count][];
        for (var k = 0; k < spectra.Count; k++)
        {
            var bins = spectra[k].EnergiesMeV.Count;
            mu[k] = new float[m * bins];
            weights[k] = [.. spectra[k].Weights.Select(w => (float)w)];
            for (var i = 0; i < m; i++)
            {
                for (var b = 0; b < bins; b++)
                {
                    mu[k][(i * bins) + b] = (float)materials[i].MassAttenuation(spectra[k].EnergiesMeV[b]);
                }
            }
        }

        var output = new float[spectra.Count][];
        for (var k = 0; k < spectra.Count; k++)
        {
            output[k] = new float[rows * columns];
        }

        var padded = (rows + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        var acc = new float[m][];
        for (var i = 0; i < m; i++)
        {
            acc[i] = new float[padded];
        }

        var sum = new float[padded];
        var attenuation = new float[padded];

        var used = new bool[m];
        var active = new int[m];
        for (var c = 0; c < columns; c++)
        {
            if ((c & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var xa = Math.Min(grid.Edges[c], grid.Edges[c + 1]);
            var xb = Math.Max(grid.Edges[c], grid.Edges[c + 1]);
            Array.Clear(used);
            foreach (var s in byColumn[c] ?? [])
            {
                var solid = solids[s];
                if (grid.RowsOf(solid.Y0, solid.Y1) is not { } span)
                {
                    continue;
                }

                var target = acc[materialOf[s]];
                if (!used[materialOf[s]])
                {
                    used[materialOf[s]] = true;
                    Array.Clear(target);
                }

                // A box's chord is the same on every row it covers fully: only edge rows need the full formula.
                var inner = solid.Shape == SolidShape.Box ? solid.MassThickness(xa, xb, solid.Y0, solid.Y1) : 0;
                for (var r = span.First; r <= span.Last; r++)
                {
                    var yb = grid.Top - (r * grid.PitchY);
                    var ya = yb - grid.PitchY;
                    var mass = solid.Shape == SolidShape.Box && ya >= solid.Y0 && yb <= solid.Y1 ? inner : solid.MassThickness(xa, xb, ya, yb);
                    if (mass != 0 && solid.Texture > 0)
                    {
                        mass *= 1 + (solid.Texture * ValueNoise.At((xa + xb) / 2 / solid.TextureCm, (ya + yb) / 2 / solid.TextureCm, textureSeed + s));
                    }

                    target[r] += (float)mass;
                }
            }

            var n = 0;
            for (var i = 0; i < m; i++)
            {
                if (used[i])
                {
                    // Removal solids may leave a rounding residue below zero.
                    var values = acc[i].AsSpan();
                    for (var r = 0; r < values.Length; r++)
                    {
                        values[r] = Math.Max(0f, values[r]);
                    }

                    active[n++] = i;
                }
            }

            for (var k = 0; k < spectra.Count; k++)
            {
                Transmit(acc, active.AsSpan(0, n), mu[k], weights[k], attenuation, sum, output[k], c, columns, rows);
            }
        }

        return output;
    }

    // Beer–Lambert for one column: per energy the attenuation is a weighted sum of the materials' mass
    // thicknesses over the whole column, then one vector exponential. Unchecked: the project checks
    // overflow everywhere, which costs in this loop, and nothing here can overflow.
    private static void Transmit(float[][] acc, ReadOnlySpan<int> active, float[] mu, float[] weights, float[] attenuation, float[] sum, float[] image, int column, int columns, int rows)
    {
        unchecked
        {
            var bins = weights.Length;
            var width = Vector<float>.Count;
            var blocks = sum.Length / width;
            var total = MemoryMarshal.Cast<float, Vector<float>>(sum.AsSpan());
            var att = MemoryMarshal.Cast<float, Vector<float>>(attenuation.AsSpan());
            total.Clear();
            for (var b = 0; b < bins; b++)
            {
                att.Clear();
                foreach (var i in active)
                {
                    var m = new Vector<float>(mu[(i * bins) + b]);
                    var x = MemoryMarshal.Cast<float, Vector<float>>(acc[i].AsSpan());
                    for (var v = 0; v < blocks; v++)
                    {
                        att[v] += m * x[v];
                    }
                }

                var w = new Vector<float>(weights[b]);
                for (var v = 0; v < blocks; v++)
                {
                    total[v] += w * FastMath.ExpNegative(att[v]);
                }
            }

            for (var r = 0; r < rows; r++)
            {
                image[(r * columns) + column] = sum[r];
            }
        }
    }

    private static int IndexOf(IReadOnlyList<Material> materials, Material material)
    {
        for (var i = 0; i < materials.Count; i++)
        {
            if (ReferenceEquals(materials[i], material) || materials[i] == material)
            {
                return i;
            }
        }

        throw new ArgumentException($"Material {material.Name} is not in Materials.All.", nameof(material));
    }
}

/// <summary>Smooth deterministic noise in [−1, 1]: bilinear between hashed lattice values.</summary>
internal static class ValueNoise
{
    public static double At(double x, double y, int seed)
    {
        var x0 = Math.Floor(x);
        var y0 = Math.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var ix = (int)x0;
        var iy = (int)y0;
        var a = Lattice(ix, iy, seed);
        var b = Lattice(ix + 1, iy, seed);
        var c = Lattice(ix, iy + 1, seed);
        var d = Lattice(ix + 1, iy + 1, seed);
        var top = a + ((b - a) * fx);
        var bottom = c + ((d - c) * fx);
        return top + ((bottom - top) * fy);
    }

    private static double Lattice(int x, int y, int seed)
    {
        unchecked
        {
            var h = (uint)((x * 374761393) + (y * 668265263) + (seed * 982451653));
            h = (h ^ (h >> 13)) * 1274126177u;
            h ^= h >> 16;
            return (h / (double)uint.MaxValue * 2) - 1;
        }
    }
}
