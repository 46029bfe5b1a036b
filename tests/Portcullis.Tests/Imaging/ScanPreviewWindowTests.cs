using OpenCvSharp;
using Portcullis.Imaging;

namespace Portcullis.Tests.Imaging;

/// <summary>The preview renderer: the automatic window and the downsampled 8-bit PNG.</summary>
public sealed class ScanPreviewWindowTests
{
    [Fact]
    public void The_window_is_the_first_and_ninety_ninth_percentile()
    {
        // 0..999 once each: the 1st percentile is 9, the 99th is 989 (rank floor(0.99 × 999) = 989).
        var pixels = Enumerable.Range(0, 1000).Select(i => (ushort)i).Reverse().ToArray();

        Assert.Equal((9, 989), ScanPreview.Window(pixels));
        Assert.Equal((7, 7), ScanPreview.Window([7, 7, 7]));
        Assert.Equal((0, 0), ScanPreview.Window([]));
    }

    [Fact]
    public void A_few_saturated_pixels_do_not_flatten_the_contrast()
    {
        // A ramp 10000..20000 with 0.5% of pixels at 65535 (a hot detector row): the ramp still spans 0..255.
        var width = 1000;
        var pixels = new ushort[width * 10];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = i < 50 ? (ushort)65535 : (ushort)(10000 + (10 * (i % width)));
        }

        var png = ScanPreview.Render(new ScanFrame(width, 10, pixels), maxWidth: 500);
        using var image = Cv2.ImDecode(png, ImreadModes.Unchanged);

        Assert.Equal((500, 5), (image.Cols, image.Rows));
        Assert.Equal(MatType.CV_8UC1, image.Type());
        Assert.True(image.At<byte>(3, 2) <= 5, $"left {image.At<byte>(3, 2)}");
        Assert.True(image.At<byte>(3, 495) >= 250, $"right {image.At<byte>(3, 495)}");
        Assert.InRange(image.At<byte>(3, 250), 110, 145);
    }
}
