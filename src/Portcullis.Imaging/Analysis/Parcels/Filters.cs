using OpenCvSharp;

namespace Portcullis.Imaging.Analysis.Parcels;

/// <summary>The few image kernels the parcel analysis needs, on row-major float maps.</summary>
internal static class Filters
{
    public static float[] Blur(float[] image, int width, int height, double sigma)
    {
        var result = new float[image.Length];
        using var source = Mat.FromPixelData(height, width, MatType.CV_32FC1, image);
        using var target = Mat.FromPixelData(height, width, MatType.CV_32FC1, result);
        Cv2.GaussianBlur(source, target, new Size(0, 0), sigma, sigma, BorderTypes.Replicate);
        return result;
    }

    public static float[] Resize(float[] image, int width, int height, int newWidth, int newHeight)
    {
        var result = new float[newWidth * newHeight];
        using var source = Mat.FromPixelData(height, width, MatType.CV_32FC1, image);
        using var target = Mat.FromPixelData(newHeight, newWidth, MatType.CV_32FC1, result);
        Cv2.Resize(source, target, new Size(newWidth, newHeight), 0, 0, InterpolationFlags.Cubic);
        return result;
    }

    /// <summary>The indices of the cells within <paramref name="radius"/> cells (a square) of a set cell of <paramref name="mask"/>.</summary>
    public static IEnumerable<int> Dilate(byte[] mask, int width, int height, int radius)
    {
        var result = new byte[mask.Length];
        using (var source = Mat.FromPixelData(height, width, MatType.CV_8UC1, mask))
        using (var target = Mat.FromPixelData(height, width, MatType.CV_8UC1, result))
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size((2 * radius) + 1, (2 * radius) + 1)))
        {
            Cv2.Dilate(source, target, kernel);
        }

        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] != 0)
            {
                yield return i;
            }
        }
    }

    public static float[] Subtract(float[] a, float[] b)
    {
        var result = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] - b[i];
        }

        return result;
    }

    /// <summary>The median of <paramref name="values"/> (0 when empty); sorts a copy.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    /// <summary>The median absolute value, sampled on a sparse grid: a robust noise level cheap enough for every scan.</summary>
    public static double MedianAbs(float[] image, int step)
    {
        var samples = new List<double>(image.Length / step + 1);
        for (var i = 0; i < image.Length; i += step)
        {
            samples.Add(Math.Abs(image[i]));
        }

        return Median(samples);
    }
}
