using System.Numerics;

namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// What the detector does to the ideal transmission, in the order it happens: blur (point spread of
/// focal spot and scintillator, on the signal), quantum noise (Poisson from the quanta a pixel counts,
/// drawn as Gaussian with variance T/N₀), residual gain per row after calibration (bands along the
/// image), a residual dark offset; then the log encoding into 16 bits.
/// </summary>
internal static class Detector
{
    public static void Degrade(float[] image, int columns, int rows, ScannerSettings scanner, SeededRandom random)
    {
        if (scanner.BlurSigmaPixels > 0)
        {
            Blur(image, columns, rows, scanner.BlurSigmaPixels);
        }

        var gain = new double[rows];
        if (scanner.GainBands > 0)
        {
            // Detector boards of 32 channels share most of a calibration error; channels add their own.
            var board = 0.0;
            for (var r = 0; r < rows; r++)
            {
                if (r % 32 == 0)
                {
                    board = random.NextGaussian() * scanner.GainBands;
                }

                gain[r] = board + (random.NextGaussian() * scanner.GainBands / 3);
            }
        }

        var noise = scanner.OpenBeamQuanta > 0 ? 1 / scanner.OpenBeamQuanta : 0;
        for (var r = 0; r < rows; r++)
        {
            var g = 1 + gain[r];
            var row = image.AsSpan(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                double t = row[c];
                if (noise > 0)
                {
                    t += Math.Sqrt(Math.Max(t, 0) * noise) * random.NextGaussian();
                }

                row[c] = (float)((t * g) + scanner.DarkOffset);
            }
        }
    }

    /// <summary>value = 65535·(1 + ln T / ln R): open beam white, 1/R (the dynamic range) black.</summary>
    public static ushort[] Encode(float[] image, double dynamicRange)
    {
        var pixels = new ushort[image.Length];
        var floor = 1 / dynamicRange;
        var scale = 65535 / Math.Log(dynamicRange);
        for (var i = 0; i < image.Length; i++)
        {
            var t = Math.Clamp((double)image[i], floor, 1.0);
            pixels[i] = (ushort)Math.Round(65535 + (Math.Log(t) * scale));
        }

        return pixels;
    }

    /// <summary>The transmission a stored value stands for (the inverse of <see cref="Encode"/>).</summary>
    public static double Decode(ushort value, double dynamicRange) => Math.Exp(((value / 65535.0) - 1) * Math.Log(dynamicRange));

    private static void Blur(float[] image, int columns, int rows, double sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new float[(2 * radius) + 1];
        var total = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            total += kernel[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        for (var i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= (float)total;
        }

        // Along rows: a padded copy of the row makes the edges repeat without a clamp per tap.
        var line = new float[columns + (2 * radius)];
        for (var r = 0; r < rows; r++)
        {
            var row = image.AsSpan(r * columns, columns);
            row.CopyTo(line.AsSpan(radius));
            line.AsSpan(0, radius).Fill(row[0]);
            line.AsSpan(radius + columns).Fill(row[^1]);
            row.Clear();
            for (var k = 0; k < kernel.Length; k++)
            {
                Accumulate(row, line.AsSpan(k, columns), kernel[k]);
            }
        }

        // Along columns: whole rows at a time, so memory is read in order.
        var source = (float[])image.Clone();
        for (var r = 0; r < rows; r++)
        {
            var row = image.AsSpan(r * columns, columns);
            row.Clear();
            for (var k = -radius; k <= radius; k++)
            {
                var from = Math.Clamp(r + k, 0, rows - 1);
                Accumulate(row, source.AsSpan(from * columns, columns), kernel[k + radius]);
            }
        }
    }

    private static void Accumulate(Span<float> target, ReadOnlySpan<float> source, float weight)
    {
        var width = Vector<float>.Count;
        var w = new Vector<float>(weight);
        var i = 0;
        for (; i <= target.Length - width; i += width)
        {
            (new Vector<float>(target[i..]) + (w * new Vector<float>(source[i..]))).CopyTo(target[i..]);
        }

        for (; i < target.Length; i++)
        {
            target[i] += weight * source[i];
        }
    }
}
